import { useTranslation } from "react-i18next";
import "./i18n";
import { BudgetEditor } from "./BudgetEditor";
import { useConsortiumSection } from "./useConsortiumSection";

/**
 * The candidacy's budget: a table of lines per organisation of the consortium, with each one's
 * subtotal, the totals per category, the grand total and the call's cap per candidacy.
 * When `editable`, lines are added, changed and removed, then saved all at once.
 */
export function BudgetSection({ candidacyId, editable }: { candidacyId: string; editable: boolean }) {
  const { t } = useTranslation("consortium");
  const { candidacy, fallback } = useConsortiumSection(candidacyId);
  return (
    <section id="budget" aria-labelledby="budget-title">
      <h2 id="budget-title">{t("budget.title")}</h2>
      {candidacy === undefined ? fallback : <BudgetEditor candidacy={candidacy} editable={editable} />}
    </section>
  );
}
