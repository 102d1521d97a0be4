import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../ui/editing";
import type { BudgetTotals } from "./budget";
import { BUDGET_CATEGORIES } from "./types";

/** The totals per category, the grand total, and the call's cap (flagged when exceeded). */
export function BudgetTotalsTable({
  totals,
  cap,
  money,
  problem,
}: {
  totals: BudgetTotals;
  cap: number | null;
  money: (cents: number) => string;
  /** The API's problem with the lines as a whole (too many, total too large). */
  problem?: string;
}) {
  const { t } = useTranslation("consortium");
  const exceeded = cap !== null && totals.total > cap;
  return (
    <>
      <h3>{t("budget.totalsCaption")}</h3>
      <ScrollTable caption={t("budget.totalsCaption")} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t("budget.category")}</th>
            <th scope="col">{t("budget.total")}</th>
          </tr>
        </thead>
        <tbody>
          {BUDGET_CATEGORIES.map((category) => (
            <tr key={category}>
              <th scope="row">{t(`categories.${category}`)}</th>
              <td>{money(totals.byCategory.get(category) ?? 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("budget.grandTotal")}</th>
            <td data-testid="budget-grand-total">
              <strong>{money(totals.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </ScrollTable>
      <p>{cap === null ? t("budget.noCap") : t("budget.cap", { amount: money(cap) })}</p>
      {exceeded && (
        <p className="fr-error-text">{t("budget.capExceeded", { excess: money(totals.total - (cap ?? 0)) })}</p>
      )}
      {problem && <p className="fr-error-text">{problem}</p>}
    </>
  );
}
