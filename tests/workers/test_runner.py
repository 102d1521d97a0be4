"""``aap worker``'s loop around arq: it waits for Redis with a capped, jittered backoff, says
so once, and stops when asked, whether or not Redis ever answered."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import pytest

from backend.core.jobs import Queue
from backend.core.settings import get_settings
from workers import runner

DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


def test_backoff_doubles_up_to_its_cap_give_or_take_a_tenth():
    backoff = runner._Backoff()

    delays = [backoff.next() for _ in range(8)]
    backoff.reset()

    expected = [1, 2, 4, 8, 16, 16, 16, 16]
    assert all(0.9 * e <= d <= 1.1 * e for d, e in zip(delays, expected, strict=True))
    assert 0.9 <= backoff.next() <= 1.1


async def test_without_redis_the_worker_waits_warns_once_and_stops_when_asked(
    settings, monkeypatch, caplog
):
    # Arrange: Redis refuses connections; retries every few milliseconds.
    monkeypatch.setenv("AAP_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("AAP_REDIS_URL", DEAD_REDIS_URL)
    monkeypatch.setenv("AAP_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("AAP_STORAGE_DIR", str(settings.storage_dir))
    monkeypatch.setattr(runner, "BACKOFF_FIRST_S", 0.01)
    monkeypatch.setattr(runner, "BACKOFF_MAX_S", 0.02)
    monkeypatch.setattr(runner, "configure_logging", lambda _level: None)
    get_settings.cache_clear()
    stop = asyncio.Event()
    attempts = []
    answers = runner._redis_answers

    async def counted(*args):
        attempts.append(1)
        if len(attempts) == 5:
            stop.set()
        return await answers(*args)

    monkeypatch.setattr(runner, "_redis_answers", counted)

    # Act
    with caplog.at_level(logging.WARNING, logger="workers.runner"):
        await asyncio.wait_for(runner.serve(list(Queue), stop=stop), 5)
    get_settings.cache_clear()

    # Assert
    assert len(attempts) == 5
    assert [r.getMessage() for r in caplog.records] == [
        "Redis unavailable: workers stopped, reconnecting with backoff"
    ]


@pytest.mark.parametrize(
    "queues",
    # The first of each has cron jobs (the heavy queue has none): its freshness is checked.
    [[Queue.TIME_CRITICAL], [Queue.MAIL], [Queue.MAIL, Queue.HEAVY], list(Queue)],
)
def test_each_queue_gets_a_worker_on_its_own_queue_with_fresh_cron_jobs(settings, queues):
    # Arrange
    rs = runner.redis_settings(DEAD_REDIS_URL, settings.var_dir, timeout_s=1)
    resources = {"settings": settings}

    # Act
    workers = [runner._worker(queue, rs, resources) for queue in queues]
    first_cron = workers[0].cron_jobs[0]
    first_cron.calculate_next(datetime.now(UTC))  # as after its first run
    again = runner._worker(queues[0], rs, resources)

    # Assert
    names = [runner.WORKER_SETTINGS[q].queue_name for q in queues]  # type: ignore[attr-defined]
    assert [w.queue_name for w in workers] == names
    assert all(w.pool.default_queue_name == w.queue_name for w in workers)
    assert all(job.next_run is None for job in again.cron_jobs)
    assert again.cron_jobs[0] is not first_cron
