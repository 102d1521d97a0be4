import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../i18n/format";
import { QueryError } from "../../../pages/QueryError";
import { Button, SuccessAlert } from "../../../ui";
import { TextArea } from "../../../ui/editing";
import { useExtendDeadline } from "../api";
import type { SectionProps } from "../CallAdminPage";
import { PathInput } from "../editor/PathInput";
import { instantToZoned, zonedToInstant } from "../../../i18n/zonedTime";
import { OutcomeAlert, useOutcome } from "../outcome";
import { ProblemsContext, useProblemAt, type ProblemCodes } from "../problems";

/** Pushing the deadline of a published or open call later, with the reason for the record. */
export function DeadlineSection({ call, access }: SectionProps) {
  const { t, i18n } = useTranslation("manageCalls");
  const zone = call.timeline.timezone;
  const extendable = call.status === "PUBLISHED" || call.status === "OPEN";
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t("sections.deadline")}</h2>
      <p>{t("deadline.current", { date: formatDateTime(call.timeline.deadlineAt, i18n.language, zone) })}</p>
      {!extendable ? (
        <p>{t("deadline.notExtendable")}</p>
      ) : (
        access.mode === "manage" && <ExtendForm callId={call.id} zone={zone} current={instantToZoned(call.timeline.deadlineAt, zone)} />
      )}
    </section>
  );
}

function ExtendForm({ callId, zone, current }: { callId: string; zone: string; current: string }) {
  const { t } = useTranslation("manageCalls");
  const extend = useExtendDeadline(callId);
  const [deadline, setDeadline] = useState(current);
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<ProblemCodes>({});
  const [attempt, setAttempt] = useState(0);
  const outcome = useOutcome(extend.isPending ? undefined : extend.data, local);
  const done = !extend.isPending && extend.data?.__typename === "CallPayload";

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (extend.isPending) return;
    const instant = zonedToInstant(deadline, zone);
    const problems: ProblemCodes = {};
    if (instant === null) problems.deadlineAt = "DATE";
    if (reason.trim() === "") problems.reason = "REQUIRED";
    setLocal(problems);
    setAttempt((n) => n + 1);
    if (instant !== null && Object.keys(problems).length === 0) extend.mutate({ deadlineAt: instant, reason });
  };

  return (
    <ProblemsContext.Provider value={outcome.codes}>
      <form onSubmit={submit} aria-label={t("deadline.extend")} noValidate>
        <h3>{t("deadline.extend")}</h3>
        {extend.isError && <QueryError error={extend.error} />}
        <OutcomeAlert outcome={outcome} attempt={attempt} />
        <PathInput
          path="deadlineAt"
          type="datetime-local"
          label={t("deadline.newDeadline")}
          hint={t("timeline.inZone", { zone })}
          value={deadline}
          onChange={setDeadline}
        />
        <ReasonField value={reason} onChange={setReason} />
        <Button type="submit">{extend.isPending ? t("save.saving") : t("deadline.submit")}</Button>
        <SuccessAlert title={done ? t("deadline.done") : undefined} />
      </form>
    </ProblemsContext.Provider>
  );
}

function ReasonField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation("manageCalls");
  return <TextArea label={t("deadline.reason")} hint={t("deadline.reasonHint")} value={value} onChange={onChange} rows={3} error={useProblemAt("reason")} />;
}
