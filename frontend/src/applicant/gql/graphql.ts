/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CandidacyStatus =
  | 'DRAFT'
  | 'NOT_SUBMITTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type CreateOrganisationInput = {
  /** ISO 3166-1 alpha-2, e.g. FR or DE. */
  country: string;
  /** Required for French health and medico-social establishments. */
  finess?: string | null | undefined;
  kind: OrganisationKind;
  name: string;
  /** Trade or association register id, outside France. */
  registryId?: string | null | undefined;
  /** Required in France. */
  siret?: string | null | undefined;
};

export type Language =
  | 'DE'
  | 'EN'
  | 'FR';

export type MembershipRole =
  | 'ADMIN'
  | 'MEMBER';

export type OrganisationKind =
  | 'ACADEMIC_LAB'
  | 'ASSOCIATION'
  | 'COMPANY'
  | 'HEALTH_ESTABLISHMENT'
  | 'MEDICO_SOCIAL_ESTABLISHMENT'
  | 'PUBLIC_BODY';

export type PartnerRole =
  | 'LEAD'
  | 'PARTNER'
  | 'SUBCONTRACTOR';

export type PartnerStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'PENDING';

export type MyCandidaciesQueryVariables = Exact<{
  language: Language;
  first: number;
  after?: string | null | undefined;
}>;


export type MyCandidaciesQuery = { candidacies: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string | null, acronym: string | null, status: CandidacyStatus, hasUnsubmittedChanges: boolean, updatedAt: string, deadlineLocal: string | null, leadOrganisation: { id: string, name: string } | null, call: { id: string, title: string, timeline: { timezone: string } } | null } }> } };

export type CallToApplyQueryVariables = Exact<{
  id: string | number;
  language: Language;
}>;


export type CallToApplyQuery = { call: { id: string, reference: string, title: string, isOpenNow: boolean, timeline: { timezone: string, deadlineAt: string } } | null };

export type MyMembershipsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMembershipsQuery = { me: { id: string, memberships: Array<{ role: MembershipRole, organisation: { id: string, name: string, kind: OrganisationKind, country: string } | null }> } | null };

export type OrganisationQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganisationQuery = { organisation: { id: string, name: string, kind: OrganisationKind, country: string, siret: string | null, finess: string | null, registryId: string | null, members: Array<{ fullName: string, email: string, role: MembershipRole, joinedAt: string }> | null } | null };

export type MyPartnerInvitationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MyPartnerInvitationsQuery = { myPartnerInvitations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, role: PartnerRole, candidacyTitle: string, candidacyAcronym: string | null, callReference: string, callTitle: unknown, deadlineAt: string, timezone: string, deadlineLocal: string, requestedShare: { cents: number, currency: string }, leadOrganisation: { id: string, name: string }, organisation: { id: string, name: string } | null } }> } };

export type CreateCandidacyMutationVariables = Exact<{
  callId: string | number;
  organisationId: string | number;
  title: string;
  acronym?: string | null | undefined;
}>;


export type CreateCandidacyMutation = { createCandidacy:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', code: string, message: string, candidacyStatus: string }
    | { __typename: 'CandidacyPayload', candidacy: { id: string } }
    | { __typename: 'DeadlinePassedError', code: string, message: string, deadlineLocal: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type CreateOrganisationMutationVariables = Exact<{
  input: CreateOrganisationInput;
}>;


export type CreateOrganisationMutation = { createOrganisation:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'OrganisationPayload', organisation: { id: string, name: string } }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type AddOrganisationMemberMutationVariables = Exact<{
  organisationId: string | number;
  email: string;
  role: MembershipRole;
}>;


export type AddOrganisationMemberMutation = { addOrganisationMember:
    | { __typename: 'AlreadyMemberError', code: string, message: string }
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'MembershipPayload', role: MembershipRole }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type RespondToPartnerInvitationMutationVariables = Exact<{
  id: string | number;
  accept: boolean;
}>;


export type RespondToPartnerInvitationMutation = { respondToPartnerInvitation:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', code: string, message: string, candidacyStatus: string }
    | { __typename: 'DeadlinePassedError', code: string, message: string, deadlineLocal: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
    | { __typename: 'RespondToPartnerInvitationPayload', partner: { id: string, status: PartnerStatus }, candidacy: { id: string } | null }
   };

export type RespondToEmailInvitationMutationVariables = Exact<{
  token: string;
  accept: boolean;
}>;


export type RespondToEmailInvitationMutation = { respondToEmailInvitation:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', code: string, message: string, candidacyStatus: string }
    | { __typename: 'DeadlinePassedError', code: string, message: string, deadlineLocal: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
    | { __typename: 'RespondToEmailInvitationPayload', status: PartnerStatus, organisation: { id: string, name: string } | null, candidacy: { id: string } | null }
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

export const MyCandidaciesDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<MyCandidaciesQuery, MyCandidaciesQueryVariables>;
export const CallToApplyDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<CallToApplyQuery, CallToApplyQueryVariables>;
export const MyMembershipsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<MyMembershipsQuery, MyMembershipsQueryVariables>;
export const OrganisationDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<OrganisationQuery, OrganisationQueryVariables>;
export const MyPartnerInvitationsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<MyPartnerInvitationsQuery, MyPartnerInvitationsQueryVariables>;
export const CreateCandidacyDocument = new TypedDocumentString(`
    mutation CreateCandidacy($callId: ID!, $organisationId: ID!, $title: String!, $acronym: String) {
  createCandidacy(
    callId: $callId
    organisationId: $organisationId
    title: $title
    acronym: $acronym
  ) {
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
    `) as unknown as TypedDocumentString<CreateCandidacyMutation, CreateCandidacyMutationVariables>;
export const CreateOrganisationDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<CreateOrganisationMutation, CreateOrganisationMutationVariables>;
export const AddOrganisationMemberDocument = new TypedDocumentString(`
    mutation AddOrganisationMember($organisationId: ID!, $email: String!, $role: MembershipRole!) {
  addOrganisationMember(
    organisationId: $organisationId
    email: $email
    role: $role
  ) {
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
    `) as unknown as TypedDocumentString<AddOrganisationMemberMutation, AddOrganisationMemberMutationVariables>;
export const RespondToPartnerInvitationDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<RespondToPartnerInvitationMutation, RespondToPartnerInvitationMutationVariables>;
export const RespondToEmailInvitationDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<RespondToEmailInvitationMutation, RespondToEmailInvitationMutationVariables>;