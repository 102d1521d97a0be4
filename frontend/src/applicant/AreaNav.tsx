import { useTranslation } from "react-i18next";
import { SectionNav } from "../ui";

/** The links between the sections of the applicant's space, the current one marked. */
export function AreaNav() {
  const { t } = useTranslation("applicant");
  return (
    <SectionNav
      label={t("nav.label")}
      items={[
        { label: t("nav.candidacies"), to: "/my/candidacies" },
        { label: t("nav.organisations"), to: "/my/organisations" },
        { label: t("nav.invitations"), to: "/my/invitations" },
      ]}
    />
  );
}
