import { meData } from "../test/fixtures";
import { jsonResponse, mockFetch, type GraphQLCall } from "../test/render";
import type { CandidacyEditorQuery, SubmissionCheckQuery } from "./gql/graphql";
import type { Candidacy } from "./model";

/** Test data for the candidacy editor: a draft led by the signed-in user's organisation
 * (meData's AP-HP), on a call with a question of each kind. */
export const CANDIDACY_ID = "Q2FuZGlkYWN5OjE=";
export const SERVER_TIME = "2027-03-01T09:00:00+00:00";

const text = (fr: string, en: string, de: string) => ({ fr, en, de });
const noHelp = { fr: null, en: null, de: null };

export function candidacy(overrides: Partial<Candidacy> = {}): Candidacy {
  return {
    id: CANDIDACY_ID,
    reference: null,
    status: "DRAFT",
    title: "Aide au tri des urgences",
    acronym: "TRIAGE",
    durationMonths: 24,
    submittedVersion: 0,
    lastSubmittedAt: null,
    hasUnsubmittedChanges: false,
    extendedDeadlineAt: null,
    deadlineLocal: "2027-03-31T12:00:00+02:00",
    leadOrganisation: { id: "T3JnOjE=", name: "AP-HP" },
    partners: [{ id: "UGFydG5lcjox", status: "ACCEPTED", canEdit: true, organisation: { id: "T3JnOjE=" } }],
    answers: [
      { questionKey: "summary", value: "Une étude" },
      { questionKey: "sites", value: 2 },
    ],
    attachments: [
      {
        id: "QXR0YWNobWVudDox",
        questionKey: "protocol",
        name: "protocole.pdf",
        contentType: "application/pdf",
        sizeBytes: 125_000,
        uploadedAt: "2027-02-20T13:05:00+00:00",
        downloadUrl: "/downloads/attachments/1",
      },
    ],
    versions: [],
    call: {
      id: "Q2FsbDoy",
      reference: "AAP-2027-01",
      title: "IA et parcours de soins",
      languages: ["FR", "EN", "DE"],
      status: "OPEN",
      timeline: {
        timezone: "Europe/Paris",
        opensAt: "2027-01-10T08:00:00+00:00",
        deadlineAt: "2027-03-31T10:00:00+00:00",
      },
      eligibility: { minDurationMonths: 12, maxDurationMonths: 36 },
      questions: [
        { key: "summary", kind: "TEXT", required: true, maxLength: 500, minValue: null, maxValue: null, label: text("Résumé", "Summary", "Zusammenfassung"), helpText: text("En quelques phrases", "In a few sentences", "In wenigen Sätzen"), choices: [] },
        { key: "sites", kind: "NUMBER", required: true, maxLength: null, minValue: "1.0000", maxValue: "10.0000", label: text("Nombre de sites", "Number of sites", "Anzahl der Standorte"), helpText: noHelp, choices: [] },
        { key: "start", kind: "DATE", required: false, maxLength: null, minValue: null, maxValue: null, label: text("Démarrage", "Start", "Beginn"), helpText: noHelp, choices: [] },
        {
          key: "class", kind: "CHOICE", required: true, maxLength: null, minValue: null, maxValue: null, label: text("Classe", "Class", "Klasse"), helpText: noHelp,
          choices: [
            { value: "i", label: text("Classe I", "Class I", "Klasse I") },
            { value: "iia", label: text("Classe IIa", "Class IIa", "Klasse IIa") },
          ],
        },
        {
          key: "settings", kind: "MULTI_CHOICE", required: false, maxLength: null, minValue: null, maxValue: null, label: text("Lieux", "Settings", "Bereiche"), helpText: noHelp,
          choices: [
            { value: "hospital", label: text("Hôpital", "Hospital", "Krankenhaus") },
            { value: "primary", label: text("Ville", "Primary care", "Primärversorgung") },
          ],
        },
        { key: "ce", kind: "YES_NO", required: true, maxLength: null, minValue: null, maxValue: null, label: text("Marqué CE", "CE-marked", "CE-gekennzeichnet"), helpText: noHelp, choices: [] },
        { key: "protocol", kind: "FILE", required: true, maxLength: null, minValue: null, maxValue: null, label: text("Protocole", "Protocol", "Protokoll"), helpText: noHelp, choices: [] },
      ],
    },
    ...overrides,
  };
}

export function editorData(overrides: Partial<Candidacy> = {}): CandidacyEditorQuery {
  return { serverTime: SERVER_TIME, candidacy: candidacy(overrides) };
}

export function checkData(
  problems: {
    field: string;
    code: string;
    organisationName?: string | null;
    country?: string | null;
    minimum?: number | null;
    maximum?: number | null;
  }[] = [],
): SubmissionCheckQuery {
  const none = { organisationName: null, country: null, minimum: null, maximum: null };
  return {
    serverTime: SERVER_TIME,
    submissionCheck: problems.map((problem) => ({ ...none, ...problem, message: "in English" })),
  };
}

/** The fake API of the editor: the shell's queries answered, `mutations` answering the rest
 * (by operation name); returns the operations received. */
export function mockEditor(
  {
    editor = editorData(),
    check = checkData(),
  }: { editor?: CandidacyEditorQuery; check?: SubmissionCheckQuery } = {},
  mutations: (operation: GraphQLCall) => unknown | Promise<unknown> = () => {
    throw new Error("no mutation expected");
  },
): GraphQLCall[] {
  return mockFetch((operation) => {
    const { query } = operation;
    if (query.includes("query Me")) return jsonResponse({ data: meData() });
    if (query.includes("query CandidacyEditor")) return jsonResponse({ data: editor });
    if (query.includes("query SubmissionCheck")) return jsonResponse({ data: check });
    const answer = mutations(operation);
    if (answer instanceof Promise) {
      return answer.then((data) => jsonResponse({ data })) as unknown as Response;
    }
    return jsonResponse({ data: answer });
  });
}

/** The operations named `name` among those received. */
export function sent(operations: GraphQLCall[], name: string): GraphQLCall[] {
  return operations.filter((operation) => operation.query.includes(name));
}

