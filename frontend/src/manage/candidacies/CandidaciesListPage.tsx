import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { request } from "../../api";
import { apiLanguage } from "../../i18n";
import { QueryError } from "../../pages/QueryError";
import { usePageTitle } from "../../pages/usePageTitle";
import { Button, SelectInput, StatusMessage } from "../../ui";
import { LoadMore } from "../../ui/editing";
import type { CandidacyStatus, EligibilityDecision } from "../gql/graphql";
import { CandidaciesTable } from "./CandidaciesTable";
import { ELIGIBILITIES, STATUSES, apiFilter, filtersFromParams, paramsFromFilters, type ListFilters } from "./filters";
import { CallFilter } from "./CallFilter";
import { CandidacyStatusCountsQuery, ManagedCandidaciesQuery } from "./queries";

/** Rows per page: a screenful that loads fast even when a call has thousands of candidacies. */
export const PAGE_SIZE = 50;

/** `/manage/candidacies`: the candidacies the staff member may read, filtered from the address. */
export function CandidaciesListPage() {
  const { t, i18n } = useTranslation("manageCandidacies");
  usePageTitle(t("list.title"));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const language = apiLanguage(i18n.language);
  const change = (next: Partial<ListFilters>) => setParams(paramsFromFilters({ ...filters, ...next }));

  const list = useInfiniteQuery({
    queryKey: ["manage", "candidacies", filters, language],
    queryFn: ({ pageParam, signal }) =>
      request(
        ManagedCandidaciesQuery,
        { filter: apiFilter(filters), first: PAGE_SIZE, after: pageParam, language },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.candidacies.pageInfo.hasNextPage ? last.candidacies.pageInfo.endCursor : undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((page) => page.candidacies.edges.map((edge) => edge.node)) ?? [];
  const total = list.data?.pages[0]?.candidacies.totalCount;
  const organisationName = filters.organisation
    ? rows.find((row) => row.leadOrganisation?.id === filters.organisation)?.leadOrganisation?.name
    : undefined;

  return (
    <>
      <h1>{t("list.title")}</h1>
      <FiltersForm filters={filters} organisationName={organisationName} onChange={change} />
      {list.isPending ? (
        <StatusMessage>{t("list.loading")}</StatusMessage>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Results
          rows={rows}
          total={total ?? 0}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onMore={() => void list.fetchNextPage()}
        />
      )}
    </>
  );
}

type Rows = Parameters<typeof CandidaciesTable>[0]["rows"];

function Results(props: { rows: Rows; total: number; hasMore: boolean; loadingMore: boolean; onMore: () => void }) {
  const { t } = useTranslation("manageCandidacies");
  const { rows, total, hasMore, loadingMore, onMore } = props;
  const table = useRef<HTMLDivElement>(null);
  return (
    <>
      <StatusMessage>
        {t("list.count", { count: total })}
        {rows.length < total && ` ${t("list.shown", { count: rows.length })}`}
      </StatusMessage>
      {rows.length > 0 && (
        <div ref={table}>
          <CandidaciesTable rows={rows} />
        </div>
      )}
      <LoadMore
        rowCount={rows.length}
        hasMore={hasMore}
        loading={loadingMore}
        onMore={onMore}
        label={t("list.loadMore")}
        loadingLabel={t("list.loadingMore")}
        table={table}
      />
    </>
  );
}

interface FiltersFormProps {
  filters: ListFilters;
  organisationName: string | undefined;
  onChange: (next: Partial<ListFilters>) => void;
}

/** How many candidacies each status holds under the other filters, once the API has said. */
function useStatusCounts(filters: ListFilters): (status: CandidacyStatus) => number | undefined {
  const counts = useQuery({
    queryKey: ["manage", "candidacyStatusCounts", filters.call, filters.organisation, filters.eligibility],
    queryFn: ({ signal }) =>
      request(
        CandidacyStatusCountsQuery,
        {
          callId: filters.call || null,
          organisationId: filters.organisation || null,
          eligibility: filters.eligibility || null,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
  return (status) => {
    const data = counts.data;
    if (!data) return undefined;
    const byStatus = {
      DRAFT: data.draft,
      SUBMITTED: data.submitted,
      WITHDRAWN: data.withdrawn,
      NOT_SUBMITTED: data.notSubmitted,
    };
    return byStatus[status].totalCount;
  };
}

/**
 * The filters: the call's search first (it has forms of its own, which cannot nest), then a
 * form of selects that apply at once, and the lead organisation chosen from a row.
 */
function FiltersForm({ filters, organisationName, onChange }: FiltersFormProps) {
  const { t } = useTranslation("manageCandidacies");
  const countOf = useStatusCounts(filters);
  return (
    <>
      <CallFilter callId={filters.call} onChange={(call) => onChange({ call })} />
      <form
        aria-label={t("filters.title")}
        className="fr-grid-row fr-grid-row--gutters"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="fr-col-12 fr-col-md-6">
          <SelectInput
            label={t("filters.status")}
            name="status"
            value={filters.status}
            onChange={(status) => onChange({ status: status as CandidacyStatus | "" })}
            options={[
              { value: "", label: t("filters.allStatuses") },
              ...STATUSES.map((status) => {
                const count = countOf(status);
                const label = t(`status.${status}`);
                return { value: status, label: count === undefined ? label : t("filters.withCount", { label, count }) };
              }),
            ]}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectInput
            label={t("filters.eligibility")}
            name="eligibility"
            value={filters.eligibility}
            onChange={(eligibility) => onChange({ eligibility: eligibility as EligibilityDecision | "" })}
            options={[
              { value: "", label: t("filters.allEligibilities") },
              ...ELIGIBILITIES.map((decision) => ({ value: decision, label: t(`eligibility.${decision}`) })),
            ]}
          />
        </div>
        {filters.organisation && (
          <div className="fr-col-12">
            <p className="fr-mb-1w">
              {organisationName
                ? t("filters.organisation", { name: organisationName })
                : t("filters.organisationUnnamed")}
            </p>
            <Button priority="tertiary" onClick={() => onChange({ organisation: "" })}>
              {t("filters.clearOrganisation")}
            </Button>
          </div>
        )}
      </form>
    </>
  );
}
