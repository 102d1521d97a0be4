"""Actor-scoped selects for candidacies and the batch loads behind the DataLoaders."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from backend.accounts.models import Organisation
from backend.calls import queries as call_queries
from backend.calls.models import Call, CallFunder
from backend.candidacies.enums import CandidacyStatus, EligibilityDecision, PartnerStatus
from backend.candidacies.models import (
    Attachment,
    BudgetLine,
    Candidacy,
    CandidacyAnswer,
    CandidacyPartner,
    CandidacyVersion,
    PartnerEmailInvitation,
)
from backend.core.auth import Actor
from backend.core.batching import group_by
from backend.core.errors import AuthenticationRequired
from backend.core.pagination import Page, keyset_page


@dataclass(frozen=True)
class CandidacyFilter:
    call_id: uuid.UUID | None = None
    status: CandidacyStatus | None = None
    organisation_id: uuid.UUID | None = None
    eligibility: EligibilityDecision | None = None
    """The eligibility screening's decision (PENDING: not screened yet)."""


def visible_candidacies(actor: Actor) -> SelectOfScalar[Candidacy]:
    """Applicants: the candidacies their organisations lead or accepted to be partners of.
    Funder staff: their calls'. Admins: all."""
    return select(Candidacy).where(visible_to(actor))


def visible_to(actor: Actor) -> sa.ColumnElement[bool]:
    """The condition on ``candidacy`` rows behind :func:`visible_candidacies`."""
    return _visibility(_scope_of(actor), actor.organisation_ids, actor.readable_funder_ids)


def _scope_of(actor: Actor) -> str:
    if actor.is_platform_admin:
        return "all"
    return "own_or_funded" if actor.readable_funder_ids else "own"


def _visibility(scope: str, organisation_ids: Any, funder_ids: Any) -> sa.ColumnElement[bool]:
    """The one visibility rule, for ids given as values or as (expanding) parameters."""
    if scope == "all":
        return sa.true()
    own = sa.or_(
        col(Candidacy.lead_organisation_id).in_(organisation_ids),
        sa.exists().where(
            col(CandidacyPartner.candidacy_id) == col(Candidacy.id),
            col(CandidacyPartner.organisation_id).in_(organisation_ids),
            col(CandidacyPartner.status) == PartnerStatus.ACCEPTED,
        ),
    )
    if scope == "own":
        return own
    funded = sa.exists().where(
        col(CallFunder.call_id) == col(Candidacy.call_id),
        col(CallFunder.funder_id).in_(funder_ids),
        call_queries.ACCEPTED_FUNDING,  # an invited co-funder reads nothing yet
    )
    return sa.or_(own, funded)


def invitations_to(actor: Actor) -> Any:
    """Invitations still waiting for an answer from the actor's organisations, each with what
    the invited need to decide (the candidacy's title, its call, its lead), in one statement.

    The invited organisation's members see them before they may read the candidacy itself:
    they see only these few facts, never its content.
    """
    if actor.user_id is None:
        raise AuthenticationRequired("sign in to see your organisations' invitations")
    lead = sa.orm.aliased(Organisation, name="lead")
    return (
        select(CandidacyPartner, Candidacy, Call, lead)
        .join(Candidacy, col(Candidacy.id) == col(CandidacyPartner.candidacy_id))
        .join(Call, col(Call.id) == col(Candidacy.call_id))
        .join(lead, col(lead.id) == col(Candidacy.lead_organisation_id))
        .where(
            col(CandidacyPartner.organisation_id).in_(actor.organisation_ids),
            col(CandidacyPartner.status) == PartnerStatus.PENDING,
        )
    )


async def readable_candidacy(
    session: AsyncSession, actor: Actor, candidacy_id: uuid.UUID, *, lock: bool = False
) -> Candidacy | None:
    stmt = visible_candidacies(actor).where(col(Candidacy.id) == candidacy_id)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.exec(stmt)).first()


_ORGANISATION_IDS: sa.BindParameter[list[uuid.UUID]] = sa.bindparam(
    "organisation_ids", expanding=True
)
_FUNDER_IDS: sa.BindParameter[list[uuid.UUID]] = sa.bindparam("funder_ids", expanding=True)


async def readable_candidacies_by_id(
    session: AsyncSession, actor: Actor, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Candidacy]:
    """The candidacies among ``candidacy_ids`` the actor may read (:func:`visible_to`), in one
    statement."""
    stmt = visible_candidacies(actor).where(col(Candidacy.id).in_(candidacy_ids))
    return {row.id: row for row in (await session.exec(stmt)).all()}


@functools.cache
def _candidacy_and_call_statement(scope: str, lock: bool) -> Any:
    """The candidacy and its call under :func:`_visibility` with parameters, built once per
    scope (every mutation on a candidacy starts here)."""
    stmt = (
        select(Candidacy, Call)
        .join(Call, col(Call.id) == col(Candidacy.call_id))
        .where(
            col(Candidacy.id) == sa.bindparam("candidacy_id"),
            _visibility(scope, _ORGANISATION_IDS, _FUNDER_IDS),
        )
    )
    return stmt.with_for_update(of=Candidacy) if lock else stmt  # type: ignore[arg-type]


async def readable_candidacy_and_call(
    session: AsyncSession, actor: Actor, candidacy_id: uuid.UUID, *, lock: bool = False
) -> tuple[Candidacy, Call] | None:
    """The candidacy, if ``actor`` may read it, with its call in one statement; ``lock``
    locks the candidacy row only. Same rule as :func:`visible_to`."""
    params = {
        "candidacy_id": candidacy_id,
        "organisation_ids": list(actor.organisation_ids),
        "funder_ids": list(actor.readable_funder_ids),
    }
    stmt = _candidacy_and_call_statement(_scope_of(actor), lock)
    row = (await session.exec(stmt, params=params)).first()
    return (row[0], row[1]) if row else None


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
    if flt.eligibility is not None:
        stmt = stmt.where(col(Candidacy.eligibility) == flt.eligibility)
    return await keyset_page(
        session,
        stmt,
        columns=[col(Candidacy.created_at), col(Candidacy.id)],
        key_of=lambda c: [c.created_at, c.id],
        first=first,
        after=after,
    )


# The batch loads below run on every request that shows or submits a candidacy: their
# statements are built once, with an expanding IN parameter, so each call skips rebuilding
# the expression and its cache key (measured: 0.36 -> 0.16 ms of CPU per statement).
_IDS: sa.BindParameter[list[uuid.UUID]] = sa.bindparam("ids", expanding=True)

_PARTNERS = (
    select(CandidacyPartner)
    .where(col(CandidacyPartner.candidacy_id).in_(_IDS))
    .order_by(col(CandidacyPartner.position), col(CandidacyPartner.id))
)
_PARTNERS_WITH_ORGANISATIONS = (
    select(CandidacyPartner, Organisation)
    .join(Organisation, col(Organisation.id) == col(CandidacyPartner.organisation_id))
    .where(col(CandidacyPartner.candidacy_id) == sa.bindparam("candidacy_id"))
    .order_by(col(CandidacyPartner.position), col(CandidacyPartner.id))
)
_ANSWERS = (
    select(CandidacyAnswer)
    .where(col(CandidacyAnswer.candidacy_id).in_(_IDS))
    .order_by(col(CandidacyAnswer.question_key))
)
_BUDGET = (
    select(BudgetLine)
    .where(col(BudgetLine.candidacy_id).in_(_IDS))
    .order_by(col(BudgetLine.position), col(BudgetLine.id))
)
_CURRENT_ATTACHMENTS = (
    select(Attachment)
    .where(col(Attachment.candidacy_id).in_(_IDS), col(Attachment.superseded_at).is_(None))
    .order_by(col(Attachment.question_key), col(Attachment.created_at))
)


async def partners_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CandidacyPartner]]:
    rows = (await session.exec(_PARTNERS, params={"ids": list(candidacy_ids)})).all()
    return group_by(rows, lambda r: r.candidacy_id)


async def email_invitations_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[PartnerEmailInvitation]]:
    """Invitations by e-mail per candidacy, oldest first, in one statement."""
    rows = (
        await session.exec(
            select(PartnerEmailInvitation)
            .where(col(PartnerEmailInvitation.candidacy_id).in_(list(candidacy_ids)))
            .order_by(col(PartnerEmailInvitation.invited_at), col(PartnerEmailInvitation.id))
        )
    ).all()
    return group_by(rows, lambda r: r.candidacy_id)


async def partners_with_organisations(
    session: AsyncSession, candidacy_id: uuid.UUID
) -> list[tuple[CandidacyPartner, Organisation]]:
    """One candidacy's partners in order, each with its organisation, in one statement."""
    rows = await session.exec(_PARTNERS_WITH_ORGANISATIONS, params={"candidacy_id": candidacy_id})
    return [(partner, org) for partner, org in rows.all()]


async def content_editor_partner(
    session: AsyncSession, candidacy_id: uuid.UUID, organisation_ids: frozenset[uuid.UUID]
) -> CandidacyPartner | None:
    """An accepted partner among ``organisation_ids`` that the lead lets edit the content."""
    if not organisation_ids:
        return None
    stmt = select(CandidacyPartner).where(
        col(CandidacyPartner.candidacy_id) == candidacy_id,
        col(CandidacyPartner.organisation_id).in_(organisation_ids),
        col(CandidacyPartner.status) == PartnerStatus.ACCEPTED,
        col(CandidacyPartner.can_edit).is_(True),
    )
    return (await session.exec(stmt)).first()


async def answers_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CandidacyAnswer]]:
    rows = (await session.exec(_ANSWERS, params={"ids": list(candidacy_ids)})).all()
    return group_by(rows, lambda r: r.candidacy_id)


async def budget_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[BudgetLine]]:
    rows = (await session.exec(_BUDGET, params={"ids": list(candidacy_ids)})).all()
    return group_by(rows, lambda r: r.candidacy_id)


async def attachments_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Attachment]]:
    """Current attachments (superseded files are kept for old versions, not listed)."""
    rows = (await session.exec(_CURRENT_ATTACHMENTS, params={"ids": list(candidacy_ids)})).all()
    return group_by(rows, lambda r: r.candidacy_id)


async def versions_by_candidacy(
    session: AsyncSession, candidacy_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CandidacyVersion]]:
    stmt = (
        select(CandidacyVersion)
        .where(col(CandidacyVersion.candidacy_id).in_(candidacy_ids))
        .order_by(col(CandidacyVersion.number))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.candidacy_id)
