import { useTranslation } from "react-i18next";
import { formatDateTime } from "../i18n/format";
import type { FieldProblem } from "./model";

/** An error member of a candidacy mutation's result, as the EditRefusal fragment reads it. */
export type Refusal =
  | { __typename: "AuthenticationRequiredError"; code: string; message: string }
  | { __typename: "CallNotOpenError"; code: string; message: string }
  | { __typename: "CandidacyNotEditableError"; code: string; message: string; status: string }
  | { __typename: "DeadlinePassedError"; code: string; message: string; deadlineAt: string; serverTime: string }
  | {
      __typename: "InvalidInputError";
      code: string;
      message: string;
      fieldErrors: readonly { field: string; code: string; message: string }[];
    }
  | { __typename: "NotFoundError"; code: string; message: string }
  | { __typename: "PermissionDeniedError"; code: string; message: string }
  | { __typename: "UploadRejectedError"; code: string; message: string }
  | {
      __typename: "SubmissionRejectedError";
      code: string;
      message: string;
      problems: readonly FieldProblem[];
    };

/** The refusal among a mutation's results, or null for its success payload. */
export function refusalOf<R extends { __typename: string }>(result: R | undefined): Refusal | null {
  if (!result || !result.__typename.endsWith("Error")) return null;
  return result as unknown as Refusal;
}

const UPLOAD_CODES = [
  "UPLOAD_TOO_LARGE",
  "UNSUPPORTED_FILE_TYPE",
  "CORRUPT_FILE",
  "ENCRYPTED_FILE",
  "PDF_ACTIVE_CONTENT",
  "PDF_TRAILING_DATA",
  "TOO_MANY_PAGES",
] as const;

/** Every refusal in the reader's language (the API's English message never reaches the page). */
export function useRefusalText(timeZone: string | undefined) {
  const { t, i18n } = useTranslation("candidacy");
  return (refusal: Refusal): string => {
    switch (refusal.__typename) {
      case "DeadlinePassedError":
        return t("refusal.deadlinePassed", { deadline: formatDateTime(refusal.deadlineAt, i18n.language, timeZone) });
      case "CallNotOpenError":
        return t("refusal.callNotOpen");
      case "CandidacyNotEditableError":
        return t("refusal.notEditable", { status: statusText(t, refusal.status) });
      case "InvalidInputError":
        return t("refusal.invalidInput");
      case "NotFoundError":
        return t("refusal.notFound");
      case "PermissionDeniedError":
        return t("refusal.permissionDenied");
      case "AuthenticationRequiredError":
        return t("refusal.authenticationRequired");
      case "UploadRejectedError":
        return (UPLOAD_CODES as readonly string[]).includes(refusal.code)
          ? t(`upload.rejected.${refusal.code as (typeof UPLOAD_CODES)[number]}`)
          : t("upload.rejected.other");
      case "SubmissionRejectedError":
        return t("submit.rejected", { count: refusal.problems.length });
    }
  };
}

type T = ReturnType<typeof useTranslation<"candidacy">>["t"];

const STATUSES = ["DRAFT", "SUBMITTED", "WITHDRAWN", "NOT_SUBMITTED"] as const;

/** A candidacy status's name (an unknown one, from a newer API, reads as itself). */
export function statusText(t: T, status: string): string {
  return (STATUSES as readonly string[]).includes(status) ? t(`status.${status as (typeof STATUSES)[number]}`) : status;
}
