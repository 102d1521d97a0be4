import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { request } from "../api";
import { formatDateTime, formatMoney } from "../i18n/format";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { useSession } from "../session/useSession";
import { AppLink, StatusMessage, SuccessAlert } from "../ui";
import { AreaNav } from "./AreaNav";
import { ConfirmChoice } from "./ConfirmChoice";
import { FormAlert } from "./FormAlert";
import type { MyPartnerInvitationsQuery as InvitationsData } from "./gql/graphql";
import { errorMessage, PAGE_SIZE } from "./model";
import { useRespondToPartnerInvitation } from "./mutations";
import { Pagination, useCursorPages } from "./Pagination";
import { MyPartnerInvitationsQuery } from "./queries";

type Invitation = InvitationsData["myPartnerInvitations"]["edges"][number]["node"];
type Answered = { accepted: boolean; title: string; candidacyId: string | null };

/** A call's title from the API's per-language JSON, in the reader's language if it is there. */
function callTitle(titles: unknown, language: string, fallback: string): string {
  if (typeof titles !== "object" || titles === null) return fallback;
  const byLanguage = titles as Record<string, unknown>;
  const found = [language, "fr", "en", "de"].map((code) => byLanguage[code]).find((v) => typeof v === "string" && v);
  return (found as string | undefined) ?? fallback;
}

/** Invitations to join a consortium addressed to the user's organisations; admins answer them. */
export function InvitationsPage() {
  const { t } = useTranslation("applicant");
  usePageTitle(t("invitations.title"));
  const pages = useCursorPages();
  const [answered, setAnswered] = useState<Answered | null>(null);
  const list = useQuery({
    queryKey: ["applicant", "invitations", pages.after],
    queryFn: ({ signal }) => request(MyPartnerInvitationsQuery, { first: PAGE_SIZE, after: pages.after }, { signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <h1>{t("invitations.title")}</h1>
      <AreaNav />
      <SuccessAlert
        title={
          answered
            ? t(answered.accepted ? "invitations.accepted" : "invitations.declined", { title: answered.title })
            : undefined
        }
      >
        {answered?.candidacyId && (
          <AppLink to={`/candidacies/${answered.candidacyId}`}>{t("invitations.openCandidacy")}</AppLink>
        )}
      </SuccessAlert>
      {list.isPending ? (
        <StatusMessage>{t("loading")}</StatusMessage>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.myPartnerInvitations.totalCount === 0 ? (
        <p>{t("invitations.empty")}</p>
      ) : (
        <>
          <StatusMessage>{t("invitations.count", { count: list.data.myPartnerInvitations.totalCount })}</StatusMessage>
          <ul className="fr-raw-list">
            {list.data.myPartnerInvitations.edges.map(({ node }) => (
              <li key={node.id} className="fr-mb-4w">
                <InvitationItem invitation={node} onAnswered={setAnswered} />
              </li>
            ))}
          </ul>
          <Pagination
            pages={pages}
            totalCount={list.data.myPartnerInvitations.totalCount}
            pageSize={PAGE_SIZE}
            hasNextPage={list.data.myPartnerInvitations.pageInfo.hasNextPage}
            endCursor={list.data.myPartnerInvitations.pageInfo.endCursor}
          />
        </>
      )}
      <section aria-labelledby="invitations-by-email" className="fr-mt-6w">
        <h2 id="invitations-by-email">{t("emailInvitation.title")}</h2>
        <p>
          {t("invitations.byEmail")} <AppLink to="/my/invitations/email">{t("invitations.toByEmail")}</AppLink>
        </p>
      </section>
    </>
  );
}

function InvitationItem({ invitation, onAnswered }: { invitation: Invitation; onAnswered: (a: Answered) => void }) {
  const { t, i18n } = useTranslation("applicant");
  const language = i18n.language;
  const session = useSession();
  const respond = useRespondToPartnerInvitation();
  const isAdmin = session.data?.memberships.some(
    (m) => m.organisation?.id === invitation.organisation?.id && m.role === "ADMIN",
  );
  const title = [invitation.candidacyAcronym, invitation.candidacyTitle].filter(Boolean).join(" — ");
  const result = respond.isPending ? undefined : respond.data;
  const problem =
    result?.__typename === "InvalidInputError"
      ? t("invitations.notPending")
      : result && result.__typename !== "RespondToPartnerInvitationPayload"
        ? errorMessage(t, language, result, {
            NotFoundError: t("invitations.notFound"),
            PermissionDeniedError: t("invitations.onlyAdmins", { name: invitation.organisation?.name ?? "" }),
          }, invitation.timezone)
        : null;

  const answer = async (accept: boolean) => {
    const reply = await respond.mutateAsync({ id: invitation.id, accept });
    if (reply.__typename === "RespondToPartnerInvitationPayload") {
      onAnswered({ accepted: accept, title, candidacyId: reply.candidacy?.id ?? null });
    }
  };

  return (
    <article aria-labelledby={`invitation-${invitation.id}`} className="fr-p-3w fr-card--grey">
      <h2 id={`invitation-${invitation.id}`} className="fr-h4">
        {title}
      </h2>
      <dl>
        <dt className="fr-text--bold">{t("invitations.call")}</dt>
        <dd className="fr-ml-0">
          {callTitle(invitation.callTitle, language, invitation.callReference)} ({invitation.callReference})
        </dd>
        <dt className="fr-text--bold">{t("invitations.lead")}</dt>
        <dd className="fr-ml-0">{invitation.leadOrganisation.name}</dd>
        <dt className="fr-text--bold">{t("invitations.invited")}</dt>
        <dd className="fr-ml-0">
          {t("invitations.asRole", {
            name: invitation.organisation?.name ?? "",
            role: t(`partnerRole.${invitation.role}`),
          })}
        </dd>
        <dt className="fr-text--bold">{t("invitations.share")}</dt>
        <dd className="fr-ml-0">
          {formatMoney(invitation.requestedShare.cents, invitation.requestedShare.currency, language)}
        </dd>
        <dt className="fr-text--bold">{t("invitations.deadline")}</dt>
        <dd className="fr-ml-0 fr-mb-2w">
          {t("invitations.deadlineInZone", {
            date: formatDateTime(invitation.deadlineLocal, language, invitation.timezone),
            zone: invitation.timezone,
          })}
        </dd>
      </dl>
      {respond.isError && <QueryError error={respond.error} />}
      <FormAlert message={problem} attempt={respond.submittedAt} />
      {isAdmin ? (
        <ConfirmChoice
          question={(accept) =>
            t(accept ? "invitations.confirmAcceptQuestion" : "invitations.confirmDeclineQuestion", {
              name: invitation.organisation?.name ?? "",
              title,
            })
          }
          pending={respond.isPending}
          onAnswer={(accept) => void answer(accept)}
        />
      ) : (
        <p>{t("invitations.onlyAdmins", { name: invitation.organisation?.name ?? "" })}</p>
      )}
    </article>
  );
}
