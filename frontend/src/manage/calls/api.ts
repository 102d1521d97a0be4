import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { request } from "../../api";
import { apiLanguage } from "../../i18n";
import type { CallStatus, CreateCallInput, ManagedCallQuery as ManagedCallData, UpdateCallInput } from "../gql/graphql";
import {
  CreateCallMutation,
  ExtendCallDeadlineMutation,
  ManagedCallQuery,
  ManagedCallsQuery,
  ProgrammesAndFundersQuery,
  PublishCallMutation,
  RespondToCoFundingMutation,
  TransitionCallMutation,
  UpdateCallMutation,
} from "./queries";

/** One hook per operation; a mutation that returns the call puts it in the cache. */
const CALLS_KEY = ["manageCalls"] as const;
const callKey = (id: string) => [...CALLS_KEY, "call", id] as const;


/** Calls per page of the managed list (the API's largest page is 100). */
export const CALLS_PAGE_SIZE = 50;

/** The calls the user may manage or read, a page at a time ("load more"). */
export function useManagedCallPages() {
  const { i18n } = useTranslation();
  const language = apiLanguage(i18n.language);
  return useInfiniteQuery({
    queryKey: [...CALLS_KEY, "pages", language],
    queryFn: async ({ pageParam, signal }) =>
      (await request(ManagedCallsQuery, { language, first: CALLS_PAGE_SIZE, after: pageParam }, { signal })).calls,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
}

/** The first hundred calls, to pick one whose structure a new call copies. */
export function useManagedCalls() {
  const { i18n } = useTranslation();
  const language = apiLanguage(i18n.language);
  return useQuery({
    queryKey: [...CALLS_KEY, "list", language],
    queryFn: async ({ signal }) => (await request(ManagedCallsQuery, { language, first: 100 }, { signal })).calls,
  });
}

export function useManagedCall(id: string) {
  return useQuery({
    queryKey: callKey(id),
    queryFn: async ({ signal }) => (await request(ManagedCallQuery, { id }, { signal })).call,
  });
}

export function useCatalogue() {
  return useQuery({
    queryKey: [...CALLS_KEY, "catalogue"],
    queryFn: async ({ signal }) => {
      const data = await request(ProgrammesAndFundersQuery, {}, { signal });
      return {
        programmes: data.programmes.edges.map((edge) => edge.node),
        funders: data.funders.edges.map((edge) => edge.node),
      };
    },
    staleTime: 5 * 60_000,
  });
}

type ManagedCall = NonNullable<ManagedCallData["call"]>;

/** After a mutation that answers with the call: the page shows it, the list is refetched. */
function useCallChanged() {
  const queryClient = useQueryClient();
  return (result: { __typename: string; call?: ManagedCall }) => {
    if (result.__typename !== "CallPayload" || !result.call) return;
    queryClient.setQueryData(callKey(result.call.id), result.call);
    void queryClient.invalidateQueries({ queryKey: [...CALLS_KEY, "list"] });
  };
}

export function useCreateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateCallInput) => (await request(CreateCallMutation, { input })).createCall,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...CALLS_KEY, "list"] }),
  });
}

export function useUpdateCall(id: string) {
  const changed = useCallChanged();
  return useMutation({
    mutationFn: async (input: UpdateCallInput) => (await request(UpdateCallMutation, { id, input })).updateCall,
    onSuccess: changed,
  });
}

export function usePublishCall(id: string) {
  const changed = useCallChanged();
  return useMutation({
    mutationFn: async () => (await request(PublishCallMutation, { id })).publishCall,
    onSuccess: changed,
  });
}

export function useTransitionCall(id: string) {
  const changed = useCallChanged();
  return useMutation({
    mutationFn: async (to: CallStatus) => (await request(TransitionCallMutation, { id, to })).transitionCall,
    onSuccess: changed,
  });
}

export function useExtendDeadline(id: string) {
  const changed = useCallChanged();
  return useMutation({
    mutationFn: async (variables: { deadlineAt: string; reason: string }) =>
      (await request(ExtendCallDeadlineMutation, { id, ...variables })).extendCallDeadline,
    onSuccess: changed,
  });
}

export function useRespondToCoFunding(callId: string) {
  const changed = useCallChanged();
  return useMutation({
    mutationFn: async (variables: { funderId: string; accept: boolean }) =>
      (await request(RespondToCoFundingMutation, { callId, ...variables })).respondToCoFunding,
    onSuccess: changed,
  });
}
