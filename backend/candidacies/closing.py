"""Closing a call at its deadline: exactly once, whatever the number of workers or retries.

The call row is locked; a call that is not OPEN, or whose deadline has not come (the deadline
was extended after the job was scheduled), is left alone. Everything happens in the caller's
single transaction, so a worker killed half-way leaves nothing done and the next attempt (the
retried job or the sweeper) does it all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.enums import Role
from backend.accounts.models import RoleGrant, User
from backend.calls import queries as call_queries
from backend.calls import services as call_services
from backend.calls.enums import RUNNING_STATUSES, CallStatus
from backend.calls.errors import InvalidTransition
from backend.calls.models import Call, CallFunder
from backend.calls.presentation import in_zone
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.models import Candidacy
from backend.core import audit
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

    A call still stored PUBLISHED (its opening job never ran) has been OPEN by the clock and
    may have drafts: it is closed the same way (``mark_call_closed`` records the missed opening).

    Side effects: call CLOSED (audited); drafts without a running extension become
    NOT_SUBMITTED (audited as one entry); each manager of the call's funders gets a summary
    through the outbox (deduplicated per call and manager).
    """
    call = await call_services.lock_call(session, call_id)
    if call is None or call.status not in RUNNING_STATUSES or now < call.deadline_at:
        return None
    # A submission in flight holds its candidacy row, then its call's reference counter
    # (whose foreign key takes FOR KEY SHARE on the call: lock_call's FOR NO KEY UPDATE lets
    # it through) and nothing closing holds: closing waits for it to commit and then finds
    # the candidacy SUBMITTED. (Audit entries take no lock: they are sealed later.)
    drafts_left = await _expire_drafts(session, call, now=now, audited=False)
    await call_services.mark_call_closed(session, call, now=now)
    await _audit_expired(session, call, drafts_left, now=now)
    report = ClosingReport(
        call_id=call.id,
        submitted=await _count(session, call.id, CandidacyStatus.SUBMITTED),
        drafts_left=drafts_left,
        extended=await _count(session, call.id, CandidacyStatus.DRAFT),
    )
    await _notify_managers(session, call, report, now=now)
    return report


async def expire_extended_drafts(session: AsyncSession, *, now: datetime) -> int:
    """After a CLOSED call, drafts whose individual extension ran out become NOT_SUBMITTED."""
    calls = (
        await session.exec(
            select(Call).where(
                col(Call.status) == CallStatus.CLOSED,
                sa.exists().where(
                    col(Candidacy.call_id) == col(Call.id),
                    col(Candidacy.status) == CandidacyStatus.DRAFT,
                ),
            )
        )
    ).all()
    return sum([await _expire_drafts(session, call, now=now) for call in calls])


async def _expire_drafts(
    session: AsyncSession, call: Call, *, now: datetime, audited: bool = True
) -> int:
    expired = sa.or_(
        col(Candidacy.extended_deadline_at).is_(None), col(Candidacy.extended_deadline_at) <= now
    )
    result = await session.exec(  # type: ignore[call-overload]
        sa.update(Candidacy)
        .where(
            col(Candidacy.call_id) == call.id,
            col(Candidacy.status) == CandidacyStatus.DRAFT,
            expired,
        )
        .values(status=CandidacyStatus.NOT_SUBMITTED, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    count = int(result.rowcount or 0)
    if audited:
        await _audit_expired(session, call, count, now=now)
    return count


async def _audit_expired(session: AsyncSession, call: Call, count: int, *, now: datetime) -> None:
    if count:
        await audit.record(
            session,
            actor=SCHEDULER,
            action="candidacies.not_submitted",
            object_type="call",
            object_id=call.id,
            now=now,
            after={"drafts": count},
        )


async def _count(session: AsyncSession, call_id: uuid.UUID, status: CandidacyStatus) -> int:
    return int(
        (
            await session.exec(
                select(sa.func.count())
                .select_from(Candidacy)
                .where(col(Candidacy.call_id) == call_id, col(Candidacy.status) == status)
            )
        ).one()
    )


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


async def close_call_by_hand(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, now: datetime
) -> Call:
    """A manager closes a call whose deadline has passed, before the worker gets to it.

    Same effects as the deadline job (drafts NOT_SUBMITTED, summary to the managers); never
    before the deadline, which applicants were promised to the second.
    """
    call = await call_services.managed_call(session, actor=actor, call_id=call_id)
    if call.status not in RUNNING_STATUSES:
        raise InvalidTransition(call.status, CallStatus.CLOSED)
    if now < call.deadline_at:
        raise InvalidInput.single(
            "to",
            f"the call closes at its deadline ({in_zone(call.deadline_at, call.timezone)})",
            "BEFORE_DEADLINE",
        )
    await close_call(session, call_id=call.id, now=now)
    return call


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
        running, last_end = await _running_extensions(session, call.id, now=now)
        if running:
            assert last_end is not None
            raise InvalidInput.single(
                "to",
                f"{running} candidacies have an individual extension until"
                f" {in_zone(last_end, call.timezone).isoformat()}: evaluation starts after it",
                "EXTENSIONS_RUNNING",
            )
    moved = await call_services.transition_call(
        session, actor=actor, call_id=call_id, to=CallStatus.IN_EVALUATION, now=now
    )
    await _expire_drafts(session, moved, now=now)
    return moved


async def _running_extensions(
    session: AsyncSession, call_id: uuid.UUID, *, now: datetime
) -> tuple[int, datetime | None]:
    """How many drafts of the call may still be submitted under an extension, and until when."""
    count, last_end = (
        await session.exec(
            select(sa.func.count(), sa.func.max(col(Candidacy.extended_deadline_at))).where(
                col(Candidacy.call_id) == call_id,
                col(Candidacy.status) == CandidacyStatus.DRAFT,
                col(Candidacy.extended_deadline_at) > now,
            )
        )
    ).one()
    return int(count), last_end


async def move_call(
    session: AsyncSession, *, actor: Actor, call_id: uuid.UUID, to: CallStatus, now: datetime
) -> Call:
    """One lifecycle step asked for by a manager; closing takes the deadline's own path, so
    drafts are settled the same way whoever closes the call, and evaluation waits for the
    individual extensions (:func:`start_evaluation`)."""
    if to is CallStatus.CLOSED:
        return await close_call_by_hand(session, actor=actor, call_id=call_id, now=now)
    if to is CallStatus.IN_EVALUATION:
        return await start_evaluation(session, actor=actor, call_id=call_id, now=now)
    return await call_services.transition_call(
        session, actor=actor, call_id=call_id, to=to, now=now
    )
