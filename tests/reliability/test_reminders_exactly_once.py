"""Reminders exactly once: concurrent and repeated sweeps queue one notification per
(offset, candidacy, member); none after the deadline; none for submitted candidacies."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from backend.candidacies import reminders
from backend.core.db import unit_of_work
from tests.support.worlds import build_world, notifications
from workers import calls as call_jobs
from workers import candidacies as candidacy_jobs


async def _send(factory, now) -> int:
    async with unit_of_work(factory) as uow:
        return await reminders.send_due_reminders(uow.session, now=now)


async def test_reminders_from_concurrent_and_repeated_runs_are_queued_once(
    session_factory, clock, settings
):
    # Arrange
    world = await build_world(session_factory, clock, drafts=3, submitted=1, members=3)
    ctx = world.ctx(settings)
    expected = {
        reminders.dedupe_key(offset, c.id, u.id)
        for offset in (7, 1)
        for c, u in world.draft_members()
    }

    # Act
    queued = []
    for offset in (7, 1):
        clock.set(reminders.reminder_instant(world.call, offset))
        runs = await asyncio.wait_for(
            asyncio.gather(
                _send(session_factory, clock.now()),
                _send(session_factory, clock.now()),
                candidacy_jobs.send_due_reminders(ctx),
                call_jobs.sweep_deadlines(ctx),
            ),
            timeout=45,
        )
        queued.append(sum(r if isinstance(r, int) else r["reminders_queued"] for r in runs))
        for _ in range(3):  # retries and later sweeps
            queued.append(await _send(session_factory, clock.now() + timedelta(minutes=1)))

    # Assert
    members = len(world.draft_members())
    assert queued == [members, 0, 0, 0, members, 0, 0, 0]
    sent = await notifications(session_factory, "deadline_reminder")
    assert Counter(n.dedupe_key for n in sent) == Counter(expected)
    submitted_members = {u.id for u in world.applicants[-1].users}
    assert not submitted_members & {n.user_id for n in sent}


async def test_reminders_stop_at_the_deadline_even_for_concurrent_sweeps(
    session_factory, clock, settings
):
    # Arrange
    world = await build_world(session_factory, clock, drafts=2, submitted=0)
    clock.set(world.deadline)

    # Act
    runs = await asyncio.wait_for(
        asyncio.gather(*[call_jobs.sweep_deadlines(world.ctx(settings)) for _ in range(3)]),
        timeout=45,
    )

    # Assert
    assert [r["reminders_queued"] for r in runs] == [0, 0, 0]
    assert sum(r["closed"] for r in runs) == 1
    assert await notifications(session_factory, "deadline_reminder") == []
