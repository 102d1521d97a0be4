import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useSearchParams } from "react-router";
import type { LoginMutation as LoginData } from "../gql/graphql";
import { QueryError } from "../pages/QueryError";
import { usePageTitle } from "../pages/usePageTitle";
import { AppLink, Button, ErrorAlert, TextInput } from "../ui";
import { formProblems } from "./formProblems";
import { safeNextPath } from "./next";
import { useTooManyAttempts } from "./registration";
import { useSession, useSignIn } from "./useSession";

type LoginResult = LoginData["login"];
type Field = "email" | "password";

interface Problems {
  form?: string;
  fields: Partial<Record<Field, string>>;
}

/** The email and password form; on success, back to `?next=` (a path of this site) or the account. */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t("signIn.title"));
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const problems = useProblems(signIn.isPending ? undefined : signIn.data);

  // Signed in (now, or already when the page opened): the session's refetch brings us here.
  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!signIn.isPending) signIn.mutate({ email, password });
  };

  return (
    <>
      <h1>{t("signIn.title")}</h1>
      {signIn.isError && !signIn.isPending && <QueryError error={signIn.error} />}
      {problems.form && <ErrorAlert description={problems.form} />}
      <form onSubmit={submit} className="fr-mt-4w" aria-label={t("signIn.title")}>
        <TextInput
          label={t("signIn.email")}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={setEmail}
          error={problems.fields.email}
        />
        <TextInput
          label={t("signIn.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={problems.fields.password}
        />
        <p>
          <AppLink to="/forgot-password">{t("signIn.forgot")}</AppLink>
        </p>
        <Button type="submit">{signIn.isPending ? t("signIn.submitting") : t("signIn.submit")}</Button>
      </form>
      <p className="fr-mt-4w">
        <AppLink to="/sign-up">{t("signIn.createAccount")}</AppLink>
      </p>
    </>
  );
}

/** Each typed error of `login`, in the reader's language, next to its field or for the form. */
function useProblems(result: LoginResult | undefined): Problems {
  const { t } = useTranslation();
  const tooMany = useTooManyAttempts();
  switch (result?.__typename) {
    case "InvalidCredentialsError":
      return { form: t("signIn.invalidCredentials"), fields: {} };
    case "TooManyAttemptsError":
      return { form: tooMany(result, "signIn.tooManyAttempts"), fields: {} };
    case "InvalidInputError":
      return formProblems(t, result.fieldErrors, ["email", "password"] as const, (field) =>
        t(`signIn.invalid.${field}`),
      );
    default:
      return { fields: {} };
  }
}
