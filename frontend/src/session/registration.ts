import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { request } from "../api";
import { formatDateTime, formatRemaining } from "../i18n/format";
import {
  ConfirmSignUpMutation,
  RequestPasswordResetMutation,
  ResetPasswordMutation,
  SignUpMutation,
} from "./registrationQueries";

/** The 12-character minimum the API enforces on every new password. */
export const MIN_PASSWORD_LENGTH = 12;

export function useSignUp() {
  return useMutation({
    mutationFn: async (variables: {
      email: string;
      password: string;
      fullName: string;
      language: "FR" | "EN" | "DE";
    }) => (await request(SignUpMutation, variables)).signUp,
  });
}

export function useConfirmSignUp() {
  return useMutation({
    mutationFn: async (code: string) => (await request(ConfirmSignUpMutation, { code })).confirmSignUp,
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) =>
      (await request(RequestPasswordResetMutation, { email })).requestPasswordReset,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: async (variables: { code: string; password: string }) =>
      (await request(ResetPasswordMutation, variables)).resetPassword,
  });
}

/**
 * The `code` of a mailed link (`#code=...`), read once; then the address bar loses it (the
 * entry is replaced, so the code stays neither in history nor on screen).
 */
export function useCodeFromHash(): string {
  const { pathname, hash, search } = useLocation();
  const navigate = useNavigate();
  const [code] = useState(() => new URLSearchParams(hash.replace(/^#/, "")).get("code") ?? "");
  useEffect(() => {
    if (hash) void navigate({ pathname, search }, { replace: true });
  }, [hash, pathname, search, navigate]);
  return code;
}

/** "Too many attempts" in the reader's language, with when to try again. */
export function useTooManyAttempts() {
  const { t, i18n } = useTranslation();
  return (
    error: { retryAt: string; retryAfterSeconds: number },
    key: "signIn.tooManyAttempts" | "signUp.tooManyAttempts",
  ) =>
    t(key, {
      time: formatDateTime(error.retryAt, i18n.language),
      remaining: formatRemaining(error.retryAfterSeconds * 1000, i18n.language),
    });
}
