import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { apiLanguage, LANGUAGE_NAMES, LANGUAGES } from "../i18n";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, Button, ErrorAlert, SelectInput, SuccessAlert, TextInput } from "../ui";
import { FlowDone } from "./FlowDone";
import { formProblems } from "./formProblems";
import { MIN_PASSWORD_LENGTH, useSignUp, useTooManyAttempts } from "./registration";

const FIELDS = ["fullName", "email", "password"] as const;

/** Ask for an account: a confirmation link goes to the address (whether it is new is not said). */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("signUp.title"));
  const signUp = useSignUp();
  const tooMany = useTooManyAttempts();
  const [fullName, setFullName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [language, setLanguage] = useState<string>(i18n.language);
  const result = signUp.isPending ? undefined : signUp.data;

  const sent = result?.__typename === "MailSentPayload";
  let form: string | undefined;
  let fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
  if (result?.__typename === "TooManyAttemptsError") form = tooMany(result, "signUp.tooManyAttempts");
  if (result?.__typename === "InvalidInputError") {
    ({ form, fields } = formProblems(t, result.fieldErrors, FIELDS, (field) =>
      t(`signUp.invalid.${field}`, { min: MIN_PASSWORD_LENGTH }),
    ));
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!signUp.isPending) signUp.mutate({ email, password, fullName, language: apiLanguage(language) });
  };

  if (sent) {
    return (
      <FlowDone title={t("signUp.title")} done={t("signUp.sentTitle")}>
        {t("signUp.sent", { email })}
      </FlowDone>
    );
  }

  return (
    <>
      <h1>{t("signUp.title")}</h1>
      <SuccessAlert />
      {signUp.isError && !signUp.isPending && <QueryError error={signUp.error} />}
      {form && <ErrorAlert description={form} />}
      <form onSubmit={submit} className="fr-mt-4w" aria-label={t("signUp.title")}>
        <TextInput
          label={t("signUp.fullName")}
          name="name"
          autoComplete="name"
          required
          value={fullName}
          onChange={setFullName}
          error={fields.fullName}
        />
        <TextInput
          label={t("signIn.email")}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={setEmail}
          error={fields.email}
        />
        <TextInput
          label={t("signIn.password")}
          hint={t("signUp.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={password}
          onChange={setPassword}
          error={fields.password}
        />
        <SelectInput
          label={t("signUp.language")}
          hint={t("signUp.languageHint")}
          name="language"
          value={language}
          onChange={setLanguage}
          options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
        />
        <Button type="submit">{signUp.isPending ? t("signUp.submitting") : t("signUp.submit")}</Button>
      </form>
      <p className="fr-mt-4w">
        {t("signUp.haveAccount")} <AppLink to="/sign-in">{t("signUp.toSignIn")}</AppLink>
      </p>
    </>
  );
}
