import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../pages/QueryError";
import { Notice, StatusMessage } from "../../ui";
import { useConsortium } from "./hooks";
import type { ConsortiumCandidacy } from "./types";

/**
 * The candidacy both sections show, or what to show instead while it loads, when it failed,
 * or when the reader may not see it (its contents are null for readers outside the consortium).
 */
export function useConsortiumSection(candidacyId: string):
  | { candidacy: ConsortiumCandidacy; fallback?: undefined }
  | { candidacy?: undefined; fallback: ReactNode } {
  const { t } = useTranslation("consortium");
  const query = useConsortium(candidacyId);
  if (query.isPending) return { fallback: <StatusMessage>{t("loading")}</StatusMessage> };
  // A failed refetch keeps the data read before: the editor (and its unsaved lines) stays.
  if (query.isError && !query.data) {
    return { fallback: <QueryError error={query.error} onRetry={() => void query.refetch()} /> };
  }
  const candidacy = query.data;
  if (!candidacy) return { fallback: <Notice title={t("unavailable")} /> };
  if (candidacy.partners === null || candidacy.budget === null) return { fallback: <Notice title={t("hidden")} /> };
  return { candidacy };
}
