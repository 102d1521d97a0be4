"""Publishing, extending and opening a call ask for its deadline jobs, after commit, with
deterministic ids; a job for an outdated deadline does nothing when it runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.calls import scheduling
from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from backend.core.errors import InvalidInput
from backend.core.jobs import RecordingJobQueue
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f
from tests.support.worlds import audit_actions, build_world, reload_call
from workers import calls as call_jobs

ADMIN = Actor(is_platform_admin=True)


@pytest.fixture
async def programme(session_factory, clock):
    funder = await f.make_funder(session_factory, clock.now())
    return funder, await f.make_programme(session_factory, clock.now(), funder)


async def _draft(session_factory, clock, programme, *, opens_at, deadline_at):
    funder, prog = programme
    return await f.make_call(
        session_factory,
        clock.now(),
        prog,
        funder,
        timeline=TimelineInput("Europe/Paris", opens_at, deadline_at),
    )


def _ms(instant: datetime) -> int:
    return int(instant.timestamp() * 1000)


async def test_publish_call_schedules_opening_and_closing_at_their_instants(
    session_factory, clock, programme
):
    # Arrange
    now = clock.now()
    opens_at, deadline = now + timedelta(days=2), datetime(2026, 4, 30, 21, 59, 59, tzinfo=UTC)
    call = await _draft(session_factory, clock, programme, opens_at=opens_at, deadline_at=deadline)
    queue = RecordingJobQueue()

    # Act
    async with unit_of_work(session_factory, jobs=queue) as uow:
        await lifecycle.publish_call(uow.session, actor=ADMIN, call_id=call.id, now=now)

    # Assert
    assert queue.jobs == [
        ("open_call", f"open-call:{call.id}:{_ms(opens_at)}", opens_at, {"call_id": str(call.id)}),
        (
            "close_call",
            f"close-call:{call.id}:{_ms(deadline)}",
            deadline,
            {"call_id": str(call.id)},
        ),
    ]
    assert all(defer.tzinfo is not None for _, _, defer, _ in queue.jobs)


async def test_publish_call_past_its_opening_asks_to_open_at_once(
    session_factory, clock, programme
):
    # Arrange
    now = clock.now()
    opens_at = now - timedelta(hours=1)
    call = await _draft(
        session_factory, clock, programme, opens_at=opens_at, deadline_at=now + timedelta(days=9)
    )
    queue = RecordingJobQueue()

    # Act
    async with unit_of_work(session_factory, jobs=queue) as uow:
        await lifecycle.publish_call(uow.session, actor=ADMIN, call_id=call.id, now=now)

    # Assert
    name, _, defer_until, _ = queue.jobs[0]
    assert (name, defer_until) == ("open_call", None)  # at once: arq stores no past instant


async def test_publish_call_refused_enqueues_nothing(session_factory, clock, programme):
    # Arrange
    now = clock.now()
    call = await _draft(
        session_factory,
        clock,
        programme,
        opens_at=now + timedelta(days=1),
        deadline_at=now + timedelta(days=2),
    )
    clock.advance(timedelta(days=3))
    queue = RecordingJobQueue()

    # Act
    with pytest.raises(InvalidInput):
        async with unit_of_work(session_factory, jobs=queue) as uow:
            await lifecycle.publish_call(uow.session, actor=ADMIN, call_id=call.id, now=clock.now())

    # Assert
    assert queue.jobs == []


async def test_extend_deadline_schedules_new_close_job_and_old_one_does_nothing(
    session_factory, clock, settings
):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=5))
    old_deadline = world.deadline
    new_deadline = old_deadline + timedelta(days=2, seconds=1)
    queue = RecordingJobQueue()

    # Act
    async with unit_of_work(session_factory, jobs=queue) as uow:
        call = await calls.extend_deadline(
            uow.session,
            actor=ADMIN,
            call_id=world.call.id,
            new_deadline=new_deadline,
            now=clock.now(),
        )
    clock.set(old_deadline)
    old_job_closed = await call_jobs.close_call(world.ctx(settings), call_id=str(call.id))
    status_after_old_job = (await reload_call(session_factory, call.id)).status
    clock.set(new_deadline)
    new_job_closed = await call_jobs.close_call(world.ctx(settings), call_id=str(call.id))

    # Assert
    assert queue.jobs == [
        (
            "close_call",
            f"close-call:{call.id}:{_ms(new_deadline)}",
            new_deadline,
            {"call_id": str(call.id)},
        )
    ]
    assert scheduling.close_job_id(call) != f"close-call:{call.id}:{_ms(old_deadline)}"
    assert old_job_closed is False
    assert status_after_old_job is CallStatus.OPEN
    assert new_job_closed is True
    closed = await reload_call(session_factory, call.id)
    assert (closed.status, closed.closed_at) == (CallStatus.CLOSED, new_deadline)
    assert (await audit_actions(session_factory, call.id)).count("call.closed") == 1


async def test_opening_job_opens_due_call_and_asks_for_its_closing_again(
    session_factory, clock, settings, programme
):
    # Arrange
    now = clock.now()
    call = await _draft(
        session_factory,
        clock,
        programme,
        opens_at=now + timedelta(days=1),
        deadline_at=now + timedelta(days=20),
    )
    published = RecordingJobQueue()
    async with unit_of_work(session_factory, jobs=published) as uow:
        call = await lifecycle.publish_call(uow.session, actor=ADMIN, call_id=call.id, now=now)
    reopened = RecordingJobQueue()
    ctx = {"session_factory": session_factory, "clock": clock, "jobs": reopened}

    # Act
    await call_jobs.open_call(ctx, call_id=str(call.id))
    too_early = (await reload_call(session_factory, call.id)).status
    clock.set(call.opens_at)
    await call_jobs.open_call(ctx, call_id=str(call.id))
    await call_jobs.open_call(ctx, call_id=str(call.id))

    # Assert
    assert too_early is CallStatus.PUBLISHED
    assert (await reload_call(session_factory, call.id)).status is CallStatus.OPEN
    assert (await audit_actions(session_factory, call.id)).count("call.open") == 1
    assert reopened.jobs == [published.jobs[1]]  # the same close job: arq dedupes it by id


def test_job_ids_and_defer_times_never_fall_before_the_instant():
    # Arrange
    whole = datetime(2026, 4, 30, 21, 59, 59, tzinfo=UTC)
    fractional = whole + timedelta(microseconds=1)

    # Act
    whole_ms, fractional_ms = scheduling.epoch_ms(whole), scheduling.epoch_ms(fractional)

    # Assert
    assert whole_ms == 1_777_586_399_000
    assert fractional_ms == whole_ms + 1
    assert scheduling.at_ms(whole) == whole
    assert scheduling.at_ms(fractional) == whole + timedelta(milliseconds=1)
    assert scheduling.at_ms(fractional) >= fractional
