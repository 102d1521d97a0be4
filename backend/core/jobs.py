"""Background jobs asked for by services, enqueued only after the transaction commits.

A service calls :func:`enqueue_after_commit`; the unit of work runs the enqueue once its
commit succeeded, so a job never sees rows that were rolled back. When Redis is down the
enqueue fails, is logged, and the state change still stands: every job has a sweeper that
finds the work from the database, so nothing is lost, only delayed.
"""

from __future__ import annotations

import logging
import time
import uuid
from datetime import datetime
from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.core.db import uow_of

log = logging.getLogger(__name__)

JOB_QUEUE_KEY = "job_queue"
RECENT_JOB_TTL_S = 5.0
_ENQUEUE_SCRIPT = """
if redis.call('exists', KEYS[1], KEYS[2]) > 0 then return 0 end
redis.call('psetex', KEYS[1], ARGV[1], ARGV[2])
redis.call('zadd', KEYS[3], ARGV[3], ARGV[4])
return 1
"""
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
        self._script: Any = None
        self._script_pool: Any = None

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
        await self._enqueue_job(pool, name, job_id or uuid.uuid4().hex, defer_until, kwargs)
        if job_id is not None:
            self._remember(job_id)

    async def _enqueue_job(
        self, pool: Any, name: str, job_id: str, defer_until: datetime | None, kwargs: Any
    ) -> bool:
        """``pool.enqueue_job`` in one round trip instead of three; False if refused.

        arq (0.28) WATCHes the job key, asks whether the job or its result exists, then
        writes the job and its queue entry in a MULTI. The script does the same check and
        the same two writes atomically in Redis, in arq's formats (arq's own serializer and
        key prefixes), so arq's workers run the job as if arq had queued it.
        """
        from arq.constants import job_key_prefix, result_key_prefix
        from arq.jobs import serialize_job

        if self._script is None or self._script_pool is not pool:
            self._script, self._script_pool = pool.register_script(_ENQUEUE_SCRIPT), pool
        now_ms = int(time.time() * 1000)
        score = int(defer_until.timestamp() * 1000) if defer_until is not None else now_ms
        job = serialize_job(name, (), kwargs, None, now_ms, serializer=pool.job_serializer)
        keys = [job_key_prefix + job_id, result_key_prefix + job_id, pool.default_queue_name]
        expires_ms = score - now_ms + pool.expires_extra_ms
        return bool(await self._script(keys=keys, args=[expires_ms, job, score, job_id]))

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
