import { expect, type APIRequestContext } from "@playwright/test";

/** Every demo person's password (backend/demo/data/people.yaml). */
export const DEMO_PASSWORD = "demo-password-2026";

/** A demo person's e-mail from their key in people.yaml ("manager", "admin"...). */
export function demoEmail(key: string): string {
  return `${key}@demo.aap.example`;
}

/**
 * One GraphQL operation through `request` (a page's `page.request`, which shares the page's
 * cookies, or a context of its own), as the web application sends it: a JSON POST with the
 * CSRF header. Fails the test on GraphQL errors; returns `data`.
 */
export async function graphql<T = Record<string, any>>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post("/graphql", {
    headers: { "Content-Type": "application/json", "X-Requested-With": "aap" },
    data: { query, variables },
  });
  expect(response.ok(), `HTTP ${response.status()} for ${query.slice(0, 60)}`).toBe(true);
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, `GraphQL errors for ${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`).toBeUndefined();
  return body.data as T;
}

/**
 * Signs in through the API with the session in a cookie (as the sign-in page does); with a
 * page's `page.request`, the page is signed in too. Demo people need no password.
 */
export async function signInThroughApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const data = await graphql<{ login: { __typename: string } }>(
    request,
    `mutation ($email: String!, $password: String!) {
      login(email: $email, password: $password, inCookie: true) { __typename }
    }`,
    { email, password },
  );
  expect(data.login.__typename, `sign in as ${email}`).toBe("LoginPayload");
}

/** Signs the context's session out (the API revokes it and clears the cookie). */
export async function signOutThroughApi(request: APIRequestContext): Promise<void> {
  await graphql(request, "mutation { logout { __typename } }");
}

/** Expects a mutation's union result to be its success member; returns it. */
export function expectSuccess<T extends { __typename: string }>(result: T, typename: string): T {
  expect(result, JSON.stringify(result)).toMatchObject({ __typename: typename });
  return result;
}
