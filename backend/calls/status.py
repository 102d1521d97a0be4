"""The one write of a call's stored status: the primitive under every transition.

Only ``backend.lifecycle`` imports this module (a ``protected`` import-linter contract in
``pyproject.toml``): a status written from anywhere else would skip the effects the lifecycle
attaches to it (settling drafts on closing, the deadline jobs on publication, the managers'
summary). The domains keep their own rules and rows; they do not move a call.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls.enums import CallStatus
from backend.calls.errors import InvalidTransition
from backend.calls.models import Call
from backend.calls.rules import can_transition
from backend.core import audit
from backend.core.auth import Actor


def require_transition(call: Call, to: CallStatus) -> None:
    """Raise :class:`InvalidTransition` unless ``ALLOWED_TRANSITIONS`` has the step."""
    if not can_transition(call.status, to):
        raise InvalidTransition(current=call.status, requested=to)


async def write_status(
    session: AsyncSession, call: Call, to: CallStatus, *, actor: Actor, now: datetime
) -> Call:
    """Store ``to`` as the call's status (and ``published_at`` on publication), audited as
    ``call.<status>`` with the status before and after. Never a step outside
    ``ALLOWED_TRANSITIONS``, whoever asks."""
    require_transition(call, to)
    before = call.status
    call.status = to
    call.updated_at = now
    if to is CallStatus.PUBLISHED:
        call.published_at = now
    session.add(call)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action=f"call.{to.value.lower()}",
        object_type="call",
        object_id=call.id,
        now=now,
        before={"status": before.value},
        after={"status": to.value},
    )
    return call
