/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Consortium($id: ID!) {\n    candidacy(id: $id) {\n      id\n      status\n      call {\n        id\n        timeline {\n          timezone\n        }\n        capPerCandidacy {\n          cents\n          currency\n        }\n      }\n      leadOrganisation {\n        id\n        name\n      }\n      partners {\n        id\n        role\n        status\n        canEdit\n        invitedAt\n        respondedAt\n        requestedShare {\n          cents\n          currency\n        }\n        organisation {\n          id\n          name\n          country\n        }\n      }\n      emailInvitations {\n        id\n        email\n        organisationName\n        country\n        role\n        status\n        invitedAt\n        expiresAt\n        requestedShare {\n          cents\n          currency\n        }\n      }\n      budget {\n        category\n        label\n        amount {\n          cents\n          currency\n        }\n        organisation {\n          id\n        }\n      }\n      budgetTotal {\n        cents\n        currency\n      }\n    }\n  }\n": typeof types.ConsortiumDocument,
    "\n  query OrganisationSearch($query: String!, $first: Int) {\n    organisationSearch(query: $query, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          kind\n          country\n          siret\n          registryId\n        }\n      }\n    }\n  }\n": typeof types.OrganisationSearchDocument,
    "\n  fragment ConsortiumEditErrors on Error {\n    __typename\n    code\n    message\n    ... on InvalidInputError {\n      fieldErrors {\n        field\n        code\n        message\n      }\n    }\n    ... on DeadlinePassedError {\n      deadlineLocal\n    }\n    ... on CandidacyNotEditableError {\n      status\n    }\n  }\n": typeof types.ConsortiumEditErrorsFragmentDoc,
    "\n  mutation InvitePartner($candidacyId: ID!, $organisationId: ID!, $role: PartnerRole!, $requestedShareCents: BigInt!) {\n    invitePartner(\n      candidacyId: $candidacyId\n      organisationId: $organisationId\n      role: $role\n      requestedShareCents: $requestedShareCents\n    ) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": typeof types.InvitePartnerDocument,
    "\n  mutation InviteEmailPartner($candidacyId: ID!, $input: EmailPartnerInput!) {\n    inviteEmailPartner(candidacyId: $candidacyId, input: $input) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": typeof types.InviteEmailPartnerDocument,
    "\n  mutation WithdrawPartnerInvitation($id: ID!) {\n    withdrawPartnerInvitation(id: $id) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": typeof types.WithdrawPartnerInvitationDocument,
    "\n  mutation WithdrawEmailInvitation($id: ID!) {\n    withdrawEmailInvitation(id: $id) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": typeof types.WithdrawEmailInvitationDocument,
    "\n  mutation SetPartnerCanEdit($id: ID!, $canEdit: Boolean!) {\n    setPartnerCanEdit(id: $id, canEdit: $canEdit) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": typeof types.SetPartnerCanEditDocument,
    "\n  mutation SetCandidacyPartners($id: ID!, $partners: [PartnerInput!]!) {\n    setCandidacyPartners(id: $id, partners: $partners) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": typeof types.SetCandidacyPartnersDocument,
    "\n  mutation SetCandidacyBudget($id: ID!, $lines: [BudgetLineInput!]!) {\n    setCandidacyBudget(id: $id, lines: $lines) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": typeof types.SetCandidacyBudgetDocument,
};
const documents: Documents = {
    "\n  query Consortium($id: ID!) {\n    candidacy(id: $id) {\n      id\n      status\n      call {\n        id\n        timeline {\n          timezone\n        }\n        capPerCandidacy {\n          cents\n          currency\n        }\n      }\n      leadOrganisation {\n        id\n        name\n      }\n      partners {\n        id\n        role\n        status\n        canEdit\n        invitedAt\n        respondedAt\n        requestedShare {\n          cents\n          currency\n        }\n        organisation {\n          id\n          name\n          country\n        }\n      }\n      emailInvitations {\n        id\n        email\n        organisationName\n        country\n        role\n        status\n        invitedAt\n        expiresAt\n        requestedShare {\n          cents\n          currency\n        }\n      }\n      budget {\n        category\n        label\n        amount {\n          cents\n          currency\n        }\n        organisation {\n          id\n        }\n      }\n      budgetTotal {\n        cents\n        currency\n      }\n    }\n  }\n": types.ConsortiumDocument,
    "\n  query OrganisationSearch($query: String!, $first: Int) {\n    organisationSearch(query: $query, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          kind\n          country\n          siret\n          registryId\n        }\n      }\n    }\n  }\n": types.OrganisationSearchDocument,
    "\n  fragment ConsortiumEditErrors on Error {\n    __typename\n    code\n    message\n    ... on InvalidInputError {\n      fieldErrors {\n        field\n        code\n        message\n      }\n    }\n    ... on DeadlinePassedError {\n      deadlineLocal\n    }\n    ... on CandidacyNotEditableError {\n      status\n    }\n  }\n": types.ConsortiumEditErrorsFragmentDoc,
    "\n  mutation InvitePartner($candidacyId: ID!, $organisationId: ID!, $role: PartnerRole!, $requestedShareCents: BigInt!) {\n    invitePartner(\n      candidacyId: $candidacyId\n      organisationId: $organisationId\n      role: $role\n      requestedShareCents: $requestedShareCents\n    ) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": types.InvitePartnerDocument,
    "\n  mutation InviteEmailPartner($candidacyId: ID!, $input: EmailPartnerInput!) {\n    inviteEmailPartner(candidacyId: $candidacyId, input: $input) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": types.InviteEmailPartnerDocument,
    "\n  mutation WithdrawPartnerInvitation($id: ID!) {\n    withdrawPartnerInvitation(id: $id) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": types.WithdrawPartnerInvitationDocument,
    "\n  mutation WithdrawEmailInvitation($id: ID!) {\n    withdrawEmailInvitation(id: $id) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": types.WithdrawEmailInvitationDocument,
    "\n  mutation SetPartnerCanEdit($id: ID!, $canEdit: Boolean!) {\n    setPartnerCanEdit(id: $id, canEdit: $canEdit) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": types.SetPartnerCanEditDocument,
    "\n  mutation SetCandidacyPartners($id: ID!, $partners: [PartnerInput!]!) {\n    setCandidacyPartners(id: $id, partners: $partners) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": types.SetCandidacyPartnersDocument,
    "\n  mutation SetCandidacyBudget($id: ID!, $lines: [BudgetLineInput!]!) {\n    setCandidacyBudget(id: $id, lines: $lines) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n": types.SetCandidacyBudgetDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Consortium($id: ID!) {\n    candidacy(id: $id) {\n      id\n      status\n      call {\n        id\n        timeline {\n          timezone\n        }\n        capPerCandidacy {\n          cents\n          currency\n        }\n      }\n      leadOrganisation {\n        id\n        name\n      }\n      partners {\n        id\n        role\n        status\n        canEdit\n        invitedAt\n        respondedAt\n        requestedShare {\n          cents\n          currency\n        }\n        organisation {\n          id\n          name\n          country\n        }\n      }\n      emailInvitations {\n        id\n        email\n        organisationName\n        country\n        role\n        status\n        invitedAt\n        expiresAt\n        requestedShare {\n          cents\n          currency\n        }\n      }\n      budget {\n        category\n        label\n        amount {\n          cents\n          currency\n        }\n        organisation {\n          id\n        }\n      }\n      budgetTotal {\n        cents\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').ConsortiumDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationSearch($query: String!, $first: Int) {\n    organisationSearch(query: $query, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          kind\n          country\n          siret\n          registryId\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OrganisationSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsortiumEditErrors on Error {\n    __typename\n    code\n    message\n    ... on InvalidInputError {\n      fieldErrors {\n        field\n        code\n        message\n      }\n    }\n    ... on DeadlinePassedError {\n      deadlineLocal\n    }\n    ... on CandidacyNotEditableError {\n      status\n    }\n  }\n"): typeof import('./graphql').ConsortiumEditErrorsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitePartner($candidacyId: ID!, $organisationId: ID!, $role: PartnerRole!, $requestedShareCents: BigInt!) {\n    invitePartner(\n      candidacyId: $candidacyId\n      organisationId: $organisationId\n      role: $role\n      requestedShareCents: $requestedShareCents\n    ) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n"): typeof import('./graphql').InvitePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteEmailPartner($candidacyId: ID!, $input: EmailPartnerInput!) {\n    inviteEmailPartner(candidacyId: $candidacyId, input: $input) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n"): typeof import('./graphql').InviteEmailPartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawPartnerInvitation($id: ID!) {\n    withdrawPartnerInvitation(id: $id) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n"): typeof import('./graphql').WithdrawPartnerInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawEmailInvitation($id: ID!) {\n    withdrawEmailInvitation(id: $id) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n"): typeof import('./graphql').WithdrawEmailInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPartnerCanEdit($id: ID!, $canEdit: Boolean!) {\n    setPartnerCanEdit(id: $id, canEdit: $canEdit) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n"): typeof import('./graphql').SetPartnerCanEditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCandidacyPartners($id: ID!, $partners: [PartnerInput!]!) {\n    setCandidacyPartners(id: $id, partners: $partners) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n"): typeof import('./graphql').SetCandidacyPartnersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCandidacyBudget($id: ID!, $lines: [BudgetLineInput!]!) {\n    setCandidacyBudget(id: $id, lines: $lines) {\n      __typename\n      ...ConsortiumEditErrors\n    }\n  }\n"): typeof import('./graphql').SetCandidacyBudgetDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
