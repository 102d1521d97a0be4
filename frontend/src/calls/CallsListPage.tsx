import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import type { CallsListQuery as CallsListData } from "../gql/graphql";
import { apiLanguage } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { LinkCard, StatusBadge, StatusMessage } from "../ui";
import { STATUS_TONE, contentLanguage, openFirst } from "./model";
import { CallsListQuery } from "./queries";

/** The API's largest page: one page holds every public call for now. */
const PAGE_SIZE = 100;

type CallItem = CallsListData["calls"]["edges"][number]["node"];

export function CallsListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("calls.listTitle"));
  const language = i18n.language;
  const calls = useQuery({
    queryKey: ["calls", language],
    queryFn: ({ signal }) =>
      request(CallsListQuery, { language: apiLanguage(language), first: PAGE_SIZE }, { signal }),
    placeholderData: keepPreviousData, // a language switch keeps the list shown until it is back
  });

  return (
    <>
      <h1>{t("calls.listTitle")}</h1>
      <p>{t("calls.listIntro")}</p>
      {calls.isPending ? (
        <StatusMessage>{t("app.loading")}</StatusMessage>
      ) : calls.isError ? (
        <QueryError error={calls.error} onRetry={() => void calls.refetch()} />
      ) : (
        <CallList
          items={openFirst(calls.data.calls.edges.map((edge) => edge.node))}
          total={calls.data.calls.totalCount}
        />
      )}
    </>
  );
}

function CallList({ items, total }: { items: CallItem[]; total: number }) {
  const { t } = useTranslation();
  if (items.length === 0) return <StatusMessage>{t("calls.empty")}</StatusMessage>;
  return (
    <>
      <StatusMessage>{t("calls.count", { count: total })}</StatusMessage>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {items.map((call) => (
          <li key={call.id} className="fr-col-12 fr-col-md-6">
            <CallCard call={call} />
          </li>
        ))}
      </ul>
    </>
  );
}

function CallCard({ call }: { call: CallItem }) {
  const { t, i18n } = useTranslation();
  const { timezone, opensAt, deadlineAt } = call.timeline;
  const upcoming = call.status === "PUBLISHED";
  return (
    <LinkCard
      title={<span lang={contentLanguage(call.languages, i18n.language)}>{call.title}</span>}
      to={`/calls/${encodeURIComponent(call.id)}`}
      headingLevel={2}
      start={<StatusBadge tone={STATUS_TONE[call.status]}>{t(`calls.status.${call.status}`)}</StatusBadge>}
      desc={`${t(`calls.kind.${call.kind}`)} · ${call.reference}`}
      end={
        <p className="fr-card__detail">
          {upcoming
            ? t("calls.opensAt", { date: formatDateTime(opensAt, i18n.language, timezone) })
            : t("calls.deadline", { date: formatDateTime(deadlineAt, i18n.language, timezone) })}
        </p>
      }
    />
  );
}
