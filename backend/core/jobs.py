"""Background jobs asked for by services, enqueued only after the transaction commits.

A service calls :func:`enqueue_after_commit`; the unit of work runs the enqueue once its
commit succeeded, so a job never sees rows that were rolled back. When Redis is down the
enqueue fails, is logged, and the state change still stands: every job has a sweeper that
finds the work from the database, so nothing is lost, only delayed.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.core.db import uow_of

log = logging.getLogger(__name__)

JOB_QUEUE_KEY = "job_queue"
RECENT_JOB_TTL_S = 5.0
RECENT_JOB_IDS = 4096


class JobQueue(Protocol):
    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None: ...


def enqueue_after_commit(
    session: AsyncSession,
    name: str,
    *,
    job_id: str | None = None,
    defer_until: datetime | None = None,
    **kwargs: Any,
) -> None:
    """Ask for job ``name`` once the current unit of work commits (no-op without a queue)."""
    uow = uow_of(session)
    queue: JobQueue | None = session.info.get(JOB_QUEUE_KEY)
    if uow is None or queue is None:
        return

    async def enqueue() -> None:
        await queue.enqueue(name, job_id=job_id, defer_until=defer_until, **kwargs)

    uow.after_commit(enqueue)


class ArqJobQueue:
    """Enqueue into arq.

    The API gives Redis settings: the pool is opened on first use, so the API starts without
    Redis. The worker gives its own pool (``pool=``), which it opened and will close itself.
    """

    def __init__(self, redis_settings: Any = None, *, pool: Any = None) -> None:
        self._settings = redis_settings
        self._pool: Any = pool
        self._owns_pool = pool is None
        self._recent: dict[str, float] = {}

    async def _get_pool(self) -> Any:
        if self._pool is None:
            from arq import create_pool

            self._pool = await create_pool(self._settings)
        return self._pool

    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None:
        if job_id is not None and self._enqueued_lately(job_id):
            return
        pool = await self._get_pool()
        await pool.enqueue_job(name, _job_id=job_id, _defer_until=defer_until, **kwargs)
        if job_id is not None:
            self._remember(job_id)

    def _enqueued_lately(self, job_id: str) -> bool:
        """Whether this queue enqueued ``job_id`` less than :data:`RECENT_JOB_TTL_S` ago.

        arq refuses a job id that is queued or has a result, after three round trips to
        Redis; a burst of requests asking for the same job (one sender wake-up per second)
        would pay them on every request. Within the short window, it is skipped here.
        The window is far shorter than any sweeper's period, so a sweeper that re-enqueues
        a job that was lost still gets through.
        """
        deadline = self._recent.get(job_id)
        return deadline is not None and deadline > time.monotonic()

    def _remember(self, job_id: str) -> None:
        now = time.monotonic()
        if len(self._recent) >= RECENT_JOB_IDS:
            self._recent = {k: d for k, d in self._recent.items() if d > now}
            if len(self._recent) >= RECENT_JOB_IDS:
                self._recent.clear()
        self._recent[job_id] = now + RECENT_JOB_TTL_S

    async def close(self) -> None:
        if self._pool is not None and self._owns_pool:
            await self._pool.aclose()
            self._pool = None


class RecordingJobQueue:
    """Keeps what was enqueued, for tests and for the CLI where no worker listens."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, str | None, datetime | None, dict[str, Any]]] = []

    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None:
        self.jobs.append((name, job_id, defer_until, kwargs))
