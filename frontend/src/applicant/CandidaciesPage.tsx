import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import { apiLanguage } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, LinkCard, StatusBadge, StatusMessage } from "../ui";
import { AreaNav } from "./AreaNav";
import type { MyCandidaciesQuery as MyCandidaciesData } from "./gql/graphql";
import { CANDIDACY_STATUS_TONE, PAGE_SIZE } from "./model";
import { Pagination, useCursorPages } from "./Pagination";
import { MyCandidaciesQuery } from "./queries";

type Candidacy = MyCandidaciesData["candidacies"]["edges"][number]["node"];

/** The candidacies of the user's organisations (led, or joined as a partner), a page at a time. */
export function CandidaciesPage() {
  const { t, i18n } = useTranslation("applicant");
  usePageTitle(t("candidacies.title"));
  const pages = useCursorPages();
  const list = useQuery({
    queryKey: ["applicant", "candidacies", i18n.language, pages.after],
    queryFn: ({ signal }) =>
      request(
        MyCandidaciesQuery,
        { language: apiLanguage(i18n.language), first: PAGE_SIZE, after: pages.after },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <h1>{t("candidacies.title")}</h1>
      <AreaNav />
      {list.isPending ? (
        <StatusMessage>{t("loading")}</StatusMessage>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.candidacies.totalCount === 0 ? (
        <p>
          {t("candidacies.empty")} <AppLink to="/calls">{t("candidacies.toCalls")}</AppLink>
        </p>
      ) : (
        <>
          <StatusMessage>{t("candidacies.count", { count: list.data.candidacies.totalCount })}</StatusMessage>
          <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
            {list.data.candidacies.edges.map(({ node }) => (
              <li key={node.id} className="fr-col-12 fr-col-md-6">
                <CandidacyCard candidacy={node} />
              </li>
            ))}
          </ul>
          <Pagination
            pages={pages}
            totalCount={list.data.candidacies.totalCount}
            pageSize={PAGE_SIZE}
            hasNextPage={list.data.candidacies.pageInfo.hasNextPage}
            endCursor={list.data.candidacies.pageInfo.endCursor}
          />
        </>
      )}
    </>
  );
}

function CandidacyCard({ candidacy }: { candidacy: Candidacy }) {
  const { t, i18n } = useTranslation("applicant");
  const language = i18n.language;
  const name = [candidacy.acronym, candidacy.title].filter(Boolean).join(" — ") || t("candidacies.untitled");
  const timezone = candidacy.call?.timeline.timezone;
  return (
    <LinkCard
      title={name}
      to={`/candidacies/${candidacy.id}`}
      headingLevel={2}
      start={
        <p className="fr-mb-1w">
          <StatusBadge tone={CANDIDACY_STATUS_TONE[candidacy.status]}>{t(`status.${candidacy.status}`)}</StatusBadge>{" "}
          {candidacy.hasUnsubmittedChanges && (
            <StatusBadge tone="info">{t("candidacies.unsubmittedChanges")}</StatusBadge>
          )}
        </p>
      }
      desc={[
        candidacy.call && t("candidacies.call", { title: candidacy.call.title }),
        candidacy.leadOrganisation && t("candidacies.lead", { name: candidacy.leadOrganisation.name }),
      ]
        .filter(Boolean)
        .join(" · ")}
      end={
        <>
          {candidacy.deadlineLocal && (
            <p className="fr-card__detail">
              {t("candidacies.deadline", { date: formatDateTime(candidacy.deadlineLocal, language, timezone) })}
            </p>
          )}
          <p className="fr-card__detail">
            {t("candidacies.updated", { date: formatDateTime(candidacy.updatedAt, language, timezone) })}
          </p>
        </>
      }
    />
  );
}
