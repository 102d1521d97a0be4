import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "../../api";
import type { EligibilityDecision } from "../gql/graphql";
import { GrantCandidacyExtensionMutation, RecordEligibilityMutation } from "./queries";

/** After a decision or an extension, the candidacy and the lists show the new state. */
function useRefreshCandidacies() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["manage"] });
}

/** `recordEligibility`: resolves to its result (the candidacy, or a typed refusal). */
export function useRecordEligibility(id: string) {
  const refresh = useRefreshCandidacies();
  return useMutation({
    mutationFn: async (input: { decision: EligibilityDecision; reason: string }) =>
      (await request(RecordEligibilityMutation, { id, ...input })).recordEligibility,
    onSuccess: async (result) => {
      if (result.__typename === "CandidacyPayload") await refresh();
    },
  });
}

/** `grantCandidacyExtension`: `until` is an instant (ISO 8601 with its offset). */
export function useGrantExtension(id: string) {
  const refresh = useRefreshCandidacies();
  return useMutation({
    mutationFn: async (input: { until: string; reason: string }) =>
      (await request(GrantCandidacyExtensionMutation, { id, ...input })).grantCandidacyExtension,
    onSuccess: async (result) => {
      if (result.__typename === "CandidacyPayload") await refresh();
    },
  });
}
