/** Test helpers of the consortium sections: a fake API over fixtures, and a renderer. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { startI18n, type AppLanguage } from "../../i18n";
import { mockGraphQL, type GraphQLCall } from "../../test/render";
import type { ConsortiumCandidacy } from "./types";

export const CANDIDACY_ID = "Q2FuZGlkYWN5OjE=";
const euros = (cents: number) => ({ cents, currency: "EUR" });

/** A draft led by AP-HP, with Mistral AI accepted and Charité invited, as its lead reads it. */
export function consortiumFixture(overrides: Partial<ConsortiumCandidacy> = {}): ConsortiumCandidacy {
  const organisation = (id: string, name: string, country = "FR") => ({ id, name, country });
  return {
    id: CANDIDACY_ID,
    status: "DRAFT",
    call: { id: "Q2FsbDox", timeline: { timezone: "Europe/Paris" }, capPerCandidacy: euros(30_000_000) },
    leadOrganisation: { id: "org-aphp", name: "AP-HP" },
    partners: [
      {
        id: "partner-aphp",
        role: "LEAD",
        status: "ACCEPTED",
        canEdit: true,
        invitedAt: null,
        respondedAt: null,
        requestedShare: euros(15_000_000),
        organisation: organisation("org-aphp", "AP-HP"),
      },
      {
        id: "partner-mistral",
        role: "PARTNER",
        status: "ACCEPTED",
        canEdit: false,
        invitedAt: "2026-11-01T10:00:00Z",
        respondedAt: "2026-11-02T10:00:00Z",
        requestedShare: euros(10_000_000),
        organisation: organisation("org-mistral", "Mistral AI"),
      },
      {
        id: "partner-charite",
        role: "SUBCONTRACTOR",
        status: "PENDING",
        canEdit: false,
        invitedAt: "2026-11-03T10:00:00Z",
        respondedAt: null,
        requestedShare: euros(0),
        organisation: organisation("org-charite", "Charité", "DE"),
      },
    ],
    emailInvitations: [
      {
        id: "email-1",
        email: "contact@labo.example",
        organisationName: "Labo Nord",
        country: "FR",
        role: "PARTNER",
        status: "PENDING",
        invitedAt: "2026-11-04T10:00:00Z",
        expiresAt: "2026-12-04T10:00:00Z",
        requestedShare: euros(500_000),
      },
    ],
    budget: [
      { category: "STAFF", label: "Ingénieur", amount: euros(12_000_050), organisation: { id: "org-aphp" } },
      { category: "EQUIPMENT", label: "", amount: euros(3_000_000), organisation: { id: "org-aphp" } },
      { category: "STAFF", label: "", amount: euros(10_000_000), organisation: { id: "org-mistral" } },
    ],
    budgetTotal: euros(25_000_050),
    budgetToken: "token-1",
    ...overrides,
  };
}

export const SEARCH_RESULTS = {
  organisationSearch: {
    totalCount: 2,
    edges: [
      {
        node: { id: "org-inria", name: "Inria", kind: "PUBLIC_BODY", country: "FR", siret: "18004500000000", registryId: null },
      },
      {
        node: { id: "org-mistral", name: "Mistral AI", kind: "COMPANY", country: "FR", siret: "95241832500025", registryId: null },
      },
    ],
  },
};

/** Each failure a consortium mutation may answer besides InvalidInputError, and its French text. */
export const ACTION_ERRORS: Array<[string, Record<string, unknown>, RegExp]> = [
  [
    "DeadlinePassedError",
    { deadlineAt: "2026-12-01T22:59:59Z", deadlineLocal: "2026-12-01T23:59:59+01:00", serverTime: "2026-12-02T08:00:00Z" },
    /La date limite \(1 décembre 2026.*23:59.*\) est passée/,
  ],
  ["CallNotOpenError", {}, /L’appel n’est pas ouvert/],
  ["CandidacyNotEditableError", { status: "SUBMITTED" }, /n’est plus modifiable/],
  ["NotFoundError", {}, /Introuvable/],
  ["PermissionDeniedError", {}, /Seuls les membres|pas le droit de modifier ce budget/],
  ["AuthenticationRequiredError", {}, /Votre session a expiré/],
];

export const failure = (typename: string, fields: Record<string, unknown> = {}) => ({
  __typename: typename,
  code: typename,
  message: "in English, never shown",
  ...fields,
});

export const invalidInput = (...problems: Array<[string, string]>) =>
  failure("InvalidInputError", {
    fieldErrors: problems.map(([field, code]) => ({ field, code, message: "in English, never shown" })),
  });

/**
 * A fake API: the consortium query answers `candidacy` (or what it gives at each request, for
 * a candidacy someone else changes), the search SEARCH_RESULTS, and each mutation what
 * `mutations` gives for its field name (by default a CandidacyPayload with the candidacy's
 * budget token, as after a save that changed nothing).
 */
export function fakeConsortiumApi(
  candidacy: ConsortiumCandidacy | null | (() => ConsortiumCandidacy | null) = consortiumFixture(),
  mutations: Record<string, unknown> = {},
) {
  const current = typeof candidacy === "function" ? candidacy : () => candidacy;
  return mockGraphQL(({ query }: GraphQLCall) => {
    if (query.includes("query Consortium(")) return { candidacy: current() };
    if (query.includes("query OrganisationSearch(")) return SEARCH_RESULTS;
    const field = /mutation \w+\([^)]*\)\s*{\s*(\w+)/.exec(query)?.[1] ?? "";
    const payload = {
      __typename: "CandidacyPayload",
      candidacy: { id: CANDIDACY_ID, budgetToken: current()?.budgetToken ?? null },
    };
    return { [field]: mutations[field] ?? payload };
  });
}

/** The operations named `name` (e.g. "InvitePartner") among those received. */
export const callsOf = (calls: GraphQLCall[], name: string) =>
  calls.filter(({ query }) => new RegExp(`(mutation|query) ${name}\\(`).test(query));

/**
 * The two sections, imported once i18next has started: their texts register on import, which
 * the application does only after starting it (the sections are in a chunk loaded on demand).
 */
export async function loadSections() {
  await startI18n("fr");
  const [{ PartnersSection }, { BudgetSection }] = await Promise.all([
    import("./PartnersSection"),
    import("./BudgetSection"),
  ]);
  return { PartnersSection, BudgetSection };
}

/** Renders a section in `language`, with a fresh query cache (given, to read again). */
export async function renderSection(section: ReactElement, language: AppLanguage = "fr") {
  await startI18n(language);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rendered = render(
    <MemoryRouter>
      <QueryClientProvider client={queryClient}>{section}</QueryClientProvider>
    </MemoryRouter>,
  );
  return { ...rendered, queryClient };
}
