import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, Button, ErrorAlert, SuccessAlert, TextInput } from "../ui";
import { FlowDone } from "./FlowDone";
import { MIN_PASSWORD_LENGTH, useCodeFromHash, useResetPassword } from "./registration";

/** Follows the link of the reset mail: a new password, typed twice; every session ends. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("resetPassword.title"));
  const code = useCodeFromHash();
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const result = reset.isPending ? undefined : reset.data;

  if (!code || result?.__typename === "InvalidCodeError") {
    return (
      <>
        <h1>{t("resetPassword.title")}</h1>
        <ErrorAlert description={t("resetPassword.invalid")} />
        <p className="fr-mt-4w">
          <AppLink to="/forgot-password">{t("resetPassword.askAgain")}</AppLink>
        </p>
      </>
    );
  }
  if (result?.__typename === "PasswordResetPayload") {
    return <FlowDone title={t("resetPassword.title")} done={t("resetPassword.done")} />;
  }

  const tooShort = result?.__typename === "InvalidInputError";
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const differ = password !== again;
    setMismatch(differ);
    if (!differ && !reset.isPending) reset.mutate({ code, password });
  };

  return (
    <>
      <h1>{t("resetPassword.title")}</h1>
      <SuccessAlert />
      {reset.isError && !reset.isPending && <QueryError error={reset.error} />}
      {(mismatch || tooShort) && <ErrorAlert description={t("signIn.checkFields")} />}
      <form onSubmit={submit} className="fr-mt-4w" aria-label={t("resetPassword.title")}>
        <TextInput
          label={t("resetPassword.password")}
          hint={t("signUp.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={password}
          onChange={setPassword}
          error={tooShort ? t("signUp.invalid.password", { min: MIN_PASSWORD_LENGTH }) : undefined}
        />
        <TextInput
          label={t("resetPassword.again")}
          type="password"
          name="new-password-again"
          autoComplete="new-password"
          required
          value={again}
          onChange={setAgain}
          error={mismatch ? t("resetPassword.mismatch") : undefined}
        />
        <Button type="submit">{reset.isPending ? t("signUp.submitting") : t("resetPassword.submit")}</Button>
      </form>
    </>
  );
}
