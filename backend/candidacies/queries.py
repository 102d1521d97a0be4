"""Actor-scoped selects for candidacies and the batch loads behind the DataLoaders."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from backend.calls.models import CallFunder
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.models import (
    Attachment,
    BudgetLine,
    Candidacy,
    CandidacyAnswer,
    CandidacyPartner,
    CandidacyVersion,
)
from backend.core.auth import Actor
from backend.core.batching import group_by
from backend.core.pagination import Page, keyset_page


@dataclass(frozen=True)
class CandidacyFilter:
    call_id: uuid.UUID | None = None
    status: CandidacyStatus | None = None
    organisation_id: uuid.UUID | None = None


def visible_candidacies(actor: Actor) -> SelectOfScalar[Candidacy]:
    """Applicants: their organisations' candidacies. Funder staff: their calls'. Admins: all."""
    stmt = select(Candidacy)
    if actor.is_platform_admin:
        return stmt
    own = col(Candidacy.lead_organisation_id).in_(actor.organisation_ids)
    if not actor.readable_funder_ids:
        return stmt.where(own)
    funded = sa.exists().where(
        col(CallFunder.call_id) == col(Candidacy.call_id),
        col(CallFunder.funder_id).in_(actor.readable_funder_ids),
    )
    return stmt.where(sa.or_(own, funded))


async def readable_candidacy(
    session: AsyncSession, actor: Actor, candidacy_id: uuid.UUID, *, lock: bool = False
) -> Candidacy | None:
    stmt = visible_candidacies(actor).where(col(Candidacy.id) == candidacy_id)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.exec(stmt)).first()


async def page_of_candidacies(
    session: AsyncSession, actor: Actor, flt: CandidacyFilter, *, first: int, after: str | None
) -> Page[Candidacy]:
    stmt = visible_candidacies(actor)
    if flt.call_id is not None:
        stmt = stmt.where(col(Candidacy.call_id) == flt.call_id)
    if flt.status is not None:
        stmt = stmt.where(col(Candidacy.status) == flt.status)
    if flt.organisation_id is not None:
        stmt = stmt.where(col(Candidacy.lead_organisation_id) == flt.organisation_id)
    return await keyset_page(
        session,
        stmt,
        columns=[col(Candidacy.created_at), col(Candidacy.id)],
        key_of=lambda c: [c.created_at, c.id],
        first=first,
        after=after,
    )


async def partners_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CandidacyPartner]]:
    stmt = (
        select(CandidacyPartner)
        .where(col(CandidacyPartner.candidacy_id).in_(candidacy_ids))
        .order_by(col(CandidacyPartner.position), col(CandidacyPartner.id))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.candidacy_id)


async def answers_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CandidacyAnswer]]:
    stmt = (
        select(CandidacyAnswer)
        .where(col(CandidacyAnswer.candidacy_id).in_(candidacy_ids))
        .order_by(col(CandidacyAnswer.question_key))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.candidacy_id)


async def budget_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[BudgetLine]]:
    stmt = (
        select(BudgetLine)
        .where(col(BudgetLine.candidacy_id).in_(candidacy_ids))
        .order_by(col(BudgetLine.position), col(BudgetLine.id))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.candidacy_id)


async def attachments_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Attachment]]:
    """Current attachments (superseded files are kept for old versions, not listed)."""
    stmt = (
        select(Attachment)
        .where(
            col(Attachment.candidacy_id).in_(candidacy_ids),
            col(Attachment.superseded_at).is_(None),
        )
        .order_by(col(Attachment.question_key), col(Attachment.created_at))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.candidacy_id)


async def versions_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CandidacyVersion]]:
    stmt = (
        select(CandidacyVersion)
        .where(col(CandidacyVersion.candidacy_id).in_(candidacy_ids))
        .order_by(col(CandidacyVersion.number))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.candidacy_id)
