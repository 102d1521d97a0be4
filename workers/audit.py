"""Audit job: chain the entries recorded since the last run into the audit hash chain.

Services record audit entries unsealed (no lock on the write path); this job, every five
seconds, seals them in order (see :mod:`backend.core.audit`). Running twice at once or again
is harmless: sealers take turns on the chain's head and only ever seal what is pending.
"""

from __future__ import annotations

import logging
from typing import Any

from arq.worker import func

from backend.core.audit import SEAL_BATCH, seal_pending
from backend.core.db import unit_of_work
from backend.core.jobs import Queue
from workers.registration import WorkerJobs, runs_on, scheduled

log = logging.getLogger(__name__)

MAX_BATCHES = 20
"""Batches per run: a backlog (a worker was down) drains over a few runs instead of outliving
the job timeout; every batch is committed on its own."""


@runs_on(Queue.TIME_CRITICAL)
async def seal_audit(ctx: dict[str, Any]) -> int:
    """Seal pending audit entries, batch after batch while batches come back full; returns
    how many were sealed.

    One unit of work per batch, so the head is locked for one batch at a time.
    """
    key = ctx["settings"].secret_key
    sealed = 0
    for _ in range(MAX_BATCHES):
        async with unit_of_work(ctx["session_factory"]) as uow:
            batch = await seal_pending(uow.session, key=key, limit=SEAL_BATCH)
        sealed += batch
        if batch < SEAL_BATCH:
            break
    if sealed:
        log.info("audit entries sealed", extra={"sealed": sealed})
    return sealed


JOBS = WorkerJobs(
    functions=(func(seal_audit),),  # also enqueued by hand to seal at once (tests, operations)
    # Every five seconds: about how long an entry stays unsealed.
    cron_jobs=(scheduled(seal_audit, second=set(range(0, 60, 5))),),
)
