import { useTranslation } from "react-i18next";
import { Button, ErrorAlert, StatusMessage } from "../ui";
import { AnswerView } from "./AnswerView";
import { fieldValue } from "./answerValues";
import { FileQuestion } from "./FileQuestion";
import type { Access, Candidacy, Call } from "./model";
import { QuestionField } from "./QuestionField";
import { useRefusalText } from "./refusals";
import { useAnswersAutosave, type SaveState } from "./useAnswersAutosave";
import { useFocusHash } from "./useFocusHash";

/** The call's form: each question as its kind asks, answers saved as drafts while typing. */
export function AnswersPage({ candidacy, call, access }: { candidacy: Candidacy; call: Call; access: Access }) {
  const { t } = useTranslation("candidacy");
  useFocusHash();
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">{t("answers.title")}</h2>
      {call.questions.length === 0 ? (
        <p>{t("answers.noQuestion")}</p>
      ) : access.editContent ? (
        <AnswersForm candidacy={candidacy} call={call} />
      ) : (
        <AnswersReadOnly candidacy={candidacy} call={call} />
      )}
    </section>
  );
}

function initialValues(candidacy: Candidacy, call: Call) {
  const stored = Object.fromEntries((candidacy.answers ?? []).map((a) => [a.questionKey, a.value]));
  return Object.fromEntries(
    call.questions.filter((q) => q.kind !== "FILE").map((q) => [q.key, fieldValue(q, stored[q.key])]),
  );
}

function AnswersForm({ candidacy, call }: { candidacy: Candidacy; call: Call }) {
  const { t } = useTranslation("candidacy");
  const autosave = useAnswersAutosave(candidacy.id, initialValues(candidacy, call));
  const timeZone = call.timeline.timezone;
  return (
    <>
      <p className="fr-text--sm">{t("answers.autosaveHint")}</p>
      <SaveStatus state={autosave.state} onRetry={() => void autosave.flush()} timeZone={timeZone} />
      <form onSubmit={(event) => event.preventDefault()} aria-labelledby="answers-title" noValidate>
        {call.questions.map((question) =>
          question.kind === "FILE" ? (
            <FileQuestion
              key={question.key}
              candidacyId={candidacy.id}
              question={question}
              attachments={(candidacy.attachments ?? []).filter((a) => a.questionKey === question.key)}
              editable
              timeZone={timeZone}
            />
          ) : (
            <QuestionField
              key={question.key}
              question={question}
              value={autosave.values[question.key] ?? null}
              onChange={(value) => autosave.change(question.key, value)}
              onBlur={() => void autosave.flush()}
              problem={autosave.problems[question.key]}
            />
          ),
        )}
      </form>
    </>
  );
}

function AnswersReadOnly({ candidacy, call }: { candidacy: Candidacy; call: Call }) {
  const values = initialValues(candidacy, call);
  return (
    <>
      {call.questions.map((question) =>
        question.kind === "FILE" ? (
          <FileQuestion
            key={question.key}
            candidacyId={candidacy.id}
            question={question}
            attachments={(candidacy.attachments ?? []).filter((a) => a.questionKey === question.key)}
            editable={false}
            timeZone={call.timeline.timezone}
          />
        ) : (
          <AnswerView key={question.key} question={question} value={values[question.key] ?? null} />
        ),
      )}
    </>
  );
}

/** Where the drafts stand, said politely; a failure says why and offers to try again. */
function SaveStatus({ state, onRetry, timeZone }: { state: SaveState; onRetry: () => void; timeZone: string }) {
  const { t, i18n } = useTranslation("candidacy");
  const refusalText = useRefusalText(timeZone);
  const text =
    state.kind === "saving"
      ? t("autosave.saving")
      : state.kind === "saved"
        ? t("autosave.saved", {
            time: new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" }).format(state.at),
          })
        : state.kind === "invalid"
          ? t("autosave.invalid")
          : "";
  return (
    <div className="fr-mb-2w">
      <StatusMessage>{text}</StatusMessage>
      {state.kind === "failed" && (
        <>
          <ErrorAlert
            description={state.refusal ? `${t("autosave.failed")} ${refusalText(state.refusal)}` : t("autosave.failedNetwork")}
          />
          <div className="fr-mt-1w">
            <Button priority="secondary" onClick={onRetry}>
              {t("autosave.retry")}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
