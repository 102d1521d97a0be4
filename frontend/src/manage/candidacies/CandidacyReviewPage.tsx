import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { request } from "../../api";
import { apiLanguage } from "../../i18n";
import { formatDateTime, formatMonths } from "../../i18n/format";
import { QueryError } from "../../pages/QueryError";
import { usePageTitle } from "../../pages/usePageTitle";
import { canManageCalls } from "../../session/roles";
import { useSession } from "../../session/useSession";
import { AppLink, Notice, StatusBadge, StatusMessage } from "../../ui";
import type { ManagedCandidacyQuery } from "../gql/graphql";
import { CandidacyContents } from "./CandidacyContents";
import { EligibilityForm } from "./EligibilityForm";
import { ExtensionForm } from "./ExtensionForm";
import { ELIGIBILITY_TONE, STATUS_TONE } from "./labels";
import { ManagedCandidacyQuery as CandidacyQuery } from "./queries";

export type ReviewedCandidacy = NonNullable<ManagedCandidacyQuery["candidacy"]>;

/** `/manage/candidacies/:id`: a staff member's read of one candidacy, and their actions. */
export function CandidacyReviewPage() {
  const { t, i18n } = useTranslation("manageCandidacies");
  const { id = "" } = useParams();
  const language = apiLanguage(i18n.language);
  const candidacy = useQuery({
    queryKey: ["manage", "candidacy", id, language],
    queryFn: ({ signal }) => request(CandidacyQuery, { id, language }, { signal }),
  });
  const data = candidacy.data?.candidacy;
  usePageTitle(data ? titleOf(data) : t("review.title"));

  if (candidacy.isPending) return <StatusMessage>{t("review.loading")}</StatusMessage>;
  if (candidacy.isError) return <QueryError asPageTitle error={candidacy.error} onRetry={() => void candidacy.refetch()} />;
  if (!data) {
    return (
      <>
        <h1>{t("review.notFoundTitle")}</h1>
        <p>{t("review.notFound")}</p>
        <AppLink to="/manage/candidacies" variant="back">
          {t("review.back")}
        </AppLink>
      </>
    );
  }
  return <Review candidacy={data} />;
}

function titleOf(candidacy: ReviewedCandidacy): string {
  const name = [candidacy.acronym, candidacy.title].filter(Boolean).join(" — ");
  return name || candidacy.reference || "";
}

function Review({ candidacy }: { candidacy: ReviewedCandidacy }) {
  const { t } = useTranslation("manageCandidacies");
  const session = useSession();
  const mayAct = session.data ? canManageCalls(session.data) : false;
  const zone = candidacy.call?.timeline.timezone;
  return (
    <>
      <p>
        <AppLink to="/manage/candidacies" variant="back">
          {t("review.back")}
        </AppLink>
      </p>
      <h1>{titleOf(candidacy) || t("review.untitled")}</h1>
      <Summary candidacy={candidacy} />
      {candidacy.submittedVersion === 0 ? (
        <Notice title={t("review.neverSubmitted")} />
      ) : (
        <CandidacyContents candidacy={candidacy} />
      )}
      {mayAct ? (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{t("review.actions")}</h2>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-lg-6">
              <EligibilityForm candidacyId={candidacy.id} current={candidacy.eligibility.decision} />
            </div>
            {zone && (
              <div className="fr-col-12 fr-col-lg-6">
                <ExtensionForm candidacyId={candidacy.id} timeZone={zone} />
              </div>
            )}
          </div>
        </section>
      ) : (
        <p className="fr-mt-4w">{t("review.readOnly")}</p>
      )}
    </>
  );
}

function Summary({ candidacy }: { candidacy: ReviewedCandidacy }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const lang = i18n.language;
  const zone = candidacy.call?.timeline.timezone;
  const { eligibility } = candidacy;
  const items: [string, ReactNode][] = [
    [t("review.reference"), candidacy.reference ?? t("list.noReference")],
    [t("review.call"), candidacy.call ? `${candidacy.call.reference} — ${candidacy.call.title}` : "—"],
    [t("review.lead"), candidacy.leadOrganisation?.name ?? "—"],
    [t("review.status"), <StatusBadge tone={STATUS_TONE[candidacy.status]}>{t(`status.${candidacy.status}`)}</StatusBadge>],
    [
      t("review.eligibility"),
      <>
        <StatusBadge tone={ELIGIBILITY_TONE[eligibility.decision]}>{t(`eligibility.${eligibility.decision}`)}</StatusBadge>
        {eligibility.decidedAt && ` ${t("review.decidedAt", { at: formatDateTime(eligibility.decidedAt, lang, zone) })}`}
        {eligibility.reason && <span className="fr-ml-1w">{t("review.because", { reason: eligibility.reason })}</span>}
      </>,
    ],
    [
      t("review.deadline"),
      candidacy.call ? formatDateTime(candidacy.call.timeline.deadlineAt, lang, zone) : "—",
    ],
    [
      t("review.extension"),
      candidacy.extendedDeadlineAt ? formatDateTime(candidacy.extendedDeadlineAt, lang, zone) : t("review.noExtension"),
    ],
    [
      t("review.submitted"),
      candidacy.submittedVersion > 0 && candidacy.lastSubmittedAt
        ? t("list.version", {
            number: candidacy.submittedVersion,
            at: formatDateTime(candidacy.lastSubmittedAt, lang, zone),
          })
        : t("list.neverSubmitted"),
    ],
  ];
  if (candidacy.durationMonths) items.push([t("review.duration"), formatMonths(candidacy.durationMonths, lang)]);
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{t("review.summary")}</h2>
      {candidacy.hasUnsubmittedChanges && <p>{t("review.unsubmittedChanges")}</p>}
      <dl className="fr-mb-4w">
        {items.map(([term, value]) => (
          <div key={term} className="fr-mb-1w">
            <dt className="fr-text--bold">{term}</dt>
            <dd className="fr-ml-0">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
