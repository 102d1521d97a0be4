"""respondToCoFunding: only the invited funder's programme managers answer; every refusal
leaves the database as it was, and its allowed counterpart changes exactly the answer."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from backend.calls import services as calls
from backend.calls.enums import CoFundingStatus
from backend.calls.inputs import FunderShareInput
from backend.calls.models import Call, CallFunder
from backend.core.audit import AuditEntry
from backend.core.auth import Actor
from backend.core.db import read_session, unit_of_work
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import ANONYMOUS, Scenario, build_scenario, database_fingerprint, gid
from tests.support.worlds import row_count as count_rows

RESPOND = """
mutation($callId: ID!, $funderId: ID!, $accept: Boolean!) {
  respondToCoFunding(callId: $callId, funderId: $funderId, accept: $accept) {
    __typename
    ... on CallPayload { call { id status funders { status funder { code } } } }
    ... on Error { code message }
  }
}"""
REFUSED_ANONYMOUS = {"AuthenticationRequiredError", "PermissionDeniedError", "NotFoundError"}
HALF = 500_000_00


@pytest.fixture
async def world(session_factory, clock) -> Scenario:
    return await build_scenario(session_factory, clock.now())


async def _joint_draft(session_factory, clock, world: Scenario) -> Call:
    """A DRAFT of funder A's programme that invites funder B to co-fund it."""
    data = f.call_input(
        world.programme_a,
        world.funder_a,
        clock.now(),
        funders=[
            FunderShareInput(world.funder_a.id, HALF),
            FunderShareInput(world.funder_b.id, HALF),
        ],
    )
    async with unit_of_work(session_factory) as uow:
        return await calls.create_call(
            uow.session, actor=Actor(is_platform_admin=True), data=data, now=clock.now()
        )


async def _respond(client, world: Scenario, actor: str, call: Call, funder, accept: bool) -> dict:
    variables = {"callId": gid("Call", call), "funderId": gid("Funder", funder), "accept": accept}
    body = await gql(client, RESPOND, variables, headers=world.headers(actor))
    return body["data"]["respondToCoFunding"]


# Who may not answer for funder B, and what they get: those who read the draft (A's staff,
# the admin) are told no; those who do not are told it does not exist.
REFUSALS = [
    ("manager_a", "PermissionDeniedError"),
    ("viewer_a", "PermissionDeniedError"),
    ("admin", "PermissionDeniedError"),
    ("expert", "NotFoundError"),
    ("applicant_x", "NotFoundError"),
    (ANONYMOUS, "AuthenticationRequiredError"),
]


@pytest.mark.parametrize("accept", [True, False])
@pytest.mark.parametrize(("actor", "typename"), REFUSALS)
async def test_respond_to_co_funding_refused_to_all_but_the_invited_managers(
    client, session_factory, clock, world, accept, actor, typename
):
    call = await _joint_draft(session_factory, clock, world)
    before = await database_fingerprint(session_factory)

    result = await _respond(client, world, actor, call, world.funder_b, accept)

    expected = REFUSED_ANONYMOUS if actor == ANONYMOUS else {typename}
    assert result["__typename"] in expected, result
    assert await database_fingerprint(session_factory) == before


async def test_respond_to_co_funding_for_the_lead_or_an_uninvited_call_is_refused(
    client, session_factory, clock, world
):
    call = await _joint_draft(session_factory, clock, world)
    before = await database_fingerprint(session_factory)

    for_the_lead = await _respond(client, world, "manager_a", call, world.funder_a, False)
    uninvited = await _respond(client, world, "manager_b", world.draft_a, world.funder_b, True)

    assert for_the_lead["__typename"] == "InvalidInputError", for_the_lead
    assert uninvited["__typename"] == "NotFoundError", uninvited
    assert await database_fingerprint(session_factory) == before


@pytest.mark.parametrize("accept", [True, False])
async def test_respond_to_co_funding_allowed_to_the_invited_funders_managers(
    client, session_factory, clock, world, accept
):
    call = await _joint_draft(session_factory, clock, world)
    audit_before = await count_rows(session_factory, AuditEntry)

    result = await _respond(client, world, "manager_b", call, world.funder_b, accept)

    assert result["__typename"] == "CallPayload", result
    answer = CoFundingStatus.ACCEPTED if accept else CoFundingStatus.DECLINED
    statuses = {s["funder"]["code"]: s["status"] for s in result["call"]["funders"]}
    assert statuses == {world.funder_a.code: "ACCEPTED", world.funder_b.code: answer.value}
    async with read_session(session_factory) as session:
        row = (
            await session.exec(
                select(CallFunder).where(
                    col(CallFunder.call_id) == call.id,
                    col(CallFunder.funder_id) == world.funder_b.id,
                )
            )
        ).one()
    assert (row.consent, row.responded_by_user_id) == (answer, world.user("manager_b").id)
    assert await count_rows(session_factory, AuditEntry) == audit_before + 1


async def test_an_invited_funders_managers_read_the_draft_but_not_its_management(
    client, session_factory, clock, world
):
    call = await _joint_draft(session_factory, clock, world)
    query = "query($id: ID!) { call(id: $id) { reference funders { status } } }"
    publish = "mutation($id: ID!) { publishCall(id: $id) { __typename } }"

    read = await gql(client, query, {"id": gid("Call", call)}, headers=world.headers("manager_b"))
    published = await gql(
        client, publish, {"id": gid("Call", call)}, headers=world.headers("manager_b")
    )

    assert read["data"]["call"]["reference"] == call.reference
    assert sorted(s["status"] for s in read["data"]["call"]["funders"]) == [
        "ACCEPTED",
        "PENDING",
    ]
    assert published["data"]["publishCall"]["__typename"] == "PermissionDeniedError"
