import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CallStatus } from "../gql/graphql";
import { ErrorAlert } from "../../ui";
import { problemsFromApi, sectionOf, useProblemMessage, type ProblemCodes } from "./problems";

/**
 * What a call mutation answered, for the form that sent it: problems by field path, and a
 * message for the top of the form (focused and announced) that sums them up by section.
 */
export interface Outcome {
  codes: ProblemCodes;
  form?: string;
}

/** The union members the call mutations return (each query asks for the fields it uses). */
export type CallResult =
  | { __typename: "CallPayload" }
  | { __typename: "CallReferenceTakenError" }
  | { __typename: "InvalidInputError"; fieldErrors: readonly { field: string; code: string }[] }
  | { __typename: "CallStructureFrozenError"; frozenFields: readonly string[] }
  | { __typename: "InvalidTransitionError"; currentStatus: CallStatus; requestedStatus: CallStatus }
  | { __typename: "NotFoundError" }
  | { __typename: "PermissionDeniedError" }
  | { __typename: "AuthenticationRequiredError" };

export function useOutcome(result: CallResult | undefined, local: ProblemCodes = {}): Outcome {
  const { t } = useTranslation("manageCalls");
  if (Object.keys(local).length > 0) return { codes: local, form: t("errors.checkFields") };
  switch (result?.__typename) {
    case "CallReferenceTakenError":
      return { codes: { reference: "TAKEN" }, form: t("errors.checkFields") };
    case "InvalidInputError":
      return { codes: problemsFromApi(result.fieldErrors), form: t("errors.checkFields") };
    case "CallStructureFrozenError":
      return {
        codes: {},
        form: t("errors.frozen", {
          sections: [...new Set(result.frozenFields.map(sectionOf))].map((section) => t(`sections.${section}`)).join(", "),
        }),
      };
    case "InvalidTransitionError":
      return {
        codes: {},
        form: t("errors.invalidTransition", {
          current: t(`status.${result.currentStatus}`),
          requested: t(`status.${result.requestedStatus}`),
        }),
      };
    case "NotFoundError":
      return { codes: {}, form: t("errors.notFound") };
    case "PermissionDeniedError":
      return { codes: {}, form: t("errors.permissionDenied") };
    case "AuthenticationRequiredError":
      return { codes: {}, form: t("errors.authenticationRequired") };
    default:
      return { codes: {} };
  }
}

/** The outcome's message at the top of a form, focused so the keyboard starts from it. */
export function OutcomeAlert({ outcome, attempt }: { outcome: Outcome; attempt: number }) {
  const { t } = useTranslation("manageCalls");
  const message = useProblemMessage();
  const ref = useRef<HTMLDivElement>(null);
  const shown = Boolean(outcome.form);
  // Focus when an answer (or a check before sending) brings problems: once per send
  // (`attempt` counts them), never again while the user corrects the fields.
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [attempt, shown]);
  if (!outcome.form) return null;
  const items = Object.entries(outcome.codes);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      <ErrorAlert
        description={
          <>
            {outcome.form}
            {items.length > 0 && (
              <ul>
                {items.map(([path, code]) => (
                  <li key={path}>{t("errors.inSection", { section: t(`sections.${sectionOf(path)}`), message: message(code) })}</li>
                ))}
              </ul>
            )}
          </>
        }
      />
    </div>
  );
}
