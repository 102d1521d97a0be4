/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AnswerInput = {
  questionKey: string;
  /** null clears the answer. */
  value?: unknown;
};

export type BudgetCategory =
  | 'EQUIPMENT'
  | 'INDIRECT_COSTS'
  | 'OTHER_DIRECT_COSTS'
  | 'STAFF'
  | 'SUBCONTRACTING';

export type BudgetLineInput = {
  amountCents: number | string;
  category: BudgetCategory;
  label?: string;
  organisationId: string | number;
};

export type CallStatus =
  | 'ARCHIVED'
  | 'CLOSED'
  | 'DECIDED'
  | 'DRAFT'
  | 'IN_EVALUATION'
  | 'OPEN'
  | 'PUBLISHED';

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

export type EmailPartnerInput = {
  /** The contact who will answer for the organisation. */
  email: string;
  /** The language of the mail. */
  language?: Language;
  /** The organisation as it will be registered when the contact accepts. */
  organisation: CreateOrganisationInput;
  requestedShareCents: number | string;
  role: PartnerRole;
};

export type Language =
  | 'DE'
  | 'EN'
  | 'FR';

export type OrganisationKind =
  | 'ACADEMIC_LAB'
  | 'ASSOCIATION'
  | 'COMPANY'
  | 'HEALTH_ESTABLISHMENT'
  | 'MEDICO_SOCIAL_ESTABLISHMENT'
  | 'PUBLIC_BODY';

export type PartnerInput = {
  organisationId: string | number;
  requestedShareCents: number | string;
  role: PartnerRole;
};

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

export type ConsortiumQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsortiumQuery = { candidacy: { id: string, status: CandidacyStatus, budgetToken: string | null, call: { id: string, timeline: { timezone: string }, capPerCandidacy: { cents: number, currency: string } | null } | null, leadOrganisation: { id: string, name: string } | null, partners: Array<{ id: string, role: PartnerRole, status: PartnerStatus, canEdit: boolean, invitedAt: string | null, respondedAt: string | null, requestedShare: { cents: number, currency: string }, organisation: { id: string, name: string, country: string } | null }> | null, emailInvitations: Array<{ id: string, email: string, organisationName: string, country: string, role: PartnerRole, status: PartnerStatus, invitedAt: string, expiresAt: string, requestedShare: { cents: number, currency: string } }> | null, budget: Array<{ category: BudgetCategory, label: string, amount: { cents: number, currency: string }, organisation: { id: string } | null }> | null, budgetTotal: { cents: number, currency: string } | null } | null };

export type OrganisationSearchQueryVariables = Exact<{
  query: string;
  first?: number | null | undefined;
}>;


export type OrganisationSearchQuery = { organisationSearch: { totalCount: number, edges: Array<{ node: { id: string, name: string, kind: OrganisationKind, country: string, siret: string | null, registryId: string | null } }> } };

type ConsortiumEditErrors_AlreadyMemberError_Fragment = { __typename: 'AlreadyMemberError', code: string, message: string };

type ConsortiumEditErrors_AuthenticationRequiredError_Fragment = { __typename: 'AuthenticationRequiredError', code: string, message: string };

type ConsortiumEditErrors_CallNotOpenError_Fragment = { __typename: 'CallNotOpenError', code: string, message: string };

type ConsortiumEditErrors_CallReferenceTakenError_Fragment = { __typename: 'CallReferenceTakenError', code: string, message: string };

type ConsortiumEditErrors_CallStructureFrozenError_Fragment = { __typename: 'CallStructureFrozenError', code: string, message: string };

type ConsortiumEditErrors_CandidacyNotEditableError_Fragment = { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string };

type ConsortiumEditErrors_DeadlinePassedError_Fragment = { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string };

type ConsortiumEditErrors_EditConflictError_Fragment = { __typename: 'EditConflictError', code: string, message: string };

type ConsortiumEditErrors_EmailAlreadyUsedError_Fragment = { __typename: 'EmailAlreadyUsedError', code: string, message: string };

type ConsortiumEditErrors_InvalidCodeError_Fragment = { __typename: 'InvalidCodeError', code: string, message: string };

type ConsortiumEditErrors_InvalidCredentialsError_Fragment = { __typename: 'InvalidCredentialsError', code: string, message: string };

type ConsortiumEditErrors_InvalidInputError_Fragment = { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> };

type ConsortiumEditErrors_InvalidTransitionError_Fragment = { __typename: 'InvalidTransitionError', code: string, message: string };

type ConsortiumEditErrors_NotFoundError_Fragment = { __typename: 'NotFoundError', code: string, message: string };

type ConsortiumEditErrors_PermissionDeniedError_Fragment = { __typename: 'PermissionDeniedError', code: string, message: string };

type ConsortiumEditErrors_SubmissionRejectedError_Fragment = { __typename: 'SubmissionRejectedError', code: string, message: string };

type ConsortiumEditErrors_TooManyAttemptsError_Fragment = { __typename: 'TooManyAttemptsError', code: string, message: string };

type ConsortiumEditErrors_UploadRejectedError_Fragment = { __typename: 'UploadRejectedError', code: string, message: string };

export type ConsortiumEditErrorsFragment =
  | ConsortiumEditErrors_AlreadyMemberError_Fragment
  | ConsortiumEditErrors_AuthenticationRequiredError_Fragment
  | ConsortiumEditErrors_CallNotOpenError_Fragment
  | ConsortiumEditErrors_CallReferenceTakenError_Fragment
  | ConsortiumEditErrors_CallStructureFrozenError_Fragment
  | ConsortiumEditErrors_CandidacyNotEditableError_Fragment
  | ConsortiumEditErrors_DeadlinePassedError_Fragment
  | ConsortiumEditErrors_EditConflictError_Fragment
  | ConsortiumEditErrors_EmailAlreadyUsedError_Fragment
  | ConsortiumEditErrors_InvalidCodeError_Fragment
  | ConsortiumEditErrors_InvalidCredentialsError_Fragment
  | ConsortiumEditErrors_InvalidInputError_Fragment
  | ConsortiumEditErrors_InvalidTransitionError_Fragment
  | ConsortiumEditErrors_NotFoundError_Fragment
  | ConsortiumEditErrors_PermissionDeniedError_Fragment
  | ConsortiumEditErrors_SubmissionRejectedError_Fragment
  | ConsortiumEditErrors_TooManyAttemptsError_Fragment
  | ConsortiumEditErrors_UploadRejectedError_Fragment
;

export type InvitePartnerMutationVariables = Exact<{
  candidacyId: string | number;
  organisationId: string | number;
  role: PartnerRole;
  requestedShareCents: number | string;
}>;


export type InvitePartnerMutation = { invitePartner:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PartnerPayload' }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type InviteEmailPartnerMutationVariables = Exact<{
  candidacyId: string | number;
  input: EmailPartnerInput;
}>;


export type InviteEmailPartnerMutation = { inviteEmailPartner:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string }
    | { __typename: 'EmailInvitationPayload' }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type WithdrawPartnerInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type WithdrawPartnerInvitationMutation = { withdrawPartnerInvitation:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'CandidacyPayload' }
    | { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type WithdrawEmailInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type WithdrawEmailInvitationMutation = { withdrawEmailInvitation:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'CandidacyPayload' }
    | { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type SetPartnerCanEditMutationVariables = Exact<{
  id: string | number;
  canEdit: boolean;
}>;


export type SetPartnerCanEditMutation = { setPartnerCanEdit:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PartnerPayload' }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type SetCandidacyPartnersMutationVariables = Exact<{
  id: string | number;
  partners: Array<PartnerInput> | PartnerInput;
}>;


export type SetCandidacyPartnersMutation = { setCandidacyPartners:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'CandidacyPayload' }
    | { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type SetCandidacyBudgetMutationVariables = Exact<{
  id: string | number;
  lines: Array<BudgetLineInput> | BudgetLineInput;
  expectedBudgetToken?: string | null | undefined;
}>;


export type SetCandidacyBudgetMutation = { setCandidacyBudget:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'CandidacyPayload', candidacy: { id: string, budgetToken: string | null } }
    | { __typename: 'DeadlinePassedError', deadlineLocal: string, code: string, message: string }
    | { __typename: 'EditConflictError', code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type CandidacyEditorQueryVariables = Exact<{
  id: string | number;
  language: Language;
}>;


export type CandidacyEditorQuery = { serverTime: string, candidacy: { id: string, reference: string | null, status: CandidacyStatus, title: string | null, acronym: string | null, durationMonths: number | null, submittedVersion: number, lastSubmittedAt: string | null, hasUnsubmittedChanges: boolean, extendedDeadlineAt: string | null, deadlineLocal: string | null, leadOrganisation: { id: string, name: string } | null, partners: Array<{ id: string, status: PartnerStatus, canEdit: boolean, organisation: { id: string } | null }> | null, answers: Array<{ questionKey: string, value: unknown }> | null, attachments: Array<{ id: string, questionKey: string, name: string, contentType: string, sizeBytes: number, uploadedAt: string, downloadUrl: string }> | null, versions: Array<{ number: number, sha256: string, submittedAt: string, receiptUrl: string | null }>, call: { id: string, reference: string, title: string, languages: Array<Language>, status: CallStatus, timeline: { timezone: string, opensAt: string, deadlineAt: string }, eligibility: { minDurationMonths: number | null, maxDurationMonths: number | null }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }> } | null } | null };

export type SubmissionCheckQueryVariables = Exact<{
  id: string | number;
}>;


export type SubmissionCheckQuery = { serverTime: string, submissionCheck: Array<{ field: string, code: string, message: string, organisationName: string | null, country: string | null, minimum: number | null, maximum: number | null }> | null };

export type CandidacyVersionsQueryVariables = Exact<{
  id: string | number;
}>;


export type CandidacyVersionsQuery = { candidacy: { id: string, versions: Array<{ number: number, sha256: string, submittedAt: string, receiptUrl: string | null }> } | null };

export type UpdateCandidacyMutationVariables = Exact<{
  id: string | number;
  title?: string | null | undefined;
  acronym?: string | null | undefined;
  durationMonths?: number | null | undefined;
}>;


export type UpdateCandidacyMutation = { updateCandidacy:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'CandidacyPayload', candidacy: { id: string, title: string | null, acronym: string | null, durationMonths: number | null, hasUnsubmittedChanges: boolean } }
    | { __typename: 'DeadlinePassedError', deadlineAt: string, deadlineLocal: string, serverTime: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type SaveCandidacyAnswersMutationVariables = Exact<{
  id: string | number;
  answers: Array<AnswerInput> | AnswerInput;
}>;


export type SaveCandidacyAnswersMutation = { saveCandidacyAnswers:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'CandidacyPayload', candidacy: { id: string, hasUnsubmittedChanges: boolean } }
    | { __typename: 'DeadlinePassedError', deadlineAt: string, deadlineLocal: string, serverTime: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

export type UploadAttachmentMutationVariables = Exact<{
  candidacyId: string | number;
  questionKey: string;
  file: File;
}>;


export type UploadAttachmentMutation = { uploadAttachment:
    | { __typename: 'AttachmentPayload', attachment: { id: string, questionKey: string, name: string, contentType: string, sizeBytes: number, uploadedAt: string, downloadUrl: string } }
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'DeadlinePassedError', deadlineAt: string, deadlineLocal: string, serverTime: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
    | { __typename: 'UploadRejectedError', code: string, message: string }
   };

export type SubmitCandidacyMutationVariables = Exact<{
  id: string | number;
}>;


export type SubmitCandidacyMutation = { submitCandidacy:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'DeadlinePassedError', deadlineAt: string, deadlineLocal: string, serverTime: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
    | { __typename: 'SubmissionRejectedError', code: string, message: string, problems: Array<{ field: string, code: string, message: string, organisationName: string | null, country: string | null, minimum: number | null, maximum: number | null }> }
    | { __typename: 'SubmitCandidacyPayload', reference: string, serverTime: string, sha256: string, version: number }
   };

export type WithdrawCandidacyMutationVariables = Exact<{
  id: string | number;
}>;


export type WithdrawCandidacyMutation = { withdrawCandidacy:
    | { __typename: 'AuthenticationRequiredError', code: string, message: string }
    | { __typename: 'CallNotOpenError', code: string, message: string }
    | { __typename: 'CandidacyNotEditableError', status: string, code: string, message: string }
    | { __typename: 'CandidacyPayload', candidacy: { id: string, status: CandidacyStatus } }
    | { __typename: 'DeadlinePassedError', deadlineAt: string, deadlineLocal: string, serverTime: string, code: string, message: string }
    | { __typename: 'InvalidInputError', code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PermissionDeniedError', code: string, message: string }
   };

type EditRefusal_AlreadyMemberError_Fragment = { code: string, message: string };

type EditRefusal_AuthenticationRequiredError_Fragment = { code: string, message: string };

type EditRefusal_CallNotOpenError_Fragment = { code: string, message: string };

type EditRefusal_CallReferenceTakenError_Fragment = { code: string, message: string };

type EditRefusal_CallStructureFrozenError_Fragment = { code: string, message: string };

type EditRefusal_CandidacyNotEditableError_Fragment = { status: string, code: string, message: string };

type EditRefusal_DeadlinePassedError_Fragment = { deadlineAt: string, deadlineLocal: string, serverTime: string, code: string, message: string };

type EditRefusal_EditConflictError_Fragment = { code: string, message: string };

type EditRefusal_EmailAlreadyUsedError_Fragment = { code: string, message: string };

type EditRefusal_InvalidCodeError_Fragment = { code: string, message: string };

type EditRefusal_InvalidCredentialsError_Fragment = { code: string, message: string };

type EditRefusal_InvalidInputError_Fragment = { code: string, message: string, fieldErrors: Array<{ field: string, code: string, message: string }> };

type EditRefusal_InvalidTransitionError_Fragment = { code: string, message: string };

type EditRefusal_NotFoundError_Fragment = { code: string, message: string };

type EditRefusal_PermissionDeniedError_Fragment = { code: string, message: string };

type EditRefusal_SubmissionRejectedError_Fragment = { code: string, message: string };

type EditRefusal_TooManyAttemptsError_Fragment = { code: string, message: string };

type EditRefusal_UploadRejectedError_Fragment = { code: string, message: string };

export type EditRefusalFragment =
  | EditRefusal_AlreadyMemberError_Fragment
  | EditRefusal_AuthenticationRequiredError_Fragment
  | EditRefusal_CallNotOpenError_Fragment
  | EditRefusal_CallReferenceTakenError_Fragment
  | EditRefusal_CallStructureFrozenError_Fragment
  | EditRefusal_CandidacyNotEditableError_Fragment
  | EditRefusal_DeadlinePassedError_Fragment
  | EditRefusal_EditConflictError_Fragment
  | EditRefusal_EmailAlreadyUsedError_Fragment
  | EditRefusal_InvalidCodeError_Fragment
  | EditRefusal_InvalidCredentialsError_Fragment
  | EditRefusal_InvalidInputError_Fragment
  | EditRefusal_InvalidTransitionError_Fragment
  | EditRefusal_NotFoundError_Fragment
  | EditRefusal_PermissionDeniedError_Fragment
  | EditRefusal_SubmissionRejectedError_Fragment
  | EditRefusal_TooManyAttemptsError_Fragment
  | EditRefusal_UploadRejectedError_Fragment
;

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
export const ConsortiumEditErrorsFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"ConsortiumEditErrors"}) as unknown as TypedDocumentString<ConsortiumEditErrorsFragment, unknown>;
export const EditRefusalFragmentDoc = new TypedDocumentString(`
    fragment EditRefusal on Error {
  code
  message
  ... on DeadlinePassedError {
    deadlineAt
    deadlineLocal
    serverTime
  }
  ... on CandidacyNotEditableError {
    status
  }
  ... on InvalidInputError {
    fieldErrors {
      field
      code
      message
    }
  }
}
    `, {"fragmentName":"EditRefusal"}) as unknown as TypedDocumentString<EditRefusalFragment, unknown>;
export const ConsortiumDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ConsortiumQuery, ConsortiumQueryVariables>;
export const OrganisationSearchDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<OrganisationSearchQuery, OrganisationSearchQueryVariables>;
export const InvitePartnerDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<InvitePartnerMutation, InvitePartnerMutationVariables>;
export const InviteEmailPartnerDocument = new TypedDocumentString(`
    mutation InviteEmailPartner($candidacyId: ID!, $input: EmailPartnerInput!) {
  inviteEmailPartner(candidacyId: $candidacyId, input: $input) {
    __typename
    ...ConsortiumEditErrors
  }
}
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
}`) as unknown as TypedDocumentString<InviteEmailPartnerMutation, InviteEmailPartnerMutationVariables>;
export const WithdrawPartnerInvitationDocument = new TypedDocumentString(`
    mutation WithdrawPartnerInvitation($id: ID!) {
  withdrawPartnerInvitation(id: $id) {
    __typename
    ...ConsortiumEditErrors
  }
}
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
}`) as unknown as TypedDocumentString<WithdrawPartnerInvitationMutation, WithdrawPartnerInvitationMutationVariables>;
export const WithdrawEmailInvitationDocument = new TypedDocumentString(`
    mutation WithdrawEmailInvitation($id: ID!) {
  withdrawEmailInvitation(id: $id) {
    __typename
    ...ConsortiumEditErrors
  }
}
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
}`) as unknown as TypedDocumentString<WithdrawEmailInvitationMutation, WithdrawEmailInvitationMutationVariables>;
export const SetPartnerCanEditDocument = new TypedDocumentString(`
    mutation SetPartnerCanEdit($id: ID!, $canEdit: Boolean!) {
  setPartnerCanEdit(id: $id, canEdit: $canEdit) {
    __typename
    ...ConsortiumEditErrors
  }
}
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
}`) as unknown as TypedDocumentString<SetPartnerCanEditMutation, SetPartnerCanEditMutationVariables>;
export const SetCandidacyPartnersDocument = new TypedDocumentString(`
    mutation SetCandidacyPartners($id: ID!, $partners: [PartnerInput!]!) {
  setCandidacyPartners(id: $id, partners: $partners) {
    __typename
    ...ConsortiumEditErrors
  }
}
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
}`) as unknown as TypedDocumentString<SetCandidacyPartnersMutation, SetCandidacyPartnersMutationVariables>;
export const SetCandidacyBudgetDocument = new TypedDocumentString(`
    mutation SetCandidacyBudget($id: ID!, $lines: [BudgetLineInput!]!, $expectedBudgetToken: String) {
  setCandidacyBudget(
    id: $id
    lines: $lines
    expectedBudgetToken: $expectedBudgetToken
  ) {
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
}`) as unknown as TypedDocumentString<SetCandidacyBudgetMutation, SetCandidacyBudgetMutationVariables>;
export const CandidacyEditorDocument = new TypedDocumentString(`
    query CandidacyEditor($id: ID!, $language: Language!) {
  serverTime
  candidacy(id: $id) {
    id
    reference
    status
    title
    acronym
    durationMonths
    submittedVersion
    lastSubmittedAt
    hasUnsubmittedChanges
    extendedDeadlineAt
    deadlineLocal
    leadOrganisation {
      id
      name
    }
    partners {
      id
      status
      canEdit
      organisation {
        id
      }
    }
    answers {
      questionKey
      value
    }
    attachments {
      id
      questionKey
      name
      contentType
      sizeBytes
      uploadedAt
      downloadUrl
    }
    versions {
      number
      sha256
      submittedAt
      receiptUrl
    }
    call {
      id
      reference
      title(language: $language)
      languages
      status
      timeline {
        timezone
        opensAt
        deadlineAt
      }
      eligibility {
        minDurationMonths
        maxDurationMonths
      }
      questions {
        key
        kind
        required
        maxLength
        minValue
        maxValue
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
  }
}
    `) as unknown as TypedDocumentString<CandidacyEditorQuery, CandidacyEditorQueryVariables>;
export const SubmissionCheckDocument = new TypedDocumentString(`
    query SubmissionCheck($id: ID!) {
  serverTime
  submissionCheck(candidacyId: $id) {
    field
    code
    message
    organisationName
    country
    minimum
    maximum
  }
}
    `) as unknown as TypedDocumentString<SubmissionCheckQuery, SubmissionCheckQueryVariables>;
export const CandidacyVersionsDocument = new TypedDocumentString(`
    query CandidacyVersions($id: ID!) {
  candidacy(id: $id) {
    id
    versions {
      number
      sha256
      submittedAt
      receiptUrl
    }
  }
}
    `) as unknown as TypedDocumentString<CandidacyVersionsQuery, CandidacyVersionsQueryVariables>;
export const UpdateCandidacyDocument = new TypedDocumentString(`
    mutation UpdateCandidacy($id: ID!, $title: String, $acronym: String, $durationMonths: Int) {
  updateCandidacy(
    id: $id
    title: $title
    acronym: $acronym
    durationMonths: $durationMonths
  ) {
    __typename
    ... on CandidacyPayload {
      candidacy {
        id
        title
        acronym
        durationMonths
        hasUnsubmittedChanges
      }
    }
    ...EditRefusal
  }
}
    fragment EditRefusal on Error {
  code
  message
  ... on DeadlinePassedError {
    deadlineAt
    deadlineLocal
    serverTime
  }
  ... on CandidacyNotEditableError {
    status
  }
  ... on InvalidInputError {
    fieldErrors {
      field
      code
      message
    }
  }
}`) as unknown as TypedDocumentString<UpdateCandidacyMutation, UpdateCandidacyMutationVariables>;
export const SaveCandidacyAnswersDocument = new TypedDocumentString(`
    mutation SaveCandidacyAnswers($id: ID!, $answers: [AnswerInput!]!) {
  saveCandidacyAnswers(id: $id, answers: $answers) {
    __typename
    ... on CandidacyPayload {
      candidacy {
        id
        hasUnsubmittedChanges
      }
    }
    ...EditRefusal
  }
}
    fragment EditRefusal on Error {
  code
  message
  ... on DeadlinePassedError {
    deadlineAt
    deadlineLocal
    serverTime
  }
  ... on CandidacyNotEditableError {
    status
  }
  ... on InvalidInputError {
    fieldErrors {
      field
      code
      message
    }
  }
}`) as unknown as TypedDocumentString<SaveCandidacyAnswersMutation, SaveCandidacyAnswersMutationVariables>;
export const UploadAttachmentDocument = new TypedDocumentString(`
    mutation UploadAttachment($candidacyId: ID!, $questionKey: String!, $file: Upload!) {
  uploadAttachment(
    candidacyId: $candidacyId
    questionKey: $questionKey
    file: $file
  ) {
    __typename
    ... on AttachmentPayload {
      attachment {
        id
        questionKey
        name
        contentType
        sizeBytes
        uploadedAt
        downloadUrl
      }
    }
    ... on UploadRejectedError {
      code
      message
    }
    ...EditRefusal
  }
}
    fragment EditRefusal on Error {
  code
  message
  ... on DeadlinePassedError {
    deadlineAt
    deadlineLocal
    serverTime
  }
  ... on CandidacyNotEditableError {
    status
  }
  ... on InvalidInputError {
    fieldErrors {
      field
      code
      message
    }
  }
}`) as unknown as TypedDocumentString<UploadAttachmentMutation, UploadAttachmentMutationVariables>;
export const SubmitCandidacyDocument = new TypedDocumentString(`
    mutation SubmitCandidacy($id: ID!) {
  submitCandidacy(id: $id) {
    __typename
    ... on SubmitCandidacyPayload {
      reference
      serverTime
      sha256
      version
    }
    ... on SubmissionRejectedError {
      problems {
        field
        code
        message
        organisationName
        country
        minimum
        maximum
      }
    }
    ...EditRefusal
  }
}
    fragment EditRefusal on Error {
  code
  message
  ... on DeadlinePassedError {
    deadlineAt
    deadlineLocal
    serverTime
  }
  ... on CandidacyNotEditableError {
    status
  }
  ... on InvalidInputError {
    fieldErrors {
      field
      code
      message
    }
  }
}`) as unknown as TypedDocumentString<SubmitCandidacyMutation, SubmitCandidacyMutationVariables>;
export const WithdrawCandidacyDocument = new TypedDocumentString(`
    mutation WithdrawCandidacy($id: ID!) {
  withdrawCandidacy(id: $id) {
    __typename
    ... on CandidacyPayload {
      candidacy {
        id
        status
      }
    }
    ...EditRefusal
  }
}
    fragment EditRefusal on Error {
  code
  message
  ... on DeadlinePassedError {
    deadlineAt
    deadlineLocal
    serverTime
  }
  ... on CandidacyNotEditableError {
    status
  }
  ... on InvalidInputError {
    fieldErrors {
      field
      code
      message
    }
  }
}`) as unknown as TypedDocumentString<WithdrawCandidacyMutation, WithdrawCandidacyMutationVariables>;