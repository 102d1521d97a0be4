"""Several workers closing the same call at once: one OPEN -> CLOSED, one audit entry, drafts
NOT_SUBMITTED once, one summary per manager. Each task runs the real job in its own session
and transaction, as separate workers would (on SQLite, separate connections queuing on the
write lock; on PostgreSQL, on the call's row lock)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.candidacies import submission
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.queries import readable_candidacy_and_call
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from backend.core.errors import DomainError
from backend.lifecycle import calls as lifecycle
from tests.support.factories import applicant, open_call, prepare_candidacy
from tests.support.worlds import (
    audit_actions,
    audit_chain_problems,
    build_scenario,
    build_world,
    candidacies_of,
    notifications,
    reload_call,
)
from workers import calls as call_jobs

CLOSERS = 6
SWEEPERS = 2


async def test_close_call_by_many_workers_at_once_closes_exactly_once(
    session_factory, clock, settings
):
    # Arrange
    world = await build_world(session_factory, clock, drafts=3, submitted=2)
    clock.set(world.deadline + timedelta(milliseconds=3))
    ctx = world.ctx(settings)

    # Act
    results = await asyncio.wait_for(
        asyncio.gather(
            *[call_jobs.close_call(ctx, call_id=str(world.call.id)) for _ in range(CLOSERS)],
            *[call_jobs.sweep_deadlines(ctx) for _ in range(SWEEPERS)],
        ),
        timeout=45,
    )

    # Assert
    closes, sweeps = results[:CLOSERS], results[CLOSERS:]
    assert sum(closes) + sum(s["closed"] for s in sweeps) == 1
    call = await reload_call(session_factory, world.call.id)
    assert (call.status, call.closed_at) == (CallStatus.CLOSED, clock.now())
    actions = await audit_actions(session_factory, world.call.id)
    assert actions.count("call.closed") == 1
    assert actions.count("candidacies.not_submitted") == 1
    statuses = {c.id: c.status for c in await candidacies_of(session_factory, world.call.id)}
    assert [statuses[c.id] for c in world.drafts] == [CandidacyStatus.NOT_SUBMITTED] * 3
    assert [statuses[c.id] for c in world.submitted] == [CandidacyStatus.SUBMITTED] * 2
    summaries = await notifications(session_factory, "call_closed_summary")
    assert sorted(n.user_id for n in summaries) == sorted(m.id for m in world.managers)
    assert {(n.context["submitted_count"], n.context["drafts_left_count"]) for n in summaries} == {
        (2, 3)
    }
    assert await audit_chain_problems(session_factory) == []


async def test_close_call_racing_an_extension_never_closes_before_the_new_deadline(
    session_factory, clock, settings
):
    """The old deadline's job and the manager's extension race: whichever commits first, the
    call is either closed at the old deadline (the extension then refused) or still open."""
    # Arrange
    world = await build_world(session_factory, clock, drafts=1, submitted=0)
    clock.set(world.deadline)
    new_deadline = world.deadline + timedelta(days=1)

    async def extend() -> bool:
        try:
            async with unit_of_work(session_factory) as uow:
                await calls.extend_deadline(
                    uow.session,
                    actor=Actor(is_platform_admin=True),
                    call_id=world.call.id,
                    new_deadline=new_deadline,
                    now=clock.now(),
                )
        except DomainError:
            return False
        return True

    # Act
    closed, extended = await asyncio.wait_for(
        asyncio.gather(
            call_jobs.close_call(world.ctx(settings), call_id=str(world.call.id)), extend()
        ),
        timeout=30,
    )

    # Assert
    call = await reload_call(session_factory, world.call.id)
    assert closed != extended
    if closed:
        assert (call.status, call.deadline_at) == (CallStatus.CLOSED, world.deadline)
    else:
        assert (call.status, call.deadline_at) == (CallStatus.OPEN, new_deadline)


async def test_closing_while_the_calls_first_submission_is_in_flight_never_deadlocks(
    session_factory, clock
):
    """The first submission to a call creates the call's reference counter, whose foreign key
    makes PostgreSQL take FOR KEY SHARE on the call; closing holds the call locked while it
    waits for the drafts, that submission's candidacy among them. Neither may wait for the
    other."""
    # Arrange: an OPEN call without any submission yet, one complete draft.
    now = clock.now()
    base = await build_scenario(session_factory, now)
    actor = applicant(base.users["applicant_x"].user, base.org_x)
    async with unit_of_work(session_factory) as uow:
        call = await open_call(
            uow.session, now, base.programme_a, base.funder_a,
            deadline_at=now + timedelta(minutes=1),
        )  # fmt: skip
        draft = await prepare_candidacy(uow.session, now, actor, call, base.org_x)
    candidacy_locked = asyncio.Event()

    async def submit() -> str:
        async with unit_of_work(session_factory) as uow:
            await readable_candidacy_and_call(uow.session, actor, draft.id, lock=True)
            candidacy_locked.set()
            await asyncio.sleep(0.5)  # closing now holds the call and waits for this row
            receipt = await submission.submit_candidacy(
                uow.session, actor=actor, candidacy_id=draft.id, now=now
            )
        return receipt.reference

    async def close() -> object:
        await candidacy_locked.wait()
        async with unit_of_work(session_factory) as uow:
            return await lifecycle.close_call(
                uow.session, call_id=call.id, now=now + timedelta(minutes=1)
            )

    # Act
    reference, report = await asyncio.wait_for(asyncio.gather(submit(), close()), timeout=30)

    # Assert: both went through, in that order.
    assert reference == f"{call.reference}-0001"
    assert report is not None
    call_after = await reload_call(session_factory, call.id)
    assert call_after.status is CallStatus.CLOSED
    statuses = {c.id: c.status for c in await candidacies_of(session_factory, call.id)}
    assert statuses == {draft.id: CandidacyStatus.SUBMITTED}
