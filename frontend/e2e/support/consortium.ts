import { expect, type Page } from "@playwright/test";
import { graphql } from "./api";

/**
 * A new draft candidacy of the signed-in user's organisation named `organisationName`, for the
 * open call whose reference starts with `callReference`: each run works on its own candidacy.
 */
export async function createDraftCandidacy(
  page: Page,
  { callReference, organisationName, title }: { callReference: string; organisationName: string; title: string },
): Promise<string> {
  const found = await graphql<{
    calls: { edges: { node: { id: string; reference: string } }[] };
    me: { memberships: { organisation: { id: string; name: string } }[] };
  }>(page.request,
    `query {
      calls(filter: { status: OPEN }, first: 100) { edges { node { id reference } } }
      me { memberships { organisation { id name } } }
    }`,
  );
  const call = found.calls.edges.find(({ node }) => node.reference.startsWith(callReference))?.node;
  const organisation = found.me.memberships.find((m) => m.organisation.name === organisationName)?.organisation;
  expect(call, `an open call ${callReference}`).toBeDefined();
  expect(organisation, `a membership of ${organisationName}`).toBeDefined();
  const created = await graphql<{ createCandidacy: { __typename: string; candidacy?: { id: string } } }>(page.request,
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
