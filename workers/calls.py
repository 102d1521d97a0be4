"""Call jobs: thin wrappers that call backend services in a unit of work."""

from __future__ import annotations

import logging
from typing import Any

from backend.calls.services import open_due_calls as open_due_calls_service
from backend.core.db import unit_of_work

log = logging.getLogger(__name__)


async def open_due_calls(ctx: dict[str, Any]) -> int:
    """Open every PUBLISHED call whose opening instant has passed (idempotent sweep)."""
    async with unit_of_work(ctx["session_factory"]) as uow:
        opened = await open_due_calls_service(uow.session, now=ctx["clock"].now())
    if opened:
        log.info("opened calls", extra={"call_ids": [str(c.id) for c in opened]})
    return len(opened)
