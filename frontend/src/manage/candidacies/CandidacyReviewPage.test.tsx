import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../../i18n";
import { watchRawKeys } from "../../test/rawKeys";
import { mockGraphQL, renderApp, type GraphQLCall } from "../../test/render";
import manageCandidacies from "./i18n/fr.json";
import { CANDIDACY_ID, candidacy, operationName, staffMe } from "./testFixtures";

const PATH = `/manage/candidacies/${CANDIDACY_ID}`;

type Answer = (operation: GraphQLCall) => unknown;

/** A fake API: the staff member `me`, the candidacy, and `mutation` for either action. */
function fakeApi(options: { role?: "PROGRAMME_MANAGER" | "FUNDER_VIEWER"; mutation?: Answer } = {}) {
  return mockGraphQL((operation) => {
    switch (operationName(operation)) {
      case "Me":
        return staffMe(options.role);
      case "ManagedCandidacy":
        return candidacy();
      case "RecordEligibility":
      case "GrantCandidacyExtension":
        if (!options.mutation) throw new Error("no mutation expected");
        return options.mutation(operation);
      default:
        throw new Error(`unexpected operation ${operation.query}`);
    }
  });
}

const payload = (overrides: object = {}) => ({
  __typename: "CandidacyPayload",
  candidacy: {
    id: CANDIDACY_ID,
    status: "SUBMITTED",
    extendedDeadlineAt: "2027-04-03T16:00:00+00:00",
    deadlineLocal: "2027-04-03T18:00:00+02:00",
    eligibility: { decision: "ELIGIBLE", reason: null, decidedAt: "2027-04-10T08:00:00+00:00" },
    ...overrides,
  },
});

function form(name: string): HTMLFormElement {
  return screen.getByRole("form", { name }) as HTMLFormElement;
}

function chooseAndSubmitEligibility(decision: string, reason = "") {
  const eligibility = within(form("Eligibility screening"));
  fireEvent.click(eligibility.getByLabelText(decision));
  fireEvent.change(eligibility.getByLabelText(/^Reason/), { target: { value: reason } });
  fireEvent.click(eligibility.getByRole("button", { name: "Record the decision" }));
}

function typeAndSubmitExtension(until: string, reason = "") {
  const extension = within(form("Individual extension"));
  fireEvent.change(extension.getByLabelText(/^New deadline/), { target: { value: until } });
  fireEvent.change(extension.getByLabelText(/^Reason/), { target: { value: reason } });
  fireEvent.click(extension.getByRole("button", { name: "Grant the extension" }));
}

describe("a staff member's read of one candidacy", () => {
  it("shows the submitted version: summary, answers with their labels, partners, budget, files, versions", async () => {
    fakeApi();
    await renderApp(PATH, "en");

    expect(await screen.findByRole("heading", { level: 1, name: "TRIAGE-IA — Impact d'une aide au tri" })).toBeTruthy();
    expect(screen.getByText("IMPACT-IA-2026-0001")).toBeTruthy();
    expect(screen.getByText(/March 31, 2027.*11:59/)).toBeTruthy();
    expect(screen.getByText("Summary", { selector: "dt" })).toBeTruthy();
    expect(screen.getByText("Une étude avant/après.")).toBeTruthy();
    expect(screen.getByText("Care setting")).toBeTruthy();
    expect(screen.getByText("Emergency")).toBeTruthy();
    const partners = screen.getByRole("table", { name: "Organisations of the consortium" });
    expect(within(partners).getByRole("rowheader", { name: "Mistral AI" })).toBeTruthy();
    const budget = screen.getByRole("table", { name: "Budget lines" });
    expect(within(budget).getByText("€210,000")).toBeTruthy();
    const download = screen.getByRole("link", { name: "Download protocole.pdf (48 kB)" });
    expect(download.getAttribute("href")).toBe("/downloads/attachments/1");
    expect(screen.getByRole("link", { name: "Acknowledgement of receipt of version 1 (PDF)" }).getAttribute("href")).toBe(
      "/downloads/receipts/1",
    );
    expect(screen.getByText("Acknowledgement of receipt being prepared.")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Manager's actions" })).toBeTruthy();
  });

  it("offers a funder viewer no action", async () => {
    fakeApi({ role: "FUNDER_VIEWER" });
    await renderApp(PATH, "en");

    expect(await screen.findByText("You are reading this candidacy, without changing it.")).toBeTruthy();
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.queryByRole("button", { name: "Record the decision" })).toBeNull();
  });

  it("says when the candidacy is not there to read", async () => {
    mockGraphQL((operation) => (operationName(operation) === "Me" ? staffMe() : { candidacy: null }));
    await renderApp(PATH, "en");

    expect(await screen.findByRole("heading", { level: 1, name: "Candidacy not found" })).toBeTruthy();
  });
});

describe("eligibility screening", () => {
  it("records a decision with its reason", async () => {
    const calls = fakeApi({ mutation: () => ({ recordEligibility: payload() }) });
    await renderApp(PATH, "en");
    await screen.findByRole("form", { name: "Eligibility screening" });

    chooseAndSubmitEligibility("Ineligible", "Hors champ");

    expect(await screen.findByText("Eligibility decision recorded.")).toBeTruthy();
    const sent = calls.find((call) => operationName(call) === "RecordEligibility");
    expect(sent?.variables).toEqual({ id: CANDIDACY_ID, decision: "INELIGIBLE", reason: "Hors champ" });
  });

  const FIELD_ERRORS: Array<[string, string, string, string]> = [
    ["reason", "REQUIRED", "Reason", "Say why the candidacy is ineligible."],
    ["reason", "TOO_LONG", "Reason", "The reason has at most 2,000 characters."],
    ["decision", "CALL_NOT_CLOSED", "Decision", "Eligibility is screened once the call is closed."],
    ["decision", "INVALID", "Decision", "Choose “Eligible” or “Ineligible”."],
  ];

  it.each(FIELD_ERRORS)("shows %s %s next to its field", async (field, code, _label, message) => {
    fakeApi({
      mutation: () => ({ recordEligibility: { __typename: "InvalidInputError", fieldErrors: [{ field, code }] } }),
    });
    await renderApp(PATH, "en");
    await screen.findByRole("form", { name: "Eligibility screening" });

    chooseAndSubmitEligibility("Ineligible");

    const eligibility = within(form("Eligibility screening"));
    expect(await eligibility.findByText(message)).toBeTruthy();
    expect(eligibility.getByRole("alert").textContent).toContain("Correct the fields marked.");
    await waitFor(() => expect(form("Eligibility screening").contains(document.activeElement)).toBe(true));
  });

  const REFUSALS: Array<[string, object, string]> = [
    ["CandidacyNotEditableError", { status: "DRAFT" }, "Only a submitted candidacy can be screened."],
    ["NotFoundError", {}, "This candidacy does not exist or is not yours to read."],
    ["PermissionDeniedError", {}, "Your role does not allow this: only the call's managers do it."],
    ["AuthenticationRequiredError", {}, "Your session has ended: sign in again."],
  ];

  it.each(REFUSALS)("announces %s at the top of the form", async (typename, fields, message) => {
    fakeApi({ mutation: () => ({ recordEligibility: { __typename: typename, ...fields } }) });
    await renderApp(PATH, "en");
    await screen.findByRole("form", { name: "Eligibility screening" });

    chooseAndSubmitEligibility("Eligible");

    const alert = await within(form("Eligibility screening")).findByRole("alert");
    expect(alert.textContent).toContain(message);
  });
});

describe("an individual extension", () => {
  it("sends the deadline typed in the call's zone as an instant, with its reason", async () => {
    const calls = fakeApi({ mutation: () => ({ grantCandidacyExtension: payload() }) });
    await renderApp(PATH, "en");
    await screen.findByRole("form", { name: "Individual extension" });
    expect(screen.getByText(/call's time zone \(Europe\/Paris\)/)).toBeTruthy();

    typeAndSubmitExtension("2027-04-03T18:00", "Panne du SI");

    expect(await screen.findByText(/Extension granted until April 3, 2027.*06:00 PM/)).toBeTruthy();
    const sent = calls.find((call) => operationName(call) === "GrantCandidacyExtension");
    // 18:00 in Paris in April (summer time) is 16:00 UTC, whatever the device's zone.
    expect(sent?.variables).toEqual({ id: CANDIDACY_ID, until: "2027-04-03T16:00:00.000Z", reason: "Panne du SI" });
  });

  const FIELD_ERRORS: Array<[string, string, string]> = [
    ["until", "NOT_LATER", "The new deadline must be later than the call's deadline and than now."],
    ["until", "TOO_LATE", "The call is past its submission phase: no more extensions."],
    ["until", "NAIVE", "This date is not valid."],
    ["until", "OUT_OF_RANGE", "This date is outside the accepted years."],
    ["reason", "TOO_LONG", "The reason has at most 2,000 characters."],
  ];

  it.each(FIELD_ERRORS)("shows %s %s next to its field", async (field, code, message) => {
    fakeApi({
      mutation: () => ({ grantCandidacyExtension: { __typename: "InvalidInputError", fieldErrors: [{ field, code }] } }),
    });
    await renderApp(PATH, "en");
    await screen.findByRole("form", { name: "Individual extension" });

    typeAndSubmitExtension("2027-03-01T18:00");

    const extension = within(form("Individual extension"));
    expect(await extension.findByText(message)).toBeTruthy();
    expect(extension.getByRole("alert").textContent).toContain("Correct the fields marked.");
  });

  const REFUSALS: Array<[string, object, string]> = [
    ["CandidacyNotEditableError", { status: "WITHDRAWN" }, "A withdrawn candidacy gets no extension."],
    ["NotFoundError", {}, "This candidacy does not exist or is not yours to read."],
    ["PermissionDeniedError", {}, "Your role does not allow this: only the call's managers do it."],
    ["AuthenticationRequiredError", {}, "Your session has ended: sign in again."],
  ];

  it.each(REFUSALS)("announces %s at the top of the form", async (typename, fields, message) => {
    fakeApi({ mutation: () => ({ grantCandidacyExtension: { __typename: typename, ...fields } }) });
    await renderApp(PATH, "en");
    await screen.findByRole("form", { name: "Individual extension" });

    typeAndSubmitExtension("2027-04-03T18:00");

    const alert = await within(form("Individual extension")).findByRole("alert");
    expect(alert.textContent).toContain(message);
    await waitFor(() => expect(form("Individual extension").contains(document.activeElement)).toBe(true));
  });
});

describe("the candidacy in each language", () => {
  const expectNoRawKey = watchRawKeys(manageCandidacies);

  const EXPECTED: Record<AppLanguage, { label: string; choice: string; actions: string }> = {
    fr: { label: "Lieu de soins", choice: "Urgences", actions: "Actions du gestionnaire" },
    en: { label: "Care setting", choice: "Emergency", actions: "Manager's actions" },
    de: { label: "Versorgungsbereich", choice: "Notaufnahme", actions: "Aktionen der Verantwortlichen" },
  };

  it.each(Object.keys(EXPECTED) as AppLanguage[])("renders in %s with no raw key", async (language) => {
    fakeApi();
    await renderApp(PATH, language);

    const expected = EXPECTED[language];
    expect(await screen.findByText(expected.label)).toBeTruthy();
    expect(screen.getByText(expected.choice)).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: expected.actions })).toBeTruthy();
    expectNoRawKey();
  });
});
