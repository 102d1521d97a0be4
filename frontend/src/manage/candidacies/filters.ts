import type { CandidacyFilter, CandidacyStatus } from "../gql/graphql";

export const STATUSES: readonly CandidacyStatus[] = ["DRAFT", "SUBMITTED", "WITHDRAWN", "NOT_SUBMITTED"];

/** The list's filters as the address keeps them (`?call=...&status=...&organisation=...`). */
export interface ListFilters {
  call: string;
  status: CandidacyStatus | "";
  organisation: string;
}

const isStatus = (value: string): value is CandidacyStatus => (STATUSES as readonly string[]).includes(value);

/** Reads the filters from the address; an unknown status is ignored rather than sent. */
export function filtersFromParams(params: URLSearchParams): ListFilters {
  const status = params.get("status") ?? "";
  return {
    call: params.get("call") ?? "",
    status: isStatus(status) ? status : "",
    organisation: params.get("organisation") ?? "",
  };
}

/** The address's query for `filters` (empty filters left out, so a plain list has a plain URL). */
export function paramsFromFilters(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.call) params.set("call", filters.call);
  if (filters.status) params.set("status", filters.status);
  if (filters.organisation) params.set("organisation", filters.organisation);
  return params;
}

/** The API's filter for `filters`. */
export function apiFilter(filters: ListFilters): CandidacyFilter {
  return {
    callId: filters.call || null,
    status: filters.status || null,
    organisationId: filters.organisation || null,
  };
}
