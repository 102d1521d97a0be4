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

export type CandidacyFilter = {
  callId?: string | number | null | undefined;
  /** The eligibility screening's decision; PENDING: not screened yet. */
  eligibility?: EligibilityDecision | null | undefined;
  organisationId?: string | number | null | undefined;
  status?: CandidacyStatus | null | undefined;
};

export type CandidacyStatus =
  | 'DRAFT'
  | 'NOT_SUBMITTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type ChoiceInput = {
  label: LocalizedTextInput;
  value: string;
};

export type CoFundingStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'PENDING';

export type CreateCallInput = {
  budgetEnvelopeCents: number | string;
  capPerCandidacyCents?: number | string | null | undefined;
  description?: LocalizedTextInput | null | undefined;
  eligibility?: EligibilityInput | null | undefined;
  funders: Array<FunderShareInput>;
  grid: GridInput;
  kind: CallKind;
  programmeId: string | number;
  questions: Array<QuestionInput>;
  reference: string;
  themes?: Array<string> | null | undefined;
  timeline: TimelineInput;
  title: LocalizedTextInput;
};

export type CriterionInput = {
  key: string;
  label: LocalizedTextInput;
  scaleMax: string;
  scaleMin: string;
  step: string;
  threshold?: string | null | undefined;
  weight: string;
};

export type EligibilityDecision =
  | 'ELIGIBLE'
  | 'INELIGIBLE'
  | 'PENDING';

export type EligibilityInput = {
  allowedOrganisationKinds?: Array<OrganisationKind> | null | undefined;
  maxDurationMonths?: number | null | undefined;
  maxPartners?: number | null | undefined;
  minDurationMonths?: number | null | undefined;
  minPartners?: number | null | undefined;
  requiredDocumentKeys?: Array<string> | null | undefined;
  requiredPartnerCountries?: Array<PartnerCountryRuleInput> | null | undefined;
};

export type FunderShareInput = {
  funderId: string | number;
  shareCents: number | string;
};

export type GridInput = {
  blindReview?: boolean;
  criteria: Array<CriterionInput>;
  expertsPerCandidacy?: number;
  overallThreshold?: string | null | undefined;
};

export type Language =
  | 'DE'
  | 'EN'
  | 'FR';

export type LocalizedTextInput = {
  de?: string | null | undefined;
  en?: string | null | undefined;
  fr?: string | null | undefined;
};

export type OrganisationKind =
  | 'ACADEMIC_LAB'
  | 'ASSOCIATION'
  | 'COMPANY'
  | 'HEALTH_ESTABLISHMENT'
  | 'MEDICO_SOCIAL_ESTABLISHMENT'
  | 'PUBLIC_BODY';

export type PartnerCountryRuleInput = {
  country: string;
  minPartners?: number;
};

export type PartnerRole =
  | 'LEAD'
  | 'PARTNER'
  | 'SUBCONTRACTOR';

export type PartnerStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'PENDING';

export type QuestionInput = {
  choices?: Array<ChoiceInput> | null | undefined;
  helpText?: LocalizedTextInput | null | undefined;
  key: string;
  kind: QuestionKind;
  label: LocalizedTextInput;
  maxLength?: number | null | undefined;
  maxValue?: string | null | undefined;
  minValue?: string | null | undefined;
  required?: boolean;
};

export type QuestionKind =
  | 'CHOICE'
  | 'DATE'
  | 'FILE'
  | 'MULTI_CHOICE'
  | 'NUMBER'
  | 'TEXT'
  | 'YES_NO';

export type TimelineInput = {
  /** An instant with its offset. */
  deadlineAt: string;
  decisionDate?: string | null | undefined;
  opensAt: string;
  projectStartDate?: string | null | undefined;
  reviewDeadlineAt?: string | null | undefined;
  /** IANA zone, e.g. Europe/Paris or Europe/Berlin. */
  timezone: string;
};

/** Only the parts given change; lists replace the whole part. */
export type UpdateCallInput = {
  budgetEnvelopeCents?: number | string | null | undefined;
  capPerCandidacyCents?: number | string | null | undefined;
  description?: LocalizedTextInput | null | undefined;
  eligibility?: EligibilityInput | null | undefined;
  funders?: Array<FunderShareInput> | null | undefined;
  grid?: GridInput | null | undefined;
  questions?: Array<QuestionInput> | null | undefined;
  themes?: Array<string> | null | undefined;
  timeline?: TimelineInput | null | undefined;
  title?: LocalizedTextInput | null | undefined;
};

export type ManagedCallsQueryVariables = Exact<{
  language: Language;
  first: number;
  after?: string | null | undefined;
}>;


export type ManagedCallsQuery = { calls: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, reference: string, kind: CallKind, title: string, status: CallStatus, programme: { id: string, name: string } | null, timeline: { timezone: string, deadlineAt: string } } }> } };

export type ManagedCallFieldsFragment = { id: string, reference: string, kind: CallKind, status: CallStatus, publishedAt: string | null, themes: Array<string>, titles: { fr: string | null, en: string | null, de: string | null }, descriptions: { fr: string | null, en: string | null, de: string | null }, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, programme: { id: string, code: string, name: string, funder: { id: string } | null } | null, funders: Array<{ status: CoFundingStatus, respondedAt: string | null, share: { cents: number, currency: string }, funder: { id: string, code: string, name: string } | null }>, timeline: { timezone: string, opensAt: string, deadlineAt: string, reviewDeadlineAt: string | null, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }>, grid: { overallThreshold: string | null, expertsPerCandidacy: number, blindReview: boolean, criteria: Array<{ key: string, weight: string, scaleMin: string, scaleMax: string, step: string, threshold: string | null, label: { fr: string | null, en: string | null, de: string | null } }> } };

export type ManagedCallQueryVariables = Exact<{
  id: string | number;
}>;


export type ManagedCallQuery = { call: { id: string, reference: string, kind: CallKind, status: CallStatus, publishedAt: string | null, themes: Array<string>, titles: { fr: string | null, en: string | null, de: string | null }, descriptions: { fr: string | null, en: string | null, de: string | null }, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, programme: { id: string, code: string, name: string, funder: { id: string } | null } | null, funders: Array<{ status: CoFundingStatus, respondedAt: string | null, share: { cents: number, currency: string }, funder: { id: string, code: string, name: string } | null }>, timeline: { timezone: string, opensAt: string, deadlineAt: string, reviewDeadlineAt: string | null, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }>, grid: { overallThreshold: string | null, expertsPerCandidacy: number, blindReview: boolean, criteria: Array<{ key: string, weight: string, scaleMin: string, scaleMax: string, step: string, threshold: string | null, label: { fr: string | null, en: string | null, de: string | null } }> } } | null };

export type ProgrammesAndFundersQueryVariables = Exact<{ [key: string]: never; }>;


export type ProgrammesAndFundersQuery = { programmes: { edges: Array<{ node: { id: string, code: string, name: string, funder: { id: string, code: string } | null } }> }, funders: { edges: Array<{ node: { id: string, code: string, name: string } }> } };

export type CreateCallMutationVariables = Exact<{
  input: CreateCallInput;
}>;


export type CreateCallMutation = { createCall:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CallPayload', call: { id: string } }
    | { __typename: 'CallReferenceTakenError' }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export type UpdateCallMutationVariables = Exact<{
  id: string | number;
  input: UpdateCallInput;
}>;


export type UpdateCallMutation = { updateCall:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CallPayload', call: { id: string, reference: string, kind: CallKind, status: CallStatus, publishedAt: string | null, themes: Array<string>, titles: { fr: string | null, en: string | null, de: string | null }, descriptions: { fr: string | null, en: string | null, de: string | null }, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, programme: { id: string, code: string, name: string, funder: { id: string } | null } | null, funders: Array<{ status: CoFundingStatus, respondedAt: string | null, share: { cents: number, currency: string }, funder: { id: string, code: string, name: string } | null }>, timeline: { timezone: string, opensAt: string, deadlineAt: string, reviewDeadlineAt: string | null, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }>, grid: { overallThreshold: string | null, expertsPerCandidacy: number, blindReview: boolean, criteria: Array<{ key: string, weight: string, scaleMin: string, scaleMax: string, step: string, threshold: string | null, label: { fr: string | null, en: string | null, de: string | null } }> } } }
    | { __typename: 'CallStructureFrozenError', frozenFields: Array<string> }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export type PublishCallMutationVariables = Exact<{
  id: string | number;
}>;


export type PublishCallMutation = { publishCall:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CallPayload', call: { id: string, reference: string, kind: CallKind, status: CallStatus, publishedAt: string | null, themes: Array<string>, titles: { fr: string | null, en: string | null, de: string | null }, descriptions: { fr: string | null, en: string | null, de: string | null }, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, programme: { id: string, code: string, name: string, funder: { id: string } | null } | null, funders: Array<{ status: CoFundingStatus, respondedAt: string | null, share: { cents: number, currency: string }, funder: { id: string, code: string, name: string } | null }>, timeline: { timezone: string, opensAt: string, deadlineAt: string, reviewDeadlineAt: string | null, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }>, grid: { overallThreshold: string | null, expertsPerCandidacy: number, blindReview: boolean, criteria: Array<{ key: string, weight: string, scaleMin: string, scaleMax: string, step: string, threshold: string | null, label: { fr: string | null, en: string | null, de: string | null } }> } } }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'InvalidTransitionError', currentStatus: CallStatus, requestedStatus: CallStatus }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export type TransitionCallMutationVariables = Exact<{
  id: string | number;
  to: CallStatus;
}>;


export type TransitionCallMutation = { transitionCall:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CallPayload', call: { id: string, reference: string, kind: CallKind, status: CallStatus, publishedAt: string | null, themes: Array<string>, titles: { fr: string | null, en: string | null, de: string | null }, descriptions: { fr: string | null, en: string | null, de: string | null }, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, programme: { id: string, code: string, name: string, funder: { id: string } | null } | null, funders: Array<{ status: CoFundingStatus, respondedAt: string | null, share: { cents: number, currency: string }, funder: { id: string, code: string, name: string } | null }>, timeline: { timezone: string, opensAt: string, deadlineAt: string, reviewDeadlineAt: string | null, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }>, grid: { overallThreshold: string | null, expertsPerCandidacy: number, blindReview: boolean, criteria: Array<{ key: string, weight: string, scaleMin: string, scaleMax: string, step: string, threshold: string | null, label: { fr: string | null, en: string | null, de: string | null } }> } } }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'InvalidTransitionError', currentStatus: CallStatus, requestedStatus: CallStatus }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export type ExtendCallDeadlineMutationVariables = Exact<{
  id: string | number;
  deadlineAt: string;
  reason: string;
}>;


export type ExtendCallDeadlineMutation = { extendCallDeadline:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CallPayload', call: { id: string, reference: string, kind: CallKind, status: CallStatus, publishedAt: string | null, themes: Array<string>, titles: { fr: string | null, en: string | null, de: string | null }, descriptions: { fr: string | null, en: string | null, de: string | null }, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, programme: { id: string, code: string, name: string, funder: { id: string } | null } | null, funders: Array<{ status: CoFundingStatus, respondedAt: string | null, share: { cents: number, currency: string }, funder: { id: string, code: string, name: string } | null }>, timeline: { timezone: string, opensAt: string, deadlineAt: string, reviewDeadlineAt: string | null, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }>, grid: { overallThreshold: string | null, expertsPerCandidacy: number, blindReview: boolean, criteria: Array<{ key: string, weight: string, scaleMin: string, scaleMax: string, step: string, threshold: string | null, label: { fr: string | null, en: string | null, de: string | null } }> } } }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'InvalidTransitionError', currentStatus: CallStatus, requestedStatus: CallStatus }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

export type RespondToCoFundingMutationVariables = Exact<{
  callId: string | number;
  funderId: string | number;
  accept: boolean;
}>;


export type RespondToCoFundingMutation = { respondToCoFunding:
    | { __typename: 'AuthenticationRequiredError' }
    | { __typename: 'CallPayload', call: { id: string, reference: string, kind: CallKind, status: CallStatus, publishedAt: string | null, themes: Array<string>, titles: { fr: string | null, en: string | null, de: string | null }, descriptions: { fr: string | null, en: string | null, de: string | null }, budgetEnvelope: { cents: number, currency: string }, capPerCandidacy: { cents: number, currency: string } | null, programme: { id: string, code: string, name: string, funder: { id: string } | null } | null, funders: Array<{ status: CoFundingStatus, respondedAt: string | null, share: { cents: number, currency: string }, funder: { id: string, code: string, name: string } | null }>, timeline: { timezone: string, opensAt: string, deadlineAt: string, reviewDeadlineAt: string | null, decisionDate: string | null, projectStartDate: string | null }, eligibility: { allowedOrganisationKinds: Array<OrganisationKind>, requiredDocumentKeys: Array<string>, minDurationMonths: number | null, maxDurationMonths: number | null, minPartners: number | null, maxPartners: number | null, requiredPartnerCountries: Array<{ country: string, minPartners: number }> }, questions: Array<{ key: string, kind: QuestionKind, required: boolean, maxLength: number | null, minValue: string | null, maxValue: string | null, label: { fr: string | null, en: string | null, de: string | null }, helpText: { fr: string | null, en: string | null, de: string | null }, choices: Array<{ value: string, label: { fr: string | null, en: string | null, de: string | null } }> }>, grid: { overallThreshold: string | null, expertsPerCandidacy: number, blindReview: boolean, criteria: Array<{ key: string, weight: string, scaleMin: string, scaleMax: string, step: string, threshold: string | null, label: { fr: string | null, en: string | null, de: string | null } }> } } }
    | { __typename: 'InvalidInputError', fieldErrors: Array<{ field: string, code: string }> }
    | { __typename: 'NotFoundError' }
    | { __typename: 'PermissionDeniedError' }
   };

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
  eligibility?: EligibilityDecision | null | undefined;
}>;


export type CandidacyStatusCountsQuery = { draft: { totalCount: number }, submitted: { totalCount: number }, withdrawn: { totalCount: number }, notSubmitted: { totalCount: number } };

export type FilterCallSearchQueryVariables = Exact<{
  search?: string | null | undefined;
  first: number;
  language: Language;
}>;


export type FilterCallSearchQuery = { calls: { totalCount: number, edges: Array<{ node: { id: string, reference: string, title: string } }> } };

export type FilterCallByIdQueryVariables = Exact<{
  id: string | number;
  language: Language;
}>;


export type FilterCallByIdQuery = { call: { id: string, reference: string, title: string } | null };

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
export const ManagedCallFieldsFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"ManagedCallFields"}) as unknown as TypedDocumentString<ManagedCallFieldsFragment, unknown>;
export const ManagedCallsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ManagedCallsQuery, ManagedCallsQueryVariables>;
export const ManagedCallDocument = new TypedDocumentString(`
    query ManagedCall($id: ID!) {
  call(id: $id) {
    ...ManagedCallFields
  }
}
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
}`) as unknown as TypedDocumentString<ManagedCallQuery, ManagedCallQueryVariables>;
export const ProgrammesAndFundersDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ProgrammesAndFundersQuery, ProgrammesAndFundersQueryVariables>;
export const CreateCallDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<CreateCallMutation, CreateCallMutationVariables>;
export const UpdateCallDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<UpdateCallMutation, UpdateCallMutationVariables>;
export const PublishCallDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<PublishCallMutation, PublishCallMutationVariables>;
export const TransitionCallDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<TransitionCallMutation, TransitionCallMutationVariables>;
export const ExtendCallDeadlineDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<ExtendCallDeadlineMutation, ExtendCallDeadlineMutationVariables>;
export const RespondToCoFundingDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<RespondToCoFundingMutation, RespondToCoFundingMutationVariables>;
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
    query CandidacyStatusCounts($callId: ID, $organisationId: ID, $eligibility: EligibilityDecision) {
  draft: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: DRAFT}
    first: 1
  ) {
    totalCount
  }
  submitted: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: SUBMITTED}
    first: 1
  ) {
    totalCount
  }
  withdrawn: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: WITHDRAWN}
    first: 1
  ) {
    totalCount
  }
  notSubmitted: candidacies(
    filter: {callId: $callId, organisationId: $organisationId, eligibility: $eligibility, status: NOT_SUBMITTED}
    first: 1
  ) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<CandidacyStatusCountsQuery, CandidacyStatusCountsQueryVariables>;
export const FilterCallSearchDocument = new TypedDocumentString(`
    query FilterCallSearch($search: String, $first: Int!, $language: Language!) {
  calls(filter: {search: $search, asStaff: true}, first: $first) {
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
    `) as unknown as TypedDocumentString<FilterCallSearchQuery, FilterCallSearchQueryVariables>;
export const FilterCallByIdDocument = new TypedDocumentString(`
    query FilterCallById($id: ID!, $language: Language!) {
  call(id: $id) {
    id
    reference
    title(language: $language)
  }
}
    `) as unknown as TypedDocumentString<FilterCallByIdQuery, FilterCallByIdQueryVariables>;
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