"""The call jobs: closing at the deadline to the second, quietly doing nothing when there is
nothing to do, and the every-minute sweep that catches up lost jobs."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from backend.calls import scheduling
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.candidacies import management
from backend.candidacies.enums import CandidacyStatus
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from backend.core.jobs import RecordingJobQueue
from tests.support import factories as f
from tests.support.worlds import (
    audit_actions,
    build_world,
    candidacies_of,
    notifications,
    reload_call,
)
from workers import calls as call_jobs

ADMIN = Actor(is_platform_admin=True)


async def test_close_call_job_for_missing_call_returns_quietly(session_factory, clock, settings):
    # Arrange
    ctx = {"session_factory": session_factory, "clock": clock, "settings": settings}

    # Act
    closed = await call_jobs.close_call(ctx, call_id=str(uuid.uuid4()))

    # Assert
    assert closed is False


async def test_close_call_job_closes_at_the_deadline_to_the_second(
    session_factory, clock, settings
):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=3))
    ctx = world.ctx(settings)
    clock.set(world.deadline - timedelta(seconds=1))

    # Act
    one_second_early = await call_jobs.close_call(ctx, call_id=str(world.call.id))
    clock.set(world.deadline)
    on_time = await call_jobs.close_call(ctx, call_id=str(world.call.id))
    again = await call_jobs.close_call(ctx, call_id=str(world.call.id))

    # Assert
    assert (one_second_early, on_time, again) == (False, True, False)
    call = await reload_call(session_factory, world.call.id)
    assert (call.status, call.closed_at) == (CallStatus.CLOSED, world.deadline)
    statuses = {c.id: c.status for c in await candidacies_of(session_factory, world.call.id)}
    assert {statuses[c.id] for c in world.drafts} == {CandidacyStatus.NOT_SUBMITTED}
    assert {statuses[c.id] for c in world.submitted} == {CandidacyStatus.SUBMITTED}
    actions = await audit_actions(session_factory, world.call.id)
    assert (actions.count("call.closed"), actions.count("candidacies.not_submitted")) == (1, 1)


async def test_close_call_job_sends_each_manager_one_summary_in_their_language(
    session_factory, clock, settings
):
    # Arrange
    world = await build_world(session_factory, clock, drafts=2, submitted=1)
    clock.set(world.deadline)

    # Act
    await call_jobs.close_call(world.ctx(settings), call_id=str(world.call.id))
    await call_jobs.close_call(world.ctx(settings), call_id=str(world.call.id))

    # Assert
    summaries = await notifications(session_factory, "call_closed_summary")
    assert sorted(n.user_id for n in summaries) == sorted(m.id for m in world.managers)
    contexts = {n.language.value: n.context for n in summaries}
    assert contexts["fr"] == {
        "call_title": "Études d'impact de l'IA",
        "submitted_count": 1,
        "drafts_left_count": 2,
    }
    assert contexts["en"]["call_title"] == "AI impact studies"


async def test_sweep_opens_closes_expires_and_reminds(session_factory, clock, settings):
    # Arrange
    now = clock.now()
    overdue = await build_world(
        session_factory, clock, deadline_in=timedelta(hours=1), drafts=1, submitted=0
    )
    extended = await build_world(
        session_factory, clock, deadline_in=timedelta(hours=2), drafts=1, submitted=0
    )
    async with unit_of_work(session_factory) as uow:
        await management.grant_extension(
            uow.session,
            actor=ADMIN,
            candidacy_id=extended.drafts[0].id,
            until=now + timedelta(hours=3),
            now=now,
        )
    reminded = await build_world(
        session_factory, clock, deadline_in=timedelta(days=1, hours=1), drafts=1, submitted=0
    )
    upcoming = await build_world(session_factory, clock, deadline_in=timedelta(days=30), drafts=0)
    ctx = overdue.ctx(settings, RecordingJobQueue())

    # Act
    clock.set(now + timedelta(hours=2, minutes=30))
    after_deadlines = await call_jobs.sweep_deadlines(ctx)
    clock.set(now + timedelta(hours=4))
    after_extension = await call_jobs.sweep_deadlines(ctx)
    again = await call_jobs.sweep_deadlines(ctx)

    # Assert
    assert after_deadlines == {
        "opened": 0, "closed": 2, "rescheduled": 0, "drafts_expired": 0, "reminders_queued": 2
    }  # fmt: skip
    assert after_extension == {
        "opened": 0, "closed": 0, "rescheduled": 0, "drafts_expired": 1, "reminders_queued": 0
    }  # fmt: skip
    assert again == {
        "opened": 0, "closed": 0, "rescheduled": 0, "drafts_expired": 0, "reminders_queued": 0
    }  # fmt: skip
    for world in (overdue, extended):
        assert (await reload_call(session_factory, world.call.id)).status is CallStatus.CLOSED
        [draft] = await candidacies_of(session_factory, world.call.id)
        assert draft.status is CandidacyStatus.NOT_SUBMITTED
    assert (await reload_call(session_factory, reminded.call.id)).status is CallStatus.OPEN
    assert (await reload_call(session_factory, upcoming.call.id)).status is CallStatus.OPEN
    reminders = await notifications(session_factory, "deadline_reminder")
    assert sorted(n.user_id for n in reminders) == sorted(u.id for _, u in reminded.draft_members())


async def test_sweep_opens_a_call_whose_opening_job_was_lost(session_factory, clock, settings):
    # Arrange
    world = await build_world(session_factory, clock, drafts=0, submitted=0)
    now = clock.now()
    later = await f.make_call(
        session_factory,
        now,
        world.programme,
        world.funder,
        status=CallStatus.PUBLISHED,
        timeline=TimelineInput("Europe/Paris", now + timedelta(hours=1), now + timedelta(days=9)),
    )
    clock.advance(timedelta(hours=1))
    jobs = RecordingJobQueue()

    # Act
    done = await call_jobs.sweep_deadlines(world.ctx(settings, jobs))

    # Assert
    assert done["opened"] == 1
    assert (await reload_call(session_factory, later.id)).status is CallStatus.OPEN
    assert [(name, job_id) for name, job_id, _, _ in jobs.jobs] == [
        ("close_call", f"close-call:{later.id}:{int(later.deadline_at.timestamp() * 1000)}")
    ]


async def test_sweep_asks_again_for_the_deadline_jobs_of_the_next_hour(
    session_factory, clock, settings
):
    # Arrange: Redis lost every job; one call closes in 30 minutes, one opens in 40, one
    # closes tomorrow.
    soon = await build_world(
        session_factory, clock, deadline_in=timedelta(minutes=30), drafts=0, submitted=0
    )
    now = clock.now()
    opening = await f.make_call(
        session_factory,
        now,
        soon.programme,
        soon.funder,
        status=CallStatus.PUBLISHED,
        timeline=TimelineInput("Europe/Paris", now + timedelta(minutes=40), now + timedelta(9)),
    )
    await build_world(session_factory, clock, deadline_in=timedelta(days=1), drafts=0, submitted=0)
    jobs = RecordingJobQueue()

    # Act
    done = await call_jobs.sweep_deadlines(soon.ctx(settings, jobs))

    # Assert: the jobs of the next hour, at their instants, under their usual ids.
    assert done["rescheduled"] == 2
    assert sorted((name, job_id, at) for name, job_id, at, _ in jobs.jobs) == sorted(
        [
            ("close_call", scheduling.close_job_id(soon.call), scheduling.at_ms(soon.deadline)),
            ("open_call", scheduling.open_job_id(opening), scheduling.at_ms(opening.opens_at)),
            ("close_call", scheduling.close_job_id(opening), scheduling.at_ms(opening.deadline_at)),
        ]
    )


async def test_sweep_runs_every_step_even_when_one_fails(
    session_factory, clock, settings, monkeypatch
):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(hours=1), drafts=1)
    clock.advance(timedelta(hours=2))

    async def broken(_ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(call_jobs, "SWEEP_STEPS", (("broken", broken), *call_jobs.SWEEP_STEPS))

    # Act
    with pytest.raises(call_jobs.SweepIncomplete, match="broken"):
        await call_jobs.sweep_deadlines(world.ctx(settings))

    # Assert
    assert (await reload_call(session_factory, world.call.id)).status is CallStatus.CLOSED
