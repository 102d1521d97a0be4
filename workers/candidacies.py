"""Candidacy jobs: deadline reminders and the end of individual extensions.

Both are steps of the every-minute sweep (``workers.calls.sweep_deadlines``) and may run on
their own; each takes one unit of work and is idempotent.
"""

from __future__ import annotations

import logging
from typing import Any

from backend.candidacies import reminders, settling
from backend.core.db import unit_of_work

log = logging.getLogger(__name__)


async def send_due_reminders(ctx: dict[str, Any]) -> int:
    """Queue the due J-7 / J-1 reminders; each (offset, candidacy, member) once, ever."""
    async with unit_of_work(ctx["session_factory"], jobs=ctx.get("jobs")) as uow:
        queued = await reminders.send_due_reminders(uow.session, now=ctx["clock"].now())
    if queued:
        log.info("deadline reminders queued", extra={"count": queued})
    return queued


async def expire_extended_drafts(ctx: dict[str, Any]) -> int:
    """Drafts of closed calls whose individual extension ran out become NOT_SUBMITTED."""
    async with unit_of_work(ctx["session_factory"], jobs=ctx.get("jobs")) as uow:
        expired = await settling.expire_extended_drafts(uow.session, now=ctx["clock"].now())
    if expired:
        log.info("extended drafts expired", extra={"count": expired})
    return expired
