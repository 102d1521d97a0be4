import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../../i18n";
import { watchRawKeys } from "../../test/rawKeys";
import { mockGraphQL, renderApp, type GraphQLCall } from "../../test/render";
import manageCandidacies from "./i18n/fr.json";
import { PAGE_SIZE } from "./CandidaciesListPage";
import { CALL_ID, filterCalls, listPage, operationName, staffMe, statusCounts } from "./testFixtures";

/** A fake API with `total` candidacies, paged as the real one pages them. */
function fakeApi(total = 3) {
  return mockGraphQL((operation) => {
    switch (operationName(operation)) {
      case "Me":
        return staffMe();
      case "FilterCalls":
        return filterCalls();
      case "CandidacyStatusCounts":
        return statusCounts();
      case "ManagedCandidacies": {
        const after = operation.variables.after as string | null;
        const from = after ? Number(after.replace("cursor-", "")) : 0;
        return listPage(from, operation.variables.first as number, total);
      }
      default:
        throw new Error(`unexpected operation ${operation.query}`);
    }
  });
}

const listRequests = (calls: GraphQLCall[]) => calls.filter((call) => operationName(call) === "ManagedCandidacies");

describe("the list of candidacies received", () => {
  it("shows each candidacy's row with its count, in an accessible table", async () => {
    fakeApi(3);
    await renderApp("/manage/candidacies", "en");

    expect(await screen.findByRole("heading", { level: 1, name: "Candidacies received" })).toBeTruthy();
    expect(await screen.findByText("3 candidacies match these filters.")).toBeTruthy();
    const table = screen.getByRole("table", { name: "Candidacies, one per row" });
    expect(screen.getByRole("region", { name: "Candidacies, one per row" }).getAttribute("tabindex")).toBe("0");
    expect(within(table).getAllByRole("columnheader").map((th) => th.getAttribute("scope"))).toEqual(
      Array(8).fill("col"),
    );
    const first = within(table).getByRole("link", { name: "IMPACT-IA-2026-0001" });
    expect(first.getAttribute("href")).toBe("/manage/candidacies/candidacy-1");
    const cells = within(first.closest("tr") as HTMLElement);
    expect(cells.getByText("ACR1")).toBeTruthy();
    expect(cells.getByText("Submitted")).toBeTruthy();
    expect(cells.getByText("To be screened")).toBeTruthy();
    expect(cells.getByText(/Version 1 of March 30, 2027.*10:00/)).toBeTruthy();
    expect(cells.getByText("10 answers, 3 partners, 2 attachments")).toBeTruthy();
  });

  it("reads its filters from the address and asks the API for them", async () => {
    const calls = fakeApi(3);
    await renderApp(
      `/manage/candidacies?call=${CALL_ID}&status=SUBMITTED&eligibility=INELIGIBLE&organisation=organisation-1`,
      "en",
    );

    await screen.findByText("3 candidacies match these filters.");
    expect(listRequests(calls)[0]?.variables.filter).toEqual({
      callId: CALL_ID,
      status: "SUBMITTED",
      organisationId: "organisation-1",
      eligibility: "INELIGIBLE",
    });
    const counts = calls.find((call) => operationName(call) === "CandidacyStatusCounts");
    expect(counts?.variables).toEqual({ callId: CALL_ID, organisationId: "organisation-1", eligibility: "INELIGIBLE" });
    expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("SUBMITTED");
    expect((screen.getByLabelText("Eligibility") as HTMLSelectElement).value).toBe("INELIGIBLE");
    await waitFor(() => expect((screen.getByLabelText("Call") as HTMLSelectElement).value).toBe(CALL_ID));
    expect(screen.getByText("Lead organisation: Hôpital 1")).toBeTruthy();
    expect(screen.getByRole("option", { name: "Submitted (120)" })).toBeTruthy();
  });

  it("puts a changed filter in the address and loads the list again", async () => {
    const calls = fakeApi(3);
    await renderApp("/manage/candidacies", "en");
    await screen.findByText("3 candidacies match these filters.");

    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "WITHDRAWN" } });

    await waitFor(() => expect(listRequests(calls).at(-1)?.variables.filter).toMatchObject({ status: "WITHDRAWN" }));
    expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("WITHDRAWN");
    // A lead organisation's link filters on it, keeping the address shareable.
    fireEvent.click(screen.getByRole("link", { name: "Hôpital 2: show only its candidacies" }));
    await waitFor(() =>
      expect(listRequests(calls).at(-1)?.variables.filter).toEqual({
        callId: null,
        status: null,
        organisationId: "organisation-2",
        eligibility: null,
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Remove the organisation filter" }));
    await waitFor(() => expect(listRequests(calls).at(-1)?.variables.filter).toMatchObject({ organisationId: null }));
  });

  it("filters on the eligibility screening, kept in the address, with the counts under the same filter", async () => {
    const calls = fakeApi(3);
    const { address } = await renderApp("/manage/candidacies?status=SUBMITTED", "en");
    await screen.findByText("3 candidacies match these filters.");
    const select = screen.getByLabelText("Eligibility") as HTMLSelectElement;
    expect(select.value).toBe("");
    expect([...select.options].map((option) => option.text)).toEqual([
      "Any eligibility decision",
      "To be screened",
      "Eligible",
      "Ineligible",
    ]);

    fireEvent.change(select, { target: { value: "PENDING" } });

    await waitFor(() =>
      expect(listRequests(calls).at(-1)?.variables.filter).toEqual({
        callId: null,
        status: "SUBMITTED",
        organisationId: null,
        eligibility: "PENDING",
      }),
    );
    expect(address.search).toBe("?status=SUBMITTED&eligibility=PENDING");
    await waitFor(() =>
      expect(calls.filter((call) => operationName(call) === "CandidacyStatusCounts").at(-1)?.variables).toEqual({
        callId: null,
        organisationId: null,
        eligibility: "PENDING",
      }),
    );
    fireEvent.change(screen.getByLabelText("Eligibility"), { target: { value: "" } });
    await waitFor(() => expect(listRequests(calls).at(-1)?.variables.filter).toMatchObject({ eligibility: null }));
    expect(address.search).toBe("?status=SUBMITTED");
  });

  it("ignores an eligibility the screening does not record rather than sending it", async () => {
    const calls = fakeApi(3);
    await renderApp("/manage/candidacies?eligibility=MAYBE", "en");
    await screen.findByText("3 candidacies match these filters.");

    expect(listRequests(calls)[0]?.variables.filter).toMatchObject({ eligibility: null });
    expect((screen.getByLabelText("Eligibility") as HTMLSelectElement).value).toBe("");
  });

  it("loads the next page after the last cursor and moves the focus to its first row", async () => {
    const calls = fakeApi(1_000);
    await renderApp("/manage/candidacies", "en");
    expect(await screen.findByText(/1,000 candidacies match these filters\. 50 shown\./)).toBeTruthy();
    expect(listRequests(calls)[0]?.variables).toMatchObject({ first: PAGE_SIZE, after: null });

    fireEvent.click(screen.getByRole("button", { name: "Show the next candidacies" }));

    const next = await screen.findByRole("link", { name: "IMPACT-IA-2026-0051" });
    expect(listRequests(calls).at(-1)?.variables).toMatchObject({ first: PAGE_SIZE, after: "cursor-50" });
    await waitFor(() => expect(document.activeElement).toBe(next));
    expect(screen.getByText(/100 shown\./)).toBeTruthy();
  }, 20_000); // two pages of 50 rows take a few seconds to render in happy-dom

  it("says when no candidacy matches", async () => {
    fakeApi(0);
    await renderApp("/manage/candidacies", "fr");

    expect(await screen.findByText("Aucune candidature ne correspond à ces filtres.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByRole("button", { name: "Afficher les candidatures suivantes" })).toBeNull();
  });
});

describe("the list in each language", () => {
  const expectNoRawKey = watchRawKeys(manageCandidacies);

  const HEADINGS: Record<AppLanguage, string> = {
    fr: "Candidatures reçues",
    en: "Candidacies received",
    de: "Eingegangene Bewerbungen",
  };

  it.each(Object.keys(HEADINGS) as AppLanguage[])("renders in %s with no raw key", async (language) => {
    const calls = fakeApi(60);
    await renderApp("/manage/candidacies", language);

    expect(await screen.findByRole("heading", { level: 1, name: HEADINGS[language] })).toBeTruthy();
    await screen.findByRole("link", { name: "IMPACT-IA-2026-0001" });
    expect(listRequests(calls)[0]?.variables.language).toBe(language.toUpperCase());
    expectNoRawKey();
  });
});
