import type { CandidacyFilter, CandidacyStatus, EligibilityDecision } from "../gql/graphql";

export const STATUSES: readonly CandidacyStatus[] = ["DRAFT", "SUBMITTED", "WITHDRAWN", "NOT_SUBMITTED"];

/** What the eligibility screening records (PENDING: not screened yet). */
export const ELIGIBILITIES: readonly EligibilityDecision[] = ["PENDING", "ELIGIBLE", "INELIGIBLE"];

/** The list's filters as the address keeps them (`?call=...&status=...&eligibility=...&organisation=...`). */
export interface ListFilters {
  call: string;
  status: CandidacyStatus | "";
  eligibility: EligibilityDecision | "";
  organisation: string;
}

const isStatus = (value: string): value is CandidacyStatus => (STATUSES as readonly string[]).includes(value);
const isEligibility = (value: string): value is EligibilityDecision =>
  (ELIGIBILITIES as readonly string[]).includes(value);

/** Reads the filters from the address; an unknown status or eligibility is ignored rather than sent. */
export function filtersFromParams(params: URLSearchParams): ListFilters {
  const status = params.get("status") ?? "";
  const eligibility = params.get("eligibility") ?? "";
  return {
    call: params.get("call") ?? "",
    status: isStatus(status) ? status : "",
    eligibility: isEligibility(eligibility) ? eligibility : "",
    organisation: params.get("organisation") ?? "",
  };
}

/** The address's query for `filters` (empty filters left out, so a plain list has a plain URL). */
export function paramsFromFilters(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.call) params.set("call", filters.call);
  if (filters.status) params.set("status", filters.status);
  if (filters.eligibility) params.set("eligibility", filters.eligibility);
  if (filters.organisation) params.set("organisation", filters.organisation);
  return params;
}

/** The API's filter for `filters`. */
export function apiFilter(filters: ListFilters): CandidacyFilter {
  return {
    callId: filters.call || null,
    status: filters.status || null,
    organisationId: filters.organisation || null,
    eligibility: filters.eligibility || null,
  };
}
