"""Receipt jobs: render one submitted version's PDF, and the sweep for lost render jobs.

``submit_candidacy`` enqueues ``render_receipt`` after commit; when that enqueue or the job
was lost (Redis down or restarted), ``render_missing_receipts`` finds the version from the
database a minute later. Both are idempotent: a receipt is recorded once, whoever renders.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from backend.candidacies import receipts
from backend.core.db import read_session
from workers.sweeps import each_on_its_own

log = logging.getLogger(__name__)

SWEEP_LIMIT = 20
"""Receipts per sweep run: about 0.3 s each, well inside the job timeout; the rest wait a
minute for the next run."""


async def render_receipt(ctx: dict[str, Any], *, version_id: str) -> bool:
    """Render and store the receipt of ``version_id``; False when gone or already rendered."""
    try:
        vid = uuid.UUID(version_id)
    except ValueError:
        log.warning("render_receipt: not a version id", extra={"version_id": version_id})
        return False
    rendered = await receipts.render_receipt_in_steps(
        ctx["session_factory"], version_id=vid, storage=ctx["storage"], now=ctx["clock"].now()
    )
    if rendered:
        log.info("receipt rendered", extra={"version_id": version_id})
    return rendered


async def render_missing_receipts(ctx: dict[str, Any]) -> int:
    """Render receipts still missing a minute after submission, oldest first, at most
    :data:`SWEEP_LIMIT` per run; returns how many this run recorded.

    One failing version is logged and does not stop the others; the job then fails so arq
    reports it, and the next run tries again.
    """
    async with read_session(ctx["session_factory"]) as session:
        missing = await receipts.versions_missing_receipt(
            session, now=ctx["clock"].now(), limit=SWEEP_LIMIT
        )

    async def render(version_id: uuid.UUID) -> int:
        return await render_receipt(ctx, version_id=str(version_id))

    return await each_on_its_own(missing, render, what="missing receipts")
