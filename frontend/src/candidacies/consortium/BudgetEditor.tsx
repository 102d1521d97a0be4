import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../i18n/format";
import { Button, ErrorAlert, SuccessAlert } from "../../ui";
import { budgetTotals, readAmounts, type DraftLine } from "./budget";
import { BudgetTotalsTable } from "./BudgetTotalsTable";
import { problemsAt, problemsOf } from "./errors";
import { useSetCandidacyBudget } from "./hooks";
import { centsToInput } from "../../i18n/money";
import { OrganisationBudget } from "./OrganisationBudget";
import { DEFAULT_CURRENCY, type ConsortiumCandidacy } from "./types";
import { useActionError } from "./useActionError";

/** The lines as the server holds them, ready to edit. */
function initialLines(candidacy: ConsortiumCandidacy, language: string): DraftLine[] {
  return (candidacy.budget ?? []).map((line, index) => ({
    key: index,
    organisationId: line.organisation?.id ?? "",
    category: line.category,
    label: line.label,
    amount: centsToInput(line.amount.cents, language),
  }));
}

/**
 * The budget's tables and, when `editable`, its form: every line is sent at once
 * (setCandidacyBudget), in the order shown, so the API's `lines[i]` problems find their cell.
 */
export function BudgetEditor({ candidacy, editable }: { candidacy: ConsortiumCandidacy; editable: boolean }) {
  const { t, i18n } = useTranslation("consortium");
  const language = i18n.language;
  const save = useSetCandidacyBudget(candidacy.id);
  const actionErrorOf = useActionError(candidacy.id, "budget");
  const [lines, setLines] = useState(() => initialLines(candidacy, language));
  const [nextKey, setNextKey] = useState(lines.length);
  const [checked, setChecked] = useState(false);
  const [sentKeys, setSentKeys] = useState<number[]>([]);

  const organisations = (candidacy.partners ?? [])
    .filter((partner) => partner.status !== "DECLINED")
    .flatMap((partner) => (partner.organisation ? [{ ...partner.organisation, share: partner.requestedShare }] : []));
  const shown = lines.filter((line) => organisations.some((organisation) => organisation.id === line.organisationId));
  const amounts = readAmounts(shown, language);
  const totals = budgetTotals(shown, amounts);
  const currency = candidacy.call?.capPerCandidacy?.currency ?? candidacy.budgetTotal?.currency ?? DEFAULT_CURRENCY;
  const money = (cents: number) => formatMoney(cents, currency, language);

  const result = save.isPending ? undefined : save.data;
  const problems = problemsOf(result);
  const actionError = actionErrorOf(result);
  /** The API's problems about a line's field, found by the index the line was sent at. */
  const lineProblem = (key: number, field: string) => {
    const index = sentKeys.indexOf(key);
    return index < 0 ? undefined : problemsAt(t, problems, `lines[${index}].${field}`);
  };
  const unreadable = [...amounts.values()].some((amount) => !amount.ok);

  const change = (key: number, patch: Partial<DraftLine>) =>
    setLines((all) => all.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  const remove = (key: number) => setLines((all) => all.filter((line) => line.key !== key));
  const add = (organisationId: string) => {
    setLines((all) => [...all, { key: nextKey, organisationId, category: "STAFF", label: "", amount: "" }]);
    setNextKey(nextKey + 1);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (save.isPending || unreadable) return;
    // Sent grouped by organisation, as shown, so the saved order is the one on screen.
    const ordered = organisations.flatMap((organisation) =>
      shown.filter((line) => line.organisationId === organisation.id),
    );
    setSentKeys(ordered.map((line) => line.key));
    save.mutate({
      id: candidacy.id,
      lines: ordered.map((line) => ({
        organisationId: line.organisationId,
        category: line.category,
        label: line.label.trim(),
        amountCents: (amounts.get(line.key) as { cents: number }).cents,
      })),
    });
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
          editable={editable}
          showUnreadable={checked}
          lineProblem={lineProblem}
          onChange={change}
          onRemove={remove}
          onAdd={add}
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

  const fieldProblems =
    checked && unreadable ? t("fixAmounts") : problems.length > 0 ? t("errors.checkFields") : undefined;
  return (
    <form onSubmit={submit} aria-label={t("budget.title")} noValidate>
      {actionError && <ErrorAlert description={actionError} />}
      {!actionError && fieldProblems && <ErrorAlert description={fieldProblems} />}
      <SuccessAlert title={result?.__typename === "CandidacyPayload" ? t("budget.saved") : undefined} />
      {content}
      <Button type="submit">{save.isPending ? t("budget.saving") : t("budget.save")}</Button>
    </form>
  );
}
