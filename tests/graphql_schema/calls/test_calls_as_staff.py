"""``calls(filter: {asStaff})``: the calls an actor works on as staff (funded by a funder they
manage or view for: the calls whose candidacies they read), or the others they may read. The
managers' screens offer the first (the candidacies' call filter); nobody gains a call by it.
"""

from __future__ import annotations

import pytest

from tests.support.gql import gql
from tests.support.worlds import ANONYMOUS, Scenario, build_scenario

CALLS = """query($asStaff: Boolean) {
  calls(first: 50, filter: {asStaff: $asStaff}) { totalCount edges { node { reference } } } }"""

# Scenario's calls: a DRAFT of funder A, a DRAFT of funder B, a PUBLISHED call of A.
EXPECTED = {
    "admin": ({"draft_a", "draft_b", "published_a"}, set()),
    "manager_a": ({"draft_a", "published_a"}, set()),
    "viewer_a": ({"draft_a", "published_a"}, set()),
    "manager_b": ({"draft_b"}, {"published_a"}),
    "applicant_x": (set(), {"published_a"}),
    ANONYMOUS: (set(), {"published_a"}),
}


@pytest.fixture
async def world(session_factory, clock) -> Scenario:
    return await build_scenario(session_factory, clock.now())


async def _listed(client, world: Scenario, actor: str, as_staff: bool | None) -> set[str]:
    body = await gql(client, CALLS, {"asStaff": as_staff}, headers=world.headers(actor))
    connection = body["data"]["calls"]
    references = {edge["node"]["reference"] for edge in connection["edges"]}
    assert connection["totalCount"] == len(references)
    names = {world.call(name).reference: name for name in ("draft_a", "draft_b", "published_a")}
    return {names.get(reference, reference) for reference in references}


@pytest.mark.parametrize("actor", EXPECTED)
async def test_as_staff_splits_the_calls_an_actor_reads_without_adding_any(client, world, actor):
    staffed, others = EXPECTED[actor]

    everything = await _listed(client, world, actor, None)
    as_staff = await _listed(client, world, actor, True)
    not_as_staff = await _listed(client, world, actor, False)

    assert (as_staff, not_as_staff) == (staffed, others)
    assert as_staff | not_as_staff == everything
