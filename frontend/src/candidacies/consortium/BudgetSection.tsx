import { useTranslation } from "react-i18next";
import "./i18n";

/** Placeholder: the budget table per partner, with totals. */
export function BudgetSection(_props: { candidacyId: string; editable: boolean }) {
  const { t } = useTranslation("consortium");
  return <h2>{t("title")}</h2>;
}
