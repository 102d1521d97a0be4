import type { TFunction } from "i18next";
import type { CandidacyStatus } from "./gql/graphql";
import type { Tone } from "../ui";
import { formatDateTime } from "../i18n/format";

export const CANDIDACY_STATUS_TONE: Record<CandidacyStatus, Tone> = {
  DRAFT: "warning",
  SUBMITTED: "success",
  WITHDRAWN: "neutral",
  NOT_SUBMITTED: "error",
};

export const PAGE_SIZE = 20;

/** What the area's mutations answer besides their payload (the `... on Error` fields). */
export interface ErrorResult {
  __typename: string;
  fieldErrors?: readonly { field: string; code: string }[];
  deadlineLocal?: string;
  candidacyStatus?: string;
}

/**
 * The message for an error member, or null for an InvalidInputError (the form shows it next
 * to its fields). `own` gives the screen's words for the members whose meaning depends on what
 * was asked (NotFoundError: which object; PermissionDeniedError: who may). A deadline is shown
 * in `timeZone`, the call's, when the screen knows it, else in UTC (said so), never the device's.
 */
export function errorMessage(
  t: TFunction<"applicant">,
  language: string,
  result: ErrorResult,
  own: Partial<Record<"NotFoundError" | "PermissionDeniedError", string>>,
  timeZone = "UTC",
): string | null {
  const typename = result.__typename;
  if (typename === "InvalidInputError") return null;
  if (typename === "NotFoundError" || typename === "PermissionDeniedError") {
    return own[typename] ?? t(`errors.${typename}`);
  }
  if (typename === "DeadlinePassedError" && result.deadlineLocal) {
    return t("errors.DeadlinePassedError", { deadline: formatDateTime(result.deadlineLocal, language, timeZone) });
  }
  if (typename === "CandidacyNotEditableError") {
    const status = result.candidacyStatus ?? "";
    const known = status in CANDIDACY_STATUS_TONE;
    return t("errors.CandidacyNotEditableError", {
      status: known ? t(`status.${status as CandidacyStatus}`) : status,
    });
  }
  switch (typename) {
    case "CallNotOpenError":
    case "AuthenticationRequiredError":
    case "AlreadyMemberError":
      return t(`errors.${typename}`);
    default:
      return t("errors.unexpected");
  }
}

/**
 * An InvalidInputError's problems split for a form: a message under each field it shows
 * (`messageFor` gets the problem's code, e.g. REQUIRED), and one announced summary (a problem on
 * a field the form does not show gets the generic text there).
 */
export function fieldProblems<F extends string>(
  t: TFunction<"applicant">,
  problems: readonly { field: string; code: string }[],
  shown: readonly F[],
  messageFor: (field: F, code: string) => string,
): { form: string; fields: Partial<Record<F, string>> } {
  const fields: Partial<Record<F, string>> = {};
  let other = false;
  for (const { field, code } of problems) {
    if ((shown as readonly string[]).includes(field)) fields[field as F] ??= messageFor(field as F, code);
    else other = true;
  }
  return { form: other ? t("errors.invalidInput") : t("errors.checkFields"), fields };
}
