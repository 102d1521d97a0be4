"""Receipt jobs: render one submitted version's PDF, and the sweep for lost render jobs.

``submit_candidacy`` enqueues ``render_receipt`` after commit (id ``receipt:<version id>``).
A render that fails is retried with a growing delay; when the enqueue, the job or all its
tries were lost (Redis down or restarted, a bug since fixed), ``render_missing_receipts``
finds the version from the database and enqueues it again. Both are idempotent: a receipt
is recorded once, whoever renders.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from arq import Retry
from arq.worker import func

from backend.candidacies import receipts
from backend.candidacies.submission import RENDER_RECEIPT_JOB
from backend.core.db import read_session
from backend.core.jobs import JobQueue, Queue
from workers.registration import WorkerJobs, runs_on, scheduled

log = logging.getLogger(__name__)

RENDER_TRIES = 5
RETRY_FIRST_DELAY_S = 2.0
"""Delay before the second try; it doubles after each (2, 4, 8, 16 s): a database or
storage hiccup passes, and a render that keeps failing gives up within half a minute and is
left to the sweep."""
SWEEP_LIMIT = 5000
"""Versions enqueued per sweep run (ids only: one select, then pipelined enqueues); past a
backlog that large, the next runs take the rest as renders drain."""


def receipt_job_id(version_id: uuid.UUID | str) -> str:
    """The id ``submit_candidacy`` gives the job: one render queued per version at a time."""
    return f"receipt:{version_id}"


def retry_delay(job_try: int) -> float:
    """Seconds to wait after try number ``job_try`` failed."""
    return RETRY_FIRST_DELAY_S * 2 ** (job_try - 1)


async def render_receipt(ctx: dict[str, Any], *, version_id: str) -> bool:
    """Render and store the receipt of ``version_id``; False when gone or already rendered.

    A failure is retried after :func:`retry_delay` (arq counts the tries), but for a
    snapshot that no longer matches its hash, which no retry can mend; after the last try
    the error propagates and the job ends, and the sweep enqueues the version again later.
    """
    try:
        vid = uuid.UUID(version_id)
    except ValueError:
        log.warning("render_receipt: not a version id", extra={"version_id": version_id})
        return False
    try:
        rendered = await receipts.render_receipt_in_steps(
            ctx["session_factory"], version_id=vid, storage=ctx["storage"], now=ctx["clock"].now()
        )
    except receipts.ReceiptIntegrityError:
        raise
    except Exception as exc:
        job_try = int(ctx.get("job_try", 1))
        if job_try >= RENDER_TRIES:
            raise
        delay = retry_delay(job_try)
        log.warning(
            "receipt render failed, retrying",
            extra={"version_id": version_id, "try": job_try, "retry_in_s": delay,
                   "error": repr(exc)},
        )  # fmt: skip
        raise Retry(defer=delay) from exc
    if rendered:
        log.info("receipt rendered", extra={"version_id": version_id})
    return rendered


# Reads ids and enqueues renders on the heavy queue: light, and must run on time.
@runs_on(Queue.TIME_CRITICAL)
async def render_missing_receipts(ctx: dict[str, Any]) -> int:
    """Enqueue a render for every version still without a receipt, oldest first (at most
    :data:`SWEEP_LIMIT`); returns how many jobs were new (lost, or finally failed).

    It renders nothing itself, so it runs on the time-critical queue, on time whatever the
    renders' backlog, and recovers a whole outage's losses in one run. No grace period
    after submission: a version whose job is queued or running is refused by its job id.
    """
    now = ctx["clock"].now()
    async with read_session(ctx["session_factory"]) as session:
        # versions_missing_receipt leaves out the last SWEEP_DELAY; ids dedupe, so take all.
        missing = await receipts.versions_missing_receipt(
            session, now=now + receipts.SWEEP_DELAY, limit=SWEEP_LIMIT
        )
    jobs: JobQueue = ctx["jobs"]
    enqueued = await jobs.enqueue_many(
        RENDER_RECEIPT_JOB, [(receipt_job_id(v), {"version_id": str(v)}) for v in missing]
    )
    if enqueued:
        log.info("missing receipts enqueued", extra={"enqueued": enqueued, "missing": len(missing)})
    return enqueued


JOBS = WorkerJobs(
    functions=(
        func(render_missing_receipts),
        # Enqueued by submit_candidacy after commit, id "receipt:<version id>"; retried with
        # backoff; keeps no result, so the sweep may enqueue a render that finally failed.
        func(render_receipt, keep_result=0, max_tries=RENDER_TRIES),
    ),
    cron_jobs=(scheduled(render_missing_receipts, second=set(range(10, 60, 15))),),
)
