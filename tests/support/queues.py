"""Redis and arq helpers for the worker and reliability tests (worlds are in
``tests.support.worlds``).

Each test gets its own arq queue name, and only the keys of that queue and of the jobs it
saw are deleted, so runs sharing one Redis (CI, other engineers) never see each other's jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any

from arq import create_pool
from arq.connections import ArqRedis
from arq.constants import (
    in_progress_key_prefix,
    job_key_prefix,
    result_key_prefix,
    retry_key_prefix,
)
from arq.jobs import DeserializationError, deserialize_result
from arq.worker import Worker, create_worker

from backend.core.jobs import ArqJobQueue, Queue
from backend.core.redis import redis_settings
from backend.core.settings import Settings
from workers.settings import JOBS, TimeCriticalWorkerSettings

# --- Redis and arq -------------------------------------------------------------------------


def test_redis_settings(settings: Settings) -> Any:
    """The Redis of this run: the embedded server's socket, or ``AAP_REDIS_URL``."""
    return redis_settings(settings.redis_url, settings.var_dir)


def redis_url_for_subprocess(settings: Settings) -> str:
    rs = test_redis_settings(settings)
    return settings.redis_url or f"unix://{rs.unix_socket_path}"


class TestQueue:
    """An arq pool on a queue of this test's own, standing for both the time-critical and
    the heavy queue; ``cleanup`` deletes only what it touched."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, pool: ArqRedis, name: str) -> None:
        self.pool = pool
        self.name = name
        self.job_ids: set[str] = set()

    @property
    def queue_names(self) -> dict[Queue, str]:
        """For an ArqJobQueue: every job to this test's queue."""
        return dict.fromkeys(Queue, self.name)

    async def enqueue(self, function: str, *, job_id: str, **kwargs: Any) -> bool:
        self.job_ids.add(job_id)
        return await self.pool.enqueue_job(function, _job_id=job_id, **kwargs) is not None

    async def members(self) -> dict[str, float]:
        pairs = await self.pool.zrange(self.name, 0, -1, withscores=True)
        return {member.decode(): score for member, score in pairs}

    async def cleanup(self) -> None:
        """Delete this queue, its jobs' keys, and the results its workers stored (jobs that
        workers enqueued themselves, such as the outbox's wake-ups, are found by queue name)."""
        ids = self.job_ids | set(await self.members())
        keys = [self.name, f"{self.name}:health-check"]
        prefixes = (job_key_prefix, in_progress_key_prefix, retry_key_prefix, result_key_prefix)
        keys += [prefix + job_id for job_id in ids for prefix in prefixes]
        async for key in self.pool.scan_iter(match=f"{result_key_prefix}*", count=500):
            data = await self.pool.get(key)
            with contextlib.suppress(DeserializationError):
                if data is not None and deserialize_result(data).queue_name == self.name:
                    keys.append(key.decode())
        await self.pool.delete(*keys)


async def open_test_queue(settings: Settings) -> TestQueue:
    name = f"aap-test:{uuid.uuid4().hex}"
    pool = await create_pool(test_redis_settings(settings), default_queue_name=name)
    return TestQueue(pool, name)


@contextlib.asynccontextmanager
async def temporary_queue(settings: Settings) -> AsyncIterator[TestQueue]:
    """A test queue for the length of the block; what it touched is deleted after."""
    queue = await open_test_queue(settings)
    try:
        yield queue
    finally:
        await queue.cleanup()
        await queue.pool.aclose()


class RecordingPoolQueue(ArqJobQueue):
    """The worker's JobQueue on a test queue, remembering the ids it enqueued for cleanup."""

    def __init__(self, queue: TestQueue) -> None:
        super().__init__(pool=queue.pool, queue_names=queue.queue_names)
        self._queue = queue

    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None:
        if job_id is not None:
            self._queue.job_ids.add(job_id)
        await super().enqueue(name, job_id=job_id, defer_until=defer_until, **kwargs)

    async def enqueue_many(self, name: str, jobs: Any) -> int:
        self._queue.job_ids.update(job_id for job_id, _ in jobs)
        return await super().enqueue_many(name, jobs)


def burst_worker(queue: TestQueue, ctx: dict[str, Any], **overrides: Any) -> Worker:
    """The product's time-critical WorkerSettings with every job (both queues' on the test
    queue), in this process, with the test's ctx.

    Burst mode: runs the jobs that are due (by Redis's score and the real time) and returns.
    No cron (the test enqueues the sweep itself), no signal handlers.
    """

    async def startup(worker_ctx: dict[str, Any]) -> None:
        worker_ctx.update(ctx, jobs=RecordingPoolQueue(queue))

    options: dict[str, Any] = {
        "functions": list(JOBS),
        "queue_name": queue.name,
        "redis_pool": queue.pool,
        "redis_settings": None,
        "burst": True,
        "handle_signals": False,
        "cron_jobs": [],
        "on_startup": startup,
        "on_shutdown": None,
        "poll_delay": 0.05,
    }
    return create_worker(TimeCriticalWorkerSettings, **{**options, **overrides})  # type: ignore[arg-type]


async def run_burst(queue: TestQueue, ctx: dict[str, Any], **overrides: Any) -> Worker:
    worker = burst_worker(queue, ctx, **overrides)
    await asyncio.wait_for(worker.async_run(), timeout=30)
    return worker


async def run_jobs_until_done(
    queue: TestQueue, ctx: dict[str, Any], job_id: str, *, limit: int = 10
) -> int:
    """Run due jobs one at a time, lowest score first, until ``job_id`` has run; returns how
    many ran (others due before it, such as the outbox's wake-up jobs, run too)."""
    for ran in range(limit):
        if job_id not in await queue.members():
            return ran
        await run_burst(queue, ctx, max_burst_jobs=1)
    raise AssertionError(f"{job_id} still queued after {limit} jobs")


# --- waiting on a subprocess ---------------------------------------------------------------


async def wait_until(
    condition: Callable[[], Awaitable[bool]], *, within: float, what: str, every: float = 0.1
) -> None:
    """Poll ``condition`` (bounded): only for subprocesses, whose time the test cannot move."""
    deadline = time.monotonic() + within
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(every)


def subprocess_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "AAP_DATABASE_URL": settings.database_url,
        "AAP_REDIS_URL": redis_url_for_subprocess(settings),
        "AAP_VAR_DIR": str(settings.var_dir),
        "AAP_LOG_LEVEL": "INFO",
    }
    env.update(extra)
    return env
