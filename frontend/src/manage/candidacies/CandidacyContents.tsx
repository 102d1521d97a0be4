import { useTranslation } from "react-i18next";
import { countryName, formatDate, formatDateTime, formatMoney } from "../../i18n/format";
import { ScrollTable } from "../../ui/ScrollTable";
import type { ReviewedCandidacy } from "./CandidacyReviewPage";
import { localized } from "./labels";

type Question = NonNullable<ReviewedCandidacy["call"]>["questions"][number];

/** What the last submitted version says: answers, consortium, budget, files and versions. */
export function CandidacyContents({ candidacy }: { candidacy: ReviewedCandidacy }) {
  return (
    <>
      <Answers candidacy={candidacy} />
      <Partners candidacy={candidacy} />
      <Budget candidacy={candidacy} />
      <Attachments candidacy={candidacy} />
      <Versions candidacy={candidacy} />
    </>
  );
}

function Answers({ candidacy }: { candidacy: ReviewedCandidacy }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const answers = new Map((candidacy.answers ?? []).map((answer) => [answer.questionKey, answer.value]));
  const questions = (candidacy.call?.questions ?? []).filter((question) => question.kind !== "FILE");
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">{t("review.answers")}</h2>
      <dl>
        {questions.map((question) => (
          <div key={question.key} className="fr-mb-2w">
            <dt className="fr-text--bold">{localized(question.label, i18n.language)}</dt>
            <dd className="fr-ml-0" style={{ whiteSpace: "pre-wrap" }}>
              <AnswerValue question={question} value={answers.get(question.key)} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** One answer as its question's kind reads it (a choice's label, yes or no, a date). */
function AnswerValue({ question, value }: { question: Question; value: unknown }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const lang = i18n.language;
  if (value === undefined || value === null || value === "") return <em>{t("review.noAnswer")}</em>;
  const choice = (chosen: unknown) => {
    const found = question.choices.find((option) => option.value === chosen);
    return found ? localized(found.label, lang) : String(chosen);
  };
  switch (question.kind) {
    case "YES_NO":
      return <>{value ? t("review.yes") : t("review.no")}</>;
    case "CHOICE":
      return <>{choice(value)}</>;
    case "MULTI_CHOICE":
      return <>{Array.isArray(value) ? value.map(choice).join(", ") : choice(value)}</>;
    case "DATE":
      return <>{typeof value === "string" ? formatDate(value, lang) : String(value)}</>;
    case "NUMBER":
      return <>{typeof value === "number" ? new Intl.NumberFormat(lang).format(value) : String(value)}</>;
    default:
      return <>{typeof value === "string" ? value : JSON.stringify(value)}</>;
  }
}

function Partners({ candidacy }: { candidacy: ReviewedCandidacy }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const lang = i18n.language;
  return (
    <section aria-labelledby="partners-title">
      <h2 id="partners-title">{t("review.partners")}</h2>
      <ScrollTable caption={t("review.partnersCaption")}>
        <thead>
          <tr>
            <th scope="col">{t("review.organisation")}</th>
            <th scope="col">{t("review.country")}</th>
            <th scope="col">{t("review.role")}</th>
            <th scope="col">{t("review.partnerStatus")}</th>
            <th scope="col">{t("review.requested")}</th>
          </tr>
        </thead>
        <tbody>
          {(candidacy.partners ?? []).map((partner) => (
            <tr key={partner.id}>
              <th scope="row">{partner.organisation?.name ?? "—"}</th>
              <td>{partner.organisation ? countryName(partner.organisation.country, lang) : "—"}</td>
              <td>{t(`partnerRole.${partner.role}`)}</td>
              <td>{t(`partnerStatus.${partner.status}`)}</td>
              <td>{formatMoney(partner.requestedShare.cents, partner.requestedShare.currency, lang)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

function Budget({ candidacy }: { candidacy: ReviewedCandidacy }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const lang = i18n.language;
  const total = candidacy.budgetTotal;
  return (
    <section aria-labelledby="budget-title">
      <h2 id="budget-title">{t("review.budget")}</h2>
      <ScrollTable caption={t("review.budgetCaption")}>
        <thead>
          <tr>
            <th scope="col">{t("review.organisation")}</th>
            <th scope="col">{t("review.category")}</th>
            <th scope="col">{t("review.label")}</th>
            <th scope="col">{t("review.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {(candidacy.budget ?? []).map((line, index) => (
            <tr key={index}>
              <td>{line.organisation?.name ?? "—"}</td>
              <td>{t(`budgetCategory.${line.category}`)}</td>
              <td>{line.label}</td>
              <td>{formatMoney(line.amount.cents, line.amount.currency, lang)}</td>
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t("review.total")}
              </th>
              <td>
                <strong>{formatMoney(total.cents, total.currency, lang)}</strong>
              </td>
            </tr>
          </tfoot>
        )}
      </ScrollTable>
    </section>
  );
}

function Attachments({ candidacy }: { candidacy: ReviewedCandidacy }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const labels = new Map(
    (candidacy.call?.questions ?? []).map((question) => [question.key, localized(question.label, i18n.language)]),
  );
  const files = candidacy.attachments ?? [];
  const size = new Intl.NumberFormat(i18n.language, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 });
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("review.attachments")}</h2>
      {files.length === 0 ? (
        <p>{t("review.noAttachments")}</p>
      ) : (
        <ul>
          {files.map((file) => (
            <li key={file.id}>
              {labels.get(file.questionKey) ?? file.questionKey}{" "}
              <a className="fr-link" href={file.downloadUrl} download>
                {t("review.download", { name: file.name, size: size.format(Math.max(1, file.sizeBytes / 1000)) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Versions({ candidacy }: { candidacy: ReviewedCandidacy }) {
  const { t, i18n } = useTranslation("manageCandidacies");
  const zone = candidacy.call?.timeline.timezone;
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t("review.versions")}</h2>
      <ul>
        {candidacy.versions.map((version) => (
          <li key={version.number}>
            {t("list.version", {
              number: version.number,
              at: formatDateTime(version.submittedAt, i18n.language, zone),
            })}{" "}
            {version.receiptUrl ? (
              <a className="fr-link" href={version.receiptUrl}>
                {t("review.receipt", { number: version.number })}
              </a>
            ) : (
              <span>{t("review.receiptPending")}</span>
            )}{" "}
            <a className="fr-link" href={version.documentUrl}>
              {t("review.document", { number: version.number })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
