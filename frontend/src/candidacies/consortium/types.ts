import type { ConsortiumQuery } from "../gql/graphql";

/** A candidacy as both sections read it. */
export type ConsortiumCandidacy = NonNullable<ConsortiumQuery["candidacy"]>;
export type ConsortiumPartner = NonNullable<ConsortiumCandidacy["partners"]>[number];
export type EmailInvitation = NonNullable<ConsortiumCandidacy["emailInvitations"]>[number];

export const PARTNER_ROLES = ["PARTNER", "SUBCONTRACTOR"] as const;
export { ORGANISATION_KINDS } from "../../api/enums";
export const BUDGET_CATEGORIES = [
  "STAFF",
  "EQUIPMENT",
  "SUBCONTRACTING",
  "OTHER_DIRECT_COSTS",
  "INDIRECT_COSTS",
] as const;

/** Amounts are in the call's currency; the platform's calls are in euros. */
export const DEFAULT_CURRENCY = "EUR";

/**
 * Whether the reader may change the consortium: only the lead organisation's members, who
 * alone are shown the invitations by e-mail (null for everyone else).
 */
export const managesConsortium = (candidacy: ConsortiumCandidacy) => candidacy.emailInvitations !== null;
