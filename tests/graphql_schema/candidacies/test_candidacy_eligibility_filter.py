"""The candidacies list filtered on the eligibility screening's decision.

Managers screen a closed call's candidacies and want the ones still to screen, or those found
(in)eligible, with the counts by status under the same filter: the filter applies in the list's
SQL, so ``totalCount`` (the counts) follows it, the actor's scope still applies, and it adds no
statement. A value the screening does not record is refused before anything runs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlmodel import col

from backend.candidacies.enums import EligibilityDecision
from backend.candidacies.models import Candidacy
from backend.core.db import unit_of_work
from tests.graphql_schema.candidacies.test_candidacy_authorization import (
    CANDIDACY_NAMES,
    READABLE,
    cid,
    listed,
)
from tests.graphql_schema.candidacies.test_candidacy_query_counts import (
    CANDIDACIES,
    Seeder,
    assert_same_cost,
    counted_request,
)
from tests.support.gql import gql
from tests.support.worlds import (
    CANDIDACY_ACTORS,
    CandidacyScenario,
    build_candidacy_scenario,
    gid,
)

# As the screening leaves them: x_b found eligible, x_closed ineligible, the drafts unscreened.
DECISIONS = {
    "x_a": EligibilityDecision.PENDING,
    "x_b": EligibilityDecision.ELIGIBLE,
    "y_a": EligibilityDecision.PENDING,
    "x_closed": EligibilityDecision.INELIGIBLE,
}
# Each filter, and the candidacies it matches before the actor's scope applies.
FILTERS: dict[str, tuple[Callable[[CandidacyScenario], dict], set[str]]] = {
    "not screened": (lambda w: {"eligibility": "PENDING"}, {"x_a", "y_a"}),
    "eligible": (lambda w: {"eligibility": "ELIGIBLE"}, {"x_b"}),
    "ineligible": (lambda w: {"eligibility": "INELIGIBLE"}, {"x_closed"}),
    "eligible, submitted": (
        lambda w: {"eligibility": "ELIGIBLE", "status": "SUBMITTED"},
        {"x_b"},
    ),
    "not screened, submitted": (
        lambda w: {"eligibility": "PENDING", "status": "SUBMITTED"},
        set(),
    ),
    "not screened, call open_a": (
        lambda w: {"eligibility": "PENDING", "callId": gid("Call", w.open_a)},
        {"x_a", "y_a"},
    ),
    "ineligible, call closed_a, lead X": (
        lambda w: {
            "eligibility": "INELIGIBLE",
            "callId": gid("Call", w.closed_a),
            "organisationId": gid("Organisation", w.organisation("org_x")),
        },
        {"x_closed"},
    ),
    "ineligible, call open_a": (
        lambda w: {"eligibility": "INELIGIBLE", "callId": gid("Call", w.open_a)},
        set(),
    ),
}


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    world = await build_candidacy_scenario(session_factory, clock.now())
    async with unit_of_work(session_factory) as uow:
        for name, decision in DECISIONS.items():
            await uow.session.exec(
                sa.update(Candidacy)
                .where(col(Candidacy.id) == world.candidacy(name).id)
                .values(eligibility=decision)
            )
    return world


def test_the_decisions_name_every_candidacy():
    assert DECISIONS.keys() == set(CANDIDACY_NAMES)
    assert set(DECISIONS.values()) == set(EligibilityDecision)


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_candidacies_filtered_on_eligibility_are_the_matching_readable_ones(
    client, world, actor
):
    by_id = {cid(world, name): name for name in CANDIDACY_NAMES}

    for label, (flt, matching) in FILTERS.items():
        for first in (None, 1):
            ids = await listed(client, world, actor, flt(world), first)

            assert {by_id[i] for i in ids} == READABLE[actor] & matching, (label, first)


@pytest.mark.parametrize(
    "value", ["MAYBE", "eligible", "", "NOT_SCREENED", 1, ["ELIGIBLE", "INELIGIBLE"]]
)
async def test_an_eligibility_the_screening_does_not_record_is_refused(client, world, value):
    """The filter is typed with the screening's enum: GraphQL refuses any other value before a
    resolver runs (as it does for ``status``), naming the enum, and answers no data."""
    query = "query($f: CandidacyFilter) { candidacies(filter: $f) { totalCount } }"

    body = await gql(
        client, query, {"f": {"eligibility": value}}, headers=world.headers("admin"),
        expect_errors=True,
    )  # fmt: skip

    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"].startswith("Variable '$f' has invalid value at .eligibility")
    assert "'EligibilityDecision'" in error["message"]


async def test_an_eligibility_literal_the_screening_does_not_record_is_refused(client, world):
    query = "{ candidacies(filter: {eligibility: MAYBE}) { totalCount } }"

    body = await gql(client, query, headers=world.headers("admin"), expect_errors=True)

    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"] == "Value 'MAYBE' does not exist in 'EligibilityDecision' enum."


FILTERED = CANDIDACIES.replace("candidacies(first: 50)", "candidacies(first: 50, filter: $f)")
FILTERED = FILTERED.replace("query {", "query($f: CandidacyFilter) {", 1)


@pytest.mark.parametrize("who", ["applicant", "manager"])
async def test_the_eligibility_filter_costs_no_statement_and_the_same_for_1_and_20(
    client, session_factory, clock, count_queries, who
):
    seeder = Seeder(session_factory, clock.now())
    await seeder.start()
    headers = getattr(seeder, who).headers
    eligible = {"f": {"eligibility": "ELIGIBLE"}}

    await seeder.seed(1)
    await _screen_all(session_factory, EligibilityDecision.ELIGIBLE)
    unfiltered, _ = await counted_request(client, count_queries, FILTERED, {"f": None}, headers)
    one, data = await counted_request(client, count_queries, FILTERED, eligible, headers)
    assert len(data["candidacies"]["edges"]) == 1
    await seeder.seed(19)
    await _screen_all(session_factory, EligibilityDecision.ELIGIBLE)
    twenty, data = await counted_request(client, count_queries, FILTERED, eligible, headers)

    assert data["candidacies"]["totalCount"] == len(data["candidacies"]["edges"]) == 20
    assert_same_cost(unfiltered, one)
    assert_same_cost(one, twenty)
    _, none = await counted_request(
        client, count_queries, FILTERED, {"f": {"eligibility": "INELIGIBLE"}}, headers
    )
    assert none["candidacies"] == {"totalCount": 0, "edges": []}


async def _screen_all(session_factory, decision: EligibilityDecision) -> None:
    async with unit_of_work(session_factory) as uow:
        await uow.session.exec(sa.update(Candidacy).values(eligibility=decision))
