import { useTranslation } from "react-i18next";
import { AppLink } from "../ui";
import { usePageTitle } from "./usePageTitle";

/** A signed-in user without the role a page needs: says so, and where to go instead. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t("forbidden.title"));
  return (
    <>
      <h1>{t("forbidden.title")}</h1>
      <p>{t("forbidden.text")}</p>
      <AppLink to="/calls">{t("forbidden.home")}</AppLink>
    </>
  );
}
