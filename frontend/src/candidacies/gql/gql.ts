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
    "\n  query CandidacyEditor($id: ID!, $language: Language!) {\n    serverTime\n    candidacy(id: $id) {\n      id\n      reference\n      status\n      title\n      acronym\n      durationMonths\n      submittedVersion\n      lastSubmittedAt\n      hasUnsubmittedChanges\n      extendedDeadlineAt\n      deadlineLocal\n      leadOrganisation {\n        id\n        name\n      }\n      partners {\n        id\n        status\n        canEdit\n        organisation {\n          id\n        }\n      }\n      answers {\n        questionKey\n        value\n      }\n      attachments {\n        id\n        questionKey\n        name\n        contentType\n        sizeBytes\n        uploadedAt\n        downloadUrl\n      }\n      versions {\n        number\n        sha256\n        submittedAt\n        receiptUrl\n      }\n      call {\n        id\n        reference\n        title(language: $language)\n        languages\n        status\n        timeline {\n          timezone\n          opensAt\n          deadlineAt\n        }\n        eligibility {\n          minDurationMonths\n          maxDurationMonths\n        }\n        questions {\n          key\n          kind\n          required\n          maxLength\n          minValue\n          maxValue\n          label {\n            fr\n            en\n            de\n          }\n          helpText {\n            fr\n            en\n            de\n          }\n          choices {\n            value\n            label {\n              fr\n              en\n              de\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CandidacyEditorDocument,
    "\n  query SubmissionCheck($id: ID!) {\n    serverTime\n    submissionCheck(candidacyId: $id) {\n      field\n      code\n      message\n    }\n  }\n": typeof types.SubmissionCheckDocument,
    "\n  query CandidacyVersions($id: ID!) {\n    candidacy(id: $id) {\n      id\n      versions {\n        number\n        sha256\n        submittedAt\n        receiptUrl\n      }\n    }\n  }\n": typeof types.CandidacyVersionsDocument,
    "\n  mutation UpdateCandidacy($id: ID!, $title: String, $acronym: String, $durationMonths: Int) {\n    updateCandidacy(id: $id, title: $title, acronym: $acronym, durationMonths: $durationMonths) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          title\n          acronym\n          durationMonths\n          hasUnsubmittedChanges\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": typeof types.UpdateCandidacyDocument,
    "\n  mutation SaveCandidacyAnswers($id: ID!, $answers: [AnswerInput!]!) {\n    saveCandidacyAnswers(id: $id, answers: $answers) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          hasUnsubmittedChanges\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": typeof types.SaveCandidacyAnswersDocument,
    "\n  mutation UploadAttachment($candidacyId: ID!, $questionKey: String!, $file: Upload!) {\n    uploadAttachment(candidacyId: $candidacyId, questionKey: $questionKey, file: $file) {\n      __typename\n      ... on AttachmentPayload {\n        attachment {\n          id\n          questionKey\n          name\n          contentType\n          sizeBytes\n          uploadedAt\n          downloadUrl\n        }\n      }\n      ... on UploadRejectedError {\n        code\n        message\n      }\n      ...EditRefusal\n    }\n  }\n": typeof types.UploadAttachmentDocument,
    "\n  mutation SubmitCandidacy($id: ID!) {\n    submitCandidacy(id: $id) {\n      __typename\n      ... on SubmitCandidacyPayload {\n        reference\n        serverTime\n        sha256\n        version\n      }\n      ... on SubmissionRejectedError {\n        problems {\n          field\n          code\n          message\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": typeof types.SubmitCandidacyDocument,
    "\n  mutation WithdrawCandidacy($id: ID!) {\n    withdrawCandidacy(id: $id) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          status\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": typeof types.WithdrawCandidacyDocument,
    "\n  fragment EditRefusal on Error {\n    code\n    message\n    ... on DeadlinePassedError {\n      deadlineAt\n      deadlineLocal\n      serverTime\n    }\n    ... on CandidacyNotEditableError {\n      status\n    }\n    ... on InvalidInputError {\n      fieldErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.EditRefusalFragmentDoc,
};
const documents: Documents = {
    "\n  query CandidacyEditor($id: ID!, $language: Language!) {\n    serverTime\n    candidacy(id: $id) {\n      id\n      reference\n      status\n      title\n      acronym\n      durationMonths\n      submittedVersion\n      lastSubmittedAt\n      hasUnsubmittedChanges\n      extendedDeadlineAt\n      deadlineLocal\n      leadOrganisation {\n        id\n        name\n      }\n      partners {\n        id\n        status\n        canEdit\n        organisation {\n          id\n        }\n      }\n      answers {\n        questionKey\n        value\n      }\n      attachments {\n        id\n        questionKey\n        name\n        contentType\n        sizeBytes\n        uploadedAt\n        downloadUrl\n      }\n      versions {\n        number\n        sha256\n        submittedAt\n        receiptUrl\n      }\n      call {\n        id\n        reference\n        title(language: $language)\n        languages\n        status\n        timeline {\n          timezone\n          opensAt\n          deadlineAt\n        }\n        eligibility {\n          minDurationMonths\n          maxDurationMonths\n        }\n        questions {\n          key\n          kind\n          required\n          maxLength\n          minValue\n          maxValue\n          label {\n            fr\n            en\n            de\n          }\n          helpText {\n            fr\n            en\n            de\n          }\n          choices {\n            value\n            label {\n              fr\n              en\n              de\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CandidacyEditorDocument,
    "\n  query SubmissionCheck($id: ID!) {\n    serverTime\n    submissionCheck(candidacyId: $id) {\n      field\n      code\n      message\n    }\n  }\n": types.SubmissionCheckDocument,
    "\n  query CandidacyVersions($id: ID!) {\n    candidacy(id: $id) {\n      id\n      versions {\n        number\n        sha256\n        submittedAt\n        receiptUrl\n      }\n    }\n  }\n": types.CandidacyVersionsDocument,
    "\n  mutation UpdateCandidacy($id: ID!, $title: String, $acronym: String, $durationMonths: Int) {\n    updateCandidacy(id: $id, title: $title, acronym: $acronym, durationMonths: $durationMonths) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          title\n          acronym\n          durationMonths\n          hasUnsubmittedChanges\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": types.UpdateCandidacyDocument,
    "\n  mutation SaveCandidacyAnswers($id: ID!, $answers: [AnswerInput!]!) {\n    saveCandidacyAnswers(id: $id, answers: $answers) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          hasUnsubmittedChanges\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": types.SaveCandidacyAnswersDocument,
    "\n  mutation UploadAttachment($candidacyId: ID!, $questionKey: String!, $file: Upload!) {\n    uploadAttachment(candidacyId: $candidacyId, questionKey: $questionKey, file: $file) {\n      __typename\n      ... on AttachmentPayload {\n        attachment {\n          id\n          questionKey\n          name\n          contentType\n          sizeBytes\n          uploadedAt\n          downloadUrl\n        }\n      }\n      ... on UploadRejectedError {\n        code\n        message\n      }\n      ...EditRefusal\n    }\n  }\n": types.UploadAttachmentDocument,
    "\n  mutation SubmitCandidacy($id: ID!) {\n    submitCandidacy(id: $id) {\n      __typename\n      ... on SubmitCandidacyPayload {\n        reference\n        serverTime\n        sha256\n        version\n      }\n      ... on SubmissionRejectedError {\n        problems {\n          field\n          code\n          message\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": types.SubmitCandidacyDocument,
    "\n  mutation WithdrawCandidacy($id: ID!) {\n    withdrawCandidacy(id: $id) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          status\n        }\n      }\n      ...EditRefusal\n    }\n  }\n": types.WithdrawCandidacyDocument,
    "\n  fragment EditRefusal on Error {\n    code\n    message\n    ... on DeadlinePassedError {\n      deadlineAt\n      deadlineLocal\n      serverTime\n    }\n    ... on CandidacyNotEditableError {\n      status\n    }\n    ... on InvalidInputError {\n      fieldErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.EditRefusalFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CandidacyEditor($id: ID!, $language: Language!) {\n    serverTime\n    candidacy(id: $id) {\n      id\n      reference\n      status\n      title\n      acronym\n      durationMonths\n      submittedVersion\n      lastSubmittedAt\n      hasUnsubmittedChanges\n      extendedDeadlineAt\n      deadlineLocal\n      leadOrganisation {\n        id\n        name\n      }\n      partners {\n        id\n        status\n        canEdit\n        organisation {\n          id\n        }\n      }\n      answers {\n        questionKey\n        value\n      }\n      attachments {\n        id\n        questionKey\n        name\n        contentType\n        sizeBytes\n        uploadedAt\n        downloadUrl\n      }\n      versions {\n        number\n        sha256\n        submittedAt\n        receiptUrl\n      }\n      call {\n        id\n        reference\n        title(language: $language)\n        languages\n        status\n        timeline {\n          timezone\n          opensAt\n          deadlineAt\n        }\n        eligibility {\n          minDurationMonths\n          maxDurationMonths\n        }\n        questions {\n          key\n          kind\n          required\n          maxLength\n          minValue\n          maxValue\n          label {\n            fr\n            en\n            de\n          }\n          helpText {\n            fr\n            en\n            de\n          }\n          choices {\n            value\n            label {\n              fr\n              en\n              de\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CandidacyEditorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubmissionCheck($id: ID!) {\n    serverTime\n    submissionCheck(candidacyId: $id) {\n      field\n      code\n      message\n    }\n  }\n"): typeof import('./graphql').SubmissionCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CandidacyVersions($id: ID!) {\n    candidacy(id: $id) {\n      id\n      versions {\n        number\n        sha256\n        submittedAt\n        receiptUrl\n      }\n    }\n  }\n"): typeof import('./graphql').CandidacyVersionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCandidacy($id: ID!, $title: String, $acronym: String, $durationMonths: Int) {\n    updateCandidacy(id: $id, title: $title, acronym: $acronym, durationMonths: $durationMonths) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          title\n          acronym\n          durationMonths\n          hasUnsubmittedChanges\n        }\n      }\n      ...EditRefusal\n    }\n  }\n"): typeof import('./graphql').UpdateCandidacyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveCandidacyAnswers($id: ID!, $answers: [AnswerInput!]!) {\n    saveCandidacyAnswers(id: $id, answers: $answers) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          hasUnsubmittedChanges\n        }\n      }\n      ...EditRefusal\n    }\n  }\n"): typeof import('./graphql').SaveCandidacyAnswersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadAttachment($candidacyId: ID!, $questionKey: String!, $file: Upload!) {\n    uploadAttachment(candidacyId: $candidacyId, questionKey: $questionKey, file: $file) {\n      __typename\n      ... on AttachmentPayload {\n        attachment {\n          id\n          questionKey\n          name\n          contentType\n          sizeBytes\n          uploadedAt\n          downloadUrl\n        }\n      }\n      ... on UploadRejectedError {\n        code\n        message\n      }\n      ...EditRefusal\n    }\n  }\n"): typeof import('./graphql').UploadAttachmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitCandidacy($id: ID!) {\n    submitCandidacy(id: $id) {\n      __typename\n      ... on SubmitCandidacyPayload {\n        reference\n        serverTime\n        sha256\n        version\n      }\n      ... on SubmissionRejectedError {\n        problems {\n          field\n          code\n          message\n        }\n      }\n      ...EditRefusal\n    }\n  }\n"): typeof import('./graphql').SubmitCandidacyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawCandidacy($id: ID!) {\n    withdrawCandidacy(id: $id) {\n      __typename\n      ... on CandidacyPayload {\n        candidacy {\n          id\n          status\n        }\n      }\n      ...EditRefusal\n    }\n  }\n"): typeof import('./graphql').WithdrawCandidacyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditRefusal on Error {\n    code\n    message\n    ... on DeadlinePassedError {\n      deadlineAt\n      deadlineLocal\n      serverTime\n    }\n    ... on CandidacyNotEditableError {\n      status\n    }\n    ... on InvalidInputError {\n      fieldErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').EditRefusalFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
