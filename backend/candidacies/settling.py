"""What becomes of a call's drafts once it has closed: they are settled as NOT_SUBMITTED.

The candidacies' own rows and rules; *when* they are settled is the call's lifecycle
(``backend.lifecycle``: on closing, on starting the evaluation). A draft under an individual
extension stays a draft until its extension ends; the sweep (:func:`expire_extended_drafts`)
settles it then. A settled draft is kept, read-only.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls.enums import CallStatus
from backend.calls.models import Call
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.models import Candidacy
from backend.core import audit
from backend.core.auth import SCHEDULER


async def settle_drafts(
    session: AsyncSession, call: Call, *, now: datetime, audited: bool = True
) -> int:
    """The call's drafts without a running extension become NOT_SUBMITTED; how many.

    Side effects: one bulk update; one audit entry for them all unless ``audited`` is False
    (closing records it after the call's own entry, with :func:`audit_settled`).
    """
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
        await audit_settled(session, call, count, now=now)
    return count


async def audit_settled(session: AsyncSession, call: Call, count: int, *, now: datetime) -> None:
    """One ``candidacies.not_submitted`` entry on the call for ``count`` drafts (none for 0)."""
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
    return sum([await settle_drafts(session, call, now=now) for call in calls])


async def count_with_status(
    session: AsyncSession, call_id: uuid.UUID, status: CandidacyStatus
) -> int:
    """How many of the call's candidacies are in ``status``."""
    return int(
        (
            await session.exec(
                select(sa.func.count())
                .select_from(Candidacy)
                .where(col(Candidacy.call_id) == call_id, col(Candidacy.status) == status)
            )
        ).one()
    )


async def running_extensions(
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
