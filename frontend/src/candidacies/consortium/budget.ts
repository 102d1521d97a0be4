import { centsToInput, parseEuros, type ParsedAmount } from "../../i18n/money";
import { BUDGET_CATEGORIES, type ConsortiumCandidacy } from "./types";

export type Category = (typeof BUDGET_CATEGORIES)[number];

/** A budget line being edited: its amount as typed, read into cents for the totals. */
export interface DraftLine {
  /** Stable across edits, for React and to place the API's `lines[i]` problems. */
  key: number;
  organisationId: string;
  category: Category;
  label: string;
  amount: string;
  /** The amount as the server holds it, while untouched: sent back exactly, in any language. */
  saved?: { amount: string; cents: number };
}

export interface BudgetTotals {
  byOrganisation: Map<string, number>;
  byCategory: Map<Category, number>;
  total: number;
}

/** The lines as the server holds them, ready to edit, keyed from `firstKey` on. */
export function serverLines(candidacy: ConsortiumCandidacy, language: string, firstKey = 0): DraftLine[] {
  return (candidacy.budget ?? []).map((line, index) => {
    const amount = centsToInput(line.amount.cents, language);
    return {
      key: firstKey + index,
      organisationId: line.organisation?.id ?? "",
      category: line.category,
      label: line.label,
      amount,
      saved: { amount, cents: line.amount.cents },
    };
  });
}

/** Whether two drafts say the same thing (keys aside): no unsaved edit between them. */
export function sameLines(one: readonly DraftLine[], other: readonly DraftLine[]): boolean {
  const facts = (lines: readonly DraftLine[]) =>
    JSON.stringify(lines.map(({ organisationId, category, label, amount }) => [organisationId, category, label, amount]));
  return facts(one) === facts(other);
}

/**
 * The amounts read in `language`; a line whose amount cannot be read counts for nothing. An
 * amount left as loaded is the server's own (a line kept read-only stays exact after the
 * reader changes language).
 */
export function readAmounts(lines: readonly DraftLine[], language: string): Map<number, ParsedAmount> {
  return new Map(
    lines.map((line) => [
      line.key,
      line.saved && line.saved.amount === line.amount
        ? { ok: true, cents: line.saved.cents }
        : parseEuros(line.amount, language),
    ]),
  );
}

/** Per-organisation subtotals, per-category totals and the grand total, in cents. */
export function budgetTotals(lines: readonly DraftLine[], amounts: Map<number, ParsedAmount>): BudgetTotals {
  const byOrganisation = new Map<string, number>();
  const byCategory = new Map<Category, number>(BUDGET_CATEGORIES.map((category) => [category, 0]));
  let total = 0;
  for (const line of lines) {
    const amount = amounts.get(line.key);
    const cents = amount?.ok ? amount.cents : 0;
    byOrganisation.set(line.organisationId, (byOrganisation.get(line.organisationId) ?? 0) + cents);
    byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + cents);
    total += cents;
  }
  return { byOrganisation, byCategory, total };
}
