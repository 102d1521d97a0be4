import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { Button, ErrorAlert, SuccessAlert, TextInput } from "../ui";
import { FlowDone } from "./FlowDone";
import { useRequestPasswordReset, useTooManyAttempts } from "./registration";

/** Ask for a reset link; the answer is the same whether the address has an account or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("forgotPassword.title"));
  const ask = useRequestPasswordReset();
  const tooMany = useTooManyAttempts();
  const [email, setEmail] = useState("");
  const result = ask.isPending ? undefined : ask.data;

  if (result?.__typename === "MailSentPayload") {
    return (
      <FlowDone title={t("forgotPassword.title")} done={t("signUp.sentTitle")}>
        {t("forgotPassword.sent", { email })}
      </FlowDone>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ask.isPending) ask.mutate(email);
  };

  return (
    <>
      <h1>{t("forgotPassword.title")}</h1>
      <SuccessAlert />
      {ask.isError && !ask.isPending && <QueryError error={ask.error} />}
      {result?.__typename === "TooManyAttemptsError" && (
        <ErrorAlert description={tooMany(result, "signUp.tooManyAttempts")} />
      )}
      <p>{t("forgotPassword.intro")}</p>
      <form onSubmit={submit} aria-label={t("forgotPassword.title")}>
        <TextInput
          label={t("signIn.email")}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={setEmail}
        />
        <Button type="submit">{ask.isPending ? t("signUp.submitting") : t("forgotPassword.submit")}</Button>
      </form>
    </>
  );
}
