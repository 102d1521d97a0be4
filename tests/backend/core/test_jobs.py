"""The arq queue of the API and the workers.

It sends each job to its queue, enqueues in one round trip (a script doing arq's own check
and writes), skips a job id it enqueued a moment ago, and only for a moment, and gives up on
a Redis that does not answer within its timeout, logging instead of raising.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from arq.constants import result_key_prefix
from arq.jobs import Job, JobStatus

from backend.core import jobs
from backend.core.jobs import ArqJobQueue, Queue, UnknownJob, move_legacy_jobs
from backend.core.redis import redis_settings
from tests.support.queues import TestQueue, temporary_queue


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


@pytest.fixture
async def heavy_queue(settings: Any) -> AsyncIterator[TestQueue]:
    """A second test queue, standing for the heavy one."""
    async with temporary_queue(settings) as queue:
        yield queue


# --------------------------------------------------------------------------- the queues


async def test_each_job_goes_to_its_queue(arq_queue: TestQueue, heavy_queue: TestQueue) -> None:
    # Arrange
    names = {Queue.TIME_CRITICAL: arq_queue.name, Queue.HEAVY: heavy_queue.name}
    queue = ArqJobQueue(pool=arq_queue.pool, queue_names=names)
    arq_queue.job_ids.add("close-call:1")
    heavy_queue.job_ids.add("receipt:1")

    # Act
    await queue.enqueue("close_call", job_id="close-call:1", defer_until=None, call_id="1")
    await queue.enqueue("render_receipt", job_id="receipt:1", defer_until=None, version_id="1")
    again = await queue.enqueue_many("close_call", [("receipt:1", {"call_id": "1"})])

    # Assert: one id for one job across both queues.
    assert set(await arq_queue.members()) == {"close-call:1"}
    assert set(await heavy_queue.members()) == {"receipt:1"}
    assert again == 0


async def test_a_job_with_no_queue_is_refused_loudly() -> None:
    queue = ArqJobQueue(pool=object())

    with pytest.raises(UnknownJob, match="render_everything"):
        await queue.enqueue("render_everything", job_id=None, defer_until=None)


async def test_jobs_left_in_arqs_default_queue_move_to_their_queues(
    arq_queue: TestQueue, heavy_queue: TestQueue
) -> None:
    # Arrange: jobs queued before the split, in a stand-in for arq's default queue.
    legacy = f"{arq_queue.name}:legacy"
    at = datetime(2031, 7, 31, 21, 59, 59, tzinfo=UTC)
    arq_queue.job_ids |= {"close-call:9", "receipt:9", "other:9"}
    for function, job_id in (("close_call", "close-call:9"), ("render_receipt", "receipt:9"),
                             ("forgotten_job", "other:9")):  # fmt: skip
        await arq_queue.pool.enqueue_job(function, _job_id=job_id, _queue_name=legacy,
                                         _defer_until=at)  # fmt: skip
    names = {Queue.TIME_CRITICAL: arq_queue.name, Queue.HEAVY: heavy_queue.name}

    # Act
    moved = await move_legacy_jobs(arq_queue.pool, queue_names=names, legacy=legacy)
    again = await move_legacy_jobs(arq_queue.pool, queue_names=names, legacy=legacy)

    # Assert: at their instants; a job of no known function stays.
    try:
        assert (moved, again) == (2, 0)
        assert await arq_queue.members() == {"close-call:9": at.timestamp() * 1000}
        assert await heavy_queue.members() == {"receipt:9": at.timestamp() * 1000}
        assert await arq_queue.pool.zrange(legacy, 0, -1) == [b"other:9"]
    finally:
        await arq_queue.pool.delete(legacy)


# --------------------------------------------------------------------------- the script


async def test_a_job_enqueued_in_one_round_trip_is_an_arq_job(arq_queue: TestQueue) -> None:
    # Arrange
    queue = ArqJobQueue(pool=arq_queue.pool, queue_names=arq_queue.queue_names)
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
    queue = ArqJobQueue(pool=arq_queue.pool, queue_names=arq_queue.queue_names)
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
    queue = ArqJobQueue(pool=arq_queue.pool, queue_names=arq_queue.queue_names)

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


class DownQueue(CountingQueue):
    """Redis refuses the connection."""

    async def _enqueue_job(self, pool: Any, name: str, job_id: str, *_: Any) -> bool:
        self.sent.append((name, job_id))
        raise ConnectionError("redis is down")


async def test_a_failed_enqueue_is_logged_not_raised_nor_remembered(
    monotonic: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    queue = DownQueue()

    with caplog.at_level(logging.WARNING, logger="backend.core.jobs"):
        await queue.enqueue("render_receipt", job_id="receipt:3", defer_until=None)
        monotonic[0] += jobs.OUTAGE_PAUSE_S
        await queue.enqueue("render_receipt", job_id="receipt:3", defer_until=None)

    assert len(queue.sent) == 2
    assert [r.levelname for r in caplog.records] == ["WARNING"]  # one per outage


async def test_after_a_failure_enqueues_are_skipped_for_a_moment_then_tried_again(
    monotonic: list[float],
) -> None:
    queue = DownQueue()
    await queue.enqueue("render_receipt", job_id="receipt:4", defer_until=None)

    for _ in range(20):
        await queue.enqueue("send_notifications", job_id=None, defer_until=None)
    monotonic[0] += jobs.OUTAGE_PAUSE_S
    await queue.enqueue("send_notifications", job_id=None, defer_until=None)

    assert [name for name, _ in queue.sent] == ["render_receipt", "send_notifications"]


@contextlib.asynccontextmanager
async def silent_server() -> AsyncIterator[int]:
    """A TCP server that accepts and never answers, as a paused Redis does; its port."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


async def test_a_redis_that_never_answers_costs_an_enqueue_its_timeout_only(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    async with silent_server() as port:
        rs = redis_settings(f"redis://127.0.0.1:{port}/0", settings.var_dir, timeout_s=0.2)
        queue = ArqJobQueue(rs)
        try:
            # Act
            with caplog.at_level(logging.WARNING, logger="backend.core.jobs"):
                started = time.monotonic()
                await queue.enqueue("render_receipt", job_id="receipt:5", defer_until=None)
                first = time.monotonic() - started
                await queue.enqueue("send_notifications", job_id=None, defer_until=None)
                both = time.monotonic() - started
        finally:
            await queue.close()

    # Assert
    assert 0.15 < first < 0.5
    assert both - first < 0.05  # skipped: Redis just failed
    assert ["Redis unavailable" in r.getMessage() for r in caplog.records] == [True]


async def test_the_memory_stays_bounded(monotonic: list[float]) -> None:
    queue = CountingQueue()

    for n in range(jobs.RECENT_JOB_IDS * 2 + 5):
        await queue.enqueue("render_receipt", job_id=f"receipt:{n}", defer_until=None)

    assert len(queue._recent) <= jobs.RECENT_JOB_IDS


def test_a_job_name_routed_to_two_queues_is_refused():
    name = "test_only_job_routed_twice"
    try:
        # Arrange
        assert jobs.job(name, Queue.HEAVY) == name

        # Act / Assert
        assert jobs.job(name, Queue.HEAVY) == name  # declaring it again is harmless
        with pytest.raises(ValueError, match="already routed to heavy"):
            jobs.job(name, Queue.MAIL)
        assert jobs.queue_of(name) is Queue.HEAVY
    finally:
        jobs._ROUTES.pop(name, None)  # the workers' registration test compares the whole table


def test_an_undeclared_job_says_how_to_declare_it():
    with pytest.raises(UnknownJob, match=r"declare it with backend\.core\.jobs\.job"):
        jobs.queue_of("no_such_job")
