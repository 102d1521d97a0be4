"""Permission and state predicates for calls: pure, synchronous, no database access.

``funder_ids`` is the set of funders of the call (its ``call_funder`` rows that ACCEPTED:
``backend.calls.co_funding``); loaders fetch it once per request so predicates never query.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from backend.calls.enums import (
    ALLOWED_TRANSITIONS,
    RUNNING_STATUSES,
    STRUCTURE_FROZEN_STATUSES,
    CallStatus,
)
from backend.calls.models import Call
from backend.core.auth import Actor


def can_register_funder(actor: Actor) -> bool:
    """Funders (ministries, agencies) are registered by platform admins only."""
    return actor.is_platform_admin


def can_manage_call(actor: Actor, funder_ids: Collection[uuid.UUID]) -> bool:
    """A call is managed by admins and by the managers of any of its funders."""
    return actor.is_platform_admin or not actor.managed_funder_ids.isdisjoint(funder_ids)


def can_create_call_for(actor: Actor, programme_funder_id: uuid.UUID) -> bool:
    """Managers create calls in their own funders' programmes."""
    return actor.is_platform_admin or programme_funder_id in actor.managed_funder_ids


def can_answer_co_funding(actor: Actor, funder_id: uuid.UUID) -> bool:
    """A funder's own programme managers accept or decline its co-fundings (not admins:
    consent is the funder's)."""
    return funder_id in actor.managed_funder_ids


def can_transition(current: CallStatus, requested: CallStatus) -> bool:
    """Only the lifecycle's forward steps are allowed."""
    return requested in ALLOWED_TRANSITIONS[current]


def is_structure_frozen(call: Call, *, now: datetime) -> bool:
    """From OPEN on (stored, or by the clock), applicants rely on the form, grid, rules and
    budget staying put."""
    return (
        is_structure_settled(call) or effective_status(call, now=now) in STRUCTURE_FROZEN_STATUSES
    )


def is_structure_settled(call: Call) -> bool:
    """Frozen by the stored status, so for good: no change of structure can still commit.

    :func:`is_structure_frozen` also holds by the clock before the opening job has run, and
    then an edit that locked the call just before the opening may still be committing; the
    job skips a call locked that way, so a stored OPEN (or later) comes after every edit.
    What may be kept as final (the process-wide form cache) waits for this.
    """
    return call.status in STRUCTURE_FROZEN_STATUSES


def effective_status(call: Call, *, now: datetime) -> CallStatus:
    """The call's status at ``now`` by the clock, to the second, whatever the workers did.

    A PUBLISHED or OPEN call is PUBLISHED before ``opens_at``, OPEN from ``opens_at`` until
    strictly before ``deadline_at`` and CLOSED from the deadline on; the stored status only
    catches up when the opening and closing jobs run (they do the side effects: mails,
    settling drafts). Other statuses are set by hand and are what is stored.
    ``queries.effective_status_sql`` is the same rule in SQL: keep the two together.
    """
    if call.status not in RUNNING_STATUSES:
        return call.status
    if now >= call.deadline_at:
        return CallStatus.CLOSED
    if now >= call.opens_at:
        return CallStatus.OPEN
    return CallStatus.PUBLISHED


def is_open(call: Call, *, now: datetime) -> bool:
    """Accepting candidacies: OPEN by the clock (past its opening, strictly before its
    deadline), whether or not the opening job has run yet."""
    return effective_status(call, now=now) is CallStatus.OPEN
