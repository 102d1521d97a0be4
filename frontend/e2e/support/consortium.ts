import { expect, type Page } from "@playwright/test";

/** Every demo person's password (backend/demo/data/people.yaml). */
export const DEMO_PASSWORD = "demo-password-2026";

/** One GraphQL operation through the page's own cookies, as the web application sends it. */
export async function graphqlAsPage<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post("/graphql", {
    headers: { "X-Requested-With": "aap", "Content-Type": "application/json" },
    data: { query, variables },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** Signs `email` in with a session cookie (the page and its requests share it). */
export async function signInWithApi(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const data = await graphqlAsPage<{ login: { __typename: string } }>(
    page,
    `mutation ($email: String!, $password: String!) {
      login(email: $email, password: $password, inCookie: true) { __typename }
    }`,
    { email, password },
  );
  expect(data.login.__typename).toBe("LoginPayload");
}

/**
 * A new draft candidacy of the signed-in user's organisation named `organisationName`, for the
 * open call whose reference starts with `callReference`: each run works on its own candidacy.
 */
export async function createDraftCandidacy(
  page: Page,
  { callReference, organisationName, title }: { callReference: string; organisationName: string; title: string },
): Promise<string> {
  const found = await graphqlAsPage<{
    calls: { edges: { node: { id: string; reference: string } }[] };
    me: { memberships: { organisation: { id: string; name: string } }[] };
  }>(
    page,
    `query {
      calls(filter: { status: OPEN }, first: 100) { edges { node { id reference } } }
      me { memberships { organisation { id name } } }
    }`,
  );
  const call = found.calls.edges.find(({ node }) => node.reference.startsWith(callReference))?.node;
  const organisation = found.me.memberships.find((m) => m.organisation.name === organisationName)?.organisation;
  expect(call, `an open call ${callReference}`).toBeDefined();
  expect(organisation, `a membership of ${organisationName}`).toBeDefined();
  const created = await graphqlAsPage<{ createCandidacy: { __typename: string; candidacy?: { id: string } } }>(
    page,
    `mutation ($callId: ID!, $organisationId: ID!, $title: String!) {
      createCandidacy(callId: $callId, organisationId: $organisationId, title: $title) {
        __typename
        ... on CandidacyPayload { candidacy { id } }
      }
    }`,
    { callId: call?.id, organisationId: organisation?.id, title },
  );
  expect(created.createCandidacy.__typename).toBe("CandidacyPayload");
  return created.createCandidacy.candidacy?.id ?? "";
}
