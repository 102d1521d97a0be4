"""The consortium by consent: the lead invites an organisation, its admins answer.

Being named a partner in an application is a commitment of the organisation (its share of the
budget, its people's time), so it is never made for it: an invited organisation is PENDING
until one of its **admins** accepts or declines (a plain member cannot commit it, as they
cannot change its members). Once it accepts, its members read the candidacy and its files;
editing stays with the lead's members unless the lead lets that partner edit the content
(``can_edit``); the consortium, submitting and withdrawing always stay with the lead.

Every function takes the session, the actor and ``now``, writes an audit entry on the
candidacy and never commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import queries as account_queries
from backend.accounts.enums import MembershipRole
from backend.accounts.models import Organisation
from backend.calls.models import Call
from backend.candidacies import partner_notices, queries
from backend.candidacies.enums import PartnerRole, PartnerStatus
from backend.candidacies.errors import CandidacyNotEditable
from backend.candidacies.models import Candidacy, CandidacyPartner
from backend.candidacies.rules import is_editable_at, may_read_contents
from backend.candidacies.services import (
    MAX_PARTNERS,
    audit_change,
    editable_candidacy,
    notify_new_invitations,
    record_edit,
    remove_partners,
    require_open_for_changes,
)
from backend.core.auth import Actor
from backend.core.errors import (
    AuthenticationRequired,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)


async def invite_partner(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    organisation_id: uuid.UUID,
    role: PartnerRole,
    requested_share_cents: int,
    now: datetime,
) -> tuple[CandidacyPartner, Candidacy]:
    """Invite an organisation into the consortium (PENDING); lead members only.

    An organisation that declined may be invited again. Side effects: the partner row; a
    mail to each admin of the invited organisation; audited (``candidacy.partner_invited``).
    """
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now
    )
    partners = await _partners_of(session, candidacy.id)
    row = partners.get(organisation_id)
    problems = await _check_invitation(session, candidacy, row, organisation_id, role, partners)
    if requested_share_cents < 0:
        problems.append(FieldProblem("requestedShareCents", "must not be negative"))
    if problems:
        raise InvalidInput(problems)
    if row is None:
        row = CandidacyPartner(
            candidacy_id=candidacy.id,
            organisation_id=organisation_id,
            role=role,
            position=max((p.position for p in partners.values()), default=0) + 1,
        )
    row.role, row.requested_share_cents = role, requested_share_cents
    row.status, row.invited_at, row.responded_at = PartnerStatus.PENDING, now, None
    session.add(row)
    await record_edit(
        session,
        actor,
        "candidacy.partner_invited",
        candidacy,
        now,
        after={
            "organisation_id": str(organisation_id),
            "role": role.value,
            "requested_share_cents": requested_share_cents,
        },
    )
    await notify_new_invitations(session, candidacy, call, [organisation_id], now)
    return row, candidacy


async def _partners_of(
    session: AsyncSession, candidacy_id: uuid.UUID
) -> dict[uuid.UUID, CandidacyPartner]:
    rows = await session.exec(
        select(CandidacyPartner).where(col(CandidacyPartner.candidacy_id) == candidacy_id)
    )
    return {p.organisation_id: p for p in rows.all()}


async def _check_invitation(
    session: AsyncSession,
    candidacy: Candidacy,
    row: CandidacyPartner | None,
    organisation_id: uuid.UUID,
    role: PartnerRole,
    partners: dict[uuid.UUID, CandidacyPartner],
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if role is PartnerRole.LEAD:
        problems.append(FieldProblem("role", "the lead organisation, and only it, is LEAD", "LEAD"))
    if organisation_id == candidacy.lead_organisation_id:
        problems.append(FieldProblem("organisationId", "this is the lead organisation", "LEAD"))
    elif row is not None and row.status is not PartnerStatus.DECLINED:
        problems.append(
            FieldProblem(
                "organisationId",
                f"already {row.status.value.lower()} in this consortium",
                "ALREADY_INVITED",
            )
        )
    elif row is None and len(partners) >= MAX_PARTNERS:
        problems.append(FieldProblem("organisationId", f"at most {MAX_PARTNERS} partners"))
    if await session.get(Organisation, organisation_id) is None:
        problems.append(FieldProblem("organisationId", "no such organisation", "UNKNOWN"))
    return problems


async def respond_to_invitation(
    session: AsyncSession,
    *,
    actor: Actor,
    partner_id: uuid.UUID,
    accept: bool,
    now: datetime,
) -> tuple[CandidacyPartner, Candidacy]:
    """Accept or decline an invitation, as an admin of the invited organisation.

    Side effects: the partner row ACCEPTED or DECLINED; an edit of the candidacy (the
    consortium changed); a mail to each member of the lead organisation; audited
    (``candidacy.partner_accepted`` / ``candidacy.partner_declined``).
    """
    row, candidacy, call = await _invitation_for_admin(session, actor, partner_id)
    if row.status is not PartnerStatus.PENDING:
        raise InvalidInput.single(
            "id", f"this invitation was already {row.status.value.lower()}", "NOT_PENDING"
        )
    require_open_for_changes(call, candidacy, now=now)
    if not is_editable_at(call, candidacy, now=now):
        raise CandidacyNotEditable(candidacy.status)
    row.status = PartnerStatus.ACCEPTED if accept else PartnerStatus.DECLINED
    row.responded_at = now
    session.add(row)
    await record_edit(
        session,
        actor,
        f"candidacy.partner_{row.status.value.lower()}",
        candidacy,
        now,
        after={"organisation_id": str(row.organisation_id)},
    )
    partner = await session.get(Organisation, row.organisation_id)
    assert partner is not None  # a foreign key
    await partner_notices.notify_answered(
        session,
        candidacy=candidacy,
        call=call,
        partner_name=partner.name,
        partner_key=partner.id,
        answer=row.status,
        now=now,
    )
    return row, candidacy


async def _invitation_for_admin(
    session: AsyncSession, actor: Actor, partner_id: uuid.UUID
) -> tuple[CandidacyPartner, Candidacy, Call]:
    """The invitation, its candidacy (locked) and call, if ``actor`` may answer it.

    Not found for anyone outside the invited organisation (they may not learn that it was
    invited); permission denied for its plain members.
    """
    if actor.user_id is None:
        raise AuthenticationRequired("sign in to answer an invitation")
    row = await session.get(CandidacyPartner, partner_id)
    if row is None or row.organisation_id not in actor.organisation_ids:
        raise NotFound("no such invitation")
    membership = await account_queries.membership(
        session, user_id=actor.user_id, organisation_id=row.organisation_id
    )
    if membership is None or membership.role is not MembershipRole.ADMIN:
        raise PermissionDenied("only the invited organisation's admins answer its invitations")
    found = (
        await session.exec(
            select(Candidacy, Call)
            .join(Call, col(Call.id) == col(Candidacy.call_id))
            .where(col(Candidacy.id) == row.candidacy_id)
            .with_for_update(of=Candidacy)  # type: ignore[arg-type]
        )
    ).first()
    assert found is not None  # foreign keys
    await session.refresh(row)
    return row, found[0], found[1]


async def _lead_partner_row(
    session: AsyncSession, actor: Actor, partner_id: uuid.UUID, now: datetime
) -> tuple[CandidacyPartner, Candidacy, Call]:
    """A non-lead partner row of a candidacy the actor leads and may change now."""
    row = await session.get(CandidacyPartner, partner_id)
    if row is None:
        raise NotFound("no such partner")
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=row.candidacy_id, now=now
    )
    await session.refresh(row)
    if row.role is PartnerRole.LEAD:
        raise InvalidInput.single("id", "this is the lead organisation", "LEAD")
    return row, candidacy, call


async def withdraw_partner(
    session: AsyncSession, *, actor: Actor, partner_id: uuid.UUID, now: datetime
) -> Candidacy:
    """Withdraw an invitation, or take out a partner that answered; lead members only.

    Side effects: the partner row and its budget lines deleted; audited
    (``candidacy.partner_withdrawn``).
    """
    row, candidacy, _ = await _lead_partner_row(session, actor, partner_id, now)
    before = {"organisation_id": str(row.organisation_id), "status": row.status.value}
    await remove_partners(session, candidacy, [row.organisation_id])
    session.expunge(row)
    await record_edit(session, actor, "candidacy.partner_withdrawn", candidacy, now, before=before)
    return candidacy


async def set_partner_can_edit(
    session: AsyncSession,
    *,
    actor: Actor,
    partner_id: uuid.UUID,
    can_edit: bool,
    now: datetime,
) -> tuple[CandidacyPartner, Candidacy]:
    """Let a partner's members edit the content (or stop them); lead members only.

    It takes effect once the partner has accepted. Side effects: the flag; audited
    (``candidacy.partner_can_edit_set``).
    """
    row, candidacy, _ = await _lead_partner_row(session, actor, partner_id, now)
    before = {"organisation_id": str(row.organisation_id), "can_edit": row.can_edit}
    row.can_edit = can_edit
    session.add(row)
    candidacy.updated_at = now
    session.add(candidacy)
    await audit_change(
        session,
        actor,
        "candidacy.partner_can_edit_set",
        candidacy,
        now,
        before=before,
        after={**before, "can_edit": can_edit},
    )
    return row, candidacy


async def readable_partners_by_id(
    session: AsyncSession, actor: Actor, partner_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, CandidacyPartner]:
    """The partner rows among ``partner_ids`` the actor sees in ``Candidacy.partners``: those of
    a candidacy whose contents it may read (:func:`rules.may_read_contents`), in three
    statements however many ids."""
    rows = (
        await session.exec(
            select(CandidacyPartner).where(col(CandidacyPartner.id).in_(partner_ids))
        )
    ).all()
    readable = await queries.readable_candidacies_by_id(
        session, actor, list({row.candidacy_id for row in rows})
    )
    consortia = await queries.partners_by_candidacy(session, list(readable))
    return {
        row.id: row
        for row in rows
        if row.candidacy_id in readable
        and may_read_contents(
            actor, readable[row.candidacy_id], consortia.get(row.candidacy_id, [])
        )
    }


async def invitations_by_id(
    session: AsyncSession, actor: Actor, partner_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Any]:
    """The invitations among ``partner_ids`` that ``myPartnerInvitations`` lists for the actor
    (rows of :func:`queries.invitations_to`); none for anonymous callers."""
    if actor.user_id is None:
        return {}
    stmt = queries.invitations_to(actor).where(col(CandidacyPartner.id).in_(partner_ids))
    return {row[0].id: row for row in (await session.exec(stmt)).all()}
