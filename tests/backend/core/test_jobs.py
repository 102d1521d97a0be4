"""The API's arq queue skips a job id it enqueued a moment ago, and only for a moment."""

from __future__ import annotations

from typing import Any

import pytest

from backend.core import jobs
from backend.core.jobs import ArqJobQueue


class CountingPool:
    """Stands in for arq's pool: counts the enqueue calls that would reach Redis."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    async def enqueue_job(self, name: str, *, _job_id: str | None, **_: Any) -> None:
        self.calls.append((name, _job_id))


@pytest.fixture
def monotonic(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1000.0]
    monkeypatch.setattr(jobs.time, "monotonic", lambda: now[0])
    return now


async def test_a_burst_for_one_job_id_reaches_redis_once(monotonic: list[float]) -> None:
    pool = CountingPool()
    queue = ArqJobQueue(pool=pool)

    for _ in range(50):
        await queue.enqueue("send_notifications", job_id="wake:1000", defer_until=None)

    assert pool.calls == [("send_notifications", "wake:1000")]


async def test_the_same_id_goes_through_again_after_the_window(monotonic: list[float]) -> None:
    pool = CountingPool()
    queue = ArqJobQueue(pool=pool)
    await queue.enqueue("render_receipt", job_id="receipt:1", defer_until=None)

    monotonic[0] += jobs.RECENT_JOB_TTL_S + 0.1
    await queue.enqueue("render_receipt", job_id="receipt:1", defer_until=None)

    assert len(pool.calls) == 2  # a sweeper re-enqueueing a lost job is never swallowed


async def test_jobs_without_an_id_and_other_ids_are_never_skipped(monotonic: list[float]) -> None:
    pool = CountingPool()
    queue = ArqJobQueue(pool=pool)

    await queue.enqueue("render_receipt", job_id=None, defer_until=None)
    await queue.enqueue("render_receipt", job_id=None, defer_until=None)
    await queue.enqueue("render_receipt", job_id="receipt:2", defer_until=None)

    assert len(pool.calls) == 3


async def test_a_failed_enqueue_is_not_remembered(monotonic: list[float]) -> None:
    class DownPool(CountingPool):
        async def enqueue_job(self, name: str, *, _job_id: str | None, **_: Any) -> None:
            await super().enqueue_job(name, _job_id=_job_id)
            raise ConnectionError("redis is down")

    pool = DownPool()
    queue = ArqJobQueue(pool=pool)
    for _ in range(2):
        with pytest.raises(ConnectionError):
            await queue.enqueue("render_receipt", job_id="receipt:3", defer_until=None)

    assert len(pool.calls) == 2


async def test_the_memory_stays_bounded(monotonic: list[float]) -> None:
    pool = CountingPool()
    queue = ArqJobQueue(pool=pool)

    for n in range(jobs.RECENT_JOB_IDS * 2 + 5):
        await queue.enqueue("render_receipt", job_id=f"receipt:{n}", defer_until=None)

    assert len(queue._recent) <= jobs.RECENT_JOB_IDS
