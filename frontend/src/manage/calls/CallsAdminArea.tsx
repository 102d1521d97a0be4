import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../pages/usePageTitle";
import "./i18n";

/** Placeholder: the area's screens replace it. */
export function CallsAdminArea() {
  const { t } = useTranslation("manageCalls");
  usePageTitle(t("title"));
  return <h1>{t("title")}</h1>;
}
