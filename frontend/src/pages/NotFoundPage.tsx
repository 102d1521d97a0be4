import { useTranslation } from "react-i18next";
import { AppLink } from "../ui";
import { usePageTitle } from "./usePageTitle";

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <AppLink to="/calls">{t("notFound.home")}</AppLink>
    </>
  );
}
