"""The arq workers: one WorkerSettings per queue, and the resources their jobs get in ``ctx``.

Jobs are thin: they take ids, open a unit of work, call one backend service, and return
quietly when there is nothing (left) to do, so a job that runs twice does its work once.

Three queues (``backend.core.jobs.JOB_QUEUES`` routes every job): the time-critical worker
runs openings, closings, the sweeps and the audit sealer; the heavy one renders receipts; the
mail one sends the outbox. Each registers exactly the jobs routed to its queue, and its own
cron jobs, so a backlog of renders never stands between a deadline and its closing, nor
between a reminder and its mail. ``aap worker`` runs them (see :mod:`workers.runner`).

``ctx`` holds ``settings``, ``engine``, ``session_factory``, ``clock``, ``storage`` and
``jobs`` (the worker's own arq pool as a :class:`backend.core.jobs.ArqJobQueue`, for jobs
that ask for jobs after commit).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC
from types import MappingProxyType
from typing import Any

from arq.cron import CronJob
from arq.worker import Function

from backend.core.clock import SystemClock
from backend.core.db import create_engine, create_session_factory
from backend.core.jobs import QUEUE_NAMES, ArqJobQueue, Queue, queue_of
from backend.core.logging import configure_logging
from backend.core.pdf import import_weasyprint, log_pdf_engine
from backend.core.redis import WORKER_TIMEOUT_S, redis_settings
from backend.core.settings import Settings, get_settings
from backend.core.storage import storage_from_settings
from workers import audit, calls, notifications, receipts
from workers.registration import CRON_RESULT_KEEP_S, WorkerJobs

# After a SIGKILL a job is claimable again only once its in-progress key expires (the largest
# job_timeout + 10 s): keep every timeout tight, and give none a longer one of its own.
JOB_TIMEOUT_S = 60
MAX_TRIES = 5
"""Starts of one job (a retry after a kill or a cancellation counts); the sweep backs it up."""

WORKER_JOBS: tuple[WorkerJobs, ...] = (
    calls.JOBS,
    audit.JOBS,
    receipts.JOBS,
    notifications.JOBS,
)
"""The one list of the workers modules that have jobs, each declaring them as its ``JOBS``:
a new domain's workers module adds its line here (and its job names to
``backend.core.jobs.JOB_QUEUES``, the enqueue side's routing table)."""

JOBS: tuple[Function, ...] = tuple(job for jobs in WORKER_JOBS for job in jobs.functions)
CRON_JOBS: tuple[CronJob, ...] = tuple(job for jobs in WORKER_JOBS for job in jobs.cron_jobs)


def functions_of(queue: Queue) -> list[Function]:
    return [job for job in JOBS if queue_of(job.name) is queue]


def cron_jobs_of(queue: Queue) -> list[CronJob]:
    return [job for job in CRON_JOBS if queue_of(job.coroutine.__qualname__) is queue]


def open_resources(settings: Settings) -> dict[str, Any]:
    """What every job of this process shares: engine, sessions, clock, storage."""
    engine = create_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )
    return {
        "settings": settings,
        "engine": engine,
        "session_factory": create_session_factory(engine),
        "clock": SystemClock(),
        "storage": storage_from_settings(settings),
    }


async def attach_job_queue(ctx: dict[str, Any]) -> None:
    """Jobs ask for jobs through the worker's own pool (arq puts it in ``ctx["redis"]``)."""
    ctx["jobs"] = ArqJobQueue(pool=ctx["redis"])


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    configure_logging(settings.log_level)
    ctx.update(open_resources(settings))
    await attach_job_queue(ctx)


async def heavy_startup(ctx: dict[str, Any]) -> None:
    """:func:`startup`, and one line naming the PDF engine (a WARNING when fonts would be
    subset with the slow fontTools), said once at start rather than at the first render."""
    await startup(ctx)
    log_pdf_engine()
    await asyncio.to_thread(import_weasyprint)  # before any render thread imports it


async def shutdown(ctx: dict[str, Any]) -> None:
    engine = ctx.get("engine")
    if engine is not None:
        await engine.dispose()
    storage = ctx.get("storage")
    if storage is not None:
        await storage.aclose()


def _redis_settings() -> Any:
    settings = get_settings()
    return redis_settings(settings.redis_url, settings.var_dir, timeout_s=WORKER_TIMEOUT_S)


# Each class spells out all its settings: arq reads a settings class's own ``__dict__``
# (arq.worker.get_kwargs), so attributes inherited from a shared base would be silently lost.


class TimeCriticalWorkerSettings:
    """Openings, closings, the sweeps, the audit sealer: short jobs due at an instant.

    Polls every quarter second, so a deferred closing starts within about that of its
    deadline; ten jobs at once, so one slow sweep does not hold a closing back.
    """

    queue_name = QUEUE_NAMES[Queue.TIME_CRITICAL]
    functions = functions_of(Queue.TIME_CRITICAL)
    cron_jobs = cron_jobs_of(Queue.TIME_CRITICAL)
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = _redis_settings()
    job_timeout = JOB_TIMEOUT_S
    keep_result = CRON_RESULT_KEEP_S
    max_tries = MAX_TRIES
    max_jobs = 10
    poll_delay = 0.25
    health_check_interval = 30
    timezone = UTC


class HeavyWorkerSettings:
    """Receipt renders: CPU-bound, and many after a rush.

    Two jobs at once: renders take turns on the process's render lock anyway, and a second
    slot lets a store (upload of a finished PDF) run beside a render. A failed job keeps no
    result, so its id is free for the sweep to enqueue again.
    """

    queue_name = QUEUE_NAMES[Queue.HEAVY]
    functions = functions_of(Queue.HEAVY)
    cron_jobs = cron_jobs_of(Queue.HEAVY)
    on_startup = heavy_startup
    on_shutdown = shutdown
    redis_settings = _redis_settings()
    job_timeout = JOB_TIMEOUT_S
    keep_result = 0
    max_tries = MAX_TRIES
    max_jobs = 2
    poll_delay = 0.5
    health_check_interval = 30
    timezone = UTC


class MailWorkerSettings:
    """The outbox's batches (receipts, reminders, closing summaries): waits on the network.

    Apart from the renders, so a reminder's mail goes out on time after a rush of
    submissions; two batches at once (a batch claims its rows, so they never overlap).
    """

    queue_name = QUEUE_NAMES[Queue.MAIL]
    functions = functions_of(Queue.MAIL)
    cron_jobs = cron_jobs_of(Queue.MAIL)
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = _redis_settings()
    job_timeout = JOB_TIMEOUT_S
    keep_result = 0  # wake-ups have an id per second; nothing to keep once sent
    max_tries = MAX_TRIES
    max_jobs = 2
    poll_delay = 0.5
    health_check_interval = 30
    timezone = UTC


WORKER_SETTINGS: Mapping[Queue, type] = MappingProxyType(
    {
        Queue.TIME_CRITICAL: TimeCriticalWorkerSettings,
        Queue.HEAVY: HeavyWorkerSettings,
        Queue.MAIL: MailWorkerSettings,
    }
)
