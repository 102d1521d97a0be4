import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, isAppLanguage } from "../i18n";
import { usePageTitle } from "../pages/usePageTitle";
import type { SessionUser } from "./useSession";

/** The signed-in user's account, as `me` tells it: identity, language, roles, organisations. */
export function AccountPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  usePageTitle(t("account.title"));
  const language = user.language.toLowerCase();

  return (
    <>
      <h1>{t("account.title")}</h1>
      <dl>
        <dt className="fr-text--bold">{t("account.name")}</dt>
        <dd className="fr-mb-2w">{user.fullName}</dd>
        <dt className="fr-text--bold">{t("account.email")}</dt>
        <dd className="fr-mb-2w">{user.email}</dd>
        <dt className="fr-text--bold">{t("account.language")}</dt>
        <dd className="fr-mb-2w">{isAppLanguage(language) ? LANGUAGE_NAMES[language] : user.language}</dd>
      </dl>

      <h2>{t("account.roles")}</h2>
      {user.roles.length === 0 ? (
        <p>{t("account.noRole")}</p>
      ) : (
        <ul>
          {user.roles.map((grant) => (
            <li key={`${grant.role}-${grant.funder?.id ?? ""}`}>
              {grant.funder
                ? t("account.roleForFunder", { role: t(`account.role.${grant.role}`), funder: grant.funder.name })
                : t(`account.role.${grant.role}`)}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("account.organisations")}</h2>
      {user.memberships.length === 0 ? (
        <p>{t("account.noOrganisation")}</p>
      ) : (
        <ul>
          {user.memberships.map((membership, index) => (
            <li key={membership.organisation?.id ?? index}>
              {t("account.membership", {
                organisation: membership.organisation?.name ?? t("account.unknownOrganisation"),
                role: t(`account.membershipRole.${membership.role}`),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
