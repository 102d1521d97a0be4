"""``aap worker``: the workers of one queue, or of both in one process, outliving Redis.

An arq Worker serves one queue and exits on the first Redis error. Here each queue's Worker
runs in one event loop (``all``: what ``make run`` needs, one process), and when Redis stops
or stops answering they are closed, and made again once Redis answers a ping: after 1 s,
then 2, 4... up to :data:`BACKOFF_MAX_S`, with one WARNING when the outage starts and one
when it ends. A Worker made again runs its cron jobs at once (``run_at_startup``): the
sweeps re-enqueue what the outage lost (renders, openings, closings) without waiting for
their minute. The database engine, storage and clock outlive the restarts.

Every Redis call of a worker times out after ``backend.core.redis.WORKER_TIMEOUT_S``, so a
paused Redis is noticed like a stopped one. Closing a Worker cancels its running jobs, which
arq runs again (every job is idempotent), as on any shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
import signal
import time
from collections.abc import Sequence
from typing import Any

from arq.worker import Worker, check_health, create_worker

from backend.core.jobs import Queue, move_legacy_jobs
from backend.core.logging import configure_logging
from backend.core.redis import UNAVAILABLE, WORKER_TIMEOUT_S, arq_pool, redis_settings
from backend.core.settings import Settings, get_settings
from workers.settings import WORKER_SETTINGS, attach_job_queue, open_resources, shutdown

log = logging.getLogger(__name__)

BACKOFF_FIRST_S = 1.0
BACKOFF_MAX_S = 16.0
"""Longest wait between two reconnection attempts: a ping each, cheap for Redis, and the
most a worker can lag behind a Redis that came back."""
CLOSE_TIMEOUT_S = 15.0


def run(queues: Sequence[Queue]) -> None:
    """Run the workers of ``queues`` until SIGINT or SIGTERM."""
    asyncio.run(serve(queues))


def check(queues: Sequence[Queue]) -> int:
    """0 when every queue has a worker recording its health in Redis, else 1."""
    return max(check_health(WORKER_SETTINGS[queue]) for queue in queues)  # type: ignore[arg-type]


async def serve(queues: Sequence[Queue], *, stop: asyncio.Event | None = None) -> None:
    """Run Workers for ``queues`` until ``stop`` is set (by default: on SIGINT or SIGTERM)."""
    settings = get_settings()
    configure_logging(settings.log_level)
    stop = stop or _stop_on_signals()
    resources = open_resources(settings)
    try:
        await _serve_until_stopped(queues, settings, resources, stop)
    finally:
        await shutdown(resources)


async def _serve_until_stopped(
    queues: Sequence[Queue], settings: Settings, resources: dict[str, Any], stop: asyncio.Event
) -> None:
    rs = redis_settings(settings.redis_url, settings.var_dir, timeout_s=WORKER_TIMEOUT_S)
    outage, backoff = _Outage(), _Backoff()
    while not stop.is_set():
        if not await _redis_answers(rs, outage):
            await _wait(backoff.next(), stop)
            continue
        outage.ended()
        backoff.reset()
        try:
            await _run([_worker(queue, rs, resources) for queue in queues], stop)
        except UNAVAILABLE as exc:
            outage.began(exc)


async def _redis_answers(rs: Any, outage: _Outage) -> bool:
    """Ping Redis; on the way, move jobs left in arq's old default queue to their queues."""
    pool = arq_pool(rs, timeout_s=WORKER_TIMEOUT_S)
    try:
        await pool.ping()
        await move_legacy_jobs(pool)
    except UNAVAILABLE as exc:
        outage.began(exc)
        return False
    finally:
        await pool.aclose()
    return True


def _worker(queue: Queue, rs: Any, resources: dict[str, Any]) -> Worker:
    """The queue's arq Worker on a pool with short timeouts, sharing this process's
    resources; signals are ours (one handler for every Worker of the loop).

    Its cron jobs are fresh copies: a CronJob remembers its next run, and a Worker made
    again after an outage must run them at once (``run_at_startup``) to catch up.
    """
    settings_cls: Any = WORKER_SETTINGS[queue]
    pool = arq_pool(rs, timeout_s=WORKER_TIMEOUT_S, queue_name=settings_cls.queue_name)
    return create_worker(
        settings_cls,
        cron_jobs=[dataclasses.replace(job, next_run=None) for job in settings_cls.cron_jobs],
        redis_pool=pool,
        redis_settings=None,
        ctx=dict(resources),
        on_startup=attach_job_queue,
        on_shutdown=None,
        handle_signals=False,
    )


async def _run(workers: list[Worker], stop: asyncio.Event) -> None:
    """Run ``workers`` until ``stop`` is set or one fails, then close them all; a failure
    is raised."""
    running = [asyncio.create_task(worker.async_run()) for worker in workers]
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([*running, stopping], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        await asyncio.gather(*(_close(worker) for worker in workers))
        outcomes = await asyncio.gather(*running, return_exceptions=True)
    failures = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    if failures:
        raise failures[0]
    if not stop.is_set():
        raise RuntimeError("an arq worker returned on its own")


async def _close(worker: Worker) -> None:
    """Stop ``worker`` as arq's own ``close`` does, but never raise: cancel its jobs (arq
    runs them again later) and its main task, wait for them, drop its health key if Redis
    answers, and always free its pool.

    Not ``Worker.close``: it lets a job's cancellation escape from its ``gather`` (a job
    cancelled while finishing, as on a paused Redis), which would end this process.
    """
    pool = worker.pool
    worker.handle_sig(signal.SIGUSR1)
    try:
        async with asyncio.timeout(CLOSE_TIMEOUT_S):
            await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
            await pool.delete(worker.health_check_key)
    except UNAVAILABLE:
        pass  # the health key expires by itself
    finally:
        with contextlib.suppress(*UNAVAILABLE):
            await pool.aclose()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, _stopper(stop, signum))
    return stop


def _stopper(stop: asyncio.Event, signum: signal.Signals) -> Any:
    def handle() -> None:
        log.info("worker stopping", extra={"signal": signum.name})
        stop.set()

    return handle


async def _wait(seconds: float, stop: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


class _Backoff:
    """1, 2, 4... seconds up to :data:`BACKOFF_MAX_S`, each give or take 10 %, so workers
    restarted together do not knock on Redis together."""

    def __init__(self) -> None:
        self.attempt = 0

    def next(self) -> float:
        delay = min(BACKOFF_FIRST_S * 2**self.attempt, BACKOFF_MAX_S)
        self.attempt += 1
        return delay * random.uniform(0.9, 1.1)  # noqa: S311 - jitter, not security

    def reset(self) -> None:
        self.attempt = 0


class _Outage:
    """One WARNING when Redis becomes unavailable, one when the workers are back on it."""

    def __init__(self) -> None:
        self.since: float | None = None

    def began(self, exc: BaseException) -> None:
        if self.since is None:
            self.since = time.monotonic()
            log.warning(
                "Redis unavailable: workers stopped, reconnecting with backoff",
                extra={"error": repr(exc)},
            )

    def ended(self) -> None:
        if self.since is not None:
            down_s = round(time.monotonic() - self.since, 1)
            log.warning("Redis available again: workers restarted", extra={"down_s": down_s})
            self.since = None
