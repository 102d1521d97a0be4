import { expect, type Page } from "@playwright/test";
import { linkFromOutbox } from "./outbox";

export interface NewAccount {
  email: string;
  password: string;
  fullName: string;
}

/** One GraphQL request from the page's browser context (its cookies, the CSRF header). */
async function graphql(page: Page, query: string, variables: Record<string, unknown>) {
  const response = await page.request.post("/graphql", {
    data: { query, variables },
    headers: { "X-Requested-With": "aap" },
  });
  expect(response.ok(), `${query}: HTTP ${response.status()}`).toBe(true);
  const body = (await response.json()) as { data?: Record<string, { __typename: string }>; errors?: unknown };
  expect(body.errors, query).toBeUndefined();
  return Object.values(body.data ?? {})[0];
}

/**
 * A fresh account, confirmed from its mail and signed in (the session cookie lands in `page`'s
 * browser context), made through the API: the sign-up screens have their own spec. Each call
 * makes a new address, so specs never share an account. Resolves to its credentials.
 */
export async function signUpAndSignIn(page: Page, fullName = "Camille Martin"): Promise<NewAccount> {
  const email = `applicant.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
  const password = "e2e-password-2026";
  const asked = Date.now() - 1000;
  const signedUp = await graphql(
    page,
    "mutation($email: String!, $password: String!, $fullName: String!) { signUp(email: $email, password: $password, fullName: $fullName) { __typename } }",
    { email, password, fullName },
  );
  expect(signedUp?.__typename).toBe("MailSentPayload");
  const code = new URLSearchParams((await linkFromOutbox(email, "/confirm-email", asked)).split("#")[1]).get("code");
  const confirmed = await graphql(page, "mutation($code: String!) { confirmSignUp(code: $code) { __typename } }", {
    code,
  });
  expect(confirmed?.__typename).not.toMatch(/Error$/);
  const login = await graphql(
    page,
    "mutation($email: String!, $password: String!) { login(email: $email, password: $password, inCookie: true) { __typename } }",
    { email, password },
  );
  expect(login?.__typename).toBe("LoginPayload");
  return { email, password, fullName };
}
