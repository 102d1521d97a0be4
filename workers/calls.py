"""Call jobs: open and close calls at their instants, and the every-minute sweep.

The opening and closing jobs are deferred by ``backend.calls.scheduling`` with deterministic
ids; the sweep catches up whatever a lost job (Redis restarted, a worker killed, an enqueue
that failed while Redis was down) left undone, and asks again for the jobs of the next hour,
so that openings and closings after an outage still happen at their instants. Every job is
idempotent: it takes ids, opens a unit of work, calls the lifecycle's step
(``backend.lifecycle.calls``) and returns quietly when there is nothing to do.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from arq.worker import func

from backend.calls import scheduling
from backend.core.db import read_session, unit_of_work
from backend.core.jobs import Queue
from backend.lifecycle import calls as lifecycle
from workers.candidacies import expire_extended_drafts, send_due_reminders
from workers.registration import WorkerJobs, runs_on, scheduled
from workers.sweeps import SweepIncomplete, each_on_its_own

log = logging.getLogger(__name__)


async def open_due_calls(ctx: dict[str, Any]) -> int:
    """Open every PUBLISHED call whose opening instant has passed (idempotent sweep)."""
    async with unit_of_work(ctx["session_factory"], jobs=ctx.get("jobs")) as uow:
        opened = await lifecycle.open_due_calls(uow.session, now=ctx["clock"].now())
    if opened:
        log.info("opened calls", extra={"call_ids": [str(c.id) for c in opened]})
    return len(opened)


async def open_call(ctx: dict[str, Any], *, call_id: str) -> None:
    """At ``opens_at``: open the call (with any other call due; a no-op if it is not due)."""
    opened = await open_due_calls(ctx)
    log.debug("open_call job", extra={"call_id": call_id, "opened": opened})


async def close_call(ctx: dict[str, Any], *, call_id: str) -> bool:
    """At the deadline: close the call once; quiet (False) if gone, closed or extended."""
    async with unit_of_work(ctx["session_factory"], jobs=ctx.get("jobs")) as uow:
        report = await lifecycle.close_call(
            uow.session, call_id=uuid.UUID(call_id), now=ctx["clock"].now()
        )
    if report is not None:
        log.info(
            "call closed",
            extra={
                "call_id": call_id,
                "submitted": report.submitted,
                "drafts_left": report.drafts_left,
                "extended": report.extended,
            },
        )
    return report is not None


async def reschedule_upcoming(ctx: dict[str, Any]) -> int:
    """Ask again for the deadline jobs of the next hour (refused while Redis holds them)."""
    async with unit_of_work(ctx["session_factory"], jobs=ctx.get("jobs")) as uow:
        return await scheduling.reschedule_upcoming(uow.session, now=ctx["clock"].now())


async def close_overdue_calls(ctx: dict[str, Any]) -> int:
    """Close every OPEN call past its deadline, each in its own transaction; returns closed.

    One call that fails to close is logged and does not keep the others open.
    """
    async with read_session(ctx["session_factory"]) as session:
        overdue = await scheduling.overdue_call_ids(session, now=ctx["clock"].now())

    async def close(call_id: uuid.UUID) -> int:
        return await close_call(ctx, call_id=str(call_id))

    return await each_on_its_own(overdue, close, what="overdue calls to close")


SWEEP_STEPS: tuple[tuple[str, Callable[[dict[str, Any]], Awaitable[int]]], ...] = (
    ("opened", open_due_calls),
    ("closed", close_overdue_calls),
    ("rescheduled", reschedule_upcoming),
    ("drafts_expired", expire_extended_drafts),
    ("reminders_queued", send_due_reminders),
)


@runs_on(Queue.TIME_CRITICAL)
async def sweep_deadlines(ctx: dict[str, Any]) -> dict[str, int]:
    """Every minute: open what is due, close what is overdue, ask again for the deadline jobs
    of the next hour, expire extended drafts, remind.

    The safety net under the deferred jobs; every step is idempotent and runs in its own
    transaction, in this order, and a failing step does not stop the next ones (the job then
    fails, so arq logs it, and the next minute tries again).
    """
    done: dict[str, int] = {}
    failed: list[str] = []
    for name, step in SWEEP_STEPS:
        try:
            done[name] = await step(ctx)
        except Exception:
            failed.append(name)
            log.exception("sweep step failed", extra={"step": name})
    if failed:
        raise SweepIncomplete(f"sweep steps failed: {', '.join(failed)}")
    return done


JOBS = WorkerJobs(
    functions=(
        # Deadline jobs keep no result: their ids dedupe while they wait; once run, nothing
        # may linger to swallow a later re-scheduling under the same id (they are idempotent).
        func(open_call, keep_result=0),
        func(close_call, keep_result=0),
        func(sweep_deadlines),  # also enqueued by hand to sweep at once (tests, operations)
    ),
    cron_jobs=(scheduled(sweep_deadlines, second=0),),  # every minute
)
