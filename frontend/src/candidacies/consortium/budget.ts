import { parseEuros, type ParsedAmount } from "../../i18n/money";
import { BUDGET_CATEGORIES } from "./types";

export type Category = (typeof BUDGET_CATEGORIES)[number];

/** A budget line being edited: its amount as typed, read into cents for the totals. */
export interface DraftLine {
  /** Stable across edits, for React and to place the API's `lines[i]` problems. */
  key: number;
  organisationId: string;
  category: Category;
  label: string;
  amount: string;
}

export interface BudgetTotals {
  byOrganisation: Map<string, number>;
  byCategory: Map<Category, number>;
  total: number;
}

/** The amounts read in `language`; a line whose amount cannot be read counts for nothing. */
export function readAmounts(lines: readonly DraftLine[], language: string): Map<number, ParsedAmount> {
  return new Map(lines.map((line) => [line.key, parseEuros(line.amount, language)]));
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
