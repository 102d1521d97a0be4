import { useTranslation } from "react-i18next";
import { Route, Routes, useParams } from "react-router";
import { usePageTitle } from "../pages/usePageTitle";
import { BudgetSection } from "./consortium/BudgetSection";
import { PartnersSection } from "./consortium/PartnersSection";
import "./i18n";

/** Placeholder: the area's screens replace it. TEMP wiring of the consortium sections. */
export function CandidacyArea() {
  const { t } = useTranslation("candidacy");
  const { candidacyId = "" } = useParams();
  usePageTitle(t("title"));
  return (
    <>
      <h1>{t("title")}</h1>
      <Routes>
        <Route path="partners" element={<PartnersSection candidacyId={candidacyId} editable />} />
        <Route path="budget" element={<BudgetSection candidacyId={candidacyId} editable />} />
      </Routes>
    </>
  );
}
