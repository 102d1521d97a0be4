import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../../pages/QueryError";
import { Button, StatusMessage } from "../../../ui";
import type { CallStatus } from "../../gql/graphql";
import { usePublishCall, useTransitionCall } from "../api";
import type { SectionProps } from "../CallAdminPage";
import { OutcomeAlert, useOutcome } from "../outcome";
import { ProblemsContext } from "../problems";

/** The step a manager may ask for from each status (the API's ALLOWED_TRANSITIONS). */
type Step = Exclude<CallStatus, "DRAFT">;
const NEXT: Partial<Record<CallStatus, Step>> = {
  DRAFT: "PUBLISHED",
  PUBLISHED: "OPEN",
  OPEN: "CLOSED",
  CLOSED: "IN_EVALUATION",
  IN_EVALUATION: "DECIDED",
  DECIDED: "ARCHIVED",
};

/** Publication and the lifecycle's next step, each confirmed before it is sent. */
export function StatusSection({ call, access }: SectionProps) {
  const { t } = useTranslation("manageCalls");
  const next = NEXT[call.status];
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.status")}</h2>
      <p>{t("lifecycle.current", { status: t(`status.${call.status}`) })}</p>
      <p>{t(`lifecycle.explain.${call.status}`)}</p>
      {access.mode === "manage" && next && <NextStep callId={call.id} to={next} />}
      {!next && <p>{t("lifecycle.final")}</p>}
    </section>
  );
}

function NextStep({ callId, to }: { callId: string; to: Step }) {
  const { t } = useTranslation("manageCalls");
  const publish = usePublishCall(callId);
  const transition = useTransitionCall(callId);
  const mutation = to === "PUBLISHED" ? publish : transition;
  const [confirming, setConfirming] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState("");
  const outcome = useOutcome(mutation.isPending ? undefined : mutation.data);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const send = () => {
    setConfirming(false);
    setAttempt((n) => n + 1);
    const onSuccess = (result: { __typename: string }) => {
      if (result.__typename === "CallPayload") setDone(t("lifecycle.done", { status: t(`status.${to}`) }));
    };
    if (to === "PUBLISHED") publish.mutate(undefined, { onSuccess });
    else transition.mutate(to, { onSuccess });
  };

  return (
    <>
      {mutation.isError && <QueryError error={mutation.error} />}
      <ProblemsContext.Provider value={outcome.codes}>
        <OutcomeAlert outcome={outcome} attempt={attempt} />
      </ProblemsContext.Provider>
      {confirming ? (
        <div ref={confirmRef} tabIndex={-1} role="group" aria-labelledby="confirm-step">
          <p id="confirm-step" className="fr-text--bold">
            {t(`lifecycle.confirm.${to}`)}
          </p>
          <div className="fr-btns-group fr-btns-group--inline-sm">
            <Button onClick={send}>{t(`lifecycle.confirmButton.${to}`)}</Button>
            <Button priority="secondary" onClick={() => setConfirming(false)}>
              {t("lifecycle.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button disabled={mutation.isPending} onClick={() => setConfirming(true)}>
          {t(`lifecycle.action.${to}`)}
        </Button>
      )}
      <StatusMessage>{done}</StatusMessage>
    </>
  );
}
