"""The arq queue of the API and the workers.

It enqueues in one round trip (a script doing arq's own check and writes), and it skips a
job id it enqueued a moment ago, and only for a moment.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from arq.constants import result_key_prefix
from arq.jobs import Job, JobStatus

from backend.core import jobs
from backend.core.jobs import ArqJobQueue
from tests.workers.support import TestQueue


class CountingQueue(ArqJobQueue):
    """Counts the enqueues that would reach Redis."""

    def __init__(self) -> None:
        super().__init__(pool=object())
        self.sent: list[tuple[str, str]] = []

    async def _enqueue_job(self, pool: Any, name: str, job_id: str, *_: Any) -> bool:
        self.sent.append((name, job_id))
        return True


@pytest.fixture
def monotonic(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1000.0]
    monkeypatch.setattr(jobs.time, "monotonic", lambda: now[0])
    return now


# --------------------------------------------------------------------------- the script


async def test_a_job_enqueued_in_one_round_trip_is_an_arq_job(arq_queue: TestQueue) -> None:
    # Arrange
    queue = ArqJobQueue(pool=arq_queue.pool)
    at = datetime(2031, 7, 31, 21, 59, 59, tzinfo=UTC)
    arq_queue.job_ids.add("close:1")

    # Act
    await queue.enqueue("close_call", job_id="close:1", defer_until=at, call_id="c-1")

    # Assert: arq reads it back as its own.
    job = Job("close:1", arq_queue.pool, _queue_name=arq_queue.name)
    info = await job.info()
    assert await job.status() is JobStatus.deferred
    assert info is not None
    assert (info.function, info.args, info.kwargs) == ("close_call", (), {"call_id": "c-1"})
    assert await arq_queue.members() == {"close:1": at.timestamp() * 1000}


async def test_an_id_that_is_queued_or_has_a_result_is_refused(arq_queue: TestQueue) -> None:
    # Arrange
    queue = ArqJobQueue(pool=arq_queue.pool)
    arq_queue.job_ids |= {"receipt:1", "receipt:2"}
    await arq_queue.pool.set(result_key_prefix + "receipt:2", b"done")

    # Act
    first = await queue._enqueue_job(arq_queue.pool, "render_receipt", "receipt:1", None, {})
    again = await queue._enqueue_job(arq_queue.pool, "render_receipt", "receipt:1", None, {})
    finished = await queue._enqueue_job(arq_queue.pool, "render_receipt", "receipt:2", None, {})

    # Assert
    assert (first, again, finished) == (True, False, False)
    assert set(await arq_queue.members()) == {"receipt:1"}


async def test_a_job_without_an_id_gets_a_fresh_one(arq_queue: TestQueue) -> None:
    queue = ArqJobQueue(pool=arq_queue.pool)

    await queue.enqueue("render_missing_receipts", job_id=None, defer_until=None)
    await queue.enqueue("render_missing_receipts", job_id=None, defer_until=None)

    assert len(await arq_queue.members()) == 2


# --------------------------------------------------------------------------- the memory


async def test_a_burst_for_one_job_id_reaches_redis_once(monotonic: list[float]) -> None:
    queue = CountingQueue()

    for _ in range(50):
        await queue.enqueue("send_notifications", job_id="wake:1000", defer_until=None)

    assert queue.sent == [("send_notifications", "wake:1000")]


async def test_the_same_id_goes_through_again_after_the_window(monotonic: list[float]) -> None:
    queue = CountingQueue()
    await queue.enqueue("render_receipt", job_id="receipt:1", defer_until=None)

    monotonic[0] += jobs.RECENT_JOB_TTL_S + 0.1
    await queue.enqueue("render_receipt", job_id="receipt:1", defer_until=None)

    assert len(queue.sent) == 2  # a sweeper re-enqueueing a lost job is never swallowed


async def test_jobs_without_an_id_and_other_ids_are_never_skipped(monotonic: list[float]) -> None:
    queue = CountingQueue()

    await queue.enqueue("render_receipt", job_id=None, defer_until=None)
    await queue.enqueue("render_receipt", job_id=None, defer_until=None)
    await queue.enqueue("render_receipt", job_id="receipt:2", defer_until=None)

    assert len(queue.sent) == 3


async def test_a_failed_enqueue_is_not_remembered(monotonic: list[float]) -> None:
    class DownQueue(CountingQueue):
        async def _enqueue_job(self, pool: Any, name: str, job_id: str, *_: Any) -> bool:
            self.sent.append((name, job_id))
            raise ConnectionError("redis is down")

    queue = DownQueue()
    for _ in range(2):
        with pytest.raises(ConnectionError):
            await queue.enqueue("render_receipt", job_id="receipt:3", defer_until=None)

    assert len(queue.sent) == 2


async def test_the_memory_stays_bounded(monotonic: list[float]) -> None:
    queue = CountingQueue()

    for n in range(jobs.RECENT_JOB_IDS * 2 + 5):
        await queue.enqueue("render_receipt", job_id=f"receipt:{n}", defer_until=None)

    assert len(queue._recent) <= jobs.RECENT_JOB_IDS
