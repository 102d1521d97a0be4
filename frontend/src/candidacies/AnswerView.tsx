import { useTranslation } from "react-i18next";
import { localized } from "../calls/model";
import { formatDate } from "../i18n/format";
import type { FieldValue } from "./answerValues";
import { questionLabel } from "./QuestionField";
import { answerFieldId, type Question } from "./model";

/** A question and its answer, to read (after the deadline, or for readers who may not edit). */
export function AnswerView({ question, value }: { question: Question; value: FieldValue }) {
  const { t, i18n } = useTranslation("candidacy");
  return (
    <div className="fr-mb-3w">
      <p id={answerFieldId(question.key)} className="fr-text--bold fr-mb-1v">
        {questionLabel(question, i18n.language, t("answers.required"))}
      </p>
      <p className="fr-mb-0" style={{ whiteSpace: "pre-wrap" }}>
        {shown(question, value, i18n.language, [t("answers.yes"), t("answers.no")]) || t("answers.unanswered")}
      </p>
    </div>
  );
}

/** The answer as text: choices by their label, dates in the reader's language. */
function shown(question: Question, value: FieldValue, language: string, [yes, no]: [string, string]): string {
  const choice = (v: string) =>
    localized(question.choices.find((c) => c.value === v)?.label ?? {}, language) || v;
  if (Array.isArray(value)) return value.map(choice).join(", ");
  if (typeof value === "boolean") return value ? yes : no;
  if (value == null || value === "") return "";
  if (question.kind === "CHOICE") return choice(value as string);
  if (question.kind === "DATE") return formatDate(value as string, language);
  return value as string;
}
