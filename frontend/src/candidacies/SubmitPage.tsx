import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import { formatDateTime } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { Button, StatusMessage, SuccessAlert } from "../ui";
import { FocusedAlert } from "./FocusedAlert";
import { TIMING_FIELDS, type Access, type Call, type Candidacy, type FieldProblem } from "./model";
import { ProblemList } from "./ProblemList";
import { SubmitCandidacyMutation } from "./queries";
import { ReceiptDownload } from "./ReceiptDownload";
import { refusalOf, useRefusalText } from "./refusals";

type SubmitResult = Awaited<ReturnType<typeof submitCandidacy>>;

async function submitCandidacy(id: string) {
  return (await request(SubmitCandidacyMutation, { id })).submitCandidacy;
}

/** Check, then submit: every problem the server finds links to its field; the receipt follows. */
export function SubmitPage({
  candidacy,
  call,
  access,
  check,
}: {
  candidacy: Candidacy;
  call: Call;
  access: Access;
  check: readonly FieldProblem[] | null;
}) {
  const { t } = useTranslation("candidacy");
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: () => submitCandidacy(candidacy.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["candidacy", candidacy.id] }),
  });
  const result = submit.isPending ? undefined : submit.data;
  const contentProblems = (check ?? []).filter((p) => !(TIMING_FIELDS as readonly string[]).includes(p.field));

  return (
    <section aria-labelledby="submit-title">
      <h2 id="submit-title">{t("submit.title")}</h2>
      <SubmitOutcome candidacy={candidacy} call={call} result={result} />
      {submit.isError && !submit.isPending && <QueryError error={submit.error} />}
      {access.lead && result?.__typename !== "SubmitCandidacyPayload" && (
        <>
          <h3 id="check-title">{t("submit.checkTitle")}</h3>
          {contentProblems.length > 0 ? (
            <>
              <p>{t("submit.problemsIntro", { count: contentProblems.length })}</p>
              <ProblemList candidacyId={candidacy.id} call={call} problems={contentProblems} labelledBy="check-title" />
            </>
          ) : (
            <p>{t("submit.ready")}</p>
          )}
          <p>{candidacy.submittedVersion > 0 ? t("submit.resubmitText") : t("submit.text")}</p>
          <Button onClick={() => submit.mutate()} disabled={submit.isPending}>
            {submit.isPending ? t("submit.submitting") : t("submit.submit")}
          </Button>
        </>
      )}
      {!access.lead && access.editContent && <p>{t("submit.leadOnly")}</p>}
      {submit.isPending && <StatusMessage>{t("submit.submitting")}</StatusMessage>}
    </section>
  );
}

/** The submission's answer: the receipt on success, else each reason in the reader's language. */
function SubmitOutcome({
  candidacy,
  call,
  result,
}: {
  candidacy: Candidacy;
  call: Call;
  result: SubmitResult | undefined;
}) {
  const { t, i18n } = useTranslation("candidacy");
  const refusalText = useRefusalText(call.timeline.timezone);
  const refusal = refusalOf(result);
  if (result?.__typename === "SubmitCandidacyPayload") {
    return (
      <>
        <SuccessAlert title={t("submit.done")}>
          {t("submit.doneText", {
            version: result.version,
            reference: result.reference,
            time: formatDateTime(result.serverTime, i18n.language, call.timeline.timezone),
          })}
        </SuccessAlert>
        <p className="fr-text--sm" style={{ overflowWrap: "anywhere" }}>
          {t("receipt.sha256", { sha256: result.sha256 })}
        </p>
        <ReceiptDownload candidacyId={candidacy.id} version={result.version} />
      </>
    );
  }
  if (!refusal) return <SuccessAlert />;
  return (
    <>
      <SuccessAlert />
      <FocusedAlert title={t("submit.refusedTitle")} description={refusalText(refusal)} />
      {refusal.__typename === "SubmissionRejectedError" && (
        <ProblemList candidacyId={candidacy.id} call={call} problems={refusal.problems} labelledBy="submit-title" />
      )}
    </>
  );
}
