import { describe, expect, it } from "vitest";
import { meData } from "../test/fixtures";
import { apiValue, fieldValue } from "./answerValues";
import { accessOf, problemTarget } from "./model";
import { pollDelay } from "./ReceiptDownload";
import { candidacy } from "./testData";

const user = meData().me!;

describe("where a problem is fixed", () => {
  it.each([
    ["answers.summary", { section: "answers", id: "answer-summary" }],
    ["attachments.protocol", { section: "answers", id: "answer-protocol" }],
    ["partners", { section: "partners", id: "partners" }],
    ["partners[2].role", { section: "partners", id: "partners" }],
    ["emailInvitations", { section: "partners", id: "partners" }],
    ["budget", { section: "budget", id: "budget" }],
    ["budget[0].amountCents", { section: "budget", id: "budget" }],
    ["title", { section: "", id: "project-title" }],
    ["acronym", { section: "", id: "project-acronym" }],
    ["durationMonths", { section: "", id: "project-durationMonths" }],
    ["deadline", null],
    ["", null],
  ])("%s", (field, target) => {
    expect(problemTarget(field)).toEqual(target);
  });
});

describe("what the user may do", () => {
  it("lets the lead's members edit and submit while the server sees no timing problem", () => {
    expect(accessOf(candidacy(), user, [])).toEqual({ editContent: true, lead: true, readOnly: null });
  });

  it("follows the server's verdict on timing, whatever the device's clock", () => {
    expect(accessOf(candidacy(), user, [{ field: "deadline", code: "DEADLINE_PASSED", message: "", organisationName: null, country: null, minimum: null, maximum: null }])).toEqual({
      editContent: false,
      lead: false,
      readOnly: { kind: "deadline" },
    });
    expect(accessOf(candidacy(), user, [{ field: "call", code: "CALL_NOT_OPEN", message: "", organisationName: null, country: null, minimum: null, maximum: null }]).readOnly).toEqual({
      kind: "callNotOpen",
    });
  });

  it("lets an accepted partner the lead lets edit change the content, not submit", () => {
    const partnerOnly = candidacy({ leadOrganisation: { id: "T3JnOjk=", name: "Autre" } });
    expect(accessOf(partnerOnly, user, [])).toEqual({ editContent: true, lead: false, readOnly: null });
    const notAllowed = candidacy({
      leadOrganisation: { id: "T3JnOjk=", name: "Autre" },
      partners: [{ id: "UGFydG5lcjox", status: "ACCEPTED", canEdit: false, organisation: { id: "T3JnOjE=" } }],
    });
    expect(accessOf(notAllowed, user, null).readOnly).toEqual({ kind: "notEditor" });
  });

  it("reads a withdrawn candidacy only", () => {
    expect(accessOf(candidacy({ status: "WITHDRAWN" }), user, []).readOnly).toEqual({ kind: "status", status: "WITHDRAWN" });
  });
});

describe("answers between their field and the API", () => {
  it.each([
    ["TEXT", "Texte", "Texte", "Texte"],
    ["TEXT", null, "", null],
    ["NUMBER", 12.5, "12.5", "12.5"],
    ["DATE", "2027-09-01", "2027-09-01", "2027-09-01"],
    ["MULTI_CHOICE", ["a", 3, "b"], ["a", "b"], ["a", "b"]],
    ["MULTI_CHOICE", null, [], null],
    ["YES_NO", false, false, false],
    ["YES_NO", "yes", null, null],
  ] as const)("%s %j shows as %j and is sent as %j", (kind, stored, shown, sent) => {
    const value = fieldValue({ kind }, stored);
    expect(value).toEqual(shown);
    expect(apiValue(value)).toEqual(sent);
  });
});

describe("waiting for a receipt", () => {
  it("asks again less and less often, at most every 15 s", () => {
    expect([0, 1, 2, 10].map(pollDelay)).toEqual([1_500, 2_250, 3_375, 15_000]);
  });
});
