"""A call's life has one home: every allowed step has its function in ``backend.lifecycle``,
no other code writes a call's status, and closing settles the drafts whichever public path
reaches it (the deadline job, the sweep, a manager, the lifecycle's own steps)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest

from backend.calls.enums import ALLOWED_TRANSITIONS, CallStatus
from backend.calls.inputs import TimelineInput
from backend.candidacies.enums import CandidacyStatus
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from backend.core.errors import InvalidInput
from backend.core.settings import PROJECT_ROOT, Settings
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f
from tests.support.worlds import (
    DeadlineWorld,
    audit_actions,
    build_world,
    candidacies_of,
    notifications,
    reload_call,
)
from workers import calls as call_jobs

ALLOWED = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}
STATUS_WRITE = re.compile(r"\.status\s*=\s*CallStatus\b|update\(\s*Call\s*\)")


def test_every_allowed_transition_has_a_lifecycle_function():
    # Arrange
    steps = [*lifecycle.BY_MANAGER.values(), *lifecycle.BY_SCHEDULER.values()]

    # Assert
    assert set(lifecycle.BY_MANAGER) == ALLOWED
    assert set(lifecycle.BY_SCHEDULER) <= ALLOWED
    for step in steps:
        assert step.__module__.startswith("backend.lifecycle."), step
        assert inspect.iscoroutinefunction(step), step


def test_no_code_but_the_status_write_sets_a_calls_status():
    # Arrange
    sources = [
        path
        for package in ("backend", "graphql_schema", "workers")
        for path in (PROJECT_ROOT / package).rglob("*.py")
        if path != PROJECT_ROOT / "backend" / "calls" / "status.py"
    ]

    # Act
    writers = [str(p.relative_to(PROJECT_ROOT)) for p in sources if _writes_status(p)]

    # Assert
    assert len(sources) > 50
    assert writers == []


def _writes_status(path: Path) -> bool:
    return STATUS_WRITE.search(path.read_text(encoding="utf-8")) is not None


def _manager(world: DeadlineWorld) -> Actor:
    return Actor(user_id=world.managers[0].id, managed_funder_ids=frozenset({world.funder.id}))


async def _by_the_deadline_job(world: DeadlineWorld, settings: Settings) -> None:
    await call_jobs.close_call(world.ctx(settings), call_id=str(world.call.id))


async def _by_the_sweep(world: DeadlineWorld, settings: Settings) -> None:
    await call_jobs.sweep_deadlines(world.ctx(settings))


async def _by_the_lifecycle_step(world: DeadlineWorld, settings: Settings) -> None:
    async with unit_of_work(world.factory) as uow:
        await lifecycle.close_call(uow.session, call_id=world.call.id, now=world.now)


async def _by_hand(world: DeadlineWorld, settings: Settings) -> None:
    async with unit_of_work(world.factory) as uow:
        await lifecycle.close_call_by_hand(
            uow.session, actor=_manager(world), call_id=world.call.id, now=world.now
        )


async def _by_a_managers_transition(world: DeadlineWorld, settings: Settings) -> None:
    async with unit_of_work(world.factory) as uow:
        await lifecycle.move_call(
            uow.session,
            actor=_manager(world),
            call_id=world.call.id,
            to=CallStatus.CLOSED,
            now=world.now,
        )


CLOSING_PATHS: list[Callable[[DeadlineWorld, Settings], Awaitable[None]]] = [
    _by_the_deadline_job,
    _by_the_sweep,
    _by_the_lifecycle_step,
    _by_hand,
    _by_a_managers_transition,
]


@pytest.mark.parametrize("close", CLOSING_PATHS, ids=lambda c: c.__name__.lstrip("_"))
async def test_closing_by_any_path_settles_the_drafts(session_factory, clock, settings, close):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=3))
    clock.set(world.deadline)

    # Act
    await close(world, settings)

    # Assert
    call = await reload_call(session_factory, world.call.id)
    assert (call.status, call.closed_at) == (CallStatus.CLOSED, world.deadline)
    statuses = {c.id: c.status for c in await candidacies_of(session_factory, world.call.id)}
    assert {statuses[c.id] for c in world.drafts} == {CandidacyStatus.NOT_SUBMITTED}
    assert {statuses[c.id] for c in world.submitted} == {CandidacyStatus.SUBMITTED}
    actions = await audit_actions(session_factory, world.call.id)
    assert (actions.count("call.closed"), actions.count("candidacies.not_submitted")) == (1, 1)
    assert len(await notifications(session_factory, "call_closed_summary")) == 2


async def test_a_manager_closes_a_call_stored_published_only_at_its_deadline(
    session_factory, clock
):
    # Arrange: its opening job never ran; it has been OPEN by the clock
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    timeline = TimelineInput("Europe/Paris", now + timedelta(hours=1), now + timedelta(days=2))
    call = await f.make_call(
        session_factory, now, programme, funder, status=CallStatus.PUBLISHED, timeline=timeline
    )
    admin = Actor(is_platform_admin=True)

    async def close() -> None:
        async with unit_of_work(session_factory) as uow:
            await lifecycle.move_call(
                uow.session, actor=admin, call_id=call.id, to=CallStatus.CLOSED, now=clock.now()
            )

    # Act
    clock.set(call.deadline_at - timedelta(seconds=1))
    with pytest.raises(InvalidInput) as early:
        await close()
    clock.set(call.deadline_at)
    await close()

    # Assert
    assert early.value.problems[0].code == "BEFORE_DEADLINE"
    assert (await reload_call(session_factory, call.id)).status is CallStatus.CLOSED
    actions = await audit_actions(session_factory, call.id)
    assert actions[-2:] == ["call.open", "call.closed"]
