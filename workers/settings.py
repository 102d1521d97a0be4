"""The arq worker: WorkerSettings and the shared resources its jobs receive in ``ctx``.

Jobs are thin: they take ids, open a unit of work, call one backend service, and return
quietly when there is nothing (left) to do, so a job that runs twice does its work once.
"""

from __future__ import annotations

from typing import Any

from arq import cron

from backend.core.clock import SystemClock
from backend.core.db import create_engine, create_session_factory
from backend.core.logging import configure_logging
from backend.core.redis import redis_settings
from backend.core.settings import get_settings
from workers.calls import open_due_calls

# After a SIGKILL a job is claimable again only once its in-progress key expires (the largest
# job_timeout + 10 s): keep timeouts tight.
JOB_TIMEOUT_S = 60


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
    )


async def shutdown(ctx: dict[str, Any]) -> None:
    engine = ctx.get("engine")
    if engine is not None:
        await engine.dispose()


def _settings() -> Any:
    settings = get_settings()
    return redis_settings(settings.redis_url, settings.var_dir)


class WorkerSettings:
    functions = [open_due_calls]
    cron_jobs = [
        # Every minute, in UTC; unique across workers, so several workers sweep once.
        cron(open_due_calls, second=0, run_at_startup=True, timeout=JOB_TIMEOUT_S),
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = _settings()
    job_timeout = JOB_TIMEOUT_S
    max_tries = 5
    health_check_interval = 30
    timezone = None
