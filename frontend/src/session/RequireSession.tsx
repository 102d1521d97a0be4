import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { QueryError } from "../pages/QueryError";
import { StatusMessage } from "../ui";
import { signInPath } from "./next";
import { useSession, type SessionUser } from "./useSession";

/** Renders `children` for a signed-in user; sends anonymous visitors to sign in, then back here. */
export function RequireSession({ children }: { children: (user: SessionUser) => ReactNode }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const session = useSession();

  if (session.isPending) return <StatusMessage>{t("app.loading")}</StatusMessage>;
  if (session.isError) {
    return <QueryError error={session.error} onRetry={() => void session.refetch()} asPageTitle />;
  }
  if (session.data === null) return <Navigate to={signInPath(pathname + search)} replace />;
  return children(session.data);
}
