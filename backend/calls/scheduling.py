"""A call's deadline jobs: its opening and its closing, deferred to the exact instants.

Job ids are deterministic and carry the instant, in epoch milliseconds (arq's own score):
``open-call:<call id>:<opens_at ms>`` and ``close-call:<call id>:<deadline ms>``. Asking twice
for the same job is a no-op while arq holds it, so scheduling may be repeated freely (on
publication, on extension, on opening). An extension yields a new close id; the job for the
old deadline still runs, finds the deadline ahead (``backend.lifecycle.closing.close_call``
returns ``None``) and does nothing. Enqueues happen after commit; when Redis is down they
are lost and logged. The every-minute sweep asks again for the jobs of every opening and
closing within the next :data:`RESCHEDULE_HORIZON` (:func:`reschedule_upcoming`), so a
Redis that lost its jobs has them back before they are due; what came due meanwhile it does
itself, late (:func:`overdue_call_ids`, ``backend.lifecycle.calls.open_due_calls``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import and_, col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls.enums import RUNNING_STATUSES, CallStatus
from backend.calls.models import Call
from backend.core.clock import ensure_utc
from backend.core.jobs import Queue, enqueue_after_commit, job

OPEN_CALL_JOB = job("open_call", Queue.TIME_CRITICAL)
CLOSE_CALL_JOB = job("close_call", Queue.TIME_CRITICAL)

RESCHEDULE_HORIZON = timedelta(hours=1)
"""How far ahead the sweep re-asks for deadline jobs: far more than its period, so a job
lost with Redis is back in Redis long before its instant."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def epoch_ms(instant: datetime) -> int:
    """The instant in whole epoch milliseconds, rounded up so a job never runs before it."""
    return -(-(ensure_utc(instant) - _EPOCH) // _MS)


def at_ms(instant: datetime) -> datetime:
    """The aware UTC instant a job is deferred to: ``instant`` rounded up to the millisecond."""
    return _EPOCH + epoch_ms(instant) * _MS


def open_job_id(call: Call) -> str:
    return f"open-call:{call.id}:{epoch_ms(call.opens_at)}"


def close_job_id(call: Call) -> str:
    return f"close-call:{call.id}:{epoch_ms(call.deadline_at)}"


def _defer_until(instant: datetime, now: datetime) -> datetime | None:
    """When to run: the instant, or at once (``None``) when it has already come.

    Never a past instant: arq keeps a deferred job's key until a day after its instant, so a
    job deferred to more than a day ago could not even be stored.
    """
    return at_ms(instant) if instant > now else None


def schedule_opening(session: AsyncSession, call: Call, *, now: datetime) -> None:
    """After commit, defer the opening job to ``opens_at`` (at once if that has passed)."""
    enqueue_after_commit(
        session,
        OPEN_CALL_JOB,
        job_id=open_job_id(call),
        defer_until=_defer_until(call.opens_at, now),
        call_id=str(call.id),
    )


def schedule_closing(session: AsyncSession, call: Call, *, now: datetime) -> None:
    """After commit, defer the closing job to the current deadline."""
    enqueue_after_commit(
        session,
        CLOSE_CALL_JOB,
        job_id=close_job_id(call),
        defer_until=_defer_until(call.deadline_at, now),
        call_id=str(call.id),
    )


def schedule_call(session: AsyncSession, call: Call, *, now: datetime) -> None:
    """A published call's jobs: its opening (while not yet OPEN) and its closing."""
    if call.status is CallStatus.PUBLISHED:
        schedule_opening(session, call, now=now)
    schedule_closing(session, call, now=now)


async def overdue_call_ids(session: AsyncSession, *, now: datetime) -> list[uuid.UUID]:
    """PUBLISHED or OPEN calls whose deadline has come: what the sweep closes when a job was
    lost (a PUBLISHED one was open by the clock; ``open_due_calls`` skips it past its deadline)."""
    return list(
        (
            await session.exec(
                select(Call.id)
                .where(col(Call.status).in_(RUNNING_STATUSES), col(Call.deadline_at) <= now)
                .order_by(col(Call.deadline_at), col(Call.id))
            )
        ).all()
    )


async def reschedule_upcoming(
    session: AsyncSession, *, now: datetime, horizon: timedelta = RESCHEDULE_HORIZON
) -> int:
    """Ask again, after commit, for the jobs of every opening and closing in ``(now, now +
    horizon]``; returns how many calls. A no-op for Redis while arq holds them (same ids).

    Side effects: enqueues after commit only; reads, locks and writes nothing.
    """
    until = now + horizon
    calls = (
        await session.exec(
            select(Call).where(
                or_(
                    and_(
                        col(Call.status) == CallStatus.PUBLISHED,
                        col(Call.opens_at) > now,
                        col(Call.opens_at) <= until,
                    ),
                    and_(
                        col(Call.status).in_(RUNNING_STATUSES),
                        col(Call.deadline_at) > now,
                        col(Call.deadline_at) <= until,
                    ),
                )
            )
        )
    ).all()
    for call in calls:
        schedule_call(session, call, now=now)
    return len(calls)
