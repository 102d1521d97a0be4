"""A problem with one of the call's bounds gives the bound: how many partners from which
country, how many partners, how many months. A front-end then says what to reach in the
reader's language ("at least 1 partner from France"), not only that a rule is broken; the
same in ``submissionCheck`` and in a refused ``submitCandidacy``.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import col

from backend.calls.models import Call
from backend.candidacies.models import Candidacy
from backend.core.db import unit_of_work
from tests.graphql_schema.candidacies.test_partner_problems import of, problems
from tests.support.worlds import build_candidacy_scenario

PROBLEM_KEYS = ("code", "field", "country", "minimum", "maximum")


async def _call_asks(session_factory, world, **rules) -> None:
    async with unit_of_work(session_factory) as uow:
        call = await uow.session.get(Call, world.open_a.id)
        assert call is not None
        call.eligibility = {**call.eligibility, **rules}
        uow.session.add(call)


async def _last_for_months(session_factory, world, months: int | None) -> None:
    async with unit_of_work(session_factory) as uow:
        await uow.session.exec(
            sa.update(Candidacy)
            .where(col(Candidacy.id) == world.candidacy("x_a").id)
            .values(duration_months=months)
        )


def bounds(found, code: str) -> list[dict]:
    return [{k: p[k] for k in PROBLEM_KEYS} for p in of(found, code)]


async def test_the_bounds_a_consortium_misses_come_with_their_problems(
    client, session_factory, clock
):
    # Arrange: x_a's consortium has two partners, both German, and lasts 48 months.
    world = await build_candidacy_scenario(session_factory, clock.now())
    await _call_asks(
        session_factory, world,
        required_partner_countries=[{"country": "FR", "min_partners": 1}],
        min_partners=3, max_partners=5, min_duration_months=12, max_duration_months=36,
    )  # fmt: skip
    await _last_for_months(session_factory, world, 48)

    # Act
    found = await problems(client, world, "applicant_x", "x_a", with_bounds=True)

    # Assert
    assert bounds(found, "PARTNER_COUNTRY") == [
        {"code": "PARTNER_COUNTRY", "field": "partners", "country": "FR", "minimum": 1,
         "maximum": None},
    ]  # fmt: skip
    assert bounds(found, "PARTNER_COUNT") == [
        {"code": "PARTNER_COUNT", "field": "partners", "country": None, "minimum": 3,
         "maximum": 5},
    ]  # fmt: skip
    assert bounds(found, "DURATION") == [
        {"code": "DURATION", "field": "durationMonths", "country": None, "minimum": 12,
         "maximum": 36},
    ]  # fmt: skip


async def test_a_one_sided_bound_leaves_the_other_null(client, session_factory, clock):
    # Arrange: at most one partner, at least 60 months.
    world = await build_candidacy_scenario(session_factory, clock.now())
    await _call_asks(session_factory, world, max_partners=1, min_duration_months=60)
    await _last_for_months(session_factory, world, 24)

    # Act
    found = await problems(client, world, "applicant_x", "x_a", with_bounds=True)

    # Assert
    assert [(p["minimum"], p["maximum"]) for p in of(found, "PARTNER_COUNT")] == [(None, 1)]
    assert [(p["minimum"], p["maximum"]) for p in of(found, "DURATION")] == [(60, None)]
    others = [p for p in found if p["code"] not in {"PARTNER_COUNT", "DURATION"}]
    assert all(p["country"] is p["minimum"] is p["maximum"] is None for p in others)
