import type { MeQuery } from "../../gql/graphql";
import type { ManagedCallFieldsFragment, ManagedCallsQuery, ProgrammesAndFundersQuery } from "../gql/graphql";
import type { GraphQLCall } from "../../test/render";

/** Fixtures of the manager's call screens (tests only). */
export const DGOS = { id: "RnVuZGVyOjE=", code: "DGOS", name: "DGOS" };
export const ANAP = { id: "RnVuZGVyOjI=", code: "ANAP", name: "Anap" };

export function me(roles: NonNullable<MeQuery["me"]>["roles"]): MeQuery {
  return {
    me: { id: "VXNlcjo5", email: "someone@demo.aap.example", fullName: "Julien Moreau", language: "FR", roles, memberships: [] },
  };
}
export const manager = () => me([{ role: "PROGRAMME_MANAGER", funder: { id: DGOS.id, name: DGOS.name } }]);
export const anapManager = () => me([{ role: "PROGRAMME_MANAGER", funder: { id: ANAP.id, name: ANAP.name } }]);
export const viewer = () => me([{ role: "FUNDER_VIEWER", funder: { id: ANAP.id, name: ANAP.name } }]);

export const catalogue = (): ProgrammesAndFundersQuery => ({
  programmes: {
    edges: [
      { node: { id: "UHJvZzox", code: "IMPACT-IA", name: "AAP Impact IA", funder: { id: DGOS.id, code: "DGOS" } } },
      { node: { id: "UHJvZzoz", code: "AMI-IA-ETS", name: "Expérimentations IA", funder: { id: DGOS.id, code: "DGOS" } } },
    ],
  },
  funders: { edges: [{ node: DGOS }, { node: ANAP }] },
});

export function managedCall(overrides: Partial<ManagedCallFieldsFragment> = {}): ManagedCallFieldsFragment {
  return {
    id: "Q2FsbDo3",
    reference: "AMI-IA-ETS-2027",
    kind: "AMI",
    status: "DRAFT",
    publishedAt: null,
    titles: { fr: "AMI expérimentations", en: null, de: null },
    descriptions: { fr: "Un AMI.", en: null, de: null },
    themes: [],
    budgetEnvelope: { cents: 200_000_000, currency: "EUR" },
    capPerCandidacy: { cents: 15_000_000, currency: "EUR" },
    programme: { id: "UHJvZzoz", code: "AMI-IA-ETS", name: "Expérimentations IA", funder: { id: DGOS.id } },
    funders: [
      { status: "ACCEPTED", respondedAt: null, share: { cents: 150_000_000, currency: "EUR" }, funder: DGOS },
      { status: "PENDING", respondedAt: null, share: { cents: 50_000_000, currency: "EUR" }, funder: ANAP },
    ],
    timeline: {
      timezone: "Europe/Paris",
      opensAt: "2027-06-01T22:00:00Z",
      deadlineAt: "2027-07-31T21:59:00Z",
      reviewDeadlineAt: null,
      decisionDate: "2027-08-22",
      projectStartDate: "2027-09-01",
    },
    eligibility: {
      requiredPartnerCountries: [{ country: "FR", minPartners: 1 }],
      allowedOrganisationKinds: ["HEALTH_ESTABLISHMENT"],
      requiredDocumentKeys: ["budget"],
      minDurationMonths: 6,
      maxDurationMonths: 18,
      minPartners: null,
      maxPartners: null,
    },
    questions: [
      {
        key: "use_case",
        kind: "TEXT",
        label: { fr: "Cas d'usage", en: "Use case", de: null },
        helpText: { fr: null, en: null, de: null },
        required: true,
        maxLength: 2000,
        minValue: null,
        maxValue: null,
        choices: [],
      },
    ],
    grid: {
      overallThreshold: "2.5",
      expertsPerCandidacy: 2,
      blindReview: false,
      criteria: [
        {
          key: "maturity",
          label: { fr: "Maturité", en: "Maturity", de: "Reifegrad" },
          weight: "2",
          scaleMin: "0",
          scaleMax: "5",
          step: "0.5",
          threshold: null,
        },
      ],
    },
    ...overrides,
  };
}

export const callsList = (calls: ManagedCallFieldsFragment[] = [managedCall()]): ManagedCallsQuery => ({
  calls: {
    totalCount: calls.length,
    pageInfo: { hasNextPage: false, endCursor: null },
    edges: calls.map((call) => ({
      node: {
        id: call.id,
        reference: call.reference,
        kind: call.kind,
        title: call.titles.fr ?? "",
        status: call.status,
        programme: call.programme && { id: call.programme.id, name: call.programme.name },
        timeline: { timezone: call.timeline.timezone, deadlineAt: call.timeline.deadlineAt },
      },
    })),
  },
});

/** The operation's name, to answer each one in a fake API. */
export const operationName = (operation: GraphQLCall) => /(?:query|mutation)\s+(\w+)/.exec(operation.query)?.[1];

/** A fake API for these screens: `me`, the list, the catalogue and one call, plus `extra`. */
export function callsApi(
  session: MeQuery,
  extra: Record<string, (operation: GraphQLCall) => unknown> = {},
  call: ManagedCallFieldsFragment = managedCall(),
) {
  return (operation: GraphQLCall): unknown => {
    const name = operationName(operation) ?? "";
    if (extra[name]) return extra[name](operation);
    switch (name) {
      case "Me":
        return session;
      case "ManagedCalls":
        return callsList([call]);
      case "ManagedCall":
        return { call };
      case "ProgrammesAndFunders":
        return catalogue();
      default:
        throw new Error(`unexpected operation ${name}`);
    }
  };
}

/** Text that looks like an i18n key left untranslated ("list.title", "problems.REQUIRED"). */
export const RAW_KEY = /\b(list|status|kinds|languages|access|sections|fields|funders|coFunding|timeline|eligibility|organisationKinds|questions|questionKinds|choices|grid|list_editing|translations|view|new|templates|save|lifecycle|deadline|errors|problems)\.[A-Za-z_]+/;
