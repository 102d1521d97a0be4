"""``transitionCall`` runs the lifecycle's step: closing through the API settles the drafts
exactly as the deadline job does, and never before the deadline."""

from __future__ import annotations

from datetime import timedelta

from strawberry.relay import GlobalID

from backend.calls.enums import CallStatus
from backend.candidacies.enums import CandidacyStatus
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import audit_actions, build_world, candidacies_of, reload_call

TRANSITION = """
mutation($id: ID!, $to: CallStatus!) {
  transitionCall(id: $id, to: $to) {
    __typename
    ... on CallPayload { call { status } }
    ... on InvalidInputError { fieldErrors { field code } }
    ... on Error { code message }
  }
}"""


async def test_transition_call_to_closed_settles_the_drafts_from_the_deadline(
    client, session_factory, clock
):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=3))
    clock.set(world.deadline - timedelta(seconds=1))
    manager = await f.sign_in(session_factory, clock.now(), world.managers[0])
    variables = {"id": str(GlobalID("Call", str(world.call.id))), "to": "CLOSED"}

    # Act
    early = await gql(client, TRANSITION, variables, headers=manager.headers)
    clock.set(world.deadline)
    on_time = await gql(client, TRANSITION, variables, headers=manager.headers)

    # Assert
    assert early["data"]["transitionCall"]["fieldErrors"] == [
        {"field": "to", "code": "BEFORE_DEADLINE"}
    ]
    assert on_time["data"]["transitionCall"] == {
        "__typename": "CallPayload",
        "call": {"status": "CLOSED"},
    }
    call = await reload_call(session_factory, world.call.id)
    assert (call.status, call.closed_at) == (CallStatus.CLOSED, world.deadline)
    statuses = {c.id: c.status for c in await candidacies_of(session_factory, world.call.id)}
    assert {statuses[c.id] for c in world.drafts} == {CandidacyStatus.NOT_SUBMITTED}
    assert {statuses[c.id] for c in world.submitted} == {CandidacyStatus.SUBMITTED}
    actions = await audit_actions(session_factory, world.call.id)
    assert (actions.count("call.closed"), actions.count("candidacies.not_submitted")) == (1, 1)
