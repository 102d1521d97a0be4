import type { Page } from "@playwright/test";
import { graphql, signInThroughApi, signOutThroughApi } from "./api";
import { expect } from "./fixtures";

/** Demo people by their key: `<key>@demo.aap.example`. */
export const DEMO = {
  manager: "manager@demo.aap.example", // programme manager, DGOS (funds IMPACT-IA)
  viewer: "viewer@demo.aap.example", // funder viewer, Anap
  anapManager: "manager.anap@demo.aap.example", // programme manager, Anap
  // Admin of the Charité, which no other spec gives candidacies to (AP-HP has the demo's own).
  applicant: "applicant.charite@demo.aap.example",
} as const;

/** Signs the page's context in as the demo person `email` (the application's HttpOnly cookie). */
export async function signInAs(page: Page, email: string): Promise<void> {
  await signInThroughApi(page.request, email);
}

export interface OwnCandidacy {
  id: string;
  callId: string;
  /** The call's reference (IMPACT-IA-...), as its staff search it. */
  callReference: string;
  /** The call's deadline as its own clock shows it, with the offset ("2027-01-14T23:59:59+01:00"). */
  deadlineLocal: string;
  timezone: string;
}

/**
 * A fresh draft of the demo applicant (the Charité) on the open call IMPACT-IA, made through the API
 * so the demo's own candidacies stay as other specs expect them. Leaves the page signed out.
 */
export async function createOwnDraft(page: Page, title: string): Promise<OwnCandidacy> {
  await signInAs(page, DEMO.applicant);
  const found = await graphql(
    page.request,
    `{ me { memberships { organisation { id name } } }
       calls(first: 100) { edges { node { id reference status timeline { timezone deadlineLocal } } } } }`,
  );
  const call = found.calls.edges
    .map((edge: { node: any }) => edge.node)
    .find((node: { reference: string }) => node.reference.startsWith("IMPACT-IA"));
  const organisation = found.me.memberships[0].organisation;
  const created = await graphql(
    page.request,
    `mutation($callId: ID!, $organisationId: ID!, $title: String!) {
      createCandidacy(callId: $callId, organisationId: $organisationId, title: $title, acronym: "E2E") {
        __typename ... on CandidacyPayload { candidacy { id } } ... on Error { message }
      }
    }`,
    { callId: call.id, organisationId: organisation.id, title },
  );
  expect(created.createCandidacy.__typename, created.createCandidacy.message).toBe("CandidacyPayload");
  await signOutThroughApi(page.request);
  return {
    id: created.createCandidacy.candidacy.id,
    callId: call.id,
    callReference: call.reference,
    deadlineLocal: call.timeline.deadlineLocal,
    timezone: call.timeline.timezone,
  };
}

/** A wall time `days` after the day of `deadlineLocal`, at `time`, for a datetime-local field. */
export function daysAfter(deadlineLocal: string, days: number, time = "18:00"): string {
  const day = new Date(`${deadlineLocal.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return `${day.toISOString().slice(0, 10)}T${time}`;
}

/** A mutation's union result, failing the test with its message unless it is `expected`. */
async function mutate(page: Page, field: string, expected: string, query: string, variables = {}) {
  const data = await graphql(page.request, query, variables);
  const result = data[field];
  expect(result.__typename, `${field}: ${JSON.stringify(result)}`).toBe(expected);
  return result;
}

const ERRORS = "... on Error { message } ... on InvalidInputError { fieldErrors { field code message } }";

export interface ScreenableCandidacy {
  id: string;
  callId: string;
  /** The answer it was submitted with (question "summary"). */
  summary: string;
}

/**
 * A candidacy that can be screened, the spec's own (the demo has none): the DGOS manager
 * opens a call co-funded by Anap (Anap's manager accepts, so Anap's viewer reads it too) with
 * one text question and a deadline `secondsOpen` from now; the Charité's applicant submits to
 * it (an answer, the lead's share and a budget line); once the deadline has passed the call
 * is closed (eligibility is screened on CLOSED calls only). Leaves the page signed out.
 */
export async function createScreenableCandidacy(page: Page, secondsOpen = 20): Promise<ScreenableCandidacy> {
  await signInAs(page, DEMO.manager);
  const found = await graphql(
    page.request,
    "{ programmes(first: 100) { edges { node { id code funder { id } } } } funders(first: 100) { edges { node { id code } } } }",
  );
  const programme = found.programmes.edges
    .map((edge: { node: any }) => edge.node)
    .find((node: { code: string }) => node.code === "IMPACT-IA");
  const anap = found.funders.edges.map((edge: { node: any }) => edge.node).find((node: { code: string }) => node.code === "ANAP");
  const now = Date.now();
  const deadline = new Date(now + secondsOpen * 1000);
  const text = (fr: string, en: string, de: string) => ({ fr, en, de });
  const { call } = await mutate(page, "createCall", "CallPayload", `mutation($input: CreateCallInput!) {
      createCall(input: $input) { __typename ... on CallPayload { call { id } } ${ERRORS} } }`, {
    input: {
      programmeId: programme.id,
      reference: `E2E-SCREEN-${now}`,
      kind: "AAP",
      title: text("Appel e2e à examiner", "E2E call to screen", "E2E-Aufruf zur Prüfung"),
      budgetEnvelopeCents: 100_000_00,
      funders: [
        { funderId: programme.funder.id, shareCents: 90_000_00 },
        { funderId: anap.id, shareCents: 10_000_00 }, // so Anap's viewer reads its candidacies
      ],
      timeline: {
        timezone: "Europe/Paris",
        opensAt: new Date(now - 60_000).toISOString(),
        deadlineAt: deadline.toISOString(),
      },
      questions: [
        { key: "summary", kind: "TEXT", label: text("Résumé", "Summary", "Zusammenfassung"), required: true, maxLength: 2000 },
      ],
      grid: {
        criteria: [
          { key: "quality", label: text("Qualité", "Quality", "Qualität"), weight: "1", scaleMin: "0", scaleMax: "5", step: "1" },
        ],
      },
    },
  });
  await signOutThroughApi(page.request);
  await signInAs(page, DEMO.anapManager);
  await mutate(page, "respondToCoFunding", "CallPayload", `mutation($callId: ID!, $funderId: ID!) {
      respondToCoFunding(callId: $callId, funderId: $funderId, accept: true) { __typename ${ERRORS} } }`, {
    callId: call.id,
    funderId: anap.id,
  });
  await signOutThroughApi(page.request);
  await signInAs(page, DEMO.manager);
  const transition: Transition = (to: string) =>
    graphql(
      page.request,
      `mutation($id: ID!, $to: CallStatus!) { transitionCall(id: $id, to: $to) { __typename ${ERRORS} ... on InvalidTransitionError { currentStatus } } }`,
      { id: call.id, to },
    );
  await mutate(page, "publishCall", "CallPayload", `mutation($id: ID!) { publishCall(id: $id) { __typename ${ERRORS} } }`, {
    id: call.id,
  });
  // Published after its opening, it accepts candidacies at once (its status follows the clock).
  await signOutThroughApi(page.request);

  await signInAs(page, DEMO.applicant);
  const me = await graphql(page.request, "{ me { memberships { organisation { id } } } }");
  const organisationId = me.me.memberships[0].organisation.id;
  const summary = "Étude avant/après dans quatre services d'urgences (e2e).";
  const { candidacy } = await mutate(page, "createCandidacy", "CandidacyPayload", `mutation($callId: ID!, $org: ID!) {
      createCandidacy(callId: $callId, organisationId: $org, title: "Tri aux urgences (e2e)", acronym: "TRI-E2E",
        durationMonths: 12) { __typename ... on CandidacyPayload { candidacy { id } } ${ERRORS} } }`, {
    callId: call.id,
    org: organisationId,
  });
  await mutate(page, "saveCandidacyAnswers", "CandidacyPayload", `mutation($id: ID!, $answers: [AnswerInput!]!) {
      saveCandidacyAnswers(id: $id, answers: $answers) { __typename ${ERRORS} } }`, {
    id: candidacy.id,
    answers: [{ questionKey: "summary", value: summary }],
  });
  await mutate(page, "setCandidacyPartners", "CandidacyPayload", `mutation($id: ID!, $partners: [PartnerInput!]!) {
      setCandidacyPartners(id: $id, partners: $partners) { __typename ${ERRORS} } }`, {
    id: candidacy.id,
    partners: [{ organisationId, role: "LEAD", requestedShareCents: 50_000_00 }],
  });
  await mutate(page, "setCandidacyBudget", "CandidacyPayload", `mutation($id: ID!, $lines: [BudgetLineInput!]!) {
      setCandidacyBudget(id: $id, lines: $lines) { __typename ${ERRORS} } }`, {
    id: candidacy.id,
    lines: [{ organisationId, category: "STAFF", amountCents: 50_000_00, label: "ARC" }],
  });
  await mutate(page, "submitCandidacy", "SubmitCandidacyPayload", `mutation($id: ID!) {
      submitCandidacy(id: $id) { __typename ${ERRORS} ... on SubmissionRejectedError { problems { field code } } } }`, {
    id: candidacy.id,
  });
  await signOutThroughApi(page.request);

  await signInAs(page, DEMO.manager);
  await page.waitForTimeout(Math.max(0, deadline.getTime() - Date.now() + 1_000));
  await closeCall(transition);
  await signOutThroughApi(page.request);
  return { id: candidacy.id, callId: call.id, summary };
}

type Transition = (to: string) => Promise<Record<string, any>>;

/**
 * The call past its deadline, stored CLOSED: by the manager's hand, or already by the workers'
 * scheduler (which also opens a published call at its opening), whichever came first.
 */
async function closeCall(transition: Transition): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = (await transition("CLOSED")).transitionCall;
    if (result.__typename === "CallPayload" || result.currentStatus === "CLOSED") return;
    expect(result, "only a call still PUBLISHED is opened first").toMatchObject({ currentStatus: "PUBLISHED" });
    await transition("OPEN");
  }
  throw new Error("the spec's call could not be closed");
}
