import { graphql } from "../gql";

export const ManagedCallsQuery = graphql(`
  query ManagedCalls($language: Language!, $first: Int!, $after: String) {
    calls(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          reference
          kind
          title(language: $language)
          status
          programme {
            id
            name
          }
          timeline {
            timezone
            deadlineAt
          }
        }
      }
    }
  }
`);

export const CallFieldsFragment = graphql(`
  fragment ManagedCallFields on Call {
    id
    reference
    kind
    status
    publishedAt
    titles {
      fr
      en
      de
    }
    descriptions {
      fr
      en
      de
    }
    themes
    budgetEnvelope {
      cents
      currency
    }
    capPerCandidacy {
      cents
      currency
    }
    programme {
      id
      code
      name
      funder {
        id
      }
    }
    funders {
      status
      respondedAt
      share {
        cents
        currency
      }
      funder {
        id
        code
        name
      }
    }
    timeline {
      timezone
      opensAt
      deadlineAt
      reviewDeadlineAt
      decisionDate
      projectStartDate
    }
    eligibility {
      requiredPartnerCountries {
        country
        minPartners
      }
      allowedOrganisationKinds
      requiredDocumentKeys
      minDurationMonths
      maxDurationMonths
      minPartners
      maxPartners
    }
    questions {
      key
      kind
      label {
        fr
        en
        de
      }
      helpText {
        fr
        en
        de
      }
      required
      maxLength
      minValue
      maxValue
      choices {
        value
        label {
          fr
          en
          de
        }
      }
    }
    grid {
      overallThreshold
      expertsPerCandidacy
      blindReview
      criteria {
        key
        label {
          fr
          en
          de
        }
        weight
        scaleMin
        scaleMax
        step
        threshold
      }
    }
  }
`);

export const ManagedCallQuery = graphql(`
  query ManagedCall($id: ID!) {
    call(id: $id) {
      ...ManagedCallFields
    }
  }
`);

export const ProgrammesAndFundersQuery = graphql(`
  query ProgrammesAndFunders {
    programmes(first: 100) {
      edges {
        node {
          id
          code
          name
          funder {
            id
            code
          }
        }
      }
    }
    funders(first: 100) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`);

export const CreateCallMutation = graphql(`
  mutation CreateCall($input: CreateCallInput!) {
    createCall(input: $input) {
      __typename
      ... on CallPayload {
        call {
          id
        }
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
        }
      }
    }
  }
`);

export const UpdateCallMutation = graphql(`
  mutation UpdateCall($id: ID!, $input: UpdateCallInput!) {
    updateCall(id: $id, input: $input) {
      __typename
      ... on CallPayload {
        call {
          ...ManagedCallFields
        }
      }
      ... on CallStructureFrozenError {
        frozenFields
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
        }
      }
    }
  }
`);

export const PublishCallMutation = graphql(`
  mutation PublishCall($id: ID!) {
    publishCall(id: $id) {
      __typename
      ... on CallPayload {
        call {
          ...ManagedCallFields
        }
      }
      ... on InvalidTransitionError {
        currentStatus
        requestedStatus
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
        }
      }
    }
  }
`);

export const TransitionCallMutation = graphql(`
  mutation TransitionCall($id: ID!, $to: CallStatus!) {
    transitionCall(id: $id, to: $to) {
      __typename
      ... on CallPayload {
        call {
          ...ManagedCallFields
        }
      }
      ... on InvalidTransitionError {
        currentStatus
        requestedStatus
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
        }
      }
    }
  }
`);

export const ExtendCallDeadlineMutation = graphql(`
  mutation ExtendCallDeadline($id: ID!, $deadlineAt: DateTime!, $reason: String!) {
    extendCallDeadline(id: $id, deadlineAt: $deadlineAt, reason: $reason) {
      __typename
      ... on CallPayload {
        call {
          ...ManagedCallFields
        }
      }
      ... on InvalidTransitionError {
        currentStatus
        requestedStatus
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
        }
      }
    }
  }
`);

export const RespondToCoFundingMutation = graphql(`
  mutation RespondToCoFunding($callId: ID!, $funderId: ID!, $accept: Boolean!) {
    respondToCoFunding(callId: $callId, funderId: $funderId, accept: $accept) {
      __typename
      ... on CallPayload {
        call {
          ...ManagedCallFields
        }
      }
      ... on InvalidInputError {
        fieldErrors {
          field
          code
        }
      }
    }
  }
`);
