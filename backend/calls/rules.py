"""Permission and state predicates for calls: pure, synchronous, no database access.

``funder_ids`` is the set of funders of the call (its ``call_funder`` rows); loaders fetch it
once per request so predicates never query.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from backend.calls.enums import (
    ALLOWED_TRANSITIONS,
    PUBLIC_STATUSES,
    STRUCTURE_FROZEN_STATUSES,
    CallStatus,
)
from backend.calls.models import Call
from backend.core.auth import Actor


def can_read_call(actor: Actor, call: Call, funder_ids: Collection[uuid.UUID]) -> bool:
    """Published calls are public; drafts only for their funders' managers, viewers and admins."""
    return (
        call.status in PUBLIC_STATUSES
        or actor.is_platform_admin
        or not actor.readable_funder_ids.isdisjoint(funder_ids)
    )


def can_manage_call(actor: Actor, funder_ids: Collection[uuid.UUID]) -> bool:
    """A call is managed by admins and by the managers of any of its funders."""
    return actor.is_platform_admin or not actor.managed_funder_ids.isdisjoint(funder_ids)


def can_create_call_for(actor: Actor, programme_funder_id: uuid.UUID) -> bool:
    """Managers create calls in their own funders' programmes."""
    return actor.is_platform_admin or programme_funder_id in actor.managed_funder_ids


def can_transition(current: CallStatus, requested: CallStatus) -> bool:
    """Only the lifecycle's forward steps are allowed."""
    return requested in ALLOWED_TRANSITIONS[current]


def is_structure_frozen(call: Call) -> bool:
    """From OPEN on, applicants rely on the form, grid, rules and budget staying put."""
    return call.status in STRUCTURE_FROZEN_STATUSES


def is_open(call: Call, *, now: datetime) -> bool:
    """Accepting candidacies: OPEN, past its opening and strictly before its deadline."""
    return call.status is CallStatus.OPEN and call.opens_at <= now < call.deadline_at
