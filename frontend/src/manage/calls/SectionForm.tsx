import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../pages/QueryError";
import { Button, SuccessAlert } from "../../ui";
import type { UpdateCallInput } from "../gql/graphql";
import { useUpdateCall } from "./api";
import type { LocalProblems } from "./model";
import { OutcomeAlert, useOutcome } from "./outcome";
import { ProblemsContext } from "./problems";

export interface SectionFormProps<D> {
  callId: string;
  /** The section's fields as the call has them now. */
  initial: D;
  /** The part of `updateCall`'s input this section changes, with problems found before sending. */
  toInput: (draft: D, problems: LocalProblems) => UpdateCallInput;
  label: string;
  children: (draft: D, setDraft: (next: D) => void) => ReactNode;
}

/** One section of a call edited on its own and saved with `updateCall`. */
export function SectionForm<D>({ callId, initial, toInput, label, children }: SectionFormProps<D>) {
  const { t } = useTranslation("manageCalls");
  const [draft, setDraft] = useState(initial);
  const [local, setLocal] = useState<LocalProblems>({});
  const [attempt, setAttempt] = useState(0);
  const update = useUpdateCall(callId);
  const outcome = useOutcome(update.isPending ? undefined : update.data, local);
  const saved = !update.isPending && update.data?.__typename === "CallPayload";

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const problems: LocalProblems = {};
    const input = toInput(draft, problems);
    setLocal(problems);
    setAttempt((n) => n + 1);
    if (Object.keys(problems).length === 0) update.mutate(input);
  };

  return (
    <ProblemsContext.Provider value={outcome.codes}>
      <form onSubmit={submit} aria-label={label} noValidate>
        {update.isError && <QueryError error={update.error} />}
        <OutcomeAlert outcome={outcome} attempt={attempt} />
        {children(draft, setDraft)}
        <div className="fr-mt-3w">
          <Button type="submit">{update.isPending ? t("save.saving") : t("save.save")}</Button>
        </div>
        <SuccessAlert title={saved ? t("save.saved") : undefined} />
      </form>
    </ProblemsContext.Provider>
  );
}
