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
    "\n  query CallsList($language: Language!, $first: Int) {\n    calls(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          reference\n          kind\n          title(language: $language)\n          languages\n          status\n          isOpenNow\n          timeline {\n            timezone\n            opensAt\n            deadlineAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.CallsListDocument,
    "\n  query CallPage($id: ID!, $language: Language!) {\n    serverTime\n    call(id: $id) {\n      id\n      reference\n      kind\n      title(language: $language)\n      descriptionHtml(language: $language)\n      status\n      isOpenNow\n      languages\n      themes\n      budgetEnvelope {\n        cents\n        currency\n      }\n      capPerCandidacy {\n        cents\n        currency\n      }\n      timeline {\n        timezone\n        opensAt\n        deadlineAt\n        decisionDate\n        projectStartDate\n      }\n      eligibility {\n        requiredPartnerCountries {\n          country\n          minPartners\n        }\n        allowedOrganisationKinds\n        requiredDocumentKeys\n        minDurationMonths\n        maxDurationMonths\n        minPartners\n        maxPartners\n      }\n      programme {\n        name\n      }\n      funders {\n        status\n        funder {\n          name\n        }\n      }\n      questions {\n        key\n        kind\n        required\n        label {\n          fr\n          en\n          de\n        }\n      }\n    }\n  }\n": typeof types.CallPageDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      fullName\n      language\n      roles {\n        role\n        funder {\n          id\n          name\n        }\n      }\n      memberships {\n        role\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, inCookie: true) {\n      __typename\n      ... on InvalidCredentialsError {\n        code\n      }\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      __typename\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $fullName: String!, $language: Language!) {\n    signUp(email: $email, password: $password, fullName: $fullName, language: $language) {\n      __typename\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation ConfirmSignUp($code: String!) {\n    confirmSignUp(code: $code) {\n      __typename\n      ... on SignUpConfirmedPayload {\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": typeof types.ConfirmSignUpDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($code: String!, $password: String!) {\n    resetPassword(code: $code, password: $password) {\n      __typename\n      ... on PasswordResetPayload {\n        user {\n          id\n          email\n        }\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
};
const documents: Documents = {
    "\n  query CallsList($language: Language!, $first: Int) {\n    calls(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          reference\n          kind\n          title(language: $language)\n          languages\n          status\n          isOpenNow\n          timeline {\n            timezone\n            opensAt\n            deadlineAt\n          }\n        }\n      }\n    }\n  }\n": types.CallsListDocument,
    "\n  query CallPage($id: ID!, $language: Language!) {\n    serverTime\n    call(id: $id) {\n      id\n      reference\n      kind\n      title(language: $language)\n      descriptionHtml(language: $language)\n      status\n      isOpenNow\n      languages\n      themes\n      budgetEnvelope {\n        cents\n        currency\n      }\n      capPerCandidacy {\n        cents\n        currency\n      }\n      timeline {\n        timezone\n        opensAt\n        deadlineAt\n        decisionDate\n        projectStartDate\n      }\n      eligibility {\n        requiredPartnerCountries {\n          country\n          minPartners\n        }\n        allowedOrganisationKinds\n        requiredDocumentKeys\n        minDurationMonths\n        maxDurationMonths\n        minPartners\n        maxPartners\n      }\n      programme {\n        name\n      }\n      funders {\n        status\n        funder {\n          name\n        }\n      }\n      questions {\n        key\n        kind\n        required\n        label {\n          fr\n          en\n          de\n        }\n      }\n    }\n  }\n": types.CallPageDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      fullName\n      language\n      roles {\n        role\n        funder {\n          id\n          name\n        }\n      }\n      memberships {\n        role\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, inCookie: true) {\n      __typename\n      ... on InvalidCredentialsError {\n        code\n      }\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      __typename\n    }\n  }\n": types.LogoutDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $fullName: String!, $language: Language!) {\n    signUp(email: $email, password: $password, fullName: $fullName, language: $language) {\n      __typename\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation ConfirmSignUp($code: String!) {\n    confirmSignUp(code: $code) {\n      __typename\n      ... on SignUpConfirmedPayload {\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": types.ConfirmSignUpDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($code: String!, $password: String!) {\n    resetPassword(code: $code, password: $password) {\n      __typename\n      ... on PasswordResetPayload {\n        user {\n          id\n          email\n        }\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": types.ResetPasswordDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CallsList($language: Language!, $first: Int) {\n    calls(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          reference\n          kind\n          title(language: $language)\n          languages\n          status\n          isOpenNow\n          timeline {\n            timezone\n            opensAt\n            deadlineAt\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CallsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CallPage($id: ID!, $language: Language!) {\n    serverTime\n    call(id: $id) {\n      id\n      reference\n      kind\n      title(language: $language)\n      descriptionHtml(language: $language)\n      status\n      isOpenNow\n      languages\n      themes\n      budgetEnvelope {\n        cents\n        currency\n      }\n      capPerCandidacy {\n        cents\n        currency\n      }\n      timeline {\n        timezone\n        opensAt\n        deadlineAt\n        decisionDate\n        projectStartDate\n      }\n      eligibility {\n        requiredPartnerCountries {\n          country\n          minPartners\n        }\n        allowedOrganisationKinds\n        requiredDocumentKeys\n        minDurationMonths\n        maxDurationMonths\n        minPartners\n        maxPartners\n      }\n      programme {\n        name\n      }\n      funders {\n        status\n        funder {\n          name\n        }\n      }\n      questions {\n        key\n        kind\n        required\n        label {\n          fr\n          en\n          de\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CallPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      fullName\n      language\n      roles {\n        role\n        funder {\n          id\n          name\n        }\n      }\n      memberships {\n        role\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, inCookie: true) {\n      __typename\n      ... on InvalidCredentialsError {\n        code\n      }\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      __typename\n    }\n  }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!, $fullName: String!, $language: Language!) {\n    signUp(email: $email, password: $password, fullName: $fullName, language: $language) {\n      __typename\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmSignUp($code: String!) {\n    confirmSignUp(code: $code) {\n      __typename\n      ... on SignUpConfirmedPayload {\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConfirmSignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on TooManyAttemptsError {\n        retryAt\n        retryAfterSeconds\n      }\n    }\n  }\n"): typeof import('./graphql').RequestPasswordResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($code: String!, $password: String!) {\n    resetPassword(code: $code, password: $password) {\n      __typename\n      ... on PasswordResetPayload {\n        user {\n          id\n          email\n        }\n      }\n      ... on InvalidInputError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ResetPasswordDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
