"""Worlds restored from rows are the worlds the services built (``tests.support.worlds``)."""

from __future__ import annotations

from datetime import timedelta

from backend.core.clock import FrozenClock
from tests.conftest import _empty_tables
from tests.support import worlds
from tests.support.worlds import build_candidacy_scenario, build_world, database_fingerprint


async def test_a_restored_candidacy_scenario_is_the_built_one_row_for_row(session_factory, clock):
    # Arrange: a ``now`` no other test uses, so this run builds it through the services
    now = clock.now() + timedelta(microseconds=7)
    built = await build_candidacy_scenario(session_factory, now)
    rows = await database_fingerprint(session_factory)
    await _empty_tables(session_factory.kw["bind"])

    # Act
    restored = await build_candidacy_scenario(session_factory, now)

    # Assert
    assert await database_fingerprint(session_factory) == rows
    assert restored is not built
    assert restored.base.users["admin"].token == built.base.users["admin"].token
    assert restored.candidacy("x_a") == built.candidacy("x_a")


async def test_a_restored_deadline_world_holds_the_callers_factory_and_clock(
    session_factory, clock
):
    first_clock = FrozenClock(clock.now() + timedelta(microseconds=11))
    built = await build_world(session_factory, first_clock, drafts=1, submitted=1)
    rows = await database_fingerprint(session_factory)
    await _empty_tables(session_factory.kw["bind"])
    second_clock = FrozenClock(first_clock.now())

    restored = await build_world(session_factory, second_clock, drafts=1, submitted=1)

    assert await database_fingerprint(session_factory) == rows
    assert restored.clock is second_clock
    assert restored.factory is session_factory
    assert [c.id for c in restored.submitted] == [c.id for c in built.submitted]


async def test_a_world_asked_for_in_a_database_in_use_is_built_afresh(session_factory, clock):
    now = clock.now() + timedelta(microseconds=13)
    first = await worlds.build_scenario(session_factory, now)

    second = await worlds.build_scenario(session_factory, now)

    assert second.org_x.id != first.org_x.id
