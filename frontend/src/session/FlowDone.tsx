import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppLink, SuccessAlert } from "../ui";

/** The end of a sign-up or reset step: the page's heading, what happened, the way to sign in. */
export function FlowDone({ title, done, children }: { title: string; done: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{title}</h1>
      <SuccessAlert title={done}>{children}</SuccessAlert>
      <p className="fr-mt-4w">
        <AppLink to="/sign-in">{t("signUp.toSignIn")}</AppLink>
      </p>
    </>
  );
}
