import { graphql } from "../gql";

export const MeQuery = graphql(`
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
`);

export const LoginMutation = graphql(`
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
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout {
      __typename
    }
  }
`);
