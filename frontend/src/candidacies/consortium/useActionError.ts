import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { actionErrorText, type EditResult } from "./errors";
import { consortiumKey } from "./hooks";
import type { ConsortiumCandidacy } from "./types";

/**
 * The message for a failure of a whole action on this candidacy (see actionErrorText), its
 * deadline shown in the call's time zone, read from the candidacy both sections already hold
 * (from the cache: no second observer, so no second request).
 */
export function useActionError(candidacyId: string, scope: "consortium" | "budget") {
  const { t, i18n } = useTranslation("consortium");
  const queryClient = useQueryClient();
  return (result: EditResult | undefined) => {
    const candidacy = queryClient.getQueryData<ConsortiumCandidacy | null>(consortiumKey(candidacyId));
    return actionErrorText(t, i18n.language, result, scope, candidacy?.call?.timeline.timezone);
  };
}
