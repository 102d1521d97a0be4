import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "../../api";
import type { TypedDocument } from "../../api/graphql";
import {
  ConsortiumQuery,
  InviteEmailPartnerMutation,
  InvitePartnerMutation,
  OrganisationSearchQuery,
  SetCandidacyBudgetMutation,
  SetCandidacyPartnersMutation,
  SetPartnerCanEditMutation,
  WithdrawEmailInvitationMutation,
  WithdrawPartnerInvitationMutation,
} from "./queries";
import type { ConsortiumCandidacy } from "./types";

export const consortiumKey = (candidacyId: string) => ["consortium", candidacyId] as const;

export function useConsortium(candidacyId: string) {
  return useQuery({
    queryKey: consortiumKey(candidacyId),
    queryFn: async ({ signal }) => (await request(ConsortiumQuery, { id: candidacyId }, { signal })).candidacy,
  });
}

/**
 * Reads the candidacy again from the server (both sections see it) and gives it: what the
 * budget editor loads when the user chooses to replace unsaved lines with the current ones.
 * Rejects when it could not be read, so nothing stale replaces anything: the editor keeps its
 * lines and says so next to its button (the section keeps the data it had read).
 */
export function useReloadConsortium(candidacyId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.refetchQueries({ queryKey: consortiumKey(candidacyId), exact: true }, { throwOnError: true });
    return queryClient.getQueryData<ConsortiumCandidacy | null>(consortiumKey(candidacyId));
  };
}

/** Search results for `query` (none asked below two characters). */
export function useOrganisationSearch(query: string) {
  return useQuery({
    queryKey: ["organisationSearch", query],
    enabled: query.length >= 2,
    queryFn: async ({ signal }) =>
      (await request(OrganisationSearchQuery, { query, first: 20 }, { signal })).organisationSearch,
  });
}

/**
 * One mutation of the consortium or budget: its typed result union, and on success (the
 * payload's `__typename` ends in "Payload") the candidacy read again, so both sections and the
 * candidacy's other screens (submission check, counts) show what the server now holds.
 */
function useConsortiumMutation<TVariables, TResult extends Record<string, { __typename: string }>>(
  candidacyId: string,
  document: TypedDocument<TResult, TVariables>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: TVariables) => {
      const data = await request(document, variables);
      return Object.values(data)[0] as TResult[keyof TResult];
    },
    onSuccess: async (result) => {
      if (result.__typename.endsWith("Payload")) {
        // Every query about this candidacy (these sections', the editor's, the submission check).
        await queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(candidacyId) });
      }
    },
  });
}

export const useInvitePartner = (candidacyId: string) => useConsortiumMutation(candidacyId, InvitePartnerMutation);
export const useInviteEmailPartner = (candidacyId: string) =>
  useConsortiumMutation(candidacyId, InviteEmailPartnerMutation);
export const useWithdrawPartnerInvitation = (candidacyId: string) =>
  useConsortiumMutation(candidacyId, WithdrawPartnerInvitationMutation);
export const useWithdrawEmailInvitation = (candidacyId: string) =>
  useConsortiumMutation(candidacyId, WithdrawEmailInvitationMutation);
export const useSetPartnerCanEdit = (candidacyId: string) =>
  useConsortiumMutation(candidacyId, SetPartnerCanEditMutation);
export const useSetCandidacyPartners = (candidacyId: string) =>
  useConsortiumMutation(candidacyId, SetCandidacyPartnersMutation);
export const useSetCandidacyBudget = (candidacyId: string) =>
  useConsortiumMutation(candidacyId, SetCandidacyBudgetMutation);
