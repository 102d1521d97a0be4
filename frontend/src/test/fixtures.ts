import type { CallPageQuery, CallsListQuery, MeQuery } from "../gql/graphql";

type ListCall = CallsListQuery["calls"]["edges"][number]["node"];

function listCall(overrides: Partial<ListCall> & Pick<ListCall, "id" | "title">): ListCall {
  return {
    reference: `REF-${overrides.id}`,
    kind: "AAP",
    languages: ["FR", "EN", "DE"],
    status: "OPEN",
    isOpenNow: true,
    timeline: {
      timezone: "Europe/Paris",
      opensAt: "2027-01-10T08:00:00+00:00",
      deadlineAt: "2027-03-31T10:00:00+00:00",
    },
    ...overrides,
  };
}

/** Three calls in an order the page must fix: the open one comes first. */
export const CALLS: ListCall[] = [
  listCall({ id: "Q2FsbDox", title: "Closed call", status: "CLOSED", isOpenNow: false }),
  listCall({
    id: "Q2FsbDoy",
    title: "Open call",
    status: "OPEN",
    isOpenNow: true,
    timeline: {
      timezone: "Europe/Berlin",
      opensAt: "2027-01-10T08:00:00+00:00",
      deadlineAt: "2027-03-31T10:00:00+00:00", // 12:00 in Berlin (CEST from 28 March)
    },
  }),
  listCall({ id: "Q2FsbDoz", title: "Upcoming call", status: "PUBLISHED", isOpenNow: false }),
];

export function callsListData(calls: ListCall[] = CALLS): CallsListQuery {
  return { calls: { totalCount: calls.length, edges: calls.map((node) => ({ node })) } };
}

export const DEADLINE = "2027-03-31T10:00:00+00:00";

export function callPageData(serverTime: string): CallPageQuery {
  return {
    serverTime,
    call: {
      id: "Q2FsbDoy",
      reference: "AAP-2027-01",
      kind: "AAP",
      title: "IA et parcours de soins",
      descriptionHtml: "<h2>Objectifs</h2><p>Des projets qui <strong>améliorent</strong> les parcours.</p>",
      status: "OPEN",
      isOpenNow: true,
      languages: ["FR", "DE"],
      themes: ["IA", "Santé"],
      budgetEnvelope: { cents: 500_000_000, currency: "EUR" },
      capPerCandidacy: { cents: 50_000_000, currency: "EUR" },
      timeline: {
        timezone: "Europe/Paris",
        opensAt: "2027-01-10T08:00:00+00:00",
        deadlineAt: DEADLINE,
        decisionDate: "2027-06-30",
        projectStartDate: null,
      },
      eligibility: {
        requiredPartnerCountries: [{ country: "DE", minPartners: 1 }],
        allowedOrganisationKinds: ["HEALTH_ESTABLISHMENT", "ACADEMIC_LAB"],
        requiredDocumentKeys: ["budget"],
        minDurationMonths: 12,
        maxDurationMonths: 36,
        minPartners: 2,
        maxPartners: null,
      },
      programme: { name: "France 2030" },
      funders: [{ status: "ACCEPTED", funder: { name: "Ministère de la Santé" } }],
      questions: [
        {
          key: "budget",
          kind: "FILE",
          required: false,
          label: { fr: "Budget détaillé", en: "Detailed budget", de: null },
        },
      ],
    },
  };
}

/** `me` for a signed-in applicant, admin of one organisation. */
export function meData(): MeQuery {
  return {
    me: {
      id: "VXNlcjox",
      email: "applicant.aphp@demo.aap.example",
      fullName: "Alice Martin",
      language: "FR",
      roles: [{ role: "EXPERT", funder: null }],
      memberships: [{ role: "ADMIN", organisation: { id: "T3JnOjE=", name: "AP-HP" } }],
    },
  };
}
