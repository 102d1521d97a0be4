"""A call's whole life, one function per step: the only code that moves a call.

::

    DRAFT ──publish──▶ PUBLISHED ──open──▶ OPEN ──close──▶ CLOSED ──start evaluation──▶
    IN_EVALUATION ──decide──▶ DECIDED ──archive──▶ ARCHIVED

DRAFT -> PUBLISHED: :func:`publish_call`
    Who: a manager of the call (``publishCall``, or ``transitionCall(to: PUBLISHED)``).
    Before: the call is complete (a question, a criterion), its deadline ahead, every
    co-funder accepted. Effects: ``published_at``; after commit, the opening and closing jobs
    deferred to ``opens_at`` and the deadline (``backend.calls.scheduling``).
PUBLISHED -> OPEN: :func:`open_due_calls`, :func:`open_call`
    Who: the scheduler (the ``open_call`` job at ``opens_at``, the every-minute
    ``sweep_deadlines``), which asks again for the closing job; or a manager
    (``transitionCall(to: OPEN)``), not before ``opens_at``.
OPEN -> CLOSED: :func:`close_call`, :func:`close_call_by_hand`
    Who: the scheduler (the ``close_call`` job at the deadline, the sweep); or a manager
    (``transitionCall(to: CLOSED)``), not before the deadline. Both take the same path
    (``backend.lifecycle.closing``): ``closed_at``; the drafts without a running individual
    extension settled NOT_SUBMITTED; a summary mailed to the funders' managers. A call still
    stored PUBLISHED past its deadline is opened, then closed.
CLOSED -> IN_EVALUATION: :func:`start_evaluation`
    Who: a manager (``transitionCall(to: IN_EVALUATION)``), once no individual extension is
    running. Effects: the drafts left (extension ended, not yet swept) settled.
IN_EVALUATION -> DECIDED: :func:`decide_call`; DECIDED -> ARCHIVED: :func:`archive_call`
    Who: a manager (``transitionCall(to: DECIDED | ARCHIVED)``). Effects: the status only.

Every step is audited (``call.<status>``, before and after). Nothing leads back, and nothing
skips a step (``backend.calls.enums.ALLOWED_TRANSITIONS``). What a client sees does not wait
for the scheduler: a call stored PUBLISHED or OPEN *reads* OPEN from ``opens_at`` and CLOSED
from its deadline (``backend.calls.rules.effective_status``); the jobs bring the stored
status and the side effects in line. Between CLOSED and IN_EVALUATION, the
``expire_extended_drafts`` sweep settles each draft whose individual extension ends
(``backend.candidacies.settling``); extending the deadline
(``backend.calls.services.extend_deadline``) moves no status, it defers the closing job.

Only this package writes a call's status (``backend.calls.status``, guarded by an
import-linter contract); the domains below keep their own rules and rows. Every function
takes the caller's session and never commits.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls import inputs as call_inputs
from backend.calls import scheduling, status
from backend.calls import services as call_services
from backend.calls.enums import CallStatus
from backend.calls.errors import InvalidTransition
from backend.calls.models import Call
from backend.calls.presentation import in_zone
from backend.candidacies import settling
from backend.core.auth import SCHEDULER, Actor
from backend.core.errors import InvalidInput
from backend.lifecycle.closing import ClosingReport, close_call, close_call_by_hand

__all__ = [
    "BY_MANAGER",
    "BY_SCHEDULER",
    "ClosingReport",
    "archive_call",
    "close_call",
    "close_call_by_hand",
    "decide_call",
    "move_call",
    "open_call",
    "open_due_calls",
    "publish_call",
    "start_evaluation",
]


class ManagerStep(Protocol):
    """A step a manager asks for (``transitionCall``): by call id, as an actor."""

    async def __call__(
        self, session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
    ) -> Call: ...


async def publish_call(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
) -> Call:
    """DRAFT -> PUBLISHED, once the call is complete enough for applicants to rely on and
    every co-funder has accepted (``backend.calls.services.publication_problems``).

    Before: the actor manages the call; it is DRAFT. Side effects: status and
    ``published_at`` set; audited; after commit, the opening and closing jobs deferred to
    ``opens_at`` and the deadline (``backend.calls.scheduling``).
    """
    call = await call_services.managed_call(session, actor=actor, call_id=call_id)
    status.require_transition(call, CallStatus.PUBLISHED)
    call_inputs.raise_if(await call_services.publication_problems(session, call, now=now))
    call = await status.write_status(session, call, CallStatus.PUBLISHED, actor=actor, now=now)
    scheduling.schedule_call(session, call, now=now)
    return call


async def open_call(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
) -> Call:
    """PUBLISHED -> OPEN asked for by a manager, not before ``opens_at`` (move the opening
    earlier first). Side effects: status (audited). The jobs stay as publication set them."""
    call = await call_services.managed_call(session, actor=actor, call_id=call_id)
    status.require_transition(call, CallStatus.OPEN)
    if now < call.opens_at:
        raise InvalidInput.single(
            "to",
            f"the call opens at {call.opens_at.isoformat()}: move its opening earlier first",
            "NOT_YET_OPENING",
        )
    return await status.write_status(session, call, CallStatus.OPEN, actor=actor, now=now)


async def open_due_calls(session: AsyncSession, *, now: datetime) -> list[Call]:
    """PUBLISHED -> OPEN, by the scheduler, for every call whose opening has come and
    deadline not passed (a call past its deadline is closed instead, by :func:`close_call`).

    Idempotent: a call already OPEN is not selected again; the row lock keeps two workers
    from opening the same call twice. Side effects: statuses changed, one audit entry each;
    after commit, each opened call's closing job asked for again (a no-op if arq has it).
    """
    due = await call_services.lock_calls_due_to_open(session, now=now)
    opened = [
        await status.write_status(session, call, CallStatus.OPEN, actor=SCHEDULER, now=now)
        for call in due
    ]
    for call in opened:  # again: the job asked for on publication may have been lost
        scheduling.schedule_closing(session, call, now=now)
    return opened


async def start_evaluation(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
) -> Call:
    """CLOSED -> IN_EVALUATION, once no individual extension is still running.

    An extension is the funder's promise to one applicant, and a candidacy can no longer
    change once the call is in evaluation: starting it before every extension has ended is
    refused (``EXTENSIONS_RUNNING``). The drafts left, whose extension has ended but which the
    sweeper has not reached yet, become NOT_SUBMITTED with it (audited), so no draft outlives
    the closing stage. Side effects: call IN_EVALUATION (audited); drafts settled.
    """
    call = await call_services.managed_call(session, actor=actor, call_id=call_id)
    if call.status is CallStatus.CLOSED:
        running, last_end = await settling.running_extensions(session, call.id, now=now)
        if running:
            assert last_end is not None
            raise InvalidInput.single(
                "to",
                f"{running} candidacies have an individual extension until"
                f" {in_zone(last_end, call.timezone).isoformat()}: evaluation starts after it",
                "EXTENSIONS_RUNNING",
            )
    moved = await status.write_status(session, call, CallStatus.IN_EVALUATION, actor=actor, now=now)
    await settling.settle_drafts(session, moved, now=now)
    return moved


async def decide_call(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
) -> Call:
    """IN_EVALUATION -> DECIDED, asked for by a manager. Side effects: status (audited)."""
    return await _managed_step(
        session, actor=actor, call_id=call_id, to=CallStatus.DECIDED, now=now
    )


async def archive_call(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
) -> Call:
    """DECIDED -> ARCHIVED, asked for by a manager; nothing of the call changes after it
    (``CallStructureFrozen``). Side effects: status (audited)."""
    return await _managed_step(
        session, actor=actor, call_id=call_id, to=CallStatus.ARCHIVED, now=now
    )


async def _managed_step(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, to: CallStatus, now: datetime
) -> Call:
    call = await call_services.managed_call(session, actor=actor, call_id=call_id)
    return await status.write_status(session, call, to, actor=actor, now=now)


BY_MANAGER: dict[tuple[CallStatus, CallStatus], ManagerStep] = {
    (CallStatus.DRAFT, CallStatus.PUBLISHED): publish_call,
    (CallStatus.PUBLISHED, CallStatus.OPEN): open_call,
    (CallStatus.OPEN, CallStatus.CLOSED): close_call_by_hand,
    (CallStatus.CLOSED, CallStatus.IN_EVALUATION): start_evaluation,
    (CallStatus.IN_EVALUATION, CallStatus.DECIDED): decide_call,
    (CallStatus.DECIDED, CallStatus.ARCHIVED): archive_call,
}
"""Each step of ``ALLOWED_TRANSITIONS`` and the function a manager's request runs for it."""

BY_SCHEDULER = {
    (CallStatus.PUBLISHED, CallStatus.OPEN): open_due_calls,
    (CallStatus.OPEN, CallStatus.CLOSED): close_call,
}
"""The steps the workers take at their instants (``workers.calls``)."""

_BY_TARGET: dict[CallStatus, ManagerStep] = {to: step for (_, to), step in BY_MANAGER.items()}


async def move_call(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, to: CallStatus, now: datetime
) -> Call:
    """One step asked for by a manager (``transitionCall``): the step that leads to ``to``.

    Closing takes the deadline's own path, so drafts are settled the same way whoever closes
    the call, and evaluation waits for the individual extensions. Nothing leads back to
    DRAFT: asking for it is an :class:`InvalidTransition` (once the call is found managed).
    """
    step = _BY_TARGET.get(to)
    if step is None:
        call = await call_services.managed_call(session, actor=actor, call_id=call_id)
        raise InvalidTransition(current=call.status, requested=to)
    return await step(session, actor=actor, call_id=call_id, now=now)
