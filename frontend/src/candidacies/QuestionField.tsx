import { useTranslation } from "react-i18next";
import { localized } from "../calls/model";
import { ChoiceGroup, FormInput, TextArea } from "../ui/editing";
import type { FieldValue } from "./answerValues";
import { answerFieldId, type Question } from "./model";

export interface QuestionFieldProps {
  question: Question;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  onBlur: () => void;
  /** The API's code for a refused answer (TOO_LONG, OUT_OF_RANGE...). */
  problem?: string;
}

/** One question of the call's form as the field its kind asks for, labelled in the reader's
 * language, required ones marked; its id is `answer-<key>` (links from the submission check). */
export function QuestionField({ question, value, onChange, onBlur, problem }: QuestionFieldProps) {
  const { t, i18n } = useTranslation("candidacy");
  const id = answerFieldId(question.key);
  const label = questionLabel(question, i18n.language, t("answers.required"));
  const help = localized(question.helpText, i18n.language) || undefined;
  const error = problem ? problemText(t, problem) : undefined;
  const text = typeof value === "string" ? value : "";

  switch (question.kind) {
    case "TEXT": {
      const max = question.maxLength ?? undefined;
      const counter = max ? t("answers.counter", { count: max - text.length, max }) : undefined;
      const Field = !max || max > 300 ? TextArea : FormInput;
      return (
        <Field
          id={id}
          label={label}
          hint={[help, counter].filter(Boolean).join(" — ") || undefined}
          value={text}
          onChange={onChange}
          onBlur={onBlur}
          error={error}
          required={question.required}
          maxLength={max}
        />
      );
    }
    case "NUMBER": {
      const bounds = numberBounds(t, question.minValue, question.maxValue);
      return (
        <FormInput
          id={id}
          type="number"
          label={label}
          hint={[help, bounds].filter(Boolean).join(" — ") || undefined}
          value={text}
          onChange={onChange}
          onBlur={onBlur}
          error={error}
          required={question.required}
          min={question.minValue ?? undefined}
          max={question.maxValue ?? undefined}
        />
      );
    }
    case "DATE":
      return (
        <FormInput
          id={id}
          type="date"
          label={label}
          hint={help}
          value={text}
          onChange={onChange}
          onBlur={onBlur}
          error={error}
          required={question.required}
        />
      );
    case "CHOICE":
    case "MULTI_CHOICE":
      return (
        <ChoiceGroup
          id={id}
          legend={label}
          hint={help}
          mode={question.kind === "CHOICE" ? "single" : "multiple"}
          options={question.choices.map((choice) => ({
            value: choice.value,
            label: localized(choice.label, i18n.language) || choice.value,
          }))}
          selected={Array.isArray(value) ? value : text ? [text] : []}
          onChange={(selected) => onChange(question.kind === "CHOICE" ? (selected[0] ?? "") : selected)}
          onBlur={onBlur}
          error={error}
        />
      );
    case "YES_NO":
      return (
        <ChoiceGroup
          id={id}
          legend={label}
          hint={help}
          mode="single"
          orientation="horizontal"
          options={[
            { value: "yes", label: t("answers.yes") },
            { value: "no", label: t("answers.no") },
          ]}
          selected={value === true ? ["yes"] : value === false ? ["no"] : []}
          onChange={(selected) => onChange(selected[0] === "yes")}
          onBlur={onBlur}
          error={error}
        />
      );
    case "FILE":
      return null; // FileQuestion
  }
}

type T = ReturnType<typeof useTranslation<"candidacy">>["t"];

/** A question's label in the reader's language, "(required)" appended when it is. */
export function questionLabel(question: Question, language: string, required: string): string {
  const label = localized(question.label, language) || question.key;
  return question.required ? `${label} ${required}` : label;
}

function numberBounds(t: T, min: string | null, max: string | null): string | undefined {
  if (min != null && max != null) return t("answers.between", { min: plain(min), max: plain(max) });
  if (min != null) return t("answers.atLeast", { min: plain(min) });
  if (max != null) return t("answers.atMost", { max: plain(max) });
  return undefined;
}

/** "12", not "12.0000" (the API's Decimal scale). */
function plain(decimal: string): string {
  return decimal.includes(".") ? decimal.replace(/\.?0+$/, "") : decimal;
}

const PROBLEM_CODES = ["TOO_LONG", "OUT_OF_RANGE", "UNKNOWN_CHOICE"] as const;

function problemText(t: T, code: string): string {
  return (PROBLEM_CODES as readonly string[]).includes(code)
    ? t(`answers.problem.${code as (typeof PROBLEM_CODES)[number]}`)
    : t("answers.problem.other");
}
