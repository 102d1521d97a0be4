"""The receipt jobs: render once per version, quietly skip what is gone or done, retry a
failed render with a growing delay, and sweep up every version whose render job was lost
(or finally failed) by enqueuing it again, oldest first, under its usual job id."""

from __future__ import annotations

import asyncio
import copy
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from arq import Retry

from backend.candidacies import receipts
from backend.candidacies.models import CandidacyVersion
from backend.candidacies.submission import submit_candidacy
from backend.core import jobs as backend_jobs
from backend.core.db import unit_of_work
from backend.core.jobs import RecordingJobQueue
from backend.core.storage import LocalStorage
from tests.backend.candidacies.test_receipts import (
    fake_pdf,
    load_version,
    pdf_text,
    resubmit,
    stored_receipts,
    submit_realistic_candidacy,
)
from tests.support.queues import RecordingPoolQueue, run_burst
from workers import receipts as job


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "storage")


@pytest.fixture
def ctx(settings, session_factory, clock, storage) -> dict:
    """What workers.settings.startup puts in ctx, with the test's clock and storage."""
    return {
        "settings": settings,
        "session_factory": session_factory,
        "clock": clock,
        "storage": storage,
    }


async def test_render_receipt_job_renders_once_then_returns_quietly(
    ctx, session_factory, clock, storage
):
    # Arrange
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    version_id = str(submitted.version.id)

    # Act
    first = await job.render_receipt(ctx, version_id=version_id)
    second = await job.render_receipt(ctx, version_id=version_id)

    # Assert
    assert (first, second) == (True, False)
    version = await load_version(session_factory, submitted.version.id)
    assert version.receipt_rendered_at == clock.now()
    [stored] = stored_receipts(storage)
    assert version.receipt_storage_key == f"{receipts.STORAGE_PREFIX}/{stored.name}"
    text = pdf_text(stored.read_bytes())
    assert "Accusé de réception" in text and submitted.reference in text


@pytest.mark.parametrize("version_id", ["00000000-0000-4000-8000-000000000000", "not-a-uuid"])
async def test_render_receipt_job_for_a_missing_version_returns_false(ctx, storage, version_id):
    assert await job.render_receipt(ctx, version_id=version_id) is False
    assert stored_receipts(storage) == []


async def test_sweep_enqueues_every_version_without_a_receipt_oldest_first(
    ctx, session_factory, clock, storage, monkeypatch
):
    # Arrange: three versions, the first rendered; the last submitted a second ago; the
    # render jobs of the other two were lost.
    monkeypatch.setattr(receipts, "render_receipt_pdf", fake_pdf)
    start = clock.now()
    submitted = await submit_realistic_candidacy(session_factory, start, storage)
    await job.render_receipt(ctx, version_id=str(submitted.version.id))
    second = await resubmit(session_factory, submitted.actor, submitted.candidacy_id,
                            start + timedelta(minutes=1))  # fmt: skip
    api = RecordingJobQueue()
    async with unit_of_work(session_factory, jobs=api) as uow:
        third = (
            await submit_candidacy(
                uow.session,
                actor=submitted.actor,
                candidacy_id=submitted.candidacy_id,
                now=start + timedelta(minutes=2),
            )
        ).version
    clock.set(start + timedelta(minutes=2, seconds=1))
    sweeper = RecordingJobQueue()

    # Act
    enqueued = await job.render_missing_receipts({**ctx, "jobs": sweeper})

    # Assert: under the id the submission gives, so a job still queued is not doubled.
    assert enqueued == 2
    assert [(name, job_id, kwargs) for name, job_id, _, kwargs in sweeper.jobs] == [
        ("render_receipt", f"receipt:{v.id}", {"version_id": str(v.id)}) for v in (second, third)
    ]
    [(_, api_job_id, _, _)] = [j for j in api.jobs if j[0] == "render_receipt"]
    assert api_job_id == job.receipt_job_id(third.id)


async def test_sweep_enqueues_in_batches_what_redis_does_not_hold_already(
    ctx, session_factory, clock, storage, arq_queue, monkeypatch
):
    # Arrange: five versions without a receipt; two still have their job queued.
    monkeypatch.setattr(backend_jobs, "BATCH_SIZE", 2)
    start = clock.now()
    submitted = await submit_realistic_candidacy(session_factory, start, storage)
    versions = [submitted.version]
    for n in range(1, 5):
        at = start + timedelta(seconds=n)
        versions.append(
            await resubmit(session_factory, submitted.actor, submitted.candidacy_id, at)
        )
    queue = RecordingPoolQueue(arq_queue)
    for version in versions[:2]:
        await queue.enqueue(
            "render_receipt", job_id=job.receipt_job_id(version.id), defer_until=None,
            version_id=str(version.id),
        )  # fmt: skip
    clock.set(start + timedelta(seconds=5))

    # Act
    first = await job.render_missing_receipts({**ctx, "jobs": queue})
    again = await job.render_missing_receipts({**ctx, "jobs": queue})

    # Assert
    assert (first, again) == (3, 0)
    assert set(await arq_queue.members()) == {job.receipt_job_id(v.id) for v in versions}


async def test_a_failed_render_is_retried_with_a_growing_delay_then_given_up(
    ctx, session_factory, clock, storage, monkeypatch
):
    # Arrange: storage that fails every write.
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    monkeypatch.setattr(receipts, "render_receipt_pdf", fake_pdf)

    async def failing_put(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(storage, "put", failing_put)
    version_id = str(submitted.version.id)

    # Act
    delays = []
    for job_try in range(1, job.RENDER_TRIES):
        with pytest.raises(Retry) as retry:
            await job.render_receipt({**ctx, "job_try": job_try}, version_id=version_id)
        delays.append(retry.value.defer_score)
    with pytest.raises(OSError, match="disk full"):
        await job.render_receipt({**ctx, "job_try": job.RENDER_TRIES}, version_id=version_id)

    # Assert
    assert delays == [2000, 4000, 8000, 16000]
    assert (await load_version(session_factory, submitted.version.id)).receipt_storage_key is None


async def test_a_receipt_whose_snapshot_no_longer_matches_its_hash_is_not_retried(
    ctx, session_factory, clock, storage
):
    # Arrange: the version's snapshot no longer matches its hash.
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    tampered = copy.deepcopy(submitted.version.snapshot)
    tampered["title"] = "changed after submission"
    async with unit_of_work(session_factory) as uow:
        await uow.session.exec(
            sa.update(CandidacyVersion)
            .where(CandidacyVersion.id == submitted.version.id)
            .values(snapshot=tampered)
        )

    # Act / Assert
    with pytest.raises(receipts.ReceiptIntegrityError):
        await job.render_receipt({**ctx, "job_try": 1}, version_id=str(submitted.version.id))
    assert stored_receipts(storage) == []


async def test_an_arq_worker_retries_a_failed_render_after_its_delay(
    ctx, session_factory, clock, storage, arq_queue, monkeypatch
):
    # Arrange: the first render fails; a short first delay (the real one is 2 s).
    monkeypatch.setattr(job, "RETRY_FIRST_DELAY_S", 0.2)
    calls = []

    def flaky_pdf(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("font cache busy")
        return fake_pdf()

    monkeypatch.setattr(receipts, "render_receipt_pdf", flaky_pdf)
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    job_id = job.receipt_job_id(submitted.version.id)
    await arq_queue.enqueue("render_receipt", job_id=job_id, version_id=str(submitted.version.id))

    # Act
    first = await run_burst(arq_queue, ctx, max_burst_jobs=1)
    waiting = await arq_queue.members()
    await asyncio.sleep(0.3)
    second = await run_burst(arq_queue, ctx, max_burst_jobs=1)

    # Assert
    assert (first.jobs_retried, second.jobs_complete) == (1, 1)
    assert set(waiting) == {job_id}
    assert (await load_version(session_factory, submitted.version.id)).receipt_storage_key
    assert await arq_queue.members() == {}
    assert not await arq_queue.pool.exists(f"arq:result:{job_id}")  # its id is free again
