"""What the one-round-trip enqueue (``backend.core.jobs._ENQUEUE_SCRIPT``) takes from arq.

The script writes arq's job key and queue entry itself instead of calling
``ArqRedis.enqueue_job``, so it relies on arq internals that no public API promises: the key
prefixes, the job's serialized form, the queue's sorted set scored in milliseconds since the
epoch, the job key's expiry, and which keys refuse a job id (the job's and its result's).
Each test here puts a job in through arq's own ``enqueue_job`` and the same job through the
script, and compares what Redis holds, or has an arq worker run it: an arq upgrade that
changes any of these fails here, not in production.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import func
from arq.constants import in_progress_key_prefix, job_key_prefix, result_key_prefix
from arq.jobs import Job, JobStatus, deserialize_job_raw
from arq.worker import Worker

from backend.core.jobs import ArqJobQueue
from tests.support.queues import TestQueue

JOB = "close_call"
"""A job of ``JOB_QUEUES`` (the script refuses others); the workers here run a stand-in."""
KWARGS = {"call_id": "c-1", "reasons": ["deadline"], "at": datetime(2031, 1, 1, tzinfo=UTC)}
TOLERANCE_MS = 2_000
"""Between the two enqueues of a comparison the clock moves a little."""


def _ids(queue: TestQueue, *names: str) -> list[str]:
    """Job ids of this run only (the Redis may be shared), cleaned up with the queue."""
    ids = [f"contract-{name}-{uuid.uuid4().hex}" for name in names]
    queue.job_ids.update(ids)
    return ids


def _script_queue(queue: TestQueue) -> ArqJobQueue:
    return ArqJobQueue(pool=queue.pool, queue_names=queue.queue_names)


async def _enqueue_both(queue: TestQueue, defer_until: datetime | None) -> tuple[str, str]:
    """The same job once through arq, once through the script; their ids."""
    by_arq, by_script = _ids(queue, "arq", "script")
    assert await queue.pool.enqueue_job(
        JOB, _job_id=by_arq, _queue_name=queue.name, _defer_until=defer_until, **KWARGS
    )
    assert await _script_queue(queue)._enqueue_job(
        queue.pool, JOB, by_script, defer_until, dict(KWARGS)
    )
    return by_arq, by_script


async def _keys_naming(queue: TestQueue, job_id: str) -> dict[str, bytes]:
    """Every key that names ``job_id``, with its id replaced by ``ID``, and its Redis type."""
    found: dict[str, bytes] = {}
    async for key in queue.pool.scan_iter(match=f"*{job_id}*", count=1000):
        found[key.decode().replace(job_id, "ID")] = await queue.pool.type(key)
    return found


async def test_the_script_writes_the_keys_arq_writes(arq_queue: TestQueue) -> None:
    # Act
    by_arq, by_script = await _enqueue_both(arq_queue, None)

    # Assert: the same keys, of the same types (arq's prefixes: no other key, none missing).
    assert await _keys_naming(arq_queue, by_script) == await _keys_naming(arq_queue, by_arq)
    assert await _keys_naming(arq_queue, by_arq) == {job_key_prefix + "ID": b"string"}
    assert set(await arq_queue.members()) == {by_arq, by_script}


async def test_the_job_is_serialized_as_arq_serializes_it(arq_queue: TestQueue) -> None:
    # Act
    by_arq, by_script = await _enqueue_both(arq_queue, None)

    # Assert: function, args, kwargs and try as arq wrote them; enqueue times in ms, close.
    written = [
        deserialize_job_raw(
            await arq_queue.pool.get(job_key_prefix + job_id),
            deserializer=arq_queue.pool.job_deserializer,
        )
        for job_id in (by_arq, by_script)
    ]
    (*arqs, arq_enqueued_ms), (*ours, our_enqueued_ms) = written
    assert ours == arqs == [JOB, (), KWARGS, None]
    assert abs(our_enqueued_ms - arq_enqueued_ms) < TOLERANCE_MS


async def test_a_deferred_job_has_arqs_score_and_expiry(arq_queue: TestQueue) -> None:
    # Arrange: an instant with a fraction of a millisecond (arq rounds it).
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3, microseconds=1_600)

    # Act
    by_arq, by_script = await _enqueue_both(arq_queue, at)

    # Assert: scored in milliseconds since the epoch, exactly as arq scores it; the job key
    # kept until a day (arq's extra) after the instant.
    scores = await arq_queue.members()
    assert scores[by_script] == scores[by_arq] == round(at.timestamp() * 1000)
    arq_ttl = await arq_queue.pool.pttl(job_key_prefix + by_arq)
    script_ttl = await arq_queue.pool.pttl(job_key_prefix + by_script)
    assert abs(script_ttl - arq_ttl) < TOLERANCE_MS
    assert arq_queue.pool.expires_extra_ms == 86_400_000
    assert abs(arq_ttl - (timedelta(days=4).total_seconds() * 1000)) < 60_000


async def test_a_due_job_is_scored_now_and_kept_a_day(arq_queue: TestQueue) -> None:
    # Act
    by_arq, by_script = await _enqueue_both(arq_queue, None)

    # Assert
    scores = await arq_queue.members()
    assert abs(scores[by_script] - scores[by_arq]) < TOLERANCE_MS
    assert abs(scores[by_script] - datetime.now(UTC).timestamp() * 1000) < 60_000
    script_ttl = await arq_queue.pool.pttl(job_key_prefix + by_script)
    assert abs(script_ttl - await arq_queue.pool.pttl(job_key_prefix + by_arq)) < TOLERANCE_MS


async def test_arq_reads_the_scripts_job_as_its_own(arq_queue: TestQueue) -> None:
    # Arrange
    at = datetime(2031, 7, 31, 21, 59, 59, tzinfo=UTC)

    # Act
    by_arq, by_script = await _enqueue_both(arq_queue, at)

    # Assert: arq's Job tells the same story of both.
    infos = []
    for job_id in (by_arq, by_script):
        job = Job(job_id, arq_queue.pool, _queue_name=arq_queue.name)
        assert await job.status() is JobStatus.deferred
        info = await job.info()
        assert info is not None
        infos.append((info.function, info.args, info.kwargs, info.job_try, info.score))
    assert infos[1] == infos[0] == (JOB, (), KWARGS, None, round(at.timestamp() * 1000))


def _recording_worker(queue: TestQueue, ran: list[dict[str, Any]]) -> Worker:
    """An arq worker on the test queue running a stand-in for ``JOB``, in burst mode, one job
    (lowest score first) and done: a burst worker waits while anything is queued, even a job
    due tomorrow."""

    async def stand_in(_ctx: dict[str, Any], **kwargs: Any) -> str:
        ran.append(kwargs)
        return "done"

    return Worker(
        functions=[func(stand_in, name=JOB)],
        queue_name=queue.name,
        redis_pool=queue.pool,
        burst=True,
        handle_signals=False,
        poll_delay=0.05,
        max_burst_jobs=1,
    )


async def _run(worker: Worker) -> None:
    await asyncio.wait_for(worker.async_run(), timeout=30)


async def test_an_arq_worker_runs_the_scripts_due_job_and_not_its_deferred_one(
    arq_queue: TestQueue,
) -> None:
    # Arrange
    due, later = _ids(arq_queue, "due", "later")
    queue = _script_queue(arq_queue)
    await queue._enqueue_job(arq_queue.pool, JOB, due, None, dict(KWARGS))
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    await queue._enqueue_job(arq_queue.pool, JOB, later, tomorrow, {"call_id": "c-2"})
    ran: list[dict[str, Any]] = []

    # Act
    await _run(_recording_worker(arq_queue, ran))

    # Assert: run with its kwargs, its result stored as arq stores its own; the deferred one
    # waits (scored in seconds, not ms, it would be due, and first).
    assert ran == [KWARGS]
    result = await Job(due, arq_queue.pool, _queue_name=arq_queue.name).result_info()
    assert result is not None
    assert (result.success, result.result, result.kwargs) == (True, "done", KWARGS)
    assert set(await arq_queue.members()) == {later}


async def test_an_id_is_refused_by_the_script_when_arq_would_refuse_it(
    arq_queue: TestQueue,
) -> None:
    # Arrange: one id run to its result, then one queued by arq and one by the script.
    queued_by_arq, queued_by_script, finished = _ids(arq_queue, "queued-arq", "queued", "done")
    queue = _script_queue(arq_queue)
    await queue._enqueue_job(arq_queue.pool, JOB, finished, None, {})
    await _run(_recording_worker(arq_queue, []))
    assert await arq_queue.pool.exists(result_key_prefix + finished)
    await arq_queue.pool.enqueue_job(JOB, _job_id=queued_by_arq, _queue_name=arq_queue.name)
    await queue._enqueue_job(arq_queue.pool, JOB, queued_by_script, None, {})

    # Act
    script_answers = [
        await queue._enqueue_job(arq_queue.pool, JOB, job_id, None, {})
        for job_id in (queued_by_arq, queued_by_script, finished)
    ]
    arq_answers = [
        await arq_queue.pool.enqueue_job(JOB, _job_id=job_id, _queue_name=arq_queue.name)
        for job_id in (queued_by_arq, queued_by_script, finished)
    ]

    # Assert: both refuse all three (the job's key or its result's), and nothing is left
    # running (the worker's in-progress key is not one the script checks).
    assert script_answers == [False, False, False]
    assert arq_answers == [None, None, None]
    assert not await arq_queue.pool.exists(in_progress_key_prefix + finished)
