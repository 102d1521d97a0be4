"""The arq worker: WorkerSettings and the shared resources its jobs receive in ``ctx``.

Jobs are thin: they take ids, open a unit of work, call one backend service, and return
quietly when there is nothing (left) to do, so a job that runs twice does its work once.

``ctx`` holds ``settings``, ``session_factory``, ``clock`` and ``jobs`` (the worker's own arq
pool as a :class:`backend.core.jobs.ArqJobQueue`, for jobs that ask for jobs after commit).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from arq import cron
from arq.worker import func

from backend.core.clock import SystemClock
from backend.core.db import create_engine, create_session_factory
from backend.core.jobs import ArqJobQueue
from backend.core.logging import configure_logging
from backend.core.redis import redis_settings
from backend.core.settings import get_settings
from backend.core.storage import storage_from_settings
from workers.audit import seal_audit
from workers.calls import close_call, open_call, sweep_deadlines
from workers.notifications import send_notifications
from workers.receipts import render_missing_receipts, render_receipt

# After a SIGKILL a job is claimable again only once its in-progress key expires (the largest
# job_timeout + 10 s): keep every timeout tight, and give none a longer one of its own.
JOB_TIMEOUT_S = 60
MAX_TRIES = 5
"""Starts of one job (a retry after a kill or a cancellation counts); the sweep backs it up."""
CRON_RESULT_KEEP_S = 3600
"""A cron run's result, under its per-run id, stops a late worker from enqueuing it again.

arq's ``cron()`` keeps no result unless told (its ``keep_result`` defaults to 0, whatever the
worker's ``keep_result``), hence :data:`_CRON`."""
_CRON: dict[str, Any] = {
    "run_at_startup": True,
    "unique": True,
    "keep_result": CRON_RESULT_KEEP_S,
}


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    configure_logging(settings.log_level)
    engine = create_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )
    ctx.update(
        settings=settings,
        engine=engine,
        session_factory=create_session_factory(engine),
        clock=SystemClock(),
        jobs=ArqJobQueue(pool=ctx["redis"]),
        storage=storage_from_settings(settings),
    )


async def shutdown(ctx: dict[str, Any]) -> None:
    engine = ctx.get("engine")
    if engine is not None:
        await engine.dispose()
    storage = ctx.get("storage")
    if storage is not None:
        await storage.aclose()


def _settings() -> Any:
    settings = get_settings()
    return redis_settings(settings.redis_url, settings.var_dir)


class WorkerSettings:
    functions = [
        # Deadline jobs keep no result: their ids dedupe while they wait; once run, nothing
        # may linger to swallow a later re-scheduling under the same id (they are idempotent).
        func(open_call, keep_result=0),
        func(close_call, keep_result=0),
        sweep_deadlines,  # also enqueued by hand to sweep at once (tests, operations)
        send_notifications,
        render_receipt,  # enqueued by submit_candidacy after commit, id "receipt:<version id>"
        render_missing_receipts,
        seal_audit,  # also enqueued by hand to seal at once (tests, operations)
    ]
    cron_jobs = [
        # Every minute, in UTC (``timezone`` below), unique across workers.
        cron(sweep_deadlines, second=0, **_CRON),
        cron(send_notifications, second=30, **_CRON),
        cron(render_missing_receipts, second=15, **_CRON),
        # Every five seconds: about how long an audit entry stays outside the hash chain.
        cron(seal_audit, second=set(range(0, 60, 5)), **_CRON),
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = _settings()
    job_timeout = JOB_TIMEOUT_S
    keep_result = CRON_RESULT_KEEP_S
    max_tries = MAX_TRIES
    health_check_interval = 30
    timezone = UTC
