import { graphql } from "../gql";

export const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!, $fullName: String!, $language: Language!) {
    signUp(email: $email, password: $password, fullName: $fullName, language: $language) {
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
`);

export const ConfirmSignUpMutation = graphql(`
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
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
      ... on TooManyAttemptsError {
        retryAt
        retryAfterSeconds
      }
    }
  }
`);

export const ResetPasswordMutation = graphql(`
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
`);
