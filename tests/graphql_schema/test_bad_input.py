"""Bad input at every mutation: a typed error naming the problem, and nothing written."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel
from strawberry.relay import GlobalID

from backend.accounts.enums import Role
from backend.calls.enums import CallStatus
from tests.graphql_schema.calls.test_call_flow import create_input
from tests.support import factories as f
from tests.support.gql import gql


async def table_counts(session_factory) -> dict[str, int]:
    async with session_factory() as session:
        return {
            table.name: (
                await session.exec(sa.select(sa.func.count()).select_from(table))
            ).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def gid(type_name: str, obj) -> str:
    return str(GlobalID(type_name, str(obj.id)))


@pytest.fixture
async def world(session_factory, clock):
    now = clock.now()
    funder = await f.make_funder(session_factory, now, code="DGOS")
    programme = await f.make_programme(session_factory, now, funder)
    admin = await f.make_user(session_factory, now, email="admin@example.org")
    await f.grant(session_factory, now, admin, Role.PLATFORM_ADMIN)
    manager = await f.make_user(session_factory, now, email="manager@example.org")
    await f.grant(session_factory, now, manager, Role.PROGRAMME_MANAGER, funder)
    draft = await f.make_call(session_factory, now, programme, funder)
    open_call = await f.make_call(session_factory, now, programme, funder, status=CallStatus.OPEN)
    org = await f.make_organisation(session_factory, now, manager)
    return {
        "admin": await f.sign_in(session_factory, now, admin),
        "manager": await f.sign_in(session_factory, now, manager),
        "funder": funder,
        "programme": programme,
        "draft": draft,
        "open": open_call,
        "org": org,
    }


def bad_create_input(w) -> dict:
    data = create_input(gid("Programme", w["programme"]), gid("Funder", w["funder"]))
    data["reference"] = "bad ref!"
    data["budgetEnvelopeCents"] = 100
    data["timeline"]["deadlineAt"] = "2026-01-01T00:00:00+01:00"
    return data


CASES = [
    (
        "createCall",
        "mutation($input: CreateCallInput!) { createCall(input: $input) { ...E } }",
        lambda w: {"input": bad_create_input(w)},
        "manager",
        "InvalidInputError",
    ),
    (
        "updateCall",
        'mutation($id: ID!) { updateCall(id: $id, input: {title: {fr: ""}}) { ...E } }',
        lambda w: {"id": gid("Call", w["draft"])},
        "manager",
        "InvalidInputError",
    ),
    (
        "updateCall frozen",
        "mutation($id: ID!) { updateCall(id: $id, input: {budgetEnvelopeCents: 5}) { ...E } }",
        lambda w: {"id": gid("Call", w["open"])},
        "manager",
        "CallStructureFrozenError",
    ),
    (
        "publishCall",
        "mutation($id: ID!) { publishCall(id: $id) { ...E } }",
        lambda w: {"id": gid("Call", w["open"])},
        "manager",
        "InvalidTransitionError",
    ),
    (
        "transitionCall",
        "mutation($id: ID!) { transitionCall(id: $id, to: ARCHIVED) { ...E } }",
        lambda w: {"id": gid("Call", w["draft"])},
        "manager",
        "InvalidTransitionError",
    ),
    (
        "extendCallDeadline",
        'mutation($id: ID!) { extendCallDeadline(id: $id, deadlineAt: "2020-01-01T00:00:00Z")'
        " { ...E } }",
        lambda w: {"id": gid("Call", w["open"])},
        "manager",
        "InvalidInputError",
    ),
    (
        "createFunder",
        'mutation { createFunder(code: "x y", name: "", country: "FR") { ...E } }',
        lambda w: {},
        "admin",
        "InvalidInputError",
    ),
    (
        "createProgramme",
        'mutation($f: ID!) { createProgramme(funderId: $f, code: "!!", name: "") { ...E } }',
        lambda w: {"f": gid("Funder", w["funder"])},
        "manager",
        "InvalidInputError",
    ),
    (
        "createUser",
        'mutation { createUser(email: "nope", fullName: "", password: "short") { ...E } }',
        lambda w: {},
        "admin",
        "InvalidInputError",
    ),
    (
        "grantRole",
        "mutation($u: ID!) { grantRole(userId: $u, role: PROGRAMME_MANAGER) { ...E } }",
        lambda w: {"u": str(GlobalID("User", str(w["manager"].user.id)))},
        "admin",
        "InvalidInputError",
    ),
    (
        "createOrganisation",
        'mutation { createOrganisation(input: {name: "CHU", kind: HEALTH_ESTABLISHMENT,'
        ' country: "FR", siret: "12345678901234", finess: "750712185"}) { ...E } }',
        lambda w: {},
        "manager",
        "InvalidInputError",
    ),
    (
        "addOrganisationMember",
        'mutation($o: ID!) { addOrganisationMember(organisationId: $o, email: "ghost@x.org")'
        " { ...E } }",
        lambda w: {"o": gid("Organisation", w["org"])},
        "manager",
        "InvalidInputError",
    ),
    (
        "createApiToken",
        'mutation { createApiToken(name: "") { ...E } }',
        lambda w: {},
        "manager",
        "InvalidInputError",
    ),
    (
        "revokeApiToken",
        "mutation($id: ID!) { revokeApiToken(id: $id) { ...E } }",
        lambda w: {"id": str(GlobalID("ApiToken", "00000000-0000-0000-0000-000000000000"))},
        "manager",
        "NotFoundError",
    ),
    (
        "login",
        'mutation { login(email: "nobody@example.org", password: "whatever-it-is") { ...E } }',
        lambda w: {},
        None,
        "InvalidCredentialsError",
    ),
]

FRAGMENT = """
fragment E on Error { __typename code message
  ... on InvalidInputError { fieldErrors { field message code } } }
"""


@pytest.mark.parametrize(
    ("name", "query", "variables", "who", "expected"), CASES, ids=[c[0] for c in CASES]
)
async def test_mutation_bad_input_returns_typed_error_and_writes_nothing(
    client, session_factory, world, name, query, variables, who, expected
):
    before = await table_counts(session_factory)
    headers = world[who].headers if who else {}
    body = await gql(client, query + FRAGMENT, variables(world), headers=headers)
    result = next(iter(body["data"].values()))
    assert result["__typename"] == expected, result
    assert result["code"] and result["message"]
    if expected == "InvalidInputError":
        assert result["fieldErrors"], result
    assert await table_counts(session_factory) == before


async def test_create_call_lists_every_problem_at_once(client, world):
    body = await gql(
        client,
        "mutation($input: CreateCallInput!) { createCall(input: $input) { ...E } }" + FRAGMENT,
        {"input": bad_create_input(world)},
        headers=world["manager"].headers,
    )
    fields = {e["field"] for e in body["data"]["createCall"]["fieldErrors"]}
    assert {"reference", "funders", "capPerCandidacyCents", "timeline.deadlineAt"} <= fields


async def test_malformed_global_id_is_a_typed_error_not_a_trace(client, world):
    body = await gql(
        client,
        'mutation { publishCall(id: "Y2FsbDp4") { ...E } }' + FRAGMENT,
        headers=world["manager"].headers,
        expect_errors=True,
    )
    text = str(body)
    assert "Traceback" not in text and 'File "' not in text
