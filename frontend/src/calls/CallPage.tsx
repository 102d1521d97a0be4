import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { request } from "../api";
import type { CallPageQuery as CallPageData } from "../gql/graphql";
import { apiLanguage } from "../i18n";
import {
  countryName,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonths,
  languageName,
} from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, LinkButton, StatusBadge, StatusMessage, TagList } from "../ui";
import { Countdown } from "./Countdown";
import { nestHeadings } from "./headings";
import { STATUS_TONE, contentLanguage, localized } from "./model";
import { CallPageQuery } from "./queries";

type Call = NonNullable<CallPageData["call"]>;

export function CallPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const page = useQuery({
    queryKey: ["call", id, language],
    queryFn: ({ signal }) => request(CallPageQuery, { id, language: apiLanguage(language) }, { signal }),
  });
  const call = page.data?.call;
  usePageTitle(
    call?.title ??
      (page.isSuccess ? t("call.notFoundTitle") : page.isError ? t("errors.title") : t("call.pageTitle")),
  );

  function content(): ReactNode {
    if (page.isPending) {
      return (
        <>
          <h1>{t("call.pageTitle")}</h1>
          <StatusMessage>{t("app.loading")}</StatusMessage>
        </>
      );
    }
    if (page.isError) {
      return <QueryError error={page.error} onRetry={() => void page.refetch()} asPageTitle />;
    }
    if (!page.data.call) {
      return (
        <>
          <h1>{t("call.notFoundTitle")}</h1>
          <p>{t("call.notFoundText")}</p>
        </>
      );
    }
    return <CallDetails call={page.data.call} serverTime={page.data.serverTime} receivedAt={page.dataUpdatedAt} />;
  }

  return (
    <>
      <p>
        <AppLink to="/calls" variant="back">
          {t("call.back")}
        </AppLink>
      </p>
      {content()}
    </>
  );
}

function CallDetails({ call, serverTime, receivedAt }: { call: Call; serverTime: string; receivedAt: number }) {
  const { t, i18n } = useTranslation();
  const textLanguage = contentLanguage(call.languages, i18n.language);
  return (
    <article aria-labelledby="call-title">
      <StatusBadge tone={STATUS_TONE[call.status]}>{t(`calls.status.${call.status}`)}</StatusBadge>
      <h1 id="call-title" className="fr-mt-1w" lang={textLanguage}>
        {call.title}
      </h1>
      <p className="fr-text--sm">
        {t(`calls.kind.${call.kind}`)} · {t("call.reference", { reference: call.reference })}
      </p>
      <Countdown
        opensAt={call.timeline.opensAt}
        deadlineAt={call.timeline.deadlineAt}
        serverTime={serverTime}
        receivedAt={receivedAt}
      />
      {call.isOpenNow && (
        <p>
          <LinkButton to={`/my/candidacies/new?call=${encodeURIComponent(call.id)}`}>{t("call.apply")}</LinkButton>
        </p>
      )}
      <TagList tags={call.themes} label={t("call.themes")} />

      <section aria-labelledby="call-description">
        <h2 id="call-description">{t("call.description")}</h2>
        {/* Sanitised by the API (Call.descriptionHtml renders its own Markdown). */}
        <div lang={textLanguage} dangerouslySetInnerHTML={{ __html: nestHeadings(call.descriptionHtml, 3) }} />
      </section>

      <Timeline timeline={call.timeline} />
      <Funding call={call} />
      <Eligibility eligibility={call.eligibility} />
      <Documents call={call} />
    </article>
  );
}

function Timeline({ timeline }: { timeline: Call["timeline"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { timezone } = timeline;
  return (
    <section aria-labelledby="call-timeline">
      <h2 id="call-timeline">{t("call.timeline")}</h2>
      <dl>
        <Term label={t("call.opensAt")}>{formatDateTime(timeline.opensAt, language, timezone)}</Term>
        <Term label={t("call.deadline")}>{formatDateTime(timeline.deadlineAt, language, timezone)}</Term>
        {timeline.decisionDate && (
          <Term label={t("call.decisionDate")}>{formatDate(timeline.decisionDate, language)}</Term>
        )}
        {timeline.projectStartDate && (
          <Term label={t("call.projectStartDate")}>{formatDate(timeline.projectStartDate, language)}</Term>
        )}
      </dl>
      <p className="fr-text--sm">{t("call.timezoneNote", { timezone })}</p>
    </section>
  );
}

function Funding({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const funders = call.funders.flatMap((entry) =>
    entry.status === "ACCEPTED" && entry.funder ? [entry.funder.name] : [],
  );
  return (
    <section aria-labelledby="call-funding">
      <h2 id="call-funding">{t("call.funding")}</h2>
      <dl>
        <Term label={t("call.budgetEnvelope")}>
          {formatMoney(call.budgetEnvelope.cents, call.budgetEnvelope.currency, language)}
        </Term>
        {call.capPerCandidacy && (
          <Term label={t("call.capPerCandidacy")}>
            {formatMoney(call.capPerCandidacy.cents, call.capPerCandidacy.currency, language)}
          </Term>
        )}
        {call.programme && <Term label={t("call.programme")}>{call.programme.name}</Term>}
        {funders.length > 0 && <Term label={t("call.funders")}>{funders.join(", ")}</Term>}
        <Term label={t("call.languages")}>
          {call.languages.map((code) => languageName(code, language)).join(", ")}
        </Term>
      </dl>
    </section>
  );
}

function Eligibility({ eligibility }: { eligibility: Call["eligibility"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { minPartners: min, maxPartners: max, minDurationMonths: minMonths, maxDurationMonths: maxMonths } =
    eligibility;

  const partners =
    min != null && max != null
      ? t("call.partnersRange", { min, max })
      : min != null
        ? t("call.partnersMin", { count: min })
        : max != null
          ? t("call.partnersMax", { count: max })
          : null;
  const months = (value: number) => formatMonths(value, language);
  const duration =
    minMonths != null && maxMonths != null
      ? t("call.durationRange", { min: months(minMonths), max: months(maxMonths) })
      : minMonths != null
        ? t("call.durationMin", { min: months(minMonths) })
        : maxMonths != null
          ? t("call.durationMax", { max: months(maxMonths) })
          : null;
  const kinds = eligibility.allowedOrganisationKinds;
  const countries = eligibility.requiredPartnerCountries;
  const empty = !partners && !duration && kinds.length === 0 && countries.length === 0;

  return (
    <section aria-labelledby="call-eligibility">
      <h2 id="call-eligibility">{t("call.eligibility")}</h2>
      {empty ? (
        <p>{t("call.noEligibilityRule")}</p>
      ) : (
        <dl>
          {kinds.length > 0 && (
            <Term label={t("call.organisationKinds")}>
              <ul>
                {kinds.map((kind) => (
                  <li key={kind}>{t(`call.organisationKind.${kind}`)}</li>
                ))}
              </ul>
            </Term>
          )}
          {(partners || countries.length > 0) && (
            <Term label={t("call.partners")}>
              <ul>
                {partners && <li>{partners}</li>}
                {countries.map((rule) => (
                  <li key={rule.country}>
                    {t("call.partnerCountry", {
                      count: rule.minPartners,
                      country: countryName(rule.country, language),
                    })}
                  </li>
                ))}
              </ul>
            </Term>
          )}
          {duration && <Term label={t("call.duration")}>{duration}</Term>}
        </dl>
      )}
    </section>
  );
}

/** The files a candidacy attaches: the call's FILE questions, and any document its rules require. */
function Documents({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const required = new Set(call.eligibility.requiredDocumentKeys);
  const files = call.questions.filter((question) => question.kind === "FILE");
  const documents = [
    ...files.map((question) => ({
      key: question.key,
      label: localized(question.label, i18n.language) || question.key,
      required: question.required || required.has(question.key),
    })),
    ...[...required]
      .filter((key) => !files.some((question) => question.key === key))
      .map((key) => ({ key, label: key, required: true })),
  ];
  return (
    <section aria-labelledby="call-documents">
      <h2 id="call-documents">{t("call.documents")}</h2>
      {documents.length === 0 ? (
        <p>{t("call.noDocument")}</p>
      ) : (
        <ul>
          {documents.map((document) => (
            <li key={document.key}>
              {document.label}
              {document.required && ` (${t("call.required")})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold">{label}</dt>
      <dd className="fr-mb-2w fr-ml-0">{children}</dd>
    </>
  );
}
