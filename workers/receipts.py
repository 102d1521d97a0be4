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

log = logging.getLogger(__name__)

SWEEP_LIMIT = 20
"""Receipts per sweep run: about 0.3 s each, well inside the job timeout; the rest wait a
minute for the next run."""


class ReceiptSweepIncomplete(Exception):
    """Some receipts of the sweep failed (each is logged); the others were rendered."""


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
    rendered = failures = 0
    for version_id in missing:
        try:
            rendered += await render_receipt(ctx, version_id=str(version_id))
        except Exception:
            failures += 1
            log.exception("sweep could not render a receipt", extra={"version_id": str(version_id)})
    if failures:
        raise ReceiptSweepIncomplete(f"{failures} of {len(missing)} missing receipts failed")
    return rendered
