import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Every demo person's password (backend/demo/data/people.yaml). */
export const DEMO_PASSWORD = "demo-password-2026";

/** Demo people by their key: `<key>@demo.aap.example`. */
export const DEMO = {
  manager: "manager@demo.aap.example", // programme manager, DGOS (funds IMPACT-IA)
  viewer: "viewer@demo.aap.example", // funder viewer, Anap
  applicant: "applicant.aphp@demo.aap.example", // admin of AP-HP
} as const;

/**
 * One GraphQL operation through the page's own request context, which shares the browser's
 * cookies: a `login` here signs the page in. Fails the test on a transport or GraphQL error.
 */
export async function graphqlRequest<T = Record<string, any>>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post("/graphql", {
    data: { query, variables },
    headers: { "X-Requested-With": "aap" },
  });
  expect(response.ok(), `HTTP ${response.status()} for ${query}`).toBe(true);
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** Signs the page's context in as `email` (the HttpOnly session cookie the application uses). */
export async function signInAs(page: Page, email: string): Promise<void> {
  const data = await graphqlRequest(
    page.request,
    `mutation($email: String!, $password: String!) {
      login(email: $email, password: $password, inCookie: true) { __typename }
    }`,
    { email, password: DEMO_PASSWORD },
  );
  expect(data.login.__typename).toBe("LoginPayload");
}

export async function signOut(page: Page): Promise<void> {
  await graphqlRequest(page.request, "mutation { logout { __typename } }");
}

export interface OwnCandidacy {
  id: string;
  callId: string;
  /** The call's deadline as its own clock shows it, with the offset ("2027-01-14T23:59:59+01:00"). */
  deadlineLocal: string;
  timezone: string;
}

/**
 * A fresh draft of the demo applicant (AP-HP) on the open call IMPACT-IA, made through the API
 * so the demo's own candidacies stay as other specs expect them. Leaves the page signed out.
 */
export async function createOwnDraft(page: Page, title: string): Promise<OwnCandidacy> {
  await signInAs(page, DEMO.applicant);
  const found = await graphqlRequest(
    page.request,
    `{ me { memberships { organisation { id name } } }
       calls(first: 100) { edges { node { id reference status timeline { timezone deadlineLocal } } } } }`,
  );
  const call = found.calls.edges
    .map((edge: { node: any }) => edge.node)
    .find((node: { reference: string }) => node.reference.startsWith("IMPACT-IA"));
  const organisation = found.me.memberships[0].organisation;
  const created = await graphqlRequest(
    page.request,
    `mutation($callId: ID!, $organisationId: ID!, $title: String!) {
      createCandidacy(callId: $callId, organisationId: $organisationId, title: $title, acronym: "E2E") {
        __typename ... on CandidacyPayload { candidacy { id } } ... on Error { message }
      }
    }`,
    { callId: call.id, organisationId: organisation.id, title },
  );
  expect(created.createCandidacy.__typename, created.createCandidacy.message).toBe("CandidacyPayload");
  await signOut(page);
  return {
    id: created.createCandidacy.candidacy.id,
    callId: call.id,
    deadlineLocal: call.timeline.deadlineLocal,
    timezone: call.timeline.timezone,
  };
}

/** A wall time `days` after the day of `deadlineLocal`, at `time`, for a datetime-local field. */
export function daysAfter(deadlineLocal: string, days: number, time = "18:00"): string {
  const day = new Date(`${deadlineLocal.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return `${day.toISOString().slice(0, 10)}T${time}`;
}
