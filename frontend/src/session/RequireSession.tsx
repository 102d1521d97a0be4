import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { ForbiddenPage } from "../pages/ForbiddenPage";
import { QueryError } from "../pages/QueryError";
import { StatusMessage } from "../ui";
import { signInPath } from "./next";
import { useSession, type SessionUser } from "./useSession";

/**
 * Renders `children` for a signed-in user; sends anonymous visitors to sign in, then back here.
 * With `allowed`, a signed-in user it refuses sees why instead (the API refuses them anyway).
 */
export function RequireSession({
  children,
  allowed,
}: {
  children: (user: SessionUser) => ReactNode;
  allowed?: (user: SessionUser) => boolean;
}) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const session = useSession();

  if (session.isPending) return <StatusMessage>{t("app.loading")}</StatusMessage>;
  if (session.isError) {
    return <QueryError error={session.error} onRetry={() => void session.refetch()} asPageTitle />;
  }
  if (session.data === null) return <Navigate to={signInPath(pathname + search)} replace />;
  if (allowed && !allowed(session.data)) return <ForbiddenPage />;
  return children(session.data);
}
