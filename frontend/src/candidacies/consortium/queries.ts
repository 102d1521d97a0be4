import { graphql } from "../gql";

/**
 * The consortium and budget of one candidacy: one query for both sections, so a change saved
 * in one (a partner invited, withdrawn) shows at once in the other.
 */
export const ConsortiumQuery = graphql(`
  query Consortium($id: ID!) {
    candidacy(id: $id) {
      id
      status
      call {
        id
        timeline {
          timezone
        }
        capPerCandidacy {
          cents
          currency
        }
      }
      leadOrganisation {
        id
        name
      }
      partners {
        id
        role
        status
        canEdit
        invitedAt
        respondedAt
        requestedShare {
          cents
          currency
        }
        organisation {
          id
          name
          country
        }
      }
      emailInvitations {
        id
        email
        organisationName
        country
        role
        status
        invitedAt
        expiresAt
        requestedShare {
          cents
          currency
        }
      }
      budget {
        category
        label
        amount {
          cents
          currency
        }
        organisation {
          id
        }
      }
      budgetTotal {
        cents
        currency
      }
      budgetToken
    }
  }
`);

export const OrganisationSearchQuery = graphql(`
  query OrganisationSearch($query: String!, $first: Int) {
    organisationSearch(query: $query, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          kind
          country
          siret
          registryId
        }
      }
    }
  }
`);

/** What every consortium mutation's result may be besides its payload. */
export const EditErrorsFragment = graphql(`
  fragment ConsortiumEditErrors on Error {
    __typename
    code
    message
    ... on InvalidInputError {
      fieldErrors {
        field
        code
        message
      }
    }
    ... on DeadlinePassedError {
      deadlineLocal
    }
    ... on CandidacyNotEditableError {
      status
    }
  }
`);

export const InvitePartnerMutation = graphql(`
  mutation InvitePartner($candidacyId: ID!, $organisationId: ID!, $role: PartnerRole!, $requestedShareCents: BigInt!) {
    invitePartner(
      candidacyId: $candidacyId
      organisationId: $organisationId
      role: $role
      requestedShareCents: $requestedShareCents
    ) {
      __typename
      ...ConsortiumEditErrors
    }
  }
`);

export const InviteEmailPartnerMutation = graphql(`
  mutation InviteEmailPartner($candidacyId: ID!, $input: EmailPartnerInput!) {
    inviteEmailPartner(candidacyId: $candidacyId, input: $input) {
      __typename
      ...ConsortiumEditErrors
    }
  }
`);

export const WithdrawPartnerInvitationMutation = graphql(`
  mutation WithdrawPartnerInvitation($id: ID!) {
    withdrawPartnerInvitation(id: $id) {
      __typename
      ...ConsortiumEditErrors
    }
  }
`);

export const WithdrawEmailInvitationMutation = graphql(`
  mutation WithdrawEmailInvitation($id: ID!) {
    withdrawEmailInvitation(id: $id) {
      __typename
      ...ConsortiumEditErrors
    }
  }
`);

export const SetPartnerCanEditMutation = graphql(`
  mutation SetPartnerCanEdit($id: ID!, $canEdit: Boolean!) {
    setPartnerCanEdit(id: $id, canEdit: $canEdit) {
      __typename
      ...ConsortiumEditErrors
    }
  }
`);

export const SetCandidacyPartnersMutation = graphql(`
  mutation SetCandidacyPartners($id: ID!, $partners: [PartnerInput!]!) {
    setCandidacyPartners(id: $id, partners: $partners) {
      __typename
      ...ConsortiumEditErrors
    }
  }
`);

/**
 * The budget, saved over the lines read with `expectedBudgetToken` (an EditConflictError when
 * someone saved it since); the payload gives the saved budget's token.
 */
export const SetCandidacyBudgetMutation = graphql(`
  mutation SetCandidacyBudget($id: ID!, $lines: [BudgetLineInput!]!, $expectedBudgetToken: String) {
    setCandidacyBudget(id: $id, lines: $lines, expectedBudgetToken: $expectedBudgetToken) {
      __typename
      ... on CandidacyPayload {
        candidacy {
          id
          budgetToken
        }
      }
      ...ConsortiumEditErrors
    }
  }
`);
