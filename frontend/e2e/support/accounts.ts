import { expect, type Page } from "@playwright/test";
import { graphql } from "./api";
import { linkFromOutbox } from "./outbox";

/** An address no account uses yet (one per call). */
export function uniqueEmail(prefix = "applicant"): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
}

export interface NewAccount {
  email: string;
  password: string;
  fullName: string;
}

/**
 * One GraphQL operation as `page`'s user (see `graphql` in ./api), resolving to the first root
 * field's value: the union result a spec checks.
 */
export async function rootField(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ __typename: string } & Record<string, unknown>> {
  const data = await graphql<Record<string, { __typename: string } & Record<string, unknown>>>(
    page.request,
    query,
    variables,
  );
  const [result] = Object.values(data ?? {});
  if (!result) throw new Error(`${query}: no data`);
  return result;
}

/**
 * A fresh account, confirmed from its mail and signed in (the session cookie lands in `page`'s
 * browser context), made through the API: the sign-up screens have their own spec. Each call
 * makes a new address (unless given `email`, e.g. one an invitation was mailed to), so specs
 * never share an account. Resolves to its credentials.
 */
export async function signUpAndSignIn(
  page: Page,
  fullName = "Camille Martin",
  email = uniqueEmail(),
): Promise<NewAccount> {
  const password = "e2e-password-2026";
  const asked = Date.now() - 1000;
  const signedUp = await rootField(
    page,
    "mutation($email: String!, $password: String!, $fullName: String!) { signUp(email: $email, password: $password, fullName: $fullName) { __typename } }",
    { email, password, fullName },
  );
  expect(signedUp.__typename).toBe("MailSentPayload");
  const code = new URLSearchParams((await linkFromOutbox(email, "/confirm-email", asked)).split("#")[1]).get("code");
  const confirmed = await rootField(page, "mutation($code: String!) { confirmSignUp(code: $code) { __typename } }", {
    code,
  });
  expect(confirmed.__typename).not.toMatch(/Error$/);
  const login = await rootField(
    page,
    "mutation($email: String!, $password: String!) { login(email: $email, password: $password, inCookie: true) { __typename } }",
    { email, password },
  );
  expect(login.__typename).toBe("LoginPayload");
  return { email, password, fullName };
}
