import type { TFunction } from "i18next";

/** What a manager's action answers besides success (ManageCandidacyResult's error members). */
type ManageRefusal =
  | { __typename: "CandidacyNotEditableError"; status: string }
  | { __typename: "InvalidInputError"; fieldErrors: readonly { field: string; code: string }[] }
  | { __typename: "NotFoundError" }
  | { __typename: "PermissionDeniedError" }
  | { __typename: "AuthenticationRequiredError" };

export interface FormProblems<F extends string> {
  /** For the whole form, at its top, announced. */
  form?: string;
  fields: Partial<Record<F, string>>;
}

/**
 * The texts of each field problem an action's API answers, by `field.code` (codes from
 * backend/candidacies/management.py); a code without its own text gets the field's INVALID.
 */
const FIELD_TEXTS = {
  eligibility: {
    "decision.INVALID": "eligibility.errors.decisionInvalid",
    "decision.CALL_NOT_CLOSED": "eligibility.errors.callNotClosed",
    "reason.INVALID": "eligibility.errors.reasonInvalid",
    "reason.REQUIRED": "eligibility.errors.reasonRequired",
    "reason.TOO_LONG": "eligibility.errors.reasonTooLong",
  },
  extension: {
    "until.INVALID": "extension.errors.untilInvalid",
    "until.NOT_LATER": "extension.errors.untilNotLater",
    "until.TOO_LATE": "extension.errors.untilTooLate",
    "until.NAIVE": "extension.errors.untilInvalid",
    "until.OUT_OF_RANGE": "extension.errors.untilOutOfRange",
    "reason.INVALID": "extension.errors.reasonInvalid",
    "reason.TOO_LONG": "extension.errors.reasonTooLong",
  },
} as const;

type Action = keyof typeof FIELD_TEXTS;
type FieldTextKey = { [A in Action]: (typeof FIELD_TEXTS)[A][keyof (typeof FIELD_TEXTS)[A]] }[Action];

function fieldText(action: Action, field: string, code: string): FieldTextKey | undefined {
  const texts: Record<string, FieldTextKey> = FIELD_TEXTS[action];
  return texts[`${field}.${code}`] ?? texts[`${field}.INVALID`];
}

/**
 * Each refusal in the reader's language: a field's problem under that field, anything else for
 * the whole form (a refusal of the action itself: not editable, not found, not allowed).
 */
export function refusalProblems<F extends string>(
  t: TFunction<"manageCandidacies">,
  action: Action,
  result: { __typename: string } | undefined,
  shown: readonly F[],
): FormProblems<F> {
  const refusal = result as ManageRefusal | undefined;
  switch (refusal?.__typename) {
    case "CandidacyNotEditableError":
      return { form: t(`${action}.errors.notEditable`), fields: {} };
    case "NotFoundError":
      return { form: t("errors.notFound"), fields: {} };
    case "PermissionDeniedError":
      return { form: t("errors.permissionDenied"), fields: {} };
    case "AuthenticationRequiredError":
      return { form: t("errors.authenticationRequired"), fields: {} };
    case "InvalidInputError": {
      const fields: Partial<Record<F, string>> = {};
      const other: string[] = [];
      for (const { field, code } of refusal.fieldErrors) {
        const key = fieldText(action, field, code);
        const text = key ? t(key) : t("errors.invalidInput");
        if ((shown as readonly string[]).includes(field)) fields[field as F] = text;
        else other.push(text);
      }
      return { form: other.length > 0 ? other.join(" ") : t("errors.checkFields"), fields };
    }
    default:
      return { fields: {} };
  }
}
