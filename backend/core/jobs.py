"""Background jobs asked for by services, enqueued only after the transaction commits.

A service calls :func:`enqueue_after_commit`; the unit of work runs the enqueue once its
commit succeeded, so a job never sees rows that were rolled back. When Redis is down or
paused the enqueue gives up within a short timeout, is logged, and the state change still
stands: every job has a sweeper that finds the work from the database, so nothing is lost,
only delayed.

Every job runs on one of three queues, each served by its own workers (:data:`JOB_QUEUES`
is the one routing table, for enqueues and workers alike, filled by :func:`job` where each
job's name is declared). Time-critical jobs (openings,
closings, the sweeps, the audit sealer) are short and due at an instant; heavy ones (PDF
renders) are long or many; mail (the outbox's batches: receipts, reminders, closing
summaries) waits on the network. On one queue, a closing waited behind 155 receipt renders
and closed two minutes late; apart, no backlog of renders can delay a deadline, nor the mail
that carries a reminder.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.core.db import uow_of
from backend.core.redis import UNAVAILABLE, arq_pool

log = logging.getLogger(__name__)


class Queue(StrEnum):
    TIME_CRITICAL = "time-critical"
    HEAVY = "heavy"
    MAIL = "mail"


QUEUE_NAMES: Mapping[Queue, str] = MappingProxyType(
    {Queue.TIME_CRITICAL: "aap:time-critical", Queue.HEAVY: "aap:heavy", Queue.MAIL: "aap:mail"}
)
"""The Redis key of each queue. Job ids stay global to a Redis (arq's job and result keys
do not name the queue), so an id dedupes across the queues."""

_ROUTES: dict[str, Queue] = {}
JOB_QUEUES: Mapping[str, Queue] = MappingProxyType(_ROUTES)
"""Which queue runs each job, by the name services enqueue; the workers register exactly
these functions (``workers.settings``). Filled by :func:`job` where each job's name is
declared (``backend.calls.scheduling``, ``backend.candidacies.submission``, the workers'
modules for the jobs only they run), so a new domain routes its jobs in its own files."""


def job(name: str, queue: Queue) -> str:
    """Declare the job ``name`` and the queue that runs it; returns the name to enqueue.

    Declared where the name is defined, so whoever can enqueue the job (they import the name)
    has its route. Declaring one name on two queues is a programming error.
    """
    known = _ROUTES.setdefault(name, queue)
    if known is not queue:
        raise ValueError(f"job {name!r} is already routed to {known.value}, not {queue.value}")
    return name


JOB_QUEUE_KEY = "job_queue"
RECENT_JOB_TTL_S = 5.0
RECENT_JOB_IDS = 4096
OUTAGE_PAUSE_S = 2.0
"""After a failed enqueue, enqueues are skipped at once for this long (the sweepers catch
up): a burst of requests does not each wait the timeout on a Redis that is down."""
BATCH_SIZE = 500
"""Jobs per pipelined round trip in :meth:`ArqJobQueue.enqueue_many`."""
LEGACY_QUEUE = "arq:queue"
"""arq's default queue, where every job went before the queues were split."""

_ENQUEUE_SCRIPT = """
if redis.call('exists', KEYS[1], KEYS[2]) > 0 then return 0 end
redis.call('psetex', KEYS[1], ARGV[1], ARGV[2])
redis.call('zadd', KEYS[3], ARGV[3], ARGV[4])
return 1
"""
_MOVE_SCRIPT = """
if redis.call('zrem', KEYS[1], ARGV[1]) == 1 then
  redis.call('zadd', KEYS[2], ARGV[2], ARGV[1])
  return 1
end
return 0
"""


class UnknownJob(LookupError):
    """A job name with no queue in :data:`JOB_QUEUES`: a programming error."""


def queue_of(name: str) -> Queue:
    try:
        return JOB_QUEUES[name]
    except KeyError:
        raise UnknownJob(
            f"job {name!r} has no queue: declare it with backend.core.jobs.job(name, queue)"
        ) from None


class JobQueue(Protocol):
    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None: ...

    async def enqueue_many(
        self, name: str, jobs: Sequence[tuple[str, Mapping[str, Any]]]
    ) -> int: ...


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


class _Outage:
    """Whether Redis failed lately: one WARNING when an outage starts, one line when it
    ends, and meanwhile a short pause in which enqueues are skipped."""

    def __init__(self, pause_s: float) -> None:
        self.pause_s = pause_s
        self.since: float | None = None
        self.until = 0.0
        self.skipped = 0

    def skipping(self) -> bool:
        if self.since is None or time.monotonic() >= self.until:
            return False
        self.skipped += 1
        return True

    def failed(self, exc: BaseException, job: str) -> None:
        now = time.monotonic()
        if self.since is None:
            self.since = now
            log.warning(
                "Redis unavailable: jobs are not enqueued, the sweepers will catch up",
                extra={"job": job, "error": repr(exc)},
            )
        self.until = now + self.pause_s

    def ended(self) -> None:
        if self.since is not None:
            log.warning(
                "Redis available again: jobs are enqueued again",
                extra={"down_s": round(time.monotonic() - self.since, 1), "skipped": self.skipped},
            )
            self.since, self.skipped = None, 0


class ArqJobQueue:
    """Enqueue into arq, each job on its queue (:func:`queue_of`), within a short timeout.

    The API gives Redis settings: the pool is made on first use and connects lazily, so the
    API starts without Redis, and every enqueue gives up after ``timeout_s`` (connect and
    reply: the settings' ``conn_timeout``, ``AAP_REDIS_TIMEOUT_SECONDS``). The worker gives
    its own pool (``pool=``), which it opened with its own timeouts and will close itself.
    ``queue_names`` maps the queues to Redis keys (tests give their own).
    """

    def __init__(
        self,
        redis_settings: Any = None,
        *,
        pool: Any = None,
        queue_names: Mapping[Queue, str] = QUEUE_NAMES,
        timeout_s: float | None = None,
    ) -> None:
        self._settings = redis_settings
        self._pool: Any = pool
        self._owns_pool = pool is None
        self._queue_names = queue_names
        if timeout_s is None and redis_settings is not None:
            timeout_s = float(redis_settings.conn_timeout)
        self._timeout_s = timeout_s
        self._recent: dict[str, float] = {}
        self._script: Any = None
        self._script_pool: Any = None
        self._outage = _Outage(OUTAGE_PAUSE_S)

    def queue_name(self, job: str) -> str:
        return self._queue_names[queue_of(job)]

    async def _get_pool(self) -> Any:
        if self._pool is None:
            self._pool = arq_pool(self._settings, timeout_s=self._timeout_s or 1.0)
        return self._pool

    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None:
        """Enqueue job ``name``; never raises because Redis is down, paused or unreachable.

        Such a failure is logged (one WARNING per outage) and the job left to its sweeper,
        after at most ``timeout_s``. An unknown job name raises :class:`UnknownJob`.
        """
        if job_id is not None and self._enqueued_lately(job_id):
            return
        queue_of(name)
        if self._outage.skipping():
            return
        try:
            async with asyncio.timeout(self._timeout_s):
                pool = await self._get_pool()
                await self._enqueue_job(pool, name, job_id or uuid.uuid4().hex, defer_until, kwargs)
        except UNAVAILABLE as exc:
            self._outage.failed(exc, name)
            return
        self._outage.ended()
        if job_id is not None:
            self._remember(job_id)

    async def enqueue_many(self, name: str, jobs: Sequence[tuple[str, Mapping[str, Any]]]) -> int:
        """Enqueue many ``name`` jobs, each ``(job id, kwargs)``, due now, in pipelined
        batches of :data:`BATCH_SIZE`; returns how many were new (the others were queued,
        running, or had a result).

        For sweepers: a Redis failure raises, so the sweep fails, is logged, and runs again.
        """
        pool = await self._get_pool()
        script = self._script_for(pool)
        added = 0
        for start in range(0, len(jobs), BATCH_SIZE):
            async with pool.pipeline(transaction=False) as pipe:
                for job_id, kwargs in jobs[start : start + BATCH_SIZE]:
                    keys, args = self._script_arguments(pool, name, job_id, None, kwargs)
                    await script(keys=keys, args=args, client=pipe)
                replies = await pipe.execute()
            added += sum(1 for reply in replies if reply)
        return added

    async def _enqueue_job(
        self, pool: Any, name: str, job_id: str, defer_until: datetime | None, kwargs: Any
    ) -> bool:
        """``pool.enqueue_job`` in one round trip instead of three; False if refused.

        arq (0.28) WATCHes the job key, asks whether the job or its result exists, then
        writes the job and its queue entry in a MULTI. The script does the same check and
        the same two writes atomically in Redis, in arq's formats (arq's own serializer, key
        prefixes, millisecond scores and expiry), so arq's workers run the job as if arq had
        queued it. ``tests/backend/core/test_arq_contract.py`` holds this to what arq's own
        ``enqueue_job`` writes, so an arq upgrade that changes it fails there.
        """
        keys, args = self._script_arguments(pool, name, job_id, defer_until, kwargs)
        return bool(await self._script_for(pool)(keys=keys, args=args))

    def _script_for(self, pool: Any) -> Any:
        if self._script is None or self._script_pool is not pool:
            self._script, self._script_pool = pool.register_script(_ENQUEUE_SCRIPT), pool
        return self._script

    def _script_arguments(
        self, pool: Any, name: str, job_id: str, defer_until: datetime | None, kwargs: Any
    ) -> tuple[list[str], list[Any]]:
        from arq.constants import job_key_prefix, result_key_prefix
        from arq.jobs import serialize_job
        from arq.utils import timestamp_ms, to_unix_ms

        now_ms = timestamp_ms()
        score = to_unix_ms(defer_until) if defer_until is not None else now_ms
        job = serialize_job(name, (), kwargs, None, now_ms, serializer=pool.job_serializer)
        keys = [job_key_prefix + job_id, result_key_prefix + job_id, self.queue_name(name)]
        expires_ms = score - now_ms + pool.expires_extra_ms
        return keys, [expires_ms, job, score, job_id]

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


async def move_legacy_jobs(
    pool: Any, *, queue_names: Mapping[Queue, str] = QUEUE_NAMES, legacy: str = LEGACY_QUEUE
) -> int:
    """Move the jobs left in arq's default queue to their own queues, at their scores.

    Before the queues were split every job went to :data:`LEGACY_QUEUE`, which no worker
    reads any more: a closing deferred to next month would wait there forever, its id
    refusing the sweep's re-enqueue. Run at worker start; idempotent, and a job that an
    old worker takes meanwhile is not moved. Returns how many were moved.
    """
    from arq.constants import job_key_prefix
    from arq.jobs import DeserializationError, deserialize_job

    move = pool.register_script(_MOVE_SCRIPT)
    moved = 0
    for member, score in await pool.zrange(legacy, 0, -1, withscores=True):
        job_id = member.decode()
        raw = await pool.get(job_key_prefix + job_id)
        try:
            queue = JOB_QUEUES.get(deserialize_job(raw).function) if raw else None
        except DeserializationError:
            queue = None
        if queue is not None:
            moved += await move(keys=[legacy, queue_names[queue]], args=[job_id, score])
    if moved:
        log.info("jobs moved from arq's default queue", extra={"moved": moved})
    return moved


class RecordingJobQueue:
    """Keeps what was enqueued, for tests and for the CLI where no worker listens."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, str | None, datetime | None, dict[str, Any]]] = []

    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None:
        self.jobs.append((name, job_id, defer_until, kwargs))

    async def enqueue_many(self, name: str, jobs: Sequence[tuple[str, Mapping[str, Any]]]) -> int:
        for job_id, kwargs in jobs:
            self.jobs.append((name, job_id, None, dict(kwargs)))
        return len(jobs)
