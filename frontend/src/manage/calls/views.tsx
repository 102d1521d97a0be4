import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatMoney } from "../../i18n/format";
import { StatusBadge } from "../../ui";
import { ScrollTable } from "../../ui/editing";
import type { ManagedCallFieldsFragment } from "../gql/graphql";
import { LANGUAGES, type Texts } from "./model";

/** Read-only views of a call's sections: what a funder viewer sees instead of the forms. */
type Call = ManagedCallFieldsFragment;
type Localized = Partial<Record<keyof Texts, string | null>>;

/** A localized text in the reader's language, else the first one written. */
export function useLocalized() {
  const { i18n } = useTranslation();
  const language = i18n.language.slice(0, 2) as keyof Texts;
  return (value: Localized) => value[language] || LANGUAGES.map((l) => value[l]).find(Boolean) || "";
}

function Definitions({ rows }: { rows: [string, string][] }) {
  return (
    <dl>
      {rows.map(([term, value]) => (
        <div key={term} className="fr-mb-1w">
          <dt className="fr-text--bold">{term}</dt>
          <dd className="fr-ml-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function GeneralView({ call }: { call: Call }) {
  const { t, i18n } = useTranslation("manageCalls");
  const lang = i18n.language;
  const zone = call.timeline.timezone;
  const instant = (iso: string | null) => (iso ? formatDateTime(iso, lang, zone) : t("view.none"));
  const date = (iso: string | null) => (iso ? formatDate(iso, lang) : t("view.none"));
  return (
    <Definitions
      rows={[
        [t("fields.reference"), call.reference],
        [t("fields.kind"), t(`kinds.${call.kind}`)],
        [t("fields.programme"), call.programme?.name ?? t("view.none")],
        [t("fields.budgetEnvelope"), formatMoney(call.budgetEnvelope.cents, call.budgetEnvelope.currency, lang)],
        [
          t("fields.capPerCandidacy"),
          call.capPerCandidacy ? formatMoney(call.capPerCandidacy.cents, call.capPerCandidacy.currency, lang) : t("view.none"),
        ],
        [t("fields.themes"), call.themes.join(", ") || t("view.none")],
        [t("timeline.timezone"), zone],
        [t("timeline.opensAt"), instant(call.timeline.opensAt)],
        [t("timeline.deadlineAt"), instant(call.timeline.deadlineAt)],
        [t("timeline.reviewDeadlineAt"), instant(call.timeline.reviewDeadlineAt)],
        [t("timeline.decisionDate"), date(call.timeline.decisionDate)],
        [t("timeline.projectStartDate"), date(call.timeline.projectStartDate)],
      ]}
    />
  );
}

/** Titles and descriptions side by side, a missing translation flagged. */
export function TranslationsView({ call }: { call: Call }) {
  const { t } = useTranslation("manageCalls");
  return (
    <ScrollTable caption={t("translations.caption")} captionHidden>
      <thead>
        <tr>
          <td />
          {LANGUAGES.map((language) => (
            <th key={language} scope="col">
              {t(`languages.${language}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t("fields.title")}</th>
          {LANGUAGES.map((language) => (
            <Cell key={language} value={call.titles[language]} language={language} />
          ))}
        </tr>
        <tr>
          <th scope="row">{t("fields.description")}</th>
          {LANGUAGES.map((language) => (
            <Cell key={language} value={call.descriptions[language]} language={language} />
          ))}
        </tr>
      </tbody>
    </ScrollTable>
  );
}

function Cell({ value, language }: { value: string | null; language: string }) {
  const { t } = useTranslation("manageCalls");
  return value ? (
    <td lang={language} style={{ whiteSpace: "pre-wrap", verticalAlign: "top" }}>
      {value}
    </td>
  ) : (
    <td>
      <StatusBadge tone="warning">{t("translations.missing")}</StatusBadge>
    </td>
  );
}

/** The languages a call lacks a title or description in. */
export function missingTranslations(call: Call): (keyof Texts)[] {
  return LANGUAGES.filter((language) => !call.titles[language] || !call.descriptions[language]);
}

export function QuestionsView({ call }: { call: Call }) {
  const { t } = useTranslation("manageCalls");
  const text = useLocalized();
  if (call.questions.length === 0) return <p>{t("questions.none")}</p>;
  return (
    <ol>
      {call.questions.map((q) => (
        <li key={q.key}>
          <h3 className="fr-h6">{text(q.label)}</h3>
          <p className="fr-text--sm">
            {t(`questionKinds.${q.kind}`)} · {q.key} · {q.required ? t("view.required") : t("view.optional")}
            {q.maxLength !== null && ` · ${t("questions.maxLength")} ${q.maxLength}`}
            {q.minValue !== null && ` · ${t("questions.minValue")} ${q.minValue}`}
            {q.maxValue !== null && ` · ${t("questions.maxValue")} ${q.maxValue}`}
          </p>
          {text(q.helpText) && <p>{text(q.helpText)}</p>}
          {q.choices.length > 0 && (
            <ul>
              {q.choices.map((c) => (
                <li key={c.value}>{text(c.label)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

export function GridView({ call }: { call: Call }) {
  const { t } = useTranslation("manageCalls");
  const text = useLocalized();
  const grid = call.grid;
  return (
    <>
      <Definitions
        rows={[
          [t("grid.overallThreshold"), grid.overallThreshold ?? t("view.none")],
          [t("grid.expertsPerCandidacy"), String(grid.expertsPerCandidacy)],
          [t("grid.blindReview"), grid.blindReview ? t("view.yes") : t("view.no")],
        ]}
      />
      <ScrollTable caption={t("grid.caption")} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t("grid.label")}</th>
            <th scope="col">{t("grid.weight")}</th>
            <th scope="col">{t("grid.scale")}</th>
            <th scope="col">{t("grid.threshold")}</th>
          </tr>
        </thead>
        <tbody>
          {grid.criteria.map((c) => (
            <tr key={c.key}>
              <th scope="row">{text(c.label)}</th>
              <td>{c.weight}</td>
              <td>{t("grid.scaleValue", { min: c.scaleMin, max: c.scaleMax, step: c.step })}</td>
              <td>{c.threshold ?? t("view.none")}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

export function EligibilityView({ call }: { call: Call }) {
  const { t } = useTranslation("manageCalls");
  const rules = call.eligibility;
  const number = (value: number | null) => (value === null ? t("view.none") : String(value));
  return (
    <Definitions
      rows={[
        [
          t("eligibility.organisationKinds"),
          rules.allowedOrganisationKinds.map((kind) => t(`organisationKinds.${kind}`)).join(", ") || t("view.anyKind"),
        ],
        [
          t("eligibility.countries"),
          rules.requiredPartnerCountries.map((r) => t("view.countryRule", { country: r.country, count: r.minPartners })).join(", ") ||
            t("view.none"),
        ],
        [t("eligibility.minPartners"), number(rules.minPartners)],
        [t("eligibility.maxPartners"), number(rules.maxPartners)],
        [t("eligibility.minDurationMonths"), number(rules.minDurationMonths)],
        [t("eligibility.maxDurationMonths"), number(rules.maxDurationMonths)],
        [t("eligibility.documents"), rules.requiredDocumentKeys.join(", ") || t("view.none")],
      ]}
    />
  );
}

const CO_FUNDING_TONE = { PENDING: "warning", ACCEPTED: "success", DECLINED: "error" } as const;

export function FundersView({ call }: { call: Call }) {
  const { t, i18n } = useTranslation("manageCalls");
  return (
    <ScrollTable caption={t("funders.caption")} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t("funders.funder")}</th>
          <th scope="col">{t("funders.share")}</th>
          <th scope="col">{t("funders.response")}</th>
        </tr>
      </thead>
      <tbody>
        {call.funders.map((row, index) => (
          <tr key={row.funder?.id ?? index}>
            <th scope="row">{row.funder?.name ?? t("view.none")}</th>
            <td>{formatMoney(row.share.cents, row.share.currency, i18n.language)}</td>
            <td>
              <StatusBadge tone={CO_FUNDING_TONE[row.status]}>{t(`coFunding.${row.status}`)}</StatusBadge>
              {row.respondedAt && (
                <span className="fr-text--xs">
                  {" "}
                  {t("funders.respondedAt", { date: formatDateTime(row.respondedAt, i18n.language, call.timeline.timezone) })}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
