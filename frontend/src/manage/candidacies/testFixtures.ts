/** Answers of a fake API for this area's tests (never imported by the application). */
import type { MeQuery } from "../../gql/graphql";
import type { GraphQLCall } from "../../test/render";
import type {
  CandidacyStatusCountsQuery,
  FilterCallByIdQuery,
  FilterCallSearchQuery,
  ManagedCandidaciesQuery,
  ManagedCandidacyQuery,
} from "../gql/graphql";

export const CALL_ID = "Q2FsbDox";
export const CANDIDACY_ID = "Q2FuZGlkYWN5OjE=";

type Role = NonNullable<MeQuery["me"]>["roles"][number]["role"];

/** `me` for a staff member with `role` (DGOS's programme manager, or Anap's viewer). */
export function staffMe(role: Role = "PROGRAMME_MANAGER"): MeQuery {
  return {
    me: {
      id: "VXNlcjoy",
      email: "manager@demo.aap.example",
      fullName: "Marie Gestion",
      language: "FR",
      roles: [{ role, funder: { id: "RnVuZGVyOjE=", name: "DGOS" } }],
      memberships: [],
    },
  };
}

type Row = ManagedCandidaciesQuery["candidacies"]["edges"][number]["node"];

export function row(n: number, overrides: Partial<Row> = {}): Row {
  return {
    id: `candidacy-${n}`,
    reference: `IMPACT-IA-2026-${String(n).padStart(4, "0")}`,
    acronym: `ACR${n}`,
    title: `Étude ${n}`,
    status: "SUBMITTED",
    submittedVersion: 1,
    lastSubmittedAt: "2027-03-30T08:00:00+00:00",
    eligibility: { decision: "PENDING" },
    counts: { answers: 10, partners: 3, attachments: 2 },
    leadOrganisation: { id: `organisation-${n}`, name: `Hôpital ${n}` },
    call: { id: CALL_ID, reference: "IMPACT-IA-2026", title: "Impact IA", timeline: { timezone: "Europe/Paris" } },
    ...overrides,
  };
}

/** A page of `size` candidacies starting at `from`, out of `total`. */
export function listPage(from: number, size: number, total: number): ManagedCandidaciesQuery {
  const rows = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => row(from + i + 1));
  return {
    candidacies: {
      totalCount: total,
      pageInfo: { hasNextPage: from + rows.length < total, endCursor: rows.length ? `cursor-${from + rows.length}` : null },
      edges: rows.map((node) => ({ node })),
    },
  };
}

export function statusCounts(): CandidacyStatusCountsQuery {
  return {
    draft: { totalCount: 4 },
    submitted: { totalCount: 120 },
    withdrawn: { totalCount: 1 },
    notSubmitted: { totalCount: 2 },
  };
}

/** The calls a fake API knows (ids are the API's global ids of Call 1 and Call 2). */
export const FILTER_CALLS = [
  { id: CALL_ID, reference: "IMPACT-IA-2026", title: "Impact IA" },
  { id: "Q2FsbDoy", reference: "AMI-IA-URG-2026", title: "AMI urgences" },
] as const;

/** `calls(filter: {search})`: the known calls whose reference or title holds the words, out of `total`. */
export function searchCalls(search: string | null, total?: number): FilterCallSearchQuery {
  const words = (search ?? "").toLowerCase();
  const found = FILTER_CALLS.filter((call) => `${call.reference} ${call.title}`.toLowerCase().includes(words));
  return {
    calls: { totalCount: total ?? found.length, edges: found.map((call) => ({ node: { ...call } })) },
  };
}

/** `call(id:)`: a known call, or null as the API answers for one the reader may not read. */
export function callById(id: string): FilterCallByIdQuery {
  const call = FILTER_CALLS.find((known) => known.id === id);
  return { call: call ? { ...call } : null };
}

export type Candidacy = NonNullable<ManagedCandidacyQuery["candidacy"]>;

export function candidacy(overrides: Partial<Candidacy> = {}): ManagedCandidacyQuery {
  const euros = (cents: number) => ({ cents, currency: "EUR" });
  const label = (fr: string, en: string, de: string) => ({ fr, en, de });
  return {
    candidacy: {
      id: CANDIDACY_ID,
      reference: "IMPACT-IA-2026-0001",
      status: "SUBMITTED",
      title: "Impact d'une aide au tri",
      acronym: "TRIAGE-IA",
      durationMonths: 24,
      createdAt: "2027-03-01T08:00:00+00:00",
      submittedVersion: 2,
      lastSubmittedAt: "2027-03-30T08:00:00+00:00",
      hasUnsubmittedChanges: false,
      extendedDeadlineAt: null,
      deadlineLocal: "2027-03-31T23:59:59+02:00",
      eligibility: { decision: "PENDING", reason: null, decidedAt: null },
      counts: { answers: 2, partners: 2, attachments: 1, budgetLines: 2 },
      leadOrganisation: { id: "T3JnOjE=", name: "AP-HP" },
      call: {
        id: CALL_ID,
        reference: "IMPACT-IA-2026",
        title: "Impact IA",
        status: "CLOSED",
        timeline: { timezone: "Europe/Paris", deadlineAt: "2027-03-31T21:59:59+00:00" },
        questions: [
          { key: "summary", kind: "TEXT", label: label("Résumé", "Summary", "Zusammenfassung"), choices: [] },
          {
            key: "setting",
            kind: "CHOICE",
            label: label("Lieu de soins", "Care setting", "Versorgungsbereich"),
            choices: [{ value: "er", label: label("Urgences", "Emergency", "Notaufnahme") }],
          },
          { key: "protocol", kind: "FILE", label: label("Protocole", "Protocol", "Protokoll"), choices: [] },
        ],
      },
      answers: [
        { questionKey: "summary", value: "Une étude avant/après." },
        { questionKey: "setting", value: "er" },
      ],
      partners: [
        {
          id: "UGFydG5lcjox",
          role: "LEAD",
          status: "ACCEPTED",
          requestedShare: euros(18_000_000),
          organisation: { id: "T3JnOjE=", name: "AP-HP", country: "FR" },
        },
        {
          id: "UGFydG5lcjoy",
          role: "PARTNER",
          status: "ACCEPTED",
          requestedShare: euros(6_000_000),
          organisation: { id: "T3JnOjI=", name: "Mistral AI", country: "FR" },
        },
      ],
      budget: [
        { category: "STAFF", label: "ARC", amount: euros(15_000_000), organisation: { id: "T3JnOjE=", name: "AP-HP" } },
        { category: "STAFF", label: "", amount: euros(6_000_000), organisation: { id: "T3JnOjI=", name: "Mistral AI" } },
      ],
      budgetTotal: euros(21_000_000),
      attachments: [
        { id: "QXR0OjE=", questionKey: "protocol", name: "protocole.pdf", sizeBytes: 48_000, downloadUrl: "/downloads/attachments/1" },
      ],
      versions: [
        { number: 1, submittedAt: "2027-03-20T08:00:00+00:00", receiptUrl: "/downloads/receipts/1", documentUrl: "/downloads/versions/1" },
        { number: 2, submittedAt: "2027-03-30T08:00:00+00:00", receiptUrl: null, documentUrl: "/downloads/versions/2" },
      ],
      ...overrides,
    },
  };
}

/** The operation's name, to answer each with its data. */
export const operationName = (operation: GraphQLCall) => /(?:query|mutation) (\w+)/.exec(operation.query)?.[1];
