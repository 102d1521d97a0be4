/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BudgetCategory =
  | 'EQUIPMENT'
  | 'INDIRECT_COSTS'
  | 'OTHER_DIRECT_COSTS'
  | 'STAFF'
  | 'SUBCONTRACTING';

export type CallStatus =
  | 'ARCHIVED'
  | 'CLOSED'
  | 'DECIDED'
  | 'DRAFT'
  | 'IN_EVALUATION'
  | 'OPEN'
  | 'PUBLISHED';

export type CandidacyFilter = {
  callId?: string | number | null | undefined;
  organisationId?: string | number | null | undefined;
  status?: CandidacyStatus | null | undefined;
};

export type CandidacyStatus =
  | 'DRAFT'
  | 'NOT_SUBMITTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type EligibilityDecision =
  | 'ELIGIBLE'
  | 'INELIGIBLE'
  | 'PENDING';

export type Language =
  | 'DE'
  | 'EN'
  | 'FR';

export type PartnerRole =
  | 'LEAD'
  | 'PARTNER'
  | 'SUBCONTRACTOR';

export type PartnerStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'PENDING';

export type QuestionKind =
  | 'CHOICE'
  | 'DATE'
  | 'FILE'
  | 'MULTI_CHOICE'
  | 'NUMBER'
  | 'TEXT'
  | 'YES_NO';

export type ManagedCandidaciesQueryVariables = Exact<{
  filter?: CandidacyFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
  language: Language;
}>;


export type ManagedCandidaciesQuery = { candidacies: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, reference: string | null, acronym: string | null, title: string | null, status: CandidacyStatus, submittedVersion: number, lastSubmittedAt: string | null, eligibility: { decision: EligibilityDecision }, counts: { answers: number, partners: number, attachments: number }, leadOrganisation: { id: string, name: string } | null, call: { id: string, reference: string, title: string, timeline: { timezone: string } } | null } }> } };

export type CandidacyStatusCountsQueryVariables = Exact<{
  callId?: string | number | null | undefined;
  organisationId?: string | number | null | undefined;
}>;


export type CandidacyStatusCountsQuery = { draft: { totalCount: number }, submitted: { totalCount: number }, withdrawn: { totalCount: number }, notSubmitted: { totalCount: number } };

export type FilterCallsQueryVariables = Exact<{
  language: Language;
}>;


export type FilterCallsQuery = { calls: { edges: Array<{ node: { id: string, reference: string, title: string } }> } };

export type ManagedCandidacyQueryVariables = Exact<{
  id: string | number;
  language: Language;
}>;


export type ManagedCandidacyQuery = { candidacy: { id: string, reference: string | null, status: CandidacyStatus, title: string | null, acronym: string | null, durationMonths: number | null, createdAt: string, submittedVersion: number, lastSubmittedAt: string | null, hasUnsubmittedChanges: boolean, extendedDeadlineAt: string | null, deadlineLocal: string | null, eligibility: { decision: EligibilityDecision, reason: string | null, decidedAt: string | null }, counts: { answers: number, partners: number, attachments: number, budgetLines: number }, leadOrganisation: { id: string, name: string } | null, call: { id: string, reference: string, title: string, status: CallStatus, timeline: { timezone: string, deadlineAt: string }, questions: Array<{ key: string, kind: QuestionKind, label: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }> } | null, answers: Array<{ questionKey: string, value: unknown }> | null, partners: Array<{ id: string, role: PartnerRole, status: PartnerStatus, requestedShare: { cents: number, currency: string }, organisation: { id: string, name: string, country: string } | null }> | null, budget: Array<{ category: BudgetCategory, label: string, amount: { cents: number, currency: string }, organisation: { id: string, name: string } | null }> | null, budgetTotal: { cents: number, currency: string } | null, attachments: Array<{ id: string, questionKey: string, name: string, sizeBytes: number, downloadUrl: string }> | null, versions: Array<{ number: number, submittedAt: string, receiptUrl: string | null, documentUrl: string }> } | null };

export type RecordEligibilityMutationVariables = Exact<{
  id: string | number;
  decision: EligibilityDecision;
  reason: string;
}>;


export type RecordEligibilityMutation = { recordEligibility:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CandidacyNotEditableError', status: string }
    | { __typename: 'CandidacyPayload', candidacy: { id: string, eligibility: { decision: EligibilityDecision, reason: string | null, decidedAt: string | null } } }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export type GrantCandidacyExtensionMutationVariables = Exact<{
  id: string | number;
  until: string;
  reason: string;
}>;


export type GrantCandidacyExtensionMutation = { grantCandidacyExtension:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CandidacyNotEditableError', status: string }
    | { __typename: 'CandidacyPayload', candidacy: { id: string, status: CandidacyStatus, extendedDeadlineAt: string | null, deadlineLocal: string | null } }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ManagedCandidaciesDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ManagedCandidaciesQuery, ManagedCandidaciesQueryVariables>;
export const CandidacyStatusCountsDocument = new TypedDocumentString(`
    query CandidacyStatusCounts($callId: ID, $organisationId: ID) {
  draft: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, status: DRAFT}
    first: 1
  ) {
    totalCount
  }
  submitted: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, status: SUBMITTED}
    first: 1
  ) {
    totalCount
  }
  withdrawn: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, status: WITHDRAWN}
    first: 1
  ) {
    totalCount
  }
  notSubmitted: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, status: NOT_SUBMITTED}
    first: 1
  ) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<CandidacyStatusCountsQuery, CandidacyStatusCountsQueryVariables>;
export const FilterCallsDocument = new TypedDocumentString(`
    query FilterCalls($language: Language!) {
  calls(first: 100) {
    edges {
      node {
        id
        reference
        title(language: $language)
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FilterCallsQuery, FilterCallsQueryVariables>;
export const ManagedCandidacyDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ManagedCandidacyQuery, ManagedCandidacyQueryVariables>;
export const RecordEligibilityDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<RecordEligibilityMutation, RecordEligibilityMutationVariables>;
export const GrantCandidacyExtensionDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<GrantCandidacyExtensionMutation, GrantCandidacyExtensionMutationVariables>;