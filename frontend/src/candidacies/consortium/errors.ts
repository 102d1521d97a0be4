import type { TFunction } from "i18next";
import { formatDateTime } from "../../i18n/format";

/** A problem with one field of an InvalidInputError (`lines[2].amountCents`, `email`...). */
export interface Problem {
  field: string;
  code: string;
}

/** What a consortium or budget mutation answers: its payload, or one expected failure. */
export interface EditResult {
  __typename: string;
  deadlineLocal?: string;
  fieldErrors?: readonly Problem[];
}

type ConsortiumT = TFunction<"consortium">;

/**
 * The message for a failure that concerns the whole action (every member but the payload and
 * InvalidInputError, whose problems go next to their fields), or undefined.
 */
export function actionErrorText(
  t: ConsortiumT,
  language: string,
  result: EditResult | undefined,
  scope: "consortium" | "budget",
  /** The call's time zone, the deadline's own. */
  timeZone?: string,
): string | undefined {
  switch (result?.__typename) {
    case "DeadlinePassedError":
      return t("errors.deadlinePassed", {
        deadline: result.deadlineLocal ? formatDateTime(result.deadlineLocal, language, timeZone) : "",
      });
    case "CallNotOpenError":
      return t("errors.callNotOpen");
    case "CandidacyNotEditableError":
      return t("errors.notEditable");
    case "NotFoundError":
      return t("errors.notFound");
    case "PermissionDeniedError":
      return scope === "budget" ? t("errors.permissionBudget") : t("errors.permissionConsortium");
    case "AuthenticationRequiredError":
      return t("errors.authentication");
    case "EditConflictError":
      return t("errors.editConflict");
    default:
      return undefined;
  }
}

/** The problems of an InvalidInputError (none for any other result). */
export function problemsOf(result: EditResult | undefined): readonly Problem[] {
  return result?.__typename === "InvalidInputError" ? (result.fieldErrors ?? []) : [];
}

/**
 * A field problem in the reader's words, from the last part of its path (`partners[1].role` is
 * a role) and its stable code; the API's English message is never shown.
 */
export function problemText(t: ConsortiumT, { field, code }: Problem): string {
  const name = field.replace(/^.*[.\]]/, "") || field;
  if (code === "TOO_LARGE") return t("problems.tooLarge");
  if (code === "DUPLICATE") return t("problems.duplicate");
  if (code === "UNKNOWN") return t("problems.unknownOrganisation");
  if (code === "NOT_PARTNER") return t("problems.notPartner");
  if (code === "ALREADY_REGISTERED") return t("problems.organisationRegistered");
  if (code === "LEAD") return name === "role" ? t("problems.roleLead") : t("problems.organisationLead");
  if (code === "ALREADY_INVITED")
    return name === "email" ? t("problems.emailAlreadyInvited") : t("problems.alreadyInvited");
  if (code === "INVALID_EMAIL") return t("problems.emailInvalid");
  if (code === "COUNTRY") return t("problems.country");
  if (code === "REQUIRED") return t("problems.required");
  if (code === "INVALID_IDENTIFIER") return t("problems.identifier");
  switch (name) {
    case "requestedShareCents":
      return t("problems.shareNegative");
    case "amountCents":
      return t("problems.amountPositive");
    case "label":
      return t("problems.labelTooLong");
    case "name":
      return t("problems.name");
    case "siret":
    case "finess":
      return t("problems.frenchOnly");
    case "organisationId":
    case "email":
    case "partners":
      return t("problems.tooManyPartners");
    case "lines":
      return t("problems.tooManyLines");
    default:
      return t("problems.invalid");
  }
}

/** The problems whose path is exactly `field`, in words, one sentence after the other. */
export function problemsAt(t: ConsortiumT, problems: readonly Problem[], field: string): string | undefined {
  const texts = problems.filter((problem) => problem.field === field).map((problem) => problemText(t, problem));
  return texts.length > 0 ? [...new Set(texts)].join(" ") : undefined;
}
