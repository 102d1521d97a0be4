import { graphql } from "../gql";

/** One page of the candidacies the staff member may read, with the whole filtered count. */
export const ManagedCandidaciesQuery = graphql(`
  query ManagedCandidacies($filter: CandidacyFilter, $first: Int!, $after: String, $language: Language!) {
    candidacies(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          reference
          acronym
          title
          status
          submittedVersion
          lastSubmittedAt
          eligibility {
            decision
          }
          counts {
            answers
            partners
            attachments
          }
          leadOrganisation {
            id
            name
          }
          call {
            id
            reference
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

/**
 * How many candidacies each status holds under the other filters (call, organisation): the
 * counts the status filter offers. Only `totalCount` is asked, so no page is loaded.
 */
export const CandidacyStatusCountsQuery = graphql(`
  query CandidacyStatusCounts($callId: ID, $organisationId: ID, $eligibility: EligibilityDecision) {
    draft: candidacies(
      filter: { callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: DRAFT }
      first: 1
    ) {
      totalCount
    }
    submitted: candidacies(
      filter: { callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: SUBMITTED }
      first: 1
    ) {
      totalCount
    }
    withdrawn: candidacies(
      filter: { callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: WITHDRAWN }
      first: 1
    ) {
      totalCount
    }
    notSubmitted: candidacies(
      filter: { callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: NOT_SUBMITTED }
      first: 1
    ) {
      totalCount
    }
  }
`);

/**
 * The calls whose reference or titles hold `search` (all of them when null), among those the
 * staff member may read: the call filter's results, a page at a time rather than a capped list.
 */
export const FilterCallSearchQuery = graphql(`
  query FilterCallSearch($search: String, $first: Int!, $language: Language!) {
    calls(filter: { search: $search, asStaff: true }, first: $first) {
      totalCount
      edges {
        node {
          id
          reference
          title(language: $language)
        }
      }
    }
  }
`);

/** The call the list is filtered on (from the address), to name it whatever the search holds. */
export const FilterCallByIdQuery = graphql(`
  query FilterCallById($id: ID!, $language: Language!) {
    call(id: $id) {
      id
      reference
      title(language: $language)
    }
  }
`);

/** A candidacy as a staff member reads it: its last submitted version, and what they may do. */
export const ManagedCandidacyQuery = graphql(`
  query ManagedCandidacy($id: ID!, $language: Language!) {
    candidacy(id: $id) {
      id
      reference
      status
      title
      acronym
      durationMonths
      createdAt
      submittedVersion
      lastSubmittedAt
      hasUnsubmittedChanges
      extendedDeadlineAt
      deadlineLocal
      eligibility {
        decision
        reason
        decidedAt
      }
      counts {
        answers
        partners
        attachments
        budgetLines
      }
      leadOrganisation {
        id
        name
      }
      call {
        id
        reference
        title(language: $language)
        status
        timeline {
          timezone
          deadlineAt
        }
        questions {
          key
          kind
          label {
            fr
            en
            de
          }
          choices {
            value
            label {
              fr
              en
              de
            }
          }
        }
      }
      answers {
        questionKey
        value
      }
      partners {
        id
        role
        status
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
      budget {
        category
        label
        amount {
          cents
          currency
        }
        organisation {
          id
          name
        }
      }
      budgetTotal {
        cents
        currency
      }
      attachments {
        id
        questionKey
        name
        sizeBytes
        downloadUrl
      }
      versions {
        number
        submittedAt
        receiptUrl
        documentUrl
      }
    }
  }
`);

export const RecordEligibilityMutation = graphql(`
  mutation RecordEligibility($id: ID!, $decision: EligibilityDecision!, $reason: String!) {
    recordEligibility(id: $id, decision: $decision, reason: $reason) {
      __typename
      ... on CandidacyPayload {
        candidacy {
          id
          eligibility {
            decision
            reason
            decidedAt
          }
        }
      }
      ... on CandidacyNotEditableError {
        status
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

export const GrantCandidacyExtensionMutation = graphql(`
  mutation GrantCandidacyExtension($id: ID!, $until: DateTime!, $reason: String!) {
    grantCandidacyExtension(id: $id, until: $until, reason: $reason) {
      __typename
      ... on CandidacyPayload {
        candidacy {
          id
          status
          extendedDeadlineAt
          deadlineLocal
        }
      }
      ... on CandidacyNotEditableError {
        status
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
