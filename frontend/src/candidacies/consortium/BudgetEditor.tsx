import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../i18n/format";
import { Button, ErrorAlert, StatusMessage, SuccessAlert, WarningAlert } from "../../ui";
import { budgetTotals, readAmounts, type DraftLine } from "./budget";
import { BudgetTotalsTable } from "./BudgetTotalsTable";
import { problemsAt, problemsOf } from "./errors";
import { useReloadConsortium, useSetCandidacyBudget } from "./hooks";
import { OrganisationBudget, type BudgetOrganisation } from "./OrganisationBudget";
import { DEFAULT_CURRENCY, type ConsortiumCandidacy } from "./types";
import { useActionError } from "./useActionError";
import { useBudgetDraft } from "./useBudgetDraft";

/**
 * Every organisation of the consortium, in its order. One that declined its invitation is
 * shown too: its lines are still stored (until it is removed from the partners), count in the
 * totals as the server counts them, and are kept, read-only, at every save.
 */
function organisationsOf(candidacy: ConsortiumCandidacy): BudgetOrganisation[] {
  return (candidacy.partners ?? []).flatMap((partner) =>
    partner.organisation
      ? [{ ...partner.organisation, share: partner.requestedShare, declined: partner.status === "DECLINED" }]
      : [],
  );
}

/** What was last sent: the lines' keys in order (for the API's `lines[i]`) and the token. */
interface Sent {
  keys: number[];
  token: string | null;
}

/**
 * The budget's tables and, when `editable`, its form: every line is sent at once
 * (setCandidacyBudget), in the order shown, so the API's `lines[i]` problems find their cell,
 * with the budget token the lines were loaded with, so a budget someone saved meanwhile is
 * not overwritten (the user is told, and chooses to load the current one).
 */
export function BudgetEditor({ candidacy, editable }: { candidacy: ConsortiumCandidacy; editable: boolean }) {
  const { t, i18n } = useTranslation("consortium");
  const language = i18n.language;
  const save = useSetCandidacyBudget(candidacy.id);
  const actionErrorOf = useActionError(candidacy.id, "budget");
  const draft = useBudgetDraft(candidacy, language);
  const [checked, setChecked] = useState(false);
  const [sent, setSent] = useState<Sent>({ keys: [], token: null });
  const [reloaded, setReloaded] = useState(false);

  const organisations = organisationsOf(candidacy);
  const shown = draft.lines.filter((line) => organisations.some((organisation) => organisation.id === line.organisationId));
  const amounts = readAmounts(shown, language);
  const totals = budgetTotals(shown, amounts);
  const currency = candidacy.call?.capPerCandidacy?.currency ?? candidacy.budgetTotal?.currency ?? DEFAULT_CURRENCY;
  const money = (cents: number) => formatMoney(cents, currency, language);

  const result = currentResult(save.isPending ? undefined : save.data, sent.token === draft.token);
  const conflict = result?.__typename === "EditConflictError";
  const problems = problemsOf(result);
  const actionError = actionErrorOf(result);
  /** The API's problems about a line's field, found by the index the line was sent at. */
  const lineProblem = (key: number, field: string) => {
    const index = sent.keys.indexOf(key);
    return index < 0 ? undefined : problemsAt(t, problems, `lines[${index}].${field}`);
  };
  const unreadable = [...amounts.values()].some((amount) => !amount.ok);
  // A conflict is read from the top of a long form: keyboard users start from it (its button
  // is the way out); once the current budget is loaded, from the message saying so.
  const conflictAlert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictAlert.current?.focus();
  }, [conflict, result]);
  useEffect(() => {
    if (reloaded) document.getElementById(RELOADED_ID)?.focus();
  }, [reloaded]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (save.isPending || unreadable) return;
    // Sent grouped by organisation, as shown, so the saved order is the one on screen.
    const ordered = organisations.flatMap((organisation) =>
      shown.filter((line) => line.organisationId === organisation.id),
    );
    const edited = draft.lines;
    setReloaded(false);
    setSent({ keys: ordered.map((line) => line.key), token: draft.token });
    save.mutate(
      { id: candidacy.id, lines: ordered.map((line) => lineInput(line, amounts)), expectedBudgetToken: draft.token },
      {
        onSuccess: (saved) => {
          if (saved.__typename === "CandidacyPayload") draft.saved(edited, saved.candidacy.budgetToken ?? null);
        },
      },
    );
  };

  const content = (
    <>
      <p>{t("budget.intro")}</p>
      {organisations.length === 0 && <p>{t("budget.noPartners")}</p>}
      {organisations.map((organisation) => (
        <OrganisationBudget
          key={organisation.id}
          organisation={organisation}
          lines={shown.filter((line) => line.organisationId === organisation.id)}
          amounts={amounts}
          subtotal={totals.byOrganisation.get(organisation.id) ?? 0}
          money={money}
          editable={editable && !organisation.declined}
          showUnreadable={checked}
          lineProblem={lineProblem}
          onChange={draft.change}
          onRemove={draft.remove}
          onAdd={draft.add}
        />
      ))}
      <BudgetTotalsTable
        totals={totals}
        cap={candidacy.call?.capPerCandidacy?.cents ?? null}
        money={money}
        problem={problemsAt(t, problems, "lines")}
      />
    </>
  );
  if (!editable) return content;

  const load = (current: ConsortiumCandidacy) => {
    draft.load(current);
    setReloaded(true);
  };
  const fieldProblems =
    checked && unreadable ? t("fixAmounts") : problems.length > 0 ? t("errors.checkFields") : undefined;
  return (
    <form onSubmit={submit} aria-label={t("budget.title")} noValidate>
      {actionError && (
        <div ref={conflictAlert} tabIndex={-1}>
          <ErrorAlert
            description={
              conflict ? <ConflictDescription text={actionError} candidacyId={candidacy.id} onLoad={load} /> : actionError
            }
          />
        </div>
      )}
      <WarningAlert
        description={
          !actionError && draft.stale ? (
            <ConflictDescription text={t("budget.changedMeanwhile")} candidacyId={candidacy.id} onLoad={load} />
          ) : undefined
        }
      />
      <div id={RELOADED_ID} tabIndex={-1}>
        <StatusMessage>{reloaded ? t("budget.reloaded") : null}</StatusMessage>
      </div>
      {!actionError && fieldProblems && <ErrorAlert description={fieldProblems} />}
      <SuccessAlert title={result?.__typename === "CandidacyPayload" ? t("budget.saved") : undefined} />
      {content}
      <Button type="submit">{save.isPending ? t("budget.saving") : t("budget.save")}</Button>
    </form>
  );
}

/**
 * The last save's answer while it still concerns the lines shown: a refusal (a conflict, the
 * problems of lines sent) is over once other lines were loaded, by the user's choice or with
 * nothing unsaved here (`sameBase` false: the lines no longer come from the token sent).
 */
function currentResult<T extends { __typename: string }>(result: T | undefined, sameBase: boolean) {
  return result?.__typename === "CandidacyPayload" || sameBase ? result : undefined;
}

/** One line as the API takes it (its amount already read). */
function lineInput(line: DraftLine, amounts: ReturnType<typeof readAmounts>) {
  return {
    organisationId: line.organisationId,
    category: line.category,
    label: line.label.trim(),
    amountCents: (amounts.get(line.key) as { cents: number }).cents,
  };
}

/**
 * The budget changed since it was loaded here: say so, and offer to load the current budget,
 * which replaces the unsaved lines only when the user asks (the editor then moves the focus to
 * the message saying it is loaded, since the button it was on is gone). If it cannot be read,
 * the lines stay and the user is told next to the button.
 */
function ConflictDescription({
  text,
  candidacyId,
  onLoad,
}: {
  text: string;
  candidacyId: string;
  onLoad: (current: ConsortiumCandidacy) => void;
}) {
  const { t } = useTranslation("consortium");
  const reload = useReloadConsortium(candidacyId);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const load = async () => {
    setLoading(true);
    setFailed(false);
    try {
      const current = await reload();
      if (current) onLoad(current);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <p>{text}</p>
      <Button priority="secondary" onClick={() => void load()} disabled={loading}>
        {loading ? t("budget.reloading") : t("budget.reload")}
      </Button>
      <span role="status">{failed ? t("budget.reloadFailed") : null}</span>
    </>
  );
}

const RELOADED_ID = "budget-reloaded";
