import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../../i18n";
import { watchRawKeys } from "../../test/rawKeys";
import { mockGraphQL, renderApp, type GraphQLCall } from "../../test/render";
import manageCandidacies from "./i18n/fr.json";
import { PAGE_SIZE } from "./CandidaciesListPage";
import { CALL_RESULTS } from "./CallFilter";
import { CALL_ID, callById, listPage, operationName, searchCalls, staffMe, statusCounts } from "./testFixtures";

/**
 * A fake API with `total` candidacies, paged as the real one pages them; a call search finds
 * `callsFound` calls in all when given (more than the two it knows, to see the rest left off).
 */
function fakeApi(total = 3, callsFound?: number) {
  return mockGraphQL(answers(total, callsFound));
}

/** What the fake API answers (see `fakeApi`). */
function answers(total: number, callsFound?: number) {
  return (operation: GraphQLCall) => {
    switch (operationName(operation)) {
      case "Me":
        return staffMe();
      case "FilterCallSearch":
        return searchCalls(operation.variables.search as string | null, callsFound);
      case "FilterCallById":
        return callById(operation.variables.id as string);
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
  };
}

const requestsOf = (calls: GraphQLCall[], name: string) => calls.filter((call) => operationName(call) === name);
const listRequests = (calls: GraphQLCall[]) => requestsOf(calls, "ManagedCandidacies");
const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

/** Sends `words` through the call filter's search (English). */
async function searchFor(words: string) {
  change(await screen.findByRole("searchbox", { name: /^Search for a call/ }), words);
  fireEvent.submit(screen.getByRole("search", { name: "Search for a call" }));
}

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
    // The call is named from its id (one small read), whatever a search would hold.
    expect(await screen.findByText("Call: IMPACT-IA-2026 — Impact IA")).toBeTruthy();
    expect(requestsOf(calls, "FilterCallById").map((call) => call.variables)).toEqual([
      { id: CALL_ID, language: "EN" },
    ]);
    expect(requestsOf(calls, "FilterCallSearch")).toEqual([]);
    expect(screen.queryByRole("searchbox")).toBeNull();
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

describe("the call filter", () => {
  it("reads no call until asked, then sends the words and offers the matching calls", async () => {
    const calls = fakeApi(3);
    await renderApp("/manage/candidacies", "en");
    await screen.findByText("3 candidacies match these filters.");
    // No capped list of calls is loaded with the page any more.
    expect(calls.filter((call) => operationName(call)?.startsWith("FilterCall"))).toEqual([]);

    await searchFor("  urgences ");

    expect(await screen.findByText("1 call found.")).toBeTruthy();
    expect(requestsOf(calls, "FilterCallSearch").map((call) => call.variables)).toEqual([
      { search: "urgences", first: CALL_RESULTS, language: "EN" },
    ]);
    expect(screen.getByRole("radio", { name: "AMI-IA-URG-2026 — AMI urgences" })).toBeTruthy();
    expect(screen.queryByRole("radio", { name: /^IMPACT-IA-2026/ })).toBeNull();
    // An empty search lists the calls (the API's first page), not nothing.
    await searchFor("");
    expect(await screen.findByText("2 calls found.")).toBeTruthy();
    expect(requestsOf(calls, "FilterCallSearch").at(-1)?.variables).toEqual({
      search: null,
      first: CALL_RESULTS,
      language: "EN",
    });
  });

  it("says when more calls match than it shows, and when none does", async () => {
    fakeApi(3, 45);
    await renderApp("/manage/candidacies", "en");
    await searchFor("IA");
    expect(await screen.findByText("45 calls found. Only the first 2 are shown: refine the search.")).toBeTruthy();
  });

  it("says when no call matches", async () => {
    fakeApi(3);
    await renderApp("/manage/candidacies", "de");
    change(await screen.findByRole("searchbox", { name: /^Ausschreibung suchen/ }), "nichts");
    fireEvent.submit(screen.getByRole("search"));
    expect(await screen.findByText("Keine Ausschreibung gefunden.")).toBeTruthy();
    expect(screen.queryByRole("radio")).toBeNull();
  });

  it("puts the chosen call in the address and the list's filter, names it and moves the focus", async () => {
    const calls = fakeApi(3);
    const { address } = await renderApp("/manage/candidacies?status=SUBMITTED", "en");
    await screen.findByText("3 candidacies match these filters.");
    await searchFor("ia");
    await screen.findByText("2 calls found.");
    const choose = screen.getByRole("form", { name: "Call to filter on" });

    fireEvent.submit(choose);
    expect(await within(choose).findByText("Choose a call among the results.")).toBeTruthy();
    expect(address.search).toBe("?status=SUBMITTED");
    // The focus goes where the missing choice is said: the group's first radio.
    expect(document.activeElement).toBe(within(choose).getAllByRole("radio")[0]);

    fireEvent.click(within(choose).getByRole("radio", { name: /^AMI-IA-URG-2026/ }));
    fireEvent.click(within(choose).getByRole("button", { name: "Show only its candidacies" }));

    await waitFor(() => expect(address.search).toBe("?call=Q2FsbDoy&status=SUBMITTED"));
    await waitFor(() =>
      expect(listRequests(calls).at(-1)?.variables.filter).toEqual({
        callId: "Q2FsbDoy",
        status: "SUBMITTED",
        organisationId: null,
        eligibility: null,
      }),
    );
    expect(requestsOf(calls, "CandidacyStatusCounts").at(-1)?.variables).toMatchObject({ callId: "Q2FsbDoy" });
    expect(await screen.findByText("Call: AMI-IA-URG-2026 — AMI urgences")).toBeTruthy();
    const clear = screen.getByRole("button", { name: "Remove the call filter" });
    await waitFor(() => expect(document.activeElement).toBe(clear));
    // The results named it already: no second read of the call.
    expect(requestsOf(calls, "FilterCallById")).toEqual([]);
    expect(screen.queryByRole("searchbox")).toBeNull();
  });

  it("removes the call filter from the address and the list, back to the search field", async () => {
    const calls = fakeApi(3);
    const { address } = await renderApp(`/manage/candidacies?call=${CALL_ID}&status=SUBMITTED`, "en");
    await screen.findByText("Call: IMPACT-IA-2026 — Impact IA");

    fireEvent.click(screen.getByRole("button", { name: "Remove the call filter" }));

    await waitFor(() => expect(address.search).toBe("?status=SUBMITTED"));
    await waitFor(() => expect(listRequests(calls).at(-1)?.variables.filter).toMatchObject({ callId: null }));
    const field = await screen.findByRole("searchbox", { name: /^Search for a call/ });
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.queryByText(/^Call: /)).toBeNull();
  });

  it("says so when the address's call cannot be read, and still filters on it", async () => {
    const calls = fakeApi(3);
    await renderApp("/manage/candidacies?call=Q2FsbDo5OQ==", "en");

    expect(await screen.findByText("Filtered on a call you may not read, or that no longer exists.")).toBeTruthy();
    expect(listRequests(calls)[0]?.variables.filter).toMatchObject({ callId: "Q2FsbDo5OQ==" });
    expect(screen.getByRole("button", { name: "Remove the call filter" })).toBeTruthy();
  });
});

describe("the call filter when the address's call cannot be read for now", () => {
  it("says it could not be read (not that it is gone) and reads it again when asked", async () => {
    let unreachable = true;
    const answer = answers(3);
    const calls = mockGraphQL((operation) => {
      if (operationName(operation) === "FilterCallById" && unreachable) throw new TypeError("Failed to fetch");
      return answer(operation);
    });
    await renderApp("/manage/candidacies?call=Q2FsbDoy", "en");

    expect(await screen.findByText("Filtered on a call that could not be read.")).toBeTruthy();
    expect(screen.queryByText("Filtered on a call you may not read, or that no longer exists.")).toBeNull();
    unreachable = false;
    fireEvent.click(screen.getByRole("button", { name: "Read the call again" }));

    expect(await screen.findByText("Call: AMI-IA-URG-2026 — AMI urgences")).toBeTruthy();
    expect(requestsOf(calls, "FilterCallById")).toHaveLength(2);
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
    // The call filter's search and results, in the same language.
    fireEvent.submit(screen.getByRole("search"));
    await screen.findByRole("radio", { name: /^AMI-IA-URG-2026/ });
    expect(requestsOf(calls, "FilterCallSearch")[0]?.variables.language).toBe(language.toUpperCase());
    expectNoRawKey();
  });
});
