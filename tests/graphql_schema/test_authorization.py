"""Every root query and mutation, asked by every kind of actor: nobody reads or changes what is
not theirs.

Reads are checked against a table of what each actor may see; refused mutations must return
the expected error *and* leave the whole database as it was (every row of every table). Each
refusal table has an allowed counterpart, so a refusal cannot pass because the operation was
broken for everyone. The last test fails when a root field is added without a case here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from graphql import build_schema as parse_sdl
from sqlmodel import select

from backend.accounts.enums import TokenKind
from backend.accounts.models import AuthToken, Membership, User
from backend.calls.enums import CallStatus
from backend.calls.models import Call
from backend.calls.rules import effective_status
from backend.core.audit import AuditEntry
from backend.core.db import read_session, unit_of_work
from graphql_schema.schema import schema
from tests.graphql_schema import test_node_authorization as node_authz
from tests.graphql_schema.accounts import test_api_tokens as token_authz
from tests.graphql_schema.accounts import test_organisation_search as search_authz
from tests.graphql_schema.calls import test_co_funding_authorization as co_funding_authz
from tests.graphql_schema.candidacies import test_candidacy_authorization as candidacy_authz
from tests.graphql_schema.candidacies import test_email_invitations as email_authz
from tests.graphql_schema.candidacies import test_partner_invitations as invitation_authz
from tests.graphql_schema.registration import test_registration as registration_authz
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import (
    ACTORS,
    ANONYMOUS,
    SIGNED_ACTORS,
    Scenario,
    build_scenario,
    database_fingerprint,
    gid,
    reload,
    row_count,
    unguessable,
)

# What an anonymous caller may get back from a mutation that needs someone signed in.
REFUSED_ANONYMOUS = {"AuthenticationRequiredError", "PermissionDeniedError", "NotFoundError"}


@pytest.fixture
async def world(session_factory, clock) -> Scenario:
    return await build_scenario(session_factory, clock.now())


async def ask(client, world: Scenario, actor: str, query: str, variables=None) -> dict[str, Any]:
    """The ``data`` of a request made as ``actor`` (which must succeed at the HTTP level)."""
    return (await gql(client, query, variables, headers=world.headers(actor)))["data"]


async def mutate(client, world: Scenario, actor: str, query: str, variables=None) -> dict:
    """The single root field's result of a mutation made as ``actor``."""
    (result,) = (await ask(client, world, actor, query, variables)).values()
    return result


async def assert_refused_and_unchanged(
    client, session_factory, world: Scenario, actor: str, query: str, variables, expected: set
) -> dict:
    before = await database_fingerprint(session_factory)
    result = await mutate(client, world, actor, query, variables)
    assert result["__typename"] in expected, result
    assert await database_fingerprint(session_factory) == before
    return result


def expected_refusal(actor: str, typename: str) -> set[str]:
    return REFUSED_ANONYMOUS if actor == ANONYMOUS else {typename}


# --- queries: calls ---------------------------------------------------------------------------

CALLS = "query { calls(first: 1) { totalCount edges { node { id reference status } } } }"
ALL_CALLS_LISTED = "query { calls(first: 100) { edges { node { id reference status } } } }"
CALL = "query($id: ID!) { call(id: $id) { id reference status } }"

PUBLIC_CALLS = {"published_a"}
READABLE_CALLS = {
    ANONYMOUS: PUBLIC_CALLS,
    "admin": {"draft_a", "draft_b", "published_a"},
    "manager_a": {"draft_a", "published_a"},
    "manager_b": {"draft_b", "published_a"},
    "viewer_a": {"draft_a", "published_a"},
    "expert": PUBLIC_CALLS,
    "applicant_x": PUBLIC_CALLS,
    "member_x": PUBLIC_CALLS,
    "applicant_y": PUBLIC_CALLS,
}
ALL_CALLS = ("draft_a", "draft_b", "published_a")


@pytest.mark.parametrize("actor", ACTORS)
async def test_calls_lists_only_readable_calls(client, world, actor):
    data = await ask(client, world, actor, ALL_CALLS_LISTED)
    first_page = (await ask(client, world, actor, CALLS))["calls"]

    listed = {edge["node"]["reference"] for edge in data["calls"]["edges"]}
    assert listed == {world.call(name).reference for name in READABLE_CALLS[actor]}
    assert first_page["totalCount"] == len(READABLE_CALLS[actor])  # the list's, not the page's


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("call_name", ALL_CALLS)
async def test_call_by_id_is_null_unless_readable(client, clock, world, actor, call_name):
    call = world.call(call_name)

    data = await ask(client, world, actor, CALL, {"id": gid("Call", call)})

    if call_name in READABLE_CALLS[actor]:
        assert data["call"] == {
            "id": gid("Call", call),
            "reference": call.reference,
            "status": effective_status(call, now=clock.now()).value,
        }
    else:
        assert data["call"] is None


@pytest.mark.parametrize("actor", ACTORS)
async def test_calls_filtered_on_draft_status_shows_no_more(client, world, actor):
    query = "query { calls(filter: {status: DRAFT}) { totalCount edges { node { reference } } } }"

    data = await ask(client, world, actor, query)

    listed = {edge["node"]["reference"] for edge in data["calls"]["edges"]}
    drafts = READABLE_CALLS[actor] - {"published_a"}
    assert listed == {world.call(name).reference for name in drafts}
    assert data["calls"]["totalCount"] == len(drafts)


async def test_call_by_id_of_another_type_is_null(client, world):
    data = await ask(client, world, "admin", CALL, {"id": gid("Funder", world.draft_a)})

    assert data["call"] is None


# --- queries: funders and programmes (public by design) ---------------------------------------

FUNDERS = "query { funders(first: 100) { edges { node { code } } } }"
PROGRAMMES = "query { programmes(first: 100) { edges { node { code funder { code } } } } }"


@pytest.mark.parametrize("actor", [ANONYMOUS, "applicant_y", "manager_b"])
async def test_funders_and_programmes_are_public(client, world, actor):
    funders = await ask(client, world, actor, FUNDERS)
    programmes = await ask(client, world, actor, PROGRAMMES)

    assert {e["node"]["code"] for e in funders["funders"]["edges"]} == {
        world.funder_a.code,
        world.funder_b.code,
    }
    assert {
        (e["node"]["code"], e["node"]["funder"]["code"]) for e in programmes["programmes"]["edges"]
    } == {
        (world.programme_a.code, world.funder_a.code),
        (world.programme_b.code, world.funder_b.code),
    }


# --- queries: me and organisations ------------------------------------------------------------

ME = "query { me { id email memberships { organisation { name } } } }"
ORGANISATIONS = "query { organisations(first: 100) { totalCount edges { node { id name } } } }"
ORGANISATION = "query($id: ID!) { organisation(id: $id) { id name } }"

READABLE_ORGANISATIONS = {
    ANONYMOUS: set(),
    "admin": {"org_x", "org_y"},
    "manager_a": set(),
    "manager_b": set(),
    "viewer_a": set(),
    "expert": set(),
    "applicant_x": {"org_x"},
    "member_x": {"org_x"},
    "applicant_y": {"org_y"},
}


async def test_me_is_null_for_anonymous(client, world):
    assert (await ask(client, world, ANONYMOUS, ME))["me"] is None


@pytest.mark.parametrize("actor", SIGNED_ACTORS)
async def test_me_is_the_signed_in_user_only(client, world, actor):
    me = (await ask(client, world, actor, ME))["me"]

    assert me["id"] == gid("User", world.user(actor))
    assert me["email"] == world.user(actor).email
    own = {name for name in ("org_x", "org_y") if actor in _members(name)}
    assert {m["organisation"]["name"] for m in me["memberships"]} == {
        world.organisation(name).name for name in own
    }


def _members(org: str) -> set[str]:
    return {"org_x": {"applicant_x", "member_x"}, "org_y": {"applicant_y"}}[org]


@pytest.mark.parametrize("actor", ACTORS)
async def test_organisations_lists_only_own_organisations(client, world, actor):
    data = await ask(client, world, actor, ORGANISATIONS)

    listed = {edge["node"]["name"] for edge in data["organisations"]["edges"]}
    assert listed == {world.organisation(n).name for n in READABLE_ORGANISATIONS[actor]}
    assert data["organisations"]["totalCount"] == len(listed)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("org_name", ["org_x", "org_y"])
async def test_organisation_by_id_is_null_unless_member(client, world, actor, org_name):
    org = world.organisation(org_name)

    data = await ask(client, world, actor, ORGANISATION, {"id": gid("Organisation", org)})

    if org_name in READABLE_ORGANISATIONS[actor]:
        assert data["organisation"] == {"id": gid("Organisation", org), "name": org.name}
    else:
        assert data["organisation"] is None


MEMBERS = "query($id: ID!) { organisation(id: $id) { members { email role } } }"


@pytest.mark.parametrize("actor", ["admin", "applicant_x", "member_x"])
async def test_members_are_listed_to_the_organisation_members(client, world, actor):
    org = world.organisation("org_x")

    data = await ask(client, world, actor, MEMBERS, {"id": gid("Organisation", org)})

    emails = {member["email"] for member in data["organisation"]["members"]}
    assert emails == {world.user(name).email for name in _members("org_x")}


# --- mutations on existing calls --------------------------------------------------------------

CALL_RESULT = """
    __typename
    ... on CallPayload { call { id status } }
    ... on Error { code message }
"""
UPDATE_CALL = f"""
mutation($id: ID!, $input: UpdateCallInput!) {{ updateCall(id: $id, input: $input) {{
  {CALL_RESULT} }} }}"""
PUBLISH_CALL = f"mutation($id: ID!) {{ publishCall(id: $id) {{ {CALL_RESULT} }} }}"
TRANSITION_CALL = f"""
mutation($id: ID!, $to: CallStatus!) {{ transitionCall(id: $id, to: $to) {{ {CALL_RESULT} }} }}"""
EXTEND_DEADLINE = f"""
mutation($id: ID!, $at: DateTime!) {{ extendCallDeadline(id: $id, deadlineAt: $at) {{
  {CALL_RESULT} }} }}"""


def _next_status(call: Call) -> str:
    return "PUBLISHED" if call.status is CallStatus.DRAFT else "OPEN"


# Each operation, with arguments that succeed for a manager of the call's funder.
CALL_OPERATIONS: dict[str, tuple[str, Callable[[Call], dict]]] = {
    "updateCall": (
        UPDATE_CALL,
        lambda call: {"id": gid("Call", call), "input": {"title": {"fr": "Détourné"}}},
    ),
    "publishCall": (PUBLISH_CALL, lambda call: {"id": gid("Call", call)}),
    "transitionCall": (
        TRANSITION_CALL,
        lambda call: {"id": gid("Call", call), "to": _next_status(call)},
    ),
    "extendCallDeadline": (
        EXTEND_DEADLINE,
        lambda call: {
            "id": gid("Call", call),
            "at": (call.deadline_at + timedelta(days=10)).isoformat(),
        },
    ),
}

# Drafts a caller may not read are NotFound (their existence stays secret); calls a caller
# may read but not manage are PermissionDenied.
CALL_REFUSALS = [
    ("manager_b", "draft_a", "NotFoundError"),
    ("manager_b", "published_a", "PermissionDeniedError"),
    ("manager_a", "draft_b", "NotFoundError"),
    ("viewer_a", "draft_a", "PermissionDeniedError"),
    ("viewer_a", "published_a", "PermissionDeniedError"),
    ("expert", "draft_a", "NotFoundError"),
    ("expert", "published_a", "PermissionDeniedError"),
    ("applicant_x", "draft_a", "NotFoundError"),
    ("applicant_x", "published_a", "PermissionDeniedError"),
    (ANONYMOUS, "draft_a", "NotFoundError"),
    (ANONYMOUS, "published_a", "PermissionDeniedError"),
]


@pytest.mark.parametrize("operation", CALL_OPERATIONS)
@pytest.mark.parametrize(("actor", "call_name", "typename"), CALL_REFUSALS)
async def test_call_mutation_refused_leaves_call_unchanged(
    client, session_factory, world, operation, actor, call_name, typename
):
    query, variables = CALL_OPERATIONS[operation]
    call = world.call(call_name)
    row_before = (await reload(session_factory, Call, call.id)).model_dump()
    audit_before = await row_count(session_factory, AuditEntry)

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        actor,
        query,
        variables(call),
        expected_refusal(actor, typename),
    )

    assert (await reload(session_factory, Call, call.id)).model_dump() == row_before
    assert await row_count(session_factory, AuditEntry) == audit_before


# The same operations succeed, on calls whose status allows them, for those who manage them.
CALL_ALLOWED = [
    (operation, call_name)
    for operation in CALL_OPERATIONS
    for call_name in ("draft_a", "published_a")
    if (operation, call_name)
    not in {("publishCall", "published_a"), ("extendCallDeadline", "draft_a")}
]


@pytest.mark.parametrize(("operation", "call_name"), CALL_ALLOWED)
@pytest.mark.parametrize("actor", ["manager_a", "admin"])
async def test_call_mutation_allowed_for_funder_managers_and_admins(
    client, session_factory, world, operation, call_name, actor
):
    query, variables = CALL_OPERATIONS[operation]
    audit_before = await row_count(session_factory, AuditEntry)

    result = await mutate(client, world, actor, query, variables(world.call(call_name)))

    assert result["__typename"] == "CallPayload", result
    assert await row_count(session_factory, AuditEntry) == audit_before + 1


async def test_update_call_cannot_hand_the_call_to_another_funder(client, session_factory, world):
    """A manager of A may not replace A by B among the funders of a call in A's programme:
    B's managers would take the call over and A's would lose it."""
    variables = {
        "id": gid("Call", world.draft_a),
        "input": {
            "funders": [
                {
                    "funderId": gid("Funder", world.funder_b),
                    "shareCents": world.draft_a.budget_envelope_cents,
                }
            ]
        },
    }

    result = await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        "manager_a",
        UPDATE_CALL,
        variables,
        {"InvalidInputError"},
    )

    assert result["code"] == "INVALID_INPUT"


# --- creating calls, funders, programmes ------------------------------------------------------

CREATE_CALL = (
    f"mutation($input: CreateCallInput!) {{ createCall(input: $input) {{ {CALL_RESULT} }} }}"
)
CREATE_FUNDER = """
mutation($code: String!) { createFunder(code: $code, name: "Agence", country: "FR") {
  __typename ... on FunderPayload { funder { code } } ... on Error { code } } }"""
CREATE_PROGRAMME = """
mutation($funderId: ID!, $code: String!) {
  createProgramme(funderId: $funderId, code: $code, name: "Programme") {
  __typename ... on ProgrammePayload { programme { code funder { code } } }
  ... on Error { code } } }"""


def create_call_input(world: Scenario, clock) -> dict:
    now = clock.now()
    envelope = 1_000_000_00
    return {
        "programmeId": gid("Programme", world.programme_a),
        "reference": f"NEW-{f.n()}",
        "kind": "AAP",
        "title": {"fr": "Nouvel appel"},
        "budgetEnvelopeCents": envelope,
        "funders": [{"funderId": gid("Funder", world.funder_a), "shareCents": envelope}],
        "timeline": {
            "timezone": "Europe/Paris",
            "opensAt": (now + timedelta(days=1)).isoformat(),
            "deadlineAt": (now + timedelta(days=60)).isoformat(),
        },
        "questions": [
            {"key": "summary", "kind": "TEXT", "label": {"fr": "Résumé"}, "maxLength": 3000}
        ],
        "grid": {
            "criteria": [
                {
                    "key": "impact",
                    "label": {"fr": "Impact"},
                    "weight": "1",
                    "scaleMin": "0",
                    "scaleMax": "5",
                    "step": "1",
                }
            ]
        },
    }


FUNDER_A_OUTSIDERS = ["manager_b", "viewer_a", "expert", "applicant_x", ANONYMOUS]


@pytest.mark.parametrize("actor", FUNDER_A_OUTSIDERS)
async def test_create_call_refused_outside_the_programme_funder(
    client, session_factory, clock, world, actor
):
    variables = {"input": create_call_input(world, clock)}

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        actor,
        CREATE_CALL,
        variables,
        expected_refusal(actor, "PermissionDeniedError"),
    )


@pytest.mark.parametrize("actor", ["manager_a", "admin"])
async def test_create_call_allowed_for_the_programme_funder_managers(
    client, session_factory, clock, world, actor
):
    result = await mutate(
        client, world, actor, CREATE_CALL, {"input": create_call_input(world, clock)}
    )

    assert result["__typename"] == "CallPayload", result
    assert result["call"]["status"] == "DRAFT"


@pytest.mark.parametrize("actor", FUNDER_A_OUTSIDERS)
async def test_create_programme_refused_outside_the_funder(client, session_factory, world, actor):
    variables = {"funderId": gid("Funder", world.funder_a), "code": f"PROG-NEW-{f.n()}"}

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        actor,
        CREATE_PROGRAMME,
        variables,
        expected_refusal(actor, "PermissionDeniedError"),
    )


@pytest.mark.parametrize("actor", ["manager_a", "admin"])
async def test_create_programme_allowed_for_funder_managers_and_admins(client, world, actor):
    variables = {"funderId": gid("Funder", world.funder_a), "code": f"PROG-NEW-{f.n()}"}

    result = await mutate(client, world, actor, CREATE_PROGRAMME, variables)

    assert result["__typename"] == "ProgrammePayload", result
    assert result["programme"]["funder"]["code"] == world.funder_a.code


# --- admin-only mutations: accounts, roles, funders -------------------------------------------

CREATE_USER = """
mutation($email: String!) {
  createUser(email: $email, fullName: "New Person", password: "a long enough password") {
  __typename ... on UserPayload { user { email } } ... on Error { code } } }"""
GRANT_ROLE = """
mutation($userId: ID!, $role: Role!, $funderId: ID) {
  grantRole(userId: $userId, role: $role, funderId: $funderId) {
  __typename ... on UserPayload { user { roles { role funder { code } } } }
  ... on Error { code } } }"""


def _admin_only_variables(name: str, world: Scenario, actor: str) -> dict:
    if name == "createUser":
        return {"email": f"new-{f.n()}@example.org"}
    if name == "grantRole":
        # The most tempting escalation: make oneself a manager of someone else's funder.
        target = world.user(actor) if actor in SIGNED_ACTORS else world.user("manager_b")
        return {
            "userId": gid("User", target),
            "role": "PROGRAMME_MANAGER",
            "funderId": gid("Funder", world.funder_a),
        }
    return {"code": f"NEWFUNDER-{f.n()}"}


ADMIN_ONLY = {"createUser": CREATE_USER, "grantRole": GRANT_ROLE, "createFunder": CREATE_FUNDER}
ADMIN_ONLY_PAYLOAD = {
    "createUser": "UserPayload",
    "grantRole": "UserPayload",
    "createFunder": "FunderPayload",
}


@pytest.mark.parametrize("mutation", ADMIN_ONLY)
@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "admin"])
async def test_admin_only_mutation_refused_to_others(
    client, session_factory, world, mutation, actor
):
    variables = _admin_only_variables(mutation, world, actor)

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        actor,
        ADMIN_ONLY[mutation],
        variables,
        expected_refusal(actor, "PermissionDeniedError"),
    )


@pytest.mark.parametrize("mutation", ADMIN_ONLY)
async def test_admin_only_mutation_allowed_to_admins(client, world, mutation):
    variables = _admin_only_variables(mutation, world, "manager_b")

    result = await mutate(client, world, "admin", ADMIN_ONLY[mutation], variables)

    assert result["__typename"] == ADMIN_ONLY_PAYLOAD[mutation], result


@pytest.mark.parametrize("actor", [a for a in SIGNED_ACTORS if a != "admin"])
async def test_nobody_but_admins_makes_themselves_admin(client, session_factory, world, actor):
    variables = {"userId": gid("User", world.user(actor)), "role": "PLATFORM_ADMIN"}

    await assert_refused_and_unchanged(
        client, session_factory, world, actor, GRANT_ROLE, variables, {"PermissionDeniedError"}
    )


# --- organisations ----------------------------------------------------------------------------

CREATE_ORGANISATION = """
mutation { createOrganisation(input: {name: "New Org", kind: COMPANY, country: "DE",
  registryId: "HRB 4242"}) {
  __typename ... on OrganisationPayload { organisation { id name } } ... on Error { code } } }"""
ADD_MEMBER = """
mutation($org: ID!, $email: String!, $role: MembershipRole!) {
  addOrganisationMember(organisationId: $org, email: $email, role: $role) {
  __typename ... on MembershipPayload { organisation { name } role } ... on Error { code } } }"""

ADD_MEMBER_TO_X_REFUSALS = [
    ("applicant_y", "NotFoundError"),
    ("manager_a", "NotFoundError"),
    ("viewer_a", "NotFoundError"),
    ("expert", "NotFoundError"),
    ("member_x", "PermissionDeniedError"),
    (ANONYMOUS, "NotFoundError"),
]


async def test_create_organisation_needs_a_user(client, session_factory, world):
    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        ANONYMOUS,
        CREATE_ORGANISATION,
        None,
        {"AuthenticationRequiredError"},
    )


@pytest.mark.parametrize("actor", ["expert", "applicant_y"])
async def test_create_organisation_makes_the_creator_its_only_admin(
    client, session_factory, world, actor
):
    result = await mutate(client, world, actor, CREATE_ORGANISATION)

    assert result["__typename"] == "OrganisationPayload", result
    data = await ask(client, world, actor, ORGANISATION, {"id": result["organisation"]["id"]})
    assert data["organisation"]["name"] == "New Org"
    other = await ask(
        client, world, "applicant_x", ORGANISATION, {"id": result["organisation"]["id"]}
    )
    assert other["organisation"] is None


@pytest.mark.parametrize(("actor", "typename"), ADD_MEMBER_TO_X_REFUSALS)
async def test_add_member_to_x_refused_to_non_admins_of_x(
    client, session_factory, world, actor, typename
):
    # Y's admin trying this is trying to let themselves into X.
    variables = {
        "org": gid("Organisation", world.org_x),
        "email": world.user("applicant_y").email,
        "role": "MEMBER",
    }

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        actor,
        ADD_MEMBER,
        variables,
        expected_refusal(actor, typename),
    )


async def test_plain_member_cannot_promote_themselves(client, session_factory, world):
    variables = {
        "org": gid("Organisation", world.org_x),
        "email": world.user("member_x").email,
        "role": "ADMIN",
    }

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        "member_x",
        ADD_MEMBER,
        variables,
        {"PermissionDeniedError"},
    )


@pytest.mark.parametrize("actor", ["applicant_x", "admin"])
async def test_add_member_allowed_to_admins_of_the_organisation(
    client, session_factory, world, actor
):
    variables = {
        "org": gid("Organisation", world.org_x),
        "email": world.user("applicant_y").email,
        "role": "MEMBER",
    }
    memberships_before = await row_count(session_factory, Membership)

    result = await mutate(client, world, actor, ADD_MEMBER, variables)

    assert result["__typename"] == "MembershipPayload", result
    assert await row_count(session_factory, Membership) == memberships_before + 1


# --- sign-in, sign-out and tokens -------------------------------------------------------------

LOGIN = """
mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
  __typename ... on LoginPayload { token user { email } } ... on Error { code } } }"""
LOGOUT = "mutation { logout { __typename ... on LogoutPayload { ok } ... on Error { code } } }"
CREATE_API_TOKEN = """
mutation($name: String!, $expiresAt: DateTime) {
  createApiToken(name: $name, expiresAt: $expiresAt) {
  __typename ... on ApiTokenPayload { token apiToken { id name } } ... on Error { code } } }"""
REVOKE_API_TOKEN = """
mutation($id: ID!) { revokeApiToken(id: $id) {
  __typename ... on RevokeApiTokenPayload { apiToken { id revokedAt } }
  ... on Error { code } } }"""
WHO = "query { me { email } }"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def status_with(client, headers: dict[str, str], query: str = WHO) -> int:
    return (await client.post("/graphql", json={"query": query}, headers=headers)).status_code


async def test_login_is_public_and_refuses_wrong_passwords_alike(client, session_factory, world):
    email = world.user("manager_a").email

    ok = await mutate(client, world, ANONYMOUS, LOGIN, {"email": email, "password": f.PASSWORD})
    wrong = await mutate(client, world, ANONYMOUS, LOGIN, {"email": email, "password": "nope"})
    unknown = await mutate(
        client, world, ANONYMOUS, LOGIN, {"email": "ghost@example.org", "password": "nope"}
    )

    assert ok["__typename"] == "LoginPayload"
    assert ok["user"]["email"] == email
    assert wrong == unknown == {"__typename": "InvalidCredentialsError", "code": wrong["code"]}


async def test_logout_without_a_token_needs_authentication(client, session_factory, world):
    await assert_refused_and_unchanged(
        client, session_factory, world, ANONYMOUS, LOGOUT, None, {"AuthenticationRequiredError"}
    )


async def test_logout_revokes_only_the_token_used(client, world):
    result = await mutate(client, world, "manager_a", LOGOUT)

    assert result == {"__typename": "LogoutPayload", "ok": True}
    assert await status_with(client, world.headers("manager_a")) == 401
    assert await status_with(client, world.headers("manager_b")) == 200


async def test_create_api_token_needs_a_user(client, session_factory, world):
    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        ANONYMOUS,
        CREATE_API_TOKEN,
        {"name": "ci"},
        {"AuthenticationRequiredError"},
    )


async def test_api_token_acts_as_its_creator(client, world):
    created = await mutate(client, world, "applicant_x", CREATE_API_TOKEN, {"name": "ci"})

    assert created["__typename"] == "ApiTokenPayload", created
    me = (await gql(client, WHO, headers=bearer(created["token"])))["data"]["me"]
    assert me == {"email": world.user("applicant_x").email}


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "manager_a"])
async def test_revoke_api_token_of_another_user_is_not_found(client, session_factory, world, actor):
    created = await mutate(client, world, "manager_a", CREATE_API_TOKEN, {"name": "ci"})
    variables = {"id": created["apiToken"]["id"]}

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        actor,
        REVOKE_API_TOKEN,
        variables,
        expected_refusal(actor, "NotFoundError"),
    )

    assert await status_with(client, bearer(created["token"])) == 200


async def test_revoke_own_api_token_locks_it_out(client, world):
    created = await mutate(client, world, "manager_a", CREATE_API_TOKEN, {"name": "ci"})

    result = await mutate(
        client, world, "manager_a", REVOKE_API_TOKEN, {"id": created["apiToken"]["id"]}
    )

    assert result["__typename"] == "RevokeApiTokenPayload", result
    assert result["apiToken"]["revokedAt"] is not None
    assert await status_with(client, bearer(created["token"])) == 401
    assert await status_with(client, world.headers("manager_a")) == 200


async def test_revoke_api_token_refuses_session_tokens(client, session_factory, world):
    """revokeApiToken is for API tokens; a session ends with logout."""
    async with read_session(session_factory) as session:
        session_token = (
            await session.exec(
                select(AuthToken).where(AuthToken.user_id == world.user("manager_a").id)
            )
        ).one()
    assert session_token.kind is TokenKind.SESSION

    await assert_refused_and_unchanged(
        client,
        session_factory,
        world,
        "manager_a",
        REVOKE_API_TOKEN,
        {"id": gid("ApiToken", session_token)},
        {"NotFoundError"},
    )


# --- bearer tokens that must not get in -------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param(f"Bearer {unguessable()}", id="never-issued"),
        pytest.param("Bearer not-a-token", id="garbage"),
        pytest.param("Bearer ", id="empty"),
        pytest.param("Basic dXNlcjpwYXNz", id="other-scheme"),
    ],
)
@pytest.mark.parametrize("query", [WHO, CALLS], ids=["me", "public-calls"])
async def test_invalid_bearer_is_401_even_for_public_data(client, world, authorization, query):
    assert await status_with(client, {"Authorization": authorization}, query) == 401


async def test_expired_session_token_is_401(client, world, clock, settings):
    login = await mutate(
        client,
        world,
        ANONYMOUS,
        LOGIN,
        {"email": world.user("viewer_a").email, "password": f.PASSWORD},
    )
    headers = bearer(login["token"])
    ttl = timedelta(hours=settings.session_token_ttl_hours)

    clock.advance(ttl - timedelta(seconds=1))
    assert await status_with(client, headers) == 200
    clock.advance(timedelta(seconds=1))
    assert await status_with(client, headers) == 401


async def test_expired_api_token_is_401(client, world, clock):
    expires_at = (clock.now() + timedelta(hours=1)).isoformat()
    created = await mutate(
        client, world, "manager_b", CREATE_API_TOKEN, {"name": "short", "expiresAt": expires_at}
    )

    clock.advance(timedelta(hours=1, seconds=1))

    assert await status_with(client, bearer(created["token"])) == 401


async def test_session_token_revoked_by_logout_is_401(client, world):
    login = await mutate(
        client,
        world,
        ANONYMOUS,
        LOGIN,
        {"email": world.user("expert").email, "password": f.PASSWORD},
    )
    headers = bearer(login["token"])
    assert (await gql(client, LOGOUT, headers=headers))["data"]["logout"]["ok"] is True

    assert await status_with(client, headers) == 401
    assert await status_with(client, headers, CALLS) == 401


async def test_token_of_a_deactivated_user_is_401(client, session_factory, world):
    async with unit_of_work(session_factory) as uow:
        user = await uow.session.get(User, world.user("manager_a").id)
        user.is_active = False
        uow.session.add(user)

    assert await status_with(client, world.headers("manager_a")) == 401


# --- the guard: every root field has its cases here -------------------------------------------

COVERAGE: dict[str, dict[str, tuple[Callable[..., Any], ...]]] = {
    "Query": {
        "calls": (
            test_calls_lists_only_readable_calls,
            test_calls_filtered_on_draft_status_shows_no_more,
        ),
        "call": (test_call_by_id_is_null_unless_readable, test_call_by_id_of_another_type_is_null),
        "funders": (test_funders_and_programmes_are_public,),
        "programmes": (test_funders_and_programmes_are_public,),
        "me": (test_me_is_null_for_anonymous, test_me_is_the_signed_in_user_only),
        "myApiTokens": (
            token_authz.test_my_api_tokens_lists_only_the_actors_own_tokens,
            token_authz.test_my_api_tokens_anonymous_needs_authentication,
        ),
        "organisations": (test_organisations_lists_only_own_organisations,),
        "organisation": (test_organisation_by_id_is_null_unless_member,),
        "candidacies": (
            candidacy_authz.test_candidacies_lists_only_readable_candidacies_under_every_filter,
            candidacy_authz.test_accepted_partner_members_read_the_candidacy_they_take_part_in,
        ),
        "candidacy": (
            candidacy_authz.test_candidacy_by_id_is_null_unless_readable,
            candidacy_authz.test_candidacy_by_an_id_of_another_type_is_null,
            candidacy_authz.test_accepted_partner_members_read_the_candidacy_they_take_part_in,
        ),
        "submissionCheck": (candidacy_authz.test_submission_check_only_for_readers,),
        "node": (
            node_authz.test_node_answers_what_each_types_own_read_answers,
            node_authz.test_node_of_an_attachment_follows_its_candidacys_read_rule,
            node_authz.test_node_of_a_malformed_foreign_or_unknown_id_is_null,
        ),
        "nodes": (
            node_authz.test_node_answers_what_each_types_own_read_answers,
            node_authz.test_node_of_a_malformed_foreign_or_unknown_id_is_null,
            node_authz.test_nodes_refuses_more_ids_than_a_page_changing_nothing,
        ),
        "serverTime": (node_authz.test_server_time_is_the_app_clock_for_everyone,),
        "organisationSearch": (
            search_authz.test_organisation_search_needs_a_signed_in_user_and_shows_the_same_to_all,
            search_authz.test_organisation_search_shows_public_fields_only,
        ),
        "myPartnerInvitations": (
            invitation_authz.test_my_partner_invitations_lists_only_invitations_to_ones_organisations,
        ),
    },
    "Mutation": {
        "login": (test_login_is_public_and_refuses_wrong_passwords_alike,),
        # Anonymous by design: what protects an account is the mailbox the code goes to.
        "signUp": (
            registration_authz.test_sign_up_mails_a_link_and_the_account_exists_once_it_is_followed,
            registration_authz.test_sign_up_with_a_taken_address_answers_alike_and_mails_its_owner,
        ),
        "confirmSignUp": (
            registration_authz.test_an_unusable_confirmation_code_is_refused_alike_and_changes_nothing,
        ),
        "requestPasswordReset": (
            registration_authz.test_a_reset_request_answers_alike_for_known_and_unknown_addresses,
        ),
        "resetPassword": (
            registration_authz.test_a_reset_code_sets_the_password_once_and_ends_every_session,
            registration_authz.test_an_unusable_reset_code_or_a_weak_password_changes_nothing,
        ),
        "logout": (
            test_logout_without_a_token_needs_authentication,
            test_logout_revokes_only_the_token_used,
        ),
        "createApiToken": (test_create_api_token_needs_a_user, test_api_token_acts_as_its_creator),
        "revokeApiToken": (
            test_revoke_api_token_of_another_user_is_not_found,
            test_revoke_own_api_token_locks_it_out,
            test_revoke_api_token_refuses_session_tokens,
            token_authz.test_revoke_api_token_anonymous_needs_authentication,
        ),
        "createUser": (
            test_admin_only_mutation_refused_to_others,
            test_admin_only_mutation_allowed_to_admins,
        ),
        "grantRole": (
            test_admin_only_mutation_refused_to_others,
            test_admin_only_mutation_allowed_to_admins,
            test_nobody_but_admins_makes_themselves_admin,
        ),
        "createFunder": (
            test_admin_only_mutation_refused_to_others,
            test_admin_only_mutation_allowed_to_admins,
        ),
        "createOrganisation": (
            test_create_organisation_needs_a_user,
            test_create_organisation_makes_the_creator_its_only_admin,
        ),
        "addOrganisationMember": (
            test_add_member_to_x_refused_to_non_admins_of_x,
            test_plain_member_cannot_promote_themselves,
            test_add_member_allowed_to_admins_of_the_organisation,
        ),
        "createCall": (
            test_create_call_refused_outside_the_programme_funder,
            test_create_call_allowed_for_the_programme_funder_managers,
        ),
        "updateCall": (
            test_call_mutation_refused_leaves_call_unchanged,
            test_call_mutation_allowed_for_funder_managers_and_admins,
            test_update_call_cannot_hand_the_call_to_another_funder,
        ),
        "publishCall": (
            test_call_mutation_refused_leaves_call_unchanged,
            test_call_mutation_allowed_for_funder_managers_and_admins,
        ),
        "transitionCall": (
            test_call_mutation_refused_leaves_call_unchanged,
            test_call_mutation_allowed_for_funder_managers_and_admins,
        ),
        "extendCallDeadline": (
            test_call_mutation_refused_leaves_call_unchanged,
            test_call_mutation_allowed_for_funder_managers_and_admins,
        ),
        "respondToCoFunding": (
            co_funding_authz.test_respond_to_co_funding_refused_to_all_but_the_invited_managers,
            co_funding_authz.test_respond_to_co_funding_for_the_lead_or_an_uninvited_call_is_refused,
            co_funding_authz.test_respond_to_co_funding_allowed_to_the_invited_funders_managers,
        ),
        "createProgramme": (
            test_create_programme_refused_outside_the_funder,
            test_create_programme_allowed_for_funder_managers_and_admins,
        ),
        "createCandidacy": (
            candidacy_authz.test_create_candidacy_for_an_organisation_one_is_not_in_is_refused,
            candidacy_authz.test_create_candidacy_for_a_draft_call_of_another_funder_is_not_found,
            candidacy_authz.test_create_candidacy_allowed_to_members_for_their_organisation,
        ),
        "respondToPartnerInvitation": (
            invitation_authz.test_respond_to_invitation_refused_to_all_but_the_invited_admins,
            invitation_authz.test_respond_to_invitation_accepted_by_an_admin_opens_the_candidacy_to_members,
            invitation_authz.test_respond_to_invitation_declined_keeps_the_candidacy_closed_and_blocks_submission,
        ),
        "respondToEmailInvitation": (
            email_authz.test_respond_to_email_invitation_refused_to_all_but_the_invited_address,
            email_authz.test_an_invited_address_accepts_registers_its_organisation_and_joins,
            email_authz.test_an_unusable_code_is_refused_alike_and_changes_nothing,
        ),
        "withdrawEmailInvitation": (
            email_authz.test_withdraw_email_invitation_refused_to_all_but_the_lead_members,
            email_authz.test_withdraw_email_invitation_allowed_to_every_member_of_the_lead,
        ),
        **dict.fromkeys(
            candidacy_authz.EDIT_OPERATIONS,
            (
                candidacy_authz.test_candidacy_edit_refused_to_all_but_the_lead_members,
                candidacy_authz.test_candidacy_edit_allowed_to_every_member_of_the_lead,
            ),
        ),
        "signDownloadLink": (
            candidacy_authz.test_signed_links_are_refused_to_whoever_may_not_download_the_file,
            candidacy_authz.test_signed_links_are_issued_to_whoever_may_download_the_file,
        ),
        **dict.fromkeys(
            candidacy_authz.MANAGE_OPERATIONS,
            (
                candidacy_authz.test_candidacy_management_refused_to_all_but_the_call_managers,
                candidacy_authz.test_candidacy_management_allowed_to_the_call_managers,
                candidacy_authz.test_each_manager_manages_only_the_calls_of_their_funder,
            ),
        ),
    },
}


@pytest.mark.parametrize("root", ["Query", "Mutation"])
def test_every_root_field_has_authorization_cases(root):
    sdl = parse_sdl(schema.as_str())
    root_type = sdl.query_type if root == "Query" else sdl.mutation_type
    assert root_type is not None

    fields = set(root_type.fields)

    assert fields - COVERAGE[root].keys() == set(), "root fields without authorization tests"
    assert COVERAGE[root].keys() - fields == set(), "cases listed for fields that are gone"
    assert CALL_OPERATIONS.keys() <= COVERAGE["Mutation"].keys()
    assert ADMIN_ONLY.keys() <= COVERAGE["Mutation"].keys()
    assert candidacy_authz.EDIT_OPERATIONS.keys() <= COVERAGE["Mutation"].keys()
    assert candidacy_authz.MANAGE_OPERATIONS.keys() <= COVERAGE["Mutation"].keys()
