import { graphql } from "./gql";

/** What every sub-page of the editor reads: the candidacy, its call's form and timeline, and
 * the server's clock (the countdown). */
export const CandidacyEditorQuery = graphql(`
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
`);

/** The server's verdict on what stops a submission now: the timing first (deadline passed,
 * call not open, a status that takes no change: fields `deadline`, `call`, `status`), then
 * the contents. Asked only by those who may edit (the call's staff may not check a draft). */
export const SubmissionCheckQuery = graphql(`
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
`);

/** The submitted versions alone, polled while a receipt is being rendered. */
export const CandidacyVersionsQuery = graphql(`
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
`);

export const UpdateCandidacyMutation = graphql(`
  mutation UpdateCandidacy($id: ID!, $title: String, $acronym: String, $durationMonths: Int) {
    updateCandidacy(id: $id, title: $title, acronym: $acronym, durationMonths: $durationMonths) {
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
`);

export const SaveAnswersMutation = graphql(`
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
`);

export const UploadAttachmentMutation = graphql(`
  mutation UploadAttachment($candidacyId: ID!, $questionKey: String!, $file: Upload!) {
    uploadAttachment(candidacyId: $candidacyId, questionKey: $questionKey, file: $file) {
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
`);

export const SubmitCandidacyMutation = graphql(`
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
`);

export const WithdrawCandidacyMutation = graphql(`
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
`);

/** The refusals every candidacy mutation may answer, read the same way by each screen. */
export const EditRefusalFragment = graphql(`
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
`);
