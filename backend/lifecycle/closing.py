"""OPEN -> CLOSED: at the deadline, exactly once, whatever the number of workers or retries.

The call row is locked; a call that is not running (PUBLISHED or OPEN), or whose deadline has
not come (the deadline was extended after the job was scheduled), is left alone. Everything
happens in the caller's single transaction, so a worker killed half-way leaves nothing done
and the next attempt (the retried job or the sweeper) does it all. Closing by hand (a
manager, once the deadline has passed) takes this same path, so drafts are settled the same
way whoever closes the call.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.enums import Role
from backend.accounts.models import RoleGrant, User
from backend.calls import queries as call_queries
from backend.calls import services as call_services
from backend.calls import status
from backend.calls.enums import RUNNING_STATUSES, CallStatus
from backend.calls.errors import InvalidTransition
from backend.calls.models import Call, CallFunder
from backend.calls.presentation import in_zone
from backend.candidacies import settling
from backend.candidacies.enums import CandidacyStatus
from backend.core.auth import SCHEDULER, Actor
from backend.core.errors import InvalidInput
from backend.core.i18n import pick_text
from backend.notifications import services as notifications


@dataclass(frozen=True)
class ClosingReport:
    call_id: uuid.UUID
    submitted: int
    drafts_left: int
    """Drafts turned NOT_SUBMITTED (kept, read-only)."""
    extended: int
    """Drafts that stay open on an individual extension."""


async def close_call(
    session: AsyncSession, *, call_id: uuid.UUID, now: datetime
) -> ClosingReport | None:
    """OPEN -> CLOSED once the deadline has come; ``None`` when there is nothing to do.

    Before: the call is PUBLISHED or OPEN (stored) and its deadline has come. A call still
    stored PUBLISHED (its opening job never ran) has been OPEN by the clock and may have
    drafts: it is closed the same way, its missed opening recorded first.

    Side effects: call CLOSED with ``closed_at`` (audited, by the scheduler); drafts without
    a running extension become NOT_SUBMITTED (audited as one entry); each manager of the
    call's funders gets a summary through the outbox (deduplicated per call and manager).
    """
    call = await call_services.lock_call(session, call_id)
    if call is None or call.status not in RUNNING_STATUSES or now < call.deadline_at:
        return None
    # A submission in flight holds its candidacy row, then its call's reference counter
    # (whose foreign key takes FOR KEY SHARE on the call: lock_call's FOR NO KEY UPDATE lets
    # it through) and nothing closing holds: closing waits for it to commit and then finds
    # the candidacy SUBMITTED. (Audit entries take no lock: they are sealed later.)
    drafts_left = await settling.settle_drafts(session, call, now=now, audited=False)
    await _mark_closed(session, call, now=now)
    await settling.audit_settled(session, call, drafts_left, now=now)
    report = ClosingReport(
        call_id=call.id,
        submitted=await settling.count_with_status(session, call.id, CandidacyStatus.SUBMITTED),
        drafts_left=drafts_left,
        extended=await settling.count_with_status(session, call.id, CandidacyStatus.DRAFT),
    )
    await _notify_managers(session, call, report, now=now)
    return report


async def close_call_by_hand(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
) -> Call:
    """A manager closes a call whose deadline has passed, before the worker gets to it.

    Before: the actor manages the call; it is PUBLISHED or OPEN; its deadline has passed
    (never before: applicants were promised it to the second). Same effects as
    :func:`close_call` (drafts NOT_SUBMITTED, summary to the managers).
    """
    call = await call_services.managed_call(session, actor=actor, call_id=call_id)
    if call.status not in RUNNING_STATUSES:
        raise InvalidTransition(current=call.status, requested=CallStatus.CLOSED)
    if now < call.deadline_at:
        raise InvalidInput.single(
            "to",
            f"the call closes at its deadline ({in_zone(call.deadline_at, call.timezone)})",
            "BEFORE_DEADLINE",
        )
    await close_call(session, call_id=call.id, now=now)
    return call


async def _mark_closed(session: AsyncSession, call: Call, *, now: datetime) -> Call:
    """The status steps, by the scheduler: the missed opening of a call still stored
    PUBLISHED (it was OPEN by the clock, :func:`backend.calls.rules.effective_status`), so
    the trail keeps every step; then CLOSED, with ``closed_at``."""
    if call.status is CallStatus.PUBLISHED:
        call = await status.write_status(session, call, CallStatus.OPEN, actor=SCHEDULER, now=now)
    status.require_transition(call, CallStatus.CLOSED)
    call.closed_at = now
    return await status.write_status(session, call, CallStatus.CLOSED, actor=SCHEDULER, now=now)


async def _notify_managers(
    session: AsyncSession, call: Call, report: ClosingReport, *, now: datetime
) -> None:
    managers = (
        await session.exec(
            select(User)
            .join(RoleGrant, col(RoleGrant.user_id) == col(User.id))
            .join(CallFunder, col(CallFunder.funder_id) == col(RoleGrant.funder_id))
            .where(
                col(CallFunder.call_id) == call.id,
                call_queries.ACCEPTED_FUNDING,
                col(RoleGrant.role) == Role.PROGRAMME_MANAGER,
                col(User.is_active).is_(True),
            )
            .distinct()
        )
    ).all()
    for user in managers:
        await notifications.enqueue(
            session,
            user=user,
            template="call_closed_summary",
            context={
                "call_title": pick_text(call.title, user.language) or call.reference,
                "submitted_count": report.submitted,
                "drafts_left_count": report.drafts_left,
            },
            dedupe_key=f"call-closed:{call.id}:{user.id}",
            now=now,
        )
