import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { useCodeFromHash } from "../session/registration";
import { AppLink, SuccessAlert, TextInput } from "../ui";
import { ConfirmChoice } from "./ConfirmChoice";
import { FormAlert } from "./FormAlert";
import { errorMessage } from "./model";
import { useRespondToEmailInvitation } from "./mutations";

/**
 * Answer an invitation mailed to the user's address for an organisation not on the platform
 * yet, with the mail's code (typed, or from a link `/my/invitations/email#code=...`, which
 * leaves the address bar at once). Accepting registers the organisation, the user its admin.
 */
export function EmailInvitationPage() {
  const { t, i18n } = useTranslation("applicant");
  usePageTitle(t("emailInvitation.title"));
  const [code, setCode] = useState(useCodeFromHash());
  const respond = useRespondToEmailInvitation();
  const result = respond.isPending ? undefined : respond.data;

  let form: string | null | undefined;
  let codeProblem: string | undefined;
  if (result?.__typename === "InvalidInputError") {
    const problem = result.fieldErrors.find((p) => p.field === "token");
    codeProblem =
      problem?.code === "ALREADY_REGISTERED" ? t("emailInvitation.alreadyRegistered") : t("emailInvitation.invalidCode");
    form = t("errors.checkFields");
  } else if (result && result.__typename !== "RespondToEmailInvitationPayload") {
    form = errorMessage(t, i18n.language, result, {
      NotFoundError: t("emailInvitation.invalidCode"),
      PermissionDeniedError: t("emailInvitation.invalidCode"),
    });
  }

  if (result?.__typename === "RespondToEmailInvitationPayload") {
    const accepted = result.status === "ACCEPTED";
    return (
      <>
        <h1>{t("emailInvitation.title")}</h1>
        <SuccessAlert title={accepted ? t("emailInvitation.accepted") : t("emailInvitation.declined")}>
          {accepted && (
            <>
              {result.organisation && (
                <AppLink to={`/my/organisations/${result.organisation.id}`}>
                  {t("emailInvitation.openOrganisation", { name: result.organisation.name })}
                </AppLink>
              )}{" "}
              {result.candidacy && (
                <AppLink to={`/candidacies/${result.candidacy.id}`}>{t("invitations.openCandidacy")}</AppLink>
              )}
            </>
          )}
        </SuccessAlert>
        <p className="fr-mt-4w">
          <AppLink to="/my/invitations" variant="back">
            {t("nav.invitations")}
          </AppLink>
        </p>
      </>
    );
  }

  return (
    <>
      <p>
        <AppLink to="/my/invitations" variant="back">
          {t("nav.invitations")}
        </AppLink>
      </p>
      <h1>{t("emailInvitation.title")}</h1>
      <p>{t("emailInvitation.intro")}</p>
      <SuccessAlert />
      {respond.isError && <QueryError error={respond.error} />}
      <FormAlert message={form} attempt={respond.submittedAt} />
      <TextInput
        label={t("emailInvitation.code")}
        hint={t("emailInvitation.codeHint")}
        name="invitation-code"
        autoComplete="off"
        required
        value={code}
        onChange={setCode}
        error={codeProblem}
      />
      <ConfirmChoice
        question={(accept) =>
          accept ? t("emailInvitation.confirmAcceptQuestion") : t("emailInvitation.confirmDeclineQuestion")
        }
        pending={respond.isPending}
        onAnswer={(accept) => respond.mutate({ token: code.trim(), accept })}
      />
    </>
  );
}
