import { useTranslation } from "react-i18next";
import { usePageTitle } from "../pages/usePageTitle";
import "./i18n";

const DEFENSEUR_DES_DROITS = "https://formulaire.defenseurdesdroits.fr/";

/**
 * The accessibility statement the RGAA requires, linked from every page's footer. It declares
 * the platform non-compliant until an audit measures it (the RGAA's rule), and says what each
 * release is checked for, whom to write to, and the legal remedy.
 */
export function AccessibilityPage() {
  const { t } = useTranslation("accessibility");
  usePageTitle(t("title"));
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <h2>{t("statusTitle")}</h2>
      <p>{t("status")}</p>
      <h2>{t("testsTitle")}</h2>
      <ul>
        <li>{t("testAxe")}</li>
        <li>{t("testKeyboard")}</li>
        <li>{t("testLanguages")}</li>
      </ul>
      <h2>{t("feedbackTitle")}</h2>
      <p>{t("feedback")}</p>
      <h2>{t("remediesTitle")}</h2>
      <p>{t("remedies")}</p>
      <p>
        <a href={DEFENSEUR_DES_DROITS} target="_blank" rel="noopener noreferrer">
          {t("remediesLink")}
        </a>
      </p>
    </>
  );
}
