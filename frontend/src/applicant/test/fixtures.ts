import type {
  CallToApplyQuery,
  MyCandidaciesQuery,
  MyMembershipsQuery,
  MyPartnerInvitationsQuery,
  OrganisationQuery,
} from "../gql/graphql";

type Candidacy = MyCandidaciesQuery["candidacies"]["edges"][number]["node"];

export function candidacy(overrides: Partial<Candidacy> & Pick<Candidacy, "id">): Candidacy {
  return {
    title: "Parcours de soins augmenté",
    acronym: "PSA",
    status: "DRAFT",
    hasUnsubmittedChanges: false,
    updatedAt: "2027-02-01T09:30:00+00:00",
    deadlineLocal: "2027-03-31T12:00:00+02:00",
    leadOrganisation: { id: "T3JnOjE=", name: "AP-HP" },
    call: { id: "Q2FsbDoy", title: "IA et parcours de soins", timeline: { timezone: "Europe/Paris" } },
    ...overrides,
  };
}

export function candidaciesData(
  nodes: Candidacy[],
  page: { totalCount?: number; hasNextPage?: boolean; endCursor?: string | null } = {},
): MyCandidaciesQuery {
  return {
    candidacies: {
      totalCount: page.totalCount ?? nodes.length,
      pageInfo: { hasNextPage: page.hasNextPage ?? false, endCursor: page.endCursor ?? null },
      edges: nodes.map((node) => ({ node })),
    },
  };
}

export function callToApply(isOpenNow = true): CallToApplyQuery {
  return {
    call: {
      id: "Q2FsbDoy",
      reference: "IMPACT-IA-2027",
      title: "IA et parcours de soins",
      isOpenNow,
      timeline: { timezone: "Europe/Paris", deadlineAt: "2027-03-31T10:00:00+00:00" },
    },
  };
}

export function membershipsData(
  memberships: NonNullable<MyMembershipsQuery["me"]>["memberships"] = [
    {
      role: "ADMIN",
      organisation: { id: "T3JnOjE=", name: "AP-HP", kind: "HEALTH_ESTABLISHMENT", country: "FR" },
    },
    {
      role: "MEMBER",
      organisation: { id: "T3JnOjI=", name: "Klinikum Nord", kind: "HEALTH_ESTABLISHMENT", country: "DE" },
    },
  ],
): MyMembershipsQuery {
  return { me: { id: "VXNlcjox", memberships } };
}

export function organisationData(): OrganisationQuery {
  return {
    organisation: {
      id: "T3JnOjE=",
      name: "AP-HP",
      kind: "HEALTH_ESTABLISHMENT",
      country: "FR",
      siret: "26750045200011",
      finess: "750712184",
      registryId: null,
      members: [
        { fullName: "Alice Martin", email: "alice@aphp.example", role: "ADMIN", joinedAt: "2026-11-02T10:00:00+00:00" },
        { fullName: "Bruno Petit", email: "bruno@aphp.example", role: "MEMBER", joinedAt: "2026-11-20T10:00:00+00:00" },
      ],
    },
  };
}

type Invitation = MyPartnerInvitationsQuery["myPartnerInvitations"]["edges"][number]["node"];

export function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: "Q2FuZGlkYWN5UGFydG5lcjo5",
    role: "PARTNER",
    requestedShare: { cents: 12_000_000, currency: "EUR" },
    candidacyTitle: "Télésuivi des insuffisants cardiaques",
    candidacyAcronym: "TELECARD",
    callReference: "IMPACT-IA-2027",
    callTitle: { fr: "IA et parcours de soins", en: "AI and care pathways" },
    deadlineAt: "2027-03-31T10:00:00+00:00",
    timezone: "Europe/Paris",
    deadlineLocal: "2027-03-31T12:00:00+02:00",
    leadOrganisation: { id: "T3JnOjM=", name: "CHU de Lille" },
    organisation: { id: "T3JnOjE=", name: "AP-HP" },
    ...overrides,
  };
}

export function invitationsData(nodes: Invitation[]): MyPartnerInvitationsQuery {
  return {
    myPartnerInvitations: {
      totalCount: nodes.length,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: nodes.map((node) => ({ node })),
    },
  };
}

/** Every error member the area's mutations may answer, with the fields the documents ask. */
export const ERRORS = {
  DeadlinePassedError: {
    __typename: "DeadlinePassedError",
    code: "DEADLINE_PASSED",
    message: "deadline passed",
    deadlineLocal: "2027-03-31T12:00:00+02:00",
  },
  CallNotOpenError: { __typename: "CallNotOpenError", code: "CALL_NOT_OPEN", message: "not open" },
  CandidacyNotEditableError: {
    __typename: "CandidacyNotEditableError",
    code: "NOT_EDITABLE",
    message: "not editable",
    candidacyStatus: "SUBMITTED",
  },
  NotFoundError: { __typename: "NotFoundError", code: "NOT_FOUND", message: "not found" },
  PermissionDeniedError: { __typename: "PermissionDeniedError", code: "PERMISSION_DENIED", message: "denied" },
  AuthenticationRequiredError: {
    __typename: "AuthenticationRequiredError",
    code: "AUTHENTICATION_REQUIRED",
    message: "sign in",
  },
  AlreadyMemberError: { __typename: "AlreadyMemberError", code: "ALREADY_MEMBER", message: "already" },
} as const;

export function invalidInput(...problems: Array<[field: string, code: string]>) {
  return {
    __typename: "InvalidInputError",
    code: "INVALID_INPUT",
    message: "invalid",
    fieldErrors: problems.map(([field, code]) => ({ field, code, message: "problem" })),
  };
}
