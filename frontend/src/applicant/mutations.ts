import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "../api";
import { SESSION_KEY } from "../session/useSession";
import type { CreateOrganisationInput, MembershipRole } from "./gql/graphql";
import {
  AddOrganisationMemberMutation,
  CreateCandidacyMutation,
  CreateOrganisationMutation,
  RespondToEmailInvitationMutation,
  RespondToPartnerInvitationMutation,
} from "./queries";

/** The area's cached lists (candidacies, memberships, invitations): stale after any change. */
const AREA_KEY = ["applicant"] as const;

/** After a change, the area's lists and the session's memberships are read again. */
function useChanged() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: AREA_KEY }),
      queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
    ]);
  };
}

export function useCreateCandidacy() {
  const changed = useChanged();
  return useMutation({
    mutationFn: async (variables: { callId: string; organisationId: string; title: string; acronym: string | null }) =>
      (await request(CreateCandidacyMutation, variables)).createCandidacy,
    onSuccess: async (result) => {
      if (result.__typename === "CandidacyPayload") await changed();
    },
  });
}

export function useCreateOrganisation() {
  const changed = useChanged();
  return useMutation({
    mutationFn: async (input: CreateOrganisationInput) =>
      (await request(CreateOrganisationMutation, { input })).createOrganisation,
    onSuccess: async (result) => {
      if (result.__typename === "OrganisationPayload") await changed();
    },
  });
}

export function useAddOrganisationMember() {
  const changed = useChanged();
  return useMutation({
    mutationFn: async (variables: { organisationId: string; email: string; role: MembershipRole }) =>
      (await request(AddOrganisationMemberMutation, variables)).addOrganisationMember,
    onSuccess: async (result) => {
      if (result.__typename === "MembershipPayload") await changed();
    },
  });
}

export function useRespondToPartnerInvitation() {
  const changed = useChanged();
  return useMutation({
    mutationFn: async (variables: { id: string; accept: boolean }) =>
      (await request(RespondToPartnerInvitationMutation, variables)).respondToPartnerInvitation,
    onSuccess: async (result) => {
      if (result.__typename === "RespondToPartnerInvitationPayload") await changed();
    },
  });
}

export function useRespondToEmailInvitation() {
  const changed = useChanged();
  return useMutation({
    mutationFn: async (variables: { token: string; accept: boolean }) =>
      (await request(RespondToEmailInvitationMutation, variables)).respondToEmailInvitation,
    onSuccess: async (result) => {
      if (result.__typename === "RespondToEmailInvitationPayload") await changed();
    },
  });
}
