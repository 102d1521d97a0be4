import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { request } from "../api";
import type { MeQuery as MeData } from "../gql/graphql";
import { LoginMutation, LogoutMutation, MeQuery } from "./queries";

export type SessionUser = NonNullable<MeData["me"]>;

export const SESSION_KEY = ["session", "me"] as const;

/**
 * The signed-in user (`data` null when anonymous), from `me`. The session itself is an HttpOnly
 * cookie the API sets at sign-in: no script reads it, `me` is how the application knows.
 */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }) => (await request(MeQuery, {}, { signal })).me ?? null,
  });
}

/**
 * After a sign-in or out every cached answer may differ (a manager sees drafts): mark them all
 * stale, and wait for the session's own refetch so the next page sees the new one.
 */
function useSessionChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

/** `login(inCookie: true)`: resolves to the mutation's result (a payload or a typed error). */
export function useSignIn() {
  const sessionChanged = useSessionChanged();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) =>
      (await request(LoginMutation, credentials)).login,
    onSuccess: async (result) => {
      if (result.__typename === "LoginPayload") await sessionChanged();
    },
  });
}

/**
 * `logout`: revokes the session and clears its cookie, then goes home. Its typed errors (no
 * session left to revoke) mean signed out all the same. The session is forgotten once home is
 * shown (the router navigates in a transition): before, a page that requires one would send
 * the user to sign in.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => {
    if (!signedOut || pathname !== "/") return;
    setSignedOut(false);
    queryClient.setQueryData(SESSION_KEY, null);
    void queryClient.invalidateQueries();
  }, [signedOut, pathname, queryClient]);

  return useMutation({
    mutationFn: async () => (await request(LogoutMutation, {})).logout,
    onSuccess: async () => {
      setSignedOut(true);
      await navigate("/");
    },
  });
}
