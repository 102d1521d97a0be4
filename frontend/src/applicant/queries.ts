import { graphql } from "./gql";

export const MyCandidaciesQuery = graphql(`
  query MyCandidacies($language: Language!, $first: Int!, $after: String) {
    candidacies(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          acronym
          status
          hasUnsubmittedChanges
          updatedAt
          deadlineLocal
          leadOrganisation {
            id
            name
          }
          call {
            id
            title(language: $language)
            timeline {
              timezone
            }
          }
        }
      }
    }
  }
`);

export const CallToApplyQuery = graphql(`
  query CallToApply($id: ID!, $language: Language!) {
    call(id: $id) {
      id
      reference
      title(language: $language)
      isOpenNow
      timeline {
        timezone
        deadlineAt
      }
    }
  }
`);

export const MyMembershipsQuery = graphql(`
  query MyMemberships {
    me {
      id
      memberships {
        role
        organisation {
          id
          name
          kind
          country
        }
      }
    }
  }
`);

export const OrganisationQuery = graphql(`
  query Organisation($id: ID!) {
    organisation(id: $id) {
      id
      name
      kind
      country
      siret
      finess
      registryId
      members {
        fullName
        email
        role
        joinedAt
      }
    }
  }
`);

export const MyPartnerInvitationsQuery = graphql(`
  query MyPartnerInvitations($first: Int!, $after: String) {
    myPartnerInvitations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          role
          requestedShare {
            cents
            currency
          }
          candidacyTitle
          candidacyAcronym
          callReference
          callTitle
          deadlineAt
          timezone
          deadlineLocal
          leadOrganisation {
            id
            name
          }
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const CreateCandidacyMutation = graphql(`
  mutation CreateCandidacy($callId: ID!, $organisationId: ID!, $title: String!, $acronym: String) {
    createCandidacy(callId: $callId, organisationId: $organisationId, title: $title, acronym: $acronym) {
      __typename
      ... on CandidacyPayload {
        candidacy {
          id
        }
      }
      ... on Error {
        code
        message
      }
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
        candidacyStatus: status
      }
    }
  }
`);

export const CreateOrganisationMutation = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      __typename
      ... on OrganisationPayload {
        organisation {
          id
          name
        }
      }
      ... on Error {
        code
        message
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);

export const AddOrganisationMemberMutation = graphql(`
  mutation AddOrganisationMember($organisationId: ID!, $email: String!, $role: MembershipRole!) {
    addOrganisationMember(organisationId: $organisationId, email: $email, role: $role) {
      __typename
      ... on MembershipPayload {
        role
      }
      ... on Error {
        code
        message
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);

export const RespondToPartnerInvitationMutation = graphql(`
  mutation RespondToPartnerInvitation($id: ID!, $accept: Boolean!) {
    respondToPartnerInvitation(id: $id, accept: $accept) {
      __typename
      ... on RespondToPartnerInvitationPayload {
        partner {
          id
          status
        }
        candidacy {
          id
        }
      }
      ... on Error {
        code
        message
      }
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
        candidacyStatus: status
      }
    }
  }
`);

export const RespondToEmailInvitationMutation = graphql(`
  mutation RespondToEmailInvitation($token: String!, $accept: Boolean!) {
    respondToEmailInvitation(token: $token, accept: $accept) {
      __typename
      ... on RespondToEmailInvitationPayload {
        status
        organisation {
          id
          name
        }
        candidacy {
          id
        }
      }
      ... on Error {
        code
        message
      }
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
        candidacyStatus: status
      }
    }
  }
`);
