import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../i18n";
import { callsListData } from "../test/fixtures";
import { jsonResponse, mockFetch, mockGraphQL, renderApp } from "../test/render";

const EXPECTED: Record<AppLanguage, { heading: string; open: string; deadline: RegExp; api: string }> = {
  fr: { heading: "Appels à projets", open: "Ouvert", deadline: /Date limite : 31 mars 2027 .*12:00/, api: "FR" },
  en: { heading: "Calls for projects", open: "Open", deadline: /Deadline: March 31, 2027.*12:00/, api: "EN" },
  de: { heading: "Projektaufrufe", open: "Offen", deadline: /Frist: 31\. März 2027.*12:00/, api: "DE" },
};

describe("the list of calls", () => {
  it("puts open calls first, keeping the API's order otherwise", async () => {
    mockGraphQL(() => callsListData());
    await renderApp("/calls");

    const titles = (await screen.findAllByRole("heading", { level: 2 })).map((h) => h.textContent);
    expect(titles).toEqual(["Open call", "Closed call", "Upcoming call"]);
  });

  it.each(Object.keys(EXPECTED) as AppLanguage[])("renders in %s", async (language) => {
    const expected = EXPECTED[language];
    const requests = mockGraphQL(() => callsListData());
    await renderApp("/", language);

    expect(screen.getByRole("heading", { level: 1, name: expected.heading })).toBeTruthy();
    const open = (await screen.findByRole("link", { name: /Open call/ })).closest("li");
    expect(open).not.toBeNull();
    const card = within(open as HTMLElement);
    expect(card.getByText(expected.open)).toBeTruthy();
    // 10:00 UTC is 12:00 in Berlin, the call's zone, whatever the machine's zone.
    expect(card.getByText(expected.deadline)).toBeTruthy();
    expect(open?.querySelector("a")?.getAttribute("href")).toBe("/calls/Q2FsbDoy");
    expect(requests[0]?.variables).toMatchObject({ language: expected.api });
    expect(document.documentElement.lang).toBe(language);
  });

  it("announces an error the API returns", async () => {
    mockFetch(() => jsonResponse({ errors: [{ message: "Too many requests" }] }));
    await renderApp("/calls", "en");

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The request was refused: Too many requests");
  });
});
