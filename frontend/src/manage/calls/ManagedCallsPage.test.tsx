import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../../i18n";
import { jsonResponse, mockFetch, mockGraphQL, renderApp } from "../../test/render";
import { callsApi, callsList, managedCall, manager, RAW_KEY, viewer } from "./testData";

const EXPECTED: Record<AppLanguage, { heading: string; draft: string; deadline: RegExp; create: string }> = {
  fr: { heading: "Appels gérés", draft: "Brouillon", deadline: /31 juillet 2027.*23:59/, create: "Créer un appel" },
  en: { heading: "Managed calls", draft: "Draft", deadline: /July 31, 2027.*11:59 PM/, create: "Create a call" },
  de: { heading: "Verwaltete Aufrufe", draft: "Entwurf", deadline: /31\. Juli 2027.*23:59/, create: "Aufruf anlegen" },
};

describe("the managed calls list", () => {
  it.each(Object.keys(EXPECTED) as AppLanguage[])("lists drafts with status, programme and deadline in the call's zone (%s)", async (language) => {
    const expected = EXPECTED[language];
    mockGraphQL(callsApi(manager()));
    await renderApp("/manage/calls", language);

    expect(await screen.findByRole("heading", { level: 1, name: expected.heading })).toBeTruthy();
    const row = (await screen.findByRole("link", { name: "AMI expérimentations" })).closest("tr") as HTMLElement;
    const cells = within(row);
    expect(cells.getByText(expected.draft)).toBeTruthy();
    expect(cells.getByText("Expérimentations IA")).toBeTruthy();
    // 21:59 UTC on 31 July is 23:59 in Paris, whatever the machine's zone.
    expect(cells.getByText(expected.deadline)).toBeTruthy();
    expect(screen.getByRole("link", { name: expected.create }).getAttribute("href")).toBe("/manage/calls/new");
    expect(document.body.textContent).not.toMatch(RAW_KEY);
  });

  it("shows the calls a page at a time, and the next page continues at its first call", async () => {
    const first = managedCall({ id: "call-1", titles: { fr: "Premier appel", en: null, de: null } });
    const second = managedCall({ id: "call-2", titles: { fr: "Second appel", en: null, de: null } });
    const pages = {
      first: { calls: { ...callsList([first]).calls, totalCount: 2, pageInfo: { hasNextPage: true, endCursor: "c1" } } },
      next: { calls: { ...callsList([second]).calls, totalCount: 2 } },
    };
    const requests = mockGraphQL(
      callsApi(manager(), { ManagedCalls: (operation) => (operation.variables.after === "c1" ? pages.next : pages.first) }),
    );
    await renderApp("/manage/calls", "en");

    expect(await screen.findByText("The first 1 calls of 2")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show the next calls" }));

    const next = await screen.findByRole("link", { name: "Second appel" });
    await waitFor(() => expect(document.activeElement).toBe(next));
    expect(screen.getByText("2 calls")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Show the next calls" })).toBeNull();
    const asked = requests.filter((r) => r.query.includes("query ManagedCalls")).map((r) => r.variables);
    expect(asked).toEqual([
      { language: "EN", first: 50, after: null },
      { language: "EN", first: 50, after: "c1" },
    ]);
  });

  it("offers a viewer no way to create a call, and says why", async () => {
    mockGraphQL(callsApi(viewer()));
    await renderApp("/manage/calls", "en");

    expect(await screen.findByText("You are reading your funder's calls: you cannot change them.")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Create a call" })).toBeNull();
  });

  it("announces an error the API returns", async () => {
    mockFetch((operation) =>
      operation.query.includes("query Me")
        ? jsonResponse({ data: manager() })
        : jsonResponse({ errors: [{ message: "Too many requests" }] }),
    );
    await renderApp("/manage/calls", "en");

    expect((await screen.findByRole("alert")).textContent).toContain("Too many requests");
  });
});
