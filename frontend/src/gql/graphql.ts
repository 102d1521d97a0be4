/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CallKind =
  | 'AAP'
  | 'AMI'
  | 'JOINT';

export type CallStatus =
  | 'ARCHIVED'
  | 'CLOSED'
  | 'DECIDED'
  | 'DRAFT'
  | 'IN_EVALUATION'
  | 'OPEN'
  | 'PUBLISHED';

export type CoFundingStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'PENDING';

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

export type QuestionKind =
  | 'CHOICE'
  | 'DATE'
  | 'FILE'
  | 'MULTI_CHOICE'
  | 'NUMBER'
  | 'TEXT'
  | 'YES_NO';

export type Role =
  | 'EXPERT'
  | 'FUNDER_VIEWER'
  | 'PLATFORM_ADMIN'
  | 'PROGRAMME_MANAGER';

export type CallsListQueryVariables = Exact<{
  language: Language;
  first?: number | null | undefined;
}>;


export type CallsListQuery = { calls: { totalCount: number, edges: Array<{ node: { id: string, reference: string, kind: CallKind, title: string, languages: Array<Language>, status: CallStatus, isOpenNow: boolean, timeline: { timezone: string, opensAt: string, deadlineAt: string } } }> } };

export type CallPageQueryVariables = Exact<{
  id: string | number;
  language: Language;
}>;


export type CallPageQuery = { serverTime: string, call: { id: string, reference: string, kind: CallKind, title: string, descriptionHtml: string, status: CallStatus, isOpenNow: boolean, languages: Array<Language>, themes: Array<string>, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, timeline: { timezone: string, opensAt: string, deadlineAt: string, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, programme: { name: string } | null, funders: Array<{ status: CoFundingStatus, funder: { name: string } | null }>, questions: Array<{ key: string, kind: QuestionKind, required: boolean, label: { fr: string | null, en: string | null, de: string | null } }> } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, email: string, fullName: string, language: Language, roles: Array<{ role: Role, funder: { id: string, name: string } | null }>, memberships: Array<{ role: MembershipRole, organisation: { id: string, name: string } | null }> } | null };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login:
    | { __typename: 'InvalidCredentialsError', code: string }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'LoginPayload' }
    | { __typename: 'TooManyAttemptsError', retryAt: string, retryAfterSeconds: number }
   };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'InvalidInputError' }
    | { __typename: 'LogoutPayload' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export type SignUpMutationVariables = Exact<{
  email: string;
  password: string;
  fullName: string;
  language: Language;
}>;


export type SignUpMutation = { signUp:
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'MailSentPayload' }
    | { __typename: 'TooManyAttemptsError', retryAt: string, retryAfterSeconds: number }
   };

export type ConfirmSignUpMutationVariables = Exact<{
  code: string;
}>;


export type ConfirmSignUpMutation = { confirmSignUp:
    | { __typename: 'InvalidCodeError' }
    | { __typename: 'SignUpConfirmedPayload', user: { id: string, email: string } }
   };

export type RequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type RequestPasswordResetMutation = { requestPasswordReset:
    | { __typename: 'MailSentPayload' }
    | { __typename: 'TooManyAttemptsError', retryAt: string, retryAfterSeconds: number }
   };

export type ResetPasswordMutationVariables = Exact<{
  code: string;
  password: string;
}>;


export type ResetPasswordMutation = { resetPassword:
    | { __typename: 'InvalidCodeError' }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'PasswordResetPayload', user: { id: string, email: string } }
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

export const CallsListDocument = new TypedDocumentString(`
    query CallsList($language: Language!, $first: Int) {
  calls(first: $first) {
    totalCount
    edges {
      node {
        id
        reference
        kind
        title(language: $language)
        languages
        status
        isOpenNow
        timeline {
          timezone
          opensAt
          deadlineAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CallsListQuery, CallsListQueryVariables>;
export const CallPageDocument = new TypedDocumentString(`
    query CallPage($id: ID!, $language: Language!) {
  serverTime
  call(id: $id) {
    id
    reference
    kind
    title(language: $language)
    descriptionHtml(language: $language)
    status
    isOpenNow
    languages
    themes
    budgetEnvelope {
      cents
      currency
    }
    capPerCandidacy {
      cents
      currency
    }
    timeline {
      timezone
      opensAt
      deadlineAt
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
    programme {
      name
    }
    funders {
      status
      funder {
        name
      }
    }
    questions {
      key
      kind
      required
      label {
        fr
        en
        de
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CallPageQuery, CallPageQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    email
    fullName
    language
    roles {
      role
      funder {
        id
        name
      }
    }
    memberships {
      role
      organisation {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password, inCookie: true) {
    __typename
    ... on InvalidCredentialsError {
      code
    }
    ... on TooManyAttemptsError {
      retryAt
      retryAfterSeconds
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
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout {
    __typename
  }
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($email: String!, $password: String!, $fullName: String!, $language: Language!) {
  signUp(
    email: $email
    password: $password
    fullName: $fullName
    language: $language
  ) {
    __typename
    ... on TooManyAttemptsError {
      retryAt
      retryAfterSeconds
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
    `) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const ConfirmSignUpDocument = new TypedDocumentString(`
    mutation ConfirmSignUp($code: String!) {
  confirmSignUp(code: $code) {
    __typename
    ... on SignUpConfirmedPayload {
      user {
        id
        email
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConfirmSignUpMutation, ConfirmSignUpMutationVariables>;
export const RequestPasswordResetDocument = new TypedDocumentString(`
    mutation RequestPasswordReset($email: String!) {
  requestPasswordReset(email: $email) {
    __typename
    ... on TooManyAttemptsError {
      retryAt
      retryAfterSeconds
    }
  }
}
    `) as unknown as TypedDocumentString<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($code: String!, $password: String!) {
  resetPassword(code: $code, password: $password) {
    __typename
    ... on PasswordResetPayload {
      user {
        id
        email
      }
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
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;