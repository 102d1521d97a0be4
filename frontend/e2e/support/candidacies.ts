import type { APIRequestContext, Browser } from "@playwright/test";
import { DEMO_PASSWORD, demoEmail, expectSuccess, graphql, signInThroughApi } from "./api";

/**
 * Candidacies of their own for end-to-end paths, made through the API so that no demo object
 * other paths rely on changes: a call the demo's DGOS manager creates and publishes (its deadline
 * where the path needs it, a small form of every question kind), a fresh applicant the demo's
 * platform admin creates, with an organisation of their own, and its candidacy.
 */

/** The form of the calls made here: one question of each kind. */
export const QUESTIONS = [
  { key: "summary", kind: "TEXT", required: true, maxLength: 500, label: { fr: "Résumé", en: "Summary", de: "Zusammenfassung" } },
  { key: "sites", kind: "NUMBER", required: true, minValue: "1", maxValue: "10", label: { fr: "Nombre de sites", en: "Number of sites", de: "Anzahl der Standorte" } },
  { key: "start_date", kind: "DATE", required: true, label: { fr: "Démarrage prévu", en: "Planned start", de: "Geplanter Beginn" } },
  {
    key: "device_class",
    kind: "CHOICE",
    required: true,
    label: { fr: "Classe du dispositif", en: "Device class", de: "Produktklasse" },
    choices: [
      { value: "i", label: { fr: "Classe I", en: "Class I", de: "Klasse I" } },
      { value: "iia", label: { fr: "Classe IIa", en: "Class IIa", de: "Klasse IIa" } },
    ],
  },
  {
    key: "settings",
    kind: "MULTI_CHOICE",
    required: false,
    label: { fr: "Lieux de soins", en: "Care settings", de: "Versorgungsbereiche" },
    choices: [
      { value: "hospital", label: { fr: "Hôpital", en: "Hospital", de: "Krankenhaus" } },
      { value: "primary", label: { fr: "Soins primaires", en: "Primary care", de: "Primärversorgung" } },
    ],
  },
  { key: "ce_marked", kind: "YES_NO", required: true, label: { fr: "Marqué CE ?", en: "CE-marked?", de: "CE-gekennzeichnet?" } },
  { key: "protocol", kind: "FILE", required: true, label: { fr: "Protocole", en: "Protocol", de: "Protokoll" } },
] as const;

/** Answers to every question but the file, as the API takes them. */
export const COMPLETE_ANSWERS = [
  { questionKey: "summary", value: "Une étude avant/après dans deux services." },
  { questionKey: "sites", value: 2 },
  { questionKey: "start_date", value: "2027-09-01" },
  { questionKey: "device_class", value: "iia" },
  { questionKey: "ce_marked", value: true },
];

const REQUESTED_CENTS = 5_000_000;

async function signedIn(browser: Browser, baseURL: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL });
  await signInThroughApi(context.request, email, password);
  return context;
}

/** A call of the DGOS programme Impact IA, published and open from an hour ago until `deadline`. */
export async function createOpenCall(browser: Browser, baseURL: string, deadline: Date): Promise<string> {
  const manager = await signedIn(browser, baseURL, demoEmail("manager"), DEMO_PASSWORD);
  try {
    const { programmes } = await graphql(manager.request, `{ programmes(first: 100) { edges { node { id code funder { id } } } } }`);
    const programme = programmes.edges.map((e: any) => e.node).find((p: any) => p.code === "IMPACT-IA");
    const stamp = `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
    const text = (prefix: string) => ({ fr: `${prefix} ${stamp}`, en: `${prefix} ${stamp}`, de: `${prefix} ${stamp}` });
    const created = await graphql(
      manager.request,
      `mutation ($input: CreateCallInput!) { createCall(input: $input) { __typename ... on CallPayload { call { id } } ... on Error { message } } }`,
      {
        input: {
          programmeId: programme.id,
          reference: `E2E-CAND-${stamp}`.slice(0, 40),
          kind: "AAP",
          title: text("Appel de test e2e"),
          description: text("Appel créé par un test de bout en bout"),
          budgetEnvelopeCents: 100_000_000,
          funders: [{ funderId: programme.funder.id, shareCents: 100_000_000 }],
          timeline: {
            timezone: "Europe/Paris",
            opensAt: new Date(Date.now() - 3_600_000).toISOString(),
            deadlineAt: deadline.toISOString(),
          },
          questions: QUESTIONS,
          grid: {
            criteria: [{ key: "quality", label: { fr: "Qualité", en: "Quality", de: "Qualität" }, weight: "1", scaleMin: "0", scaleMax: "5", step: "1" }],
          },
        },
      },
    );
    const callId = expectSuccess(created.createCall, "CallPayload").call.id as string;
    const published = await graphql(
      manager.request,
      `mutation ($id: ID!) { publishCall(id: $id) { __typename ... on Error { message } } }`,
      { id: callId },
    );
    expectSuccess(published.publishCall, "CallPayload");
    return callId;
  } finally {
    await manager.close();
  }
}

/** A new account (made by the demo's platform admin), signed in on `request`, with an
 * organisation of its own (a German company: a registry id, no SIRET to invent). */
export async function createApplicant(
  browser: Browser,
  baseURL: string,
  request: APIRequestContext,
  language: "FR" | "EN" | "DE",
): Promise<{ email: string; password: string; organisationId: string }> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const email = `candidacy.e2e.${stamp}@example.org`;
  const password = "candidacy-e2e-password";
  const admin = await signedIn(browser, baseURL, demoEmail("admin"), DEMO_PASSWORD);
  try {
    const created = await graphql(
      admin.request,
      `mutation ($email: String!, $password: String!, $language: Language!) {
        createUser(email: $email, fullName: "Sam Applicant", password: $password, language: $language) { __typename ... on Error { message } }
      }`,
      { email, password, language },
    );
    expectSuccess(created.createUser, "UserPayload");
  } finally {
    await admin.close();
  }
  await signInThroughApi(request, email, password);
  const organisation = await graphql(
    request,
    `mutation ($input: CreateOrganisationInput!) {
      createOrganisation(input: $input) { __typename ... on OrganisationPayload { organisation { id } } ... on Error { message } }
    }`,
    { input: { name: `Testlabor ${stamp}`, kind: "COMPANY", country: "DE", registryId: `HRB ${stamp}` } },
  );
  const organisationId = expectSuccess(organisation.createOrganisation, "OrganisationPayload").organisation.id as string;
  return { email, password, organisationId };
}

/**
 * A draft on `callId` led by `organisationId`, through `request` (signed in as one of its
 * members): its consortium and budget set (their screens are other paths'), and, with
 * `answers`, those answers given.
 */
export async function createCandidacy(
  request: APIRequestContext,
  { callId, organisationId, answers = [] }: { callId: string; organisationId: string; answers?: readonly unknown[] },
): Promise<string> {
  const created = await graphql(
    request,
    `mutation ($callId: ID!, $organisationId: ID!) {
      createCandidacy(callId: $callId, organisationId: $organisationId, title: "Étude TRIAGE e2e", acronym: "TRIAGE-E2E", durationMonths: 24) {
        __typename ... on CandidacyPayload { candidacy { id } } ... on Error { message }
      }
    }`,
    { callId, organisationId },
  );
  const id = expectSuccess(created.createCandidacy, "CandidacyPayload").candidacy.id as string;
  const edit = async (mutation: string, variables: Record<string, unknown>, field: string) =>
    expectSuccess((await graphql(request, mutation, { id, ...variables }))[field], "CandidacyPayload");
  await edit(
    `mutation ($id: ID!, $partners: [PartnerInput!]!) { setCandidacyPartners(id: $id, partners: $partners) { __typename ... on Error { message } } }`,
    { partners: [{ organisationId, role: "LEAD", requestedShareCents: REQUESTED_CENTS }] },
    "setCandidacyPartners",
  );
  await edit(
    `mutation ($id: ID!, $lines: [BudgetLineInput!]!) { setCandidacyBudget(id: $id, lines: $lines) { __typename ... on Error { message } } }`,
    { lines: [{ organisationId, category: "STAFF", amountCents: REQUESTED_CENTS, label: "Équipe" }] },
    "setCandidacyBudget",
  );
  if (answers.length > 0) {
    await edit(
      `mutation ($id: ID!, $answers: [AnswerInput!]!) { saveCandidacyAnswers(id: $id, answers: $answers) { __typename ... on Error { message } } }`,
      { answers },
      "saveCandidacyAnswers",
    );
  }
  return id;
}

/** Uploads a file answer through the API (multipart, as the page does). */
export async function uploadThroughApi(request: APIRequestContext, candidacyId: string, questionKey: string, pdf: Buffer) {
  const response = await request.post("/graphql", {
    headers: { "X-Requested-With": "aap" },
    multipart: {
      operations: JSON.stringify({
        query: `mutation ($id: ID!, $key: String!, $file: Upload!) { uploadAttachment(candidacyId: $id, questionKey: $key, file: $file) { __typename } }`,
        variables: { id: candidacyId, key: questionKey, file: null },
      }),
      map: JSON.stringify({ "0": ["variables.file"] }),
      "0": { name: `${questionKey}.pdf`, mimeType: "application/pdf", buffer: pdf },
    },
  });
  const body = (await response.json()) as { data?: { uploadAttachment: { __typename: string } } };
  expectSuccess(body.data!.uploadAttachment, "AttachmentPayload");
}
