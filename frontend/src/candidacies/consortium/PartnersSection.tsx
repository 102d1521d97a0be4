import { useTranslation } from "react-i18next";
import { Notice } from "../../ui";
import "./i18n";
import { EmailInvitationsTable } from "./EmailInvitationsTable";
import { InviteByEmail } from "./InviteByEmail";
import { InviteBySearch } from "./InviteBySearch";
import { PartnersTable } from "./PartnersTable";
import { managesConsortium } from "./types";
import { useConsortiumSection } from "./useConsortiumSection";

/**
 * The consortium of a candidacy: the lead and each partner (role, status, requested share, who
 * may edit the content) and the invitations by e-mail. When `editable`, the lead's members
 * invite organisations (found by search, or by e-mail when not on the platform), withdraw
 * invitations, set roles and shares and let partners edit the content.
 */
export function PartnersSection({ candidacyId, editable }: { candidacyId: string; editable: boolean }) {
  const { t } = useTranslation("consortium");
  const { candidacy, fallback } = useConsortiumSection(candidacyId);
  const manage = candidacy !== undefined && editable && managesConsortium(candidacy);
  return (
    <section id="partners" aria-labelledby="partners-title">
      <h2 id="partners-title">{t("partners.title")}</h2>
      {candidacy === undefined ? (
        fallback
      ) : (
        <>
          <p>{t("partners.intro")}</p>
          {editable && !manage && <Notice title={t("partners.readOnly")} />}
          <PartnersTable candidacy={candidacy} manage={manage} />
          {candidacy.emailInvitations !== null && (
            <EmailInvitationsTable candidacy={candidacy} manage={manage} />
          )}
          {manage && (
            <>
              <InviteBySearch candidacy={candidacy} />
              <InviteByEmail candidacyId={candidacy.id} />
            </>
          )}
        </>
      )}
    </section>
  );
}
