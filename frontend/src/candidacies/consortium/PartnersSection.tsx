import { useTranslation } from "react-i18next";
import "./i18n";

/** Placeholder: the candidacy's partners (invitations, organisation search). */
export function PartnersSection(_props: { candidacyId: string; editable: boolean }) {
  const { t } = useTranslation("consortium");
  return <h2>{t("title")}</h2>;
}
