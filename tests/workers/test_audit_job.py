"""The seal_audit job: seals what services recorded, batch after batch, once; the worker runs
it by name."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import col, select

from backend.core import audit
from backend.core.audit import AuditEntry
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from tests.support.audit import sealed_chain
from tests.support.factories import make_funder
from tests.support.queues import open_test_queue, run_burst
from workers import audit as job


def _ctx(settings, session_factory, clock) -> dict:
    return {"settings": settings, "session_factory": session_factory, "clock": clock}


async def _seqs(session_factory) -> list[int | None]:
    async with session_factory() as session:
        stmt = select(AuditEntry.seq).order_by(col(AuditEntry.occurred_at), col(AuditEntry.id))
        return list((await session.exec(stmt)).all())


async def _record(session_factory, now, count: int) -> None:
    async with unit_of_work(session_factory) as uow:
        for i in range(count):
            await audit.record(
                uow.session,
                actor=Actor(),
                action="t.done",
                object_type="t",
                object_id=str(i),
                now=now,
            )


async def test_seal_audit_seals_pending_entries_then_finds_nothing(
    settings, session_factory, clock
):
    # Arrange
    for _ in range(3):
        await make_funder(session_factory, clock.now())
    ctx = _ctx(settings, session_factory, clock)

    # Act
    first = await job.seal_audit(ctx)
    second = await job.seal_audit(ctx)

    # Assert
    assert (first, second) == (3, 0)
    assert await _seqs(session_factory) == [1, 2, 3]
    assert await sealed_chain(session_factory, now=clock.now()) == []


async def test_seal_audit_drains_full_batches_up_to_its_cap(
    settings, session_factory, clock, monkeypatch: pytest.MonkeyPatch
):
    # Arrange: batches of 2, at most 3 per run; 7 entries pending.
    monkeypatch.setattr(job, "SEAL_BATCH", 2)
    monkeypatch.setattr(job, "MAX_BATCHES", 3)
    await _record(session_factory, clock.now(), 7)
    ctx = _ctx(settings, session_factory, clock)

    # Act
    first = await job.seal_audit(ctx)
    second = await job.seal_audit(ctx)

    # Assert
    assert (first, second) == (6, 1)
    assert await _seqs(session_factory) == list(range(1, 8))
    assert await sealed_chain(session_factory, now=clock.now()) == []


async def test_seal_audit_enqueued_by_name_runs_in_the_worker(settings, session_factory, clock):
    # Arrange
    await _record(session_factory, clock.now(), 2)
    queue = await open_test_queue(settings)
    try:
        await queue.enqueue("seal_audit", job_id=f"seal:{uuid.uuid4().hex}")

        # Act
        worker = await run_burst(queue, _ctx(settings, session_factory, clock))
    finally:
        await queue.cleanup()
        await queue.pool.aclose()

    # Assert
    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)
    assert await _seqs(session_factory) == [1, 2]
