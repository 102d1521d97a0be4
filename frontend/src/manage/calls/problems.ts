import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";

/**
 * Field problems by path (`questions[2].key`, `timeline.deadlineAt`), from the API's
 * InvalidInputError or found before sending; each field shows the message for its own path.
 */
export type ProblemCodes = Record<string, string>;

export function problemsFromApi(fieldErrors: readonly { field: string; code: string }[]): ProblemCodes {
  const codes: ProblemCodes = {};
  for (const { field, code } of fieldErrors) codes[apiPath(field)] ??= code;
  return codes;
}

/**
 * The editor's path for a problem's field: eligibility rules are checked by a model whose
 * paths read `eligibility.required_partner_countries.0.country`; the editor's fields use the
 * GraphQL names (`eligibility.requiredPartnerCountries[0].country`), like every other path.
 */
export function apiPath(field: string): string {
  return field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/** The call's section a path belongs to, to name it in a summary of problems. */
export type Section = "general" | "translations" | "form" | "grid" | "eligibility" | "funders";

export function sectionOf(path: string): Section {
  if (/^(title|description)\b/.test(path)) return "translations";
  if (path.startsWith("questions")) return "form";
  if (path.startsWith("grid")) return "grid";
  if (path.startsWith("eligibility")) return "eligibility";
  if (path.startsWith("funders")) return "funders";
  return "general";
}

/** The codes the API gives (backend/calls/inputs.py) or the editor finds; others read INVALID. */
const KNOWN_CODES = [
  "REQUIRED",
  "FORMAT",
  "DUPLICATE",
  "TIME_ZONE",
  "NAIVE",
  "OUT_OF_RANGE",
  "PAST",
  "IN_THE_PAST",
  "UNKNOWN",
  "COUNTRY",
  "CURRENCY",
  "SHARES",
  "TAKEN",
  "NOT_LATER",
  "AFTER_REVIEW",
  "DEADLINE_PASSED",
  "TOO_LONG",
  "CO_FUNDER_PENDING",
  "CO_FUNDER_DECLINED",
  "AMOUNT",
  "DATE",
] as const;

export const ProblemsContext = createContext<ProblemCodes>({});

/** The message for the field at `path` (exact path), in the reader's language. */
export function useProblemAt(path: string): string | undefined {
  const codes = useContext(ProblemsContext);
  const message = useProblemMessage();
  const code = codes[path];
  return code === undefined ? undefined : message(code);
}

export function useProblemMessage() {
  const { t } = useTranslation("manageCalls");
  return (code: string) =>
    (KNOWN_CODES as readonly string[]).includes(code)
      ? t(`problems.${code as (typeof KNOWN_CODES)[number]}`)
      : t("problems.INVALID");
}
