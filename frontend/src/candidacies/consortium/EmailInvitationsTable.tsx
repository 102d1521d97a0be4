import { useTranslation } from "react-i18next";
import { countryName, formatDateTime, formatMoney } from "../../i18n/format";
import { Button, ErrorAlert } from "../../ui";
import { ScrollTable } from "../../ui/editing";
import { problemsOf } from "./errors";
import { useWithdrawEmailInvitation } from "./hooks";
import type { ConsortiumCandidacy, EmailInvitation } from "./types";
import { useActionError } from "./useActionError";

/** The invitations mailed to organisations not on the platform (lead members only see them). */
export function EmailInvitationsTable({ candidacy, manage }: { candidacy: ConsortiumCandidacy; manage: boolean }) {
  const { t, i18n } = useTranslation("consortium");
  const invitations = candidacy.emailInvitations ?? [];
  return (
    <section aria-labelledby="email-invitations-title" className="fr-mb-6w">
      <h3 id="email-invitations-title">{t("emailInvitations.caption")}</h3>
      {invitations.length === 0 ? (
        <p>{t("emailInvitations.none")}</p>
      ) : (
        <ScrollTable caption={t("emailInvitations.caption")} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t("partners.organisation")}</th>
              <th scope="col">{t("emailInvitations.email")}</th>
              <th scope="col">{t("partners.role")}</th>
              <th scope="col">{t("partners.status")}</th>
              <th scope="col">{t("partners.share")}</th>
              <th scope="col">{t("emailInvitations.expires")}</th>
              {manage && <th scope="col">{t("partners.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <th scope="row">
                  {invitation.organisationName} ({countryName(invitation.country, i18n.language)})
                </th>
                <td>{invitation.email}</td>
                <td>{t(`roles.${invitation.role}`)}</td>
                <td>{t(`statuses.${invitation.status}`)}</td>
                <td>
                  {formatMoney(invitation.requestedShare.cents, invitation.requestedShare.currency, i18n.language)}
                </td>
                <td>{formatDateTime(invitation.expiresAt, i18n.language)}</td>
                {manage && (
                  <td>
                    {invitation.status === "PENDING" && (
                      <WithdrawEmailInvitation candidacyId={candidacy.id} invitation={invitation} />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

function WithdrawEmailInvitation({ candidacyId, invitation }: { candidacyId: string; invitation: EmailInvitation }) {
  const { t } = useTranslation("consortium");
  const withdraw = useWithdrawEmailInvitation(candidacyId);
  const actionErrorOf = useActionError(candidacyId, "consortium");
  const result = withdraw.isPending ? undefined : withdraw.data;
  const error =
    actionErrorOf(result) ??
    (problemsOf(result).length > 0 ? t("errors.invalid") : undefined);
  return (
    <>
      {error && <ErrorAlert description={error} />}
      <Button priority="tertiary" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ id: invitation.id })}>
        {t("emailInvitations.withdraw", { email: invitation.email })}
      </Button>
    </>
  );
}
