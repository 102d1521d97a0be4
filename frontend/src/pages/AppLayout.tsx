import { Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation } from "react-router";
import { LANGUAGE_NAMES, LANGUAGES, isAppLanguage, type AppLanguage } from "../i18n";
import { signInPath } from "../session/next";
import { useSession, useSignOut } from "../session/useSession";
import { isCallStaff } from "../session/roles";
import {
  ErrorAlert,
  MAIN_ID,
  PageLayout,
  StatusMessage,
  type HeaderAccount,
  type NavigationItem,
} from "../ui";
import { PageErrorBoundary } from "./PageErrorBoundary";

/** Every page's frame; moves the focus to the content after a client-side navigation. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const current: AppLanguage = isAppLanguage(i18n.language) ? i18n.language : "fr";
  const { pathname } = useLocation();
  useFocusMainOnNavigation(pathname);
  const signOut = useSignOut();
  const account = useHeaderAccount(() => signOut.mutate());
  const navigation = useNavigation(pathname);

  return (
    <PageLayout
      serviceTitle={t("app.serviceTitle")}
      serviceTagline={t("app.serviceTagline")}
      homeTitle={t("app.homeLinkTitle")}
      footerDescription={t("app.footerDescription")}
      accessibilityStatementTo="/accessibility"
      skipLinks={{ content: t("app.skipToContent"), footer: t("app.skipToFooter") }}
      language={{
        languages: LANGUAGES,
        names: LANGUAGE_NAMES,
        current,
        onChange: (language) => void i18n.changeLanguage(language),
      }}
      account={account}
      navigation={navigation}
    >
      {signOut.isError && <ErrorAlert description={t("session.signOutFailed")} />}
      <PageErrorBoundary resetKey={pathname}>
        <Suspense fallback={<StatusMessage>{t("app.loading")}</StatusMessage>}>
          <Outlet />
        </Suspense>
      </PageErrorBoundary>
    </PageLayout>
  );
}

/**
 * The main menu: the calls for everyone, the applicant's space once signed in, the manager's
 * screens for call staff. An item is current on its own path and below it.
 */
function useNavigation(pathname: string): NavigationItem[] {
  const { t } = useTranslation();
  const user = useSession().data;
  const items: Array<[string, string]> = [["/calls", t("nav.calls")]];
  if (user) {
    items.push(["/my/candidacies", t("nav.myCandidacies")], ["/my/organisations", t("nav.myOrganisations")]);
  }
  if (user && isCallStaff(user)) {
    items.push(["/manage/calls", t("nav.manageCalls")], ["/manage/candidacies", t("nav.receivedCandidacies")]);
  }
  const isCurrent = (to: string) =>
    pathname === to || pathname.startsWith(`${to}/`) || (to === "/calls" && pathname === "/");
  return items.map(([to, label]) => ({ to, label, current: isCurrent(to) }));
}

/** The header's session items: the user's name and "sign out", or "sign in" (back here after). */
function useHeaderAccount(onSignOut: () => void): HeaderAccount | undefined {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const session = useSession();
  if (session.isPending) return undefined;
  if (session.data) {
    return {
      kind: "signedIn",
      name: session.data.fullName,
      accountTo: "/account",
      signOutLabel: t("session.signOut"),
      onSignOut,
    };
  }
  return {
    kind: "anonymous",
    signInLabel: t("session.signIn"),
    signInTo: pathname === "/sign-in" ? `${pathname}${search}` : signInPath(pathname + search),
    signUpLabel: t("signIn.createAccount"),
    signUpTo: "/sign-up",
  };
}

function useFocusMainOnNavigation(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false; // the first page load keeps the browser's own focus
      return;
    }
    document.getElementById(MAIN_ID)?.focus();
  }, [pathname]);
}
