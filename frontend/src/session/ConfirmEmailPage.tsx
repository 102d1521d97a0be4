import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, ErrorAlert, StatusMessage, SuccessAlert } from "../ui";
import { useCodeFromHash, useConfirmSignUp } from "./registration";

/** Follows the link of the sign-up mail: creates the account with its code, once. */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t("confirmEmail.title"));
  const code = useCodeFromHash();
  const confirm = useConfirmSignUp();
  const sent = useRef(false); // a code works once: not again when an effect runs twice
  useEffect(() => {
    if (sent.current || !code) return;
    sent.current = true;
    confirm.mutate(code);
  }, [code, confirm]);

  const result = confirm.data;
  const confirmed = result?.__typename === "SignUpConfirmedPayload";
  let body;
  if (!code || result?.__typename === "InvalidCodeError") {
    body = (
      <>
        <ErrorAlert description={t("confirmEmail.invalid")} />
        <p className="fr-mt-4w">
          <AppLink to="/sign-up">{t("confirmEmail.signUpAgain")}</AppLink>
        </p>
      </>
    );
  } else if (confirmed) {
    body = (
      <p className="fr-mt-4w">
        <AppLink to="/sign-in">{t("signUp.toSignIn")}</AppLink>
      </p>
    );
  } else if (confirm.isError) {
    body = <QueryError error={confirm.error} />;
  } else {
    body = <StatusMessage>{t("confirmEmail.pending")}</StatusMessage>;
  }
  return (
    <>
      <h1>{t("confirmEmail.title")}</h1>
      <SuccessAlert title={confirmed ? t("confirmEmail.done") : undefined} />
      {body}
    </>
  );
}
