"""The mails of the consortium's consent: an invitation to the invited organisation's admins,
its answer to the lead's members. Queued in the caller's transaction (the outbox)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.enums import MembershipRole
from backend.accounts.models import Membership, Organisation, User
from backend.calls.models import Call
from backend.candidacies.enums import PartnerStatus
from backend.candidacies.models import Candidacy
from backend.core.i18n import pick_text
from backend.core.settings import get_settings
from backend.notifications import services as notifications


async def _active_members(
    session: AsyncSession, organisation_id: uuid.UUID, *, admins_only: bool
) -> Sequence[User]:
    stmt = (
        select(User)
        .join(Membership, col(Membership.user_id) == col(User.id))
        .where(
            col(Membership.organisation_id) == organisation_id,
            col(User.is_active).is_(True),
        )
    )
    if admins_only:
        stmt = stmt.where(col(Membership.role) == MembershipRole.ADMIN)
    return (await session.exec(stmt)).all()


INVITATIONS_PAGE = "/my/invitations"
"""The web application's page where an organisation's admins answer its invitations."""


async def notify_invited(
    session: AsyncSession,
    *,
    candidacy: Candidacy,
    call: Call,
    lead: Organisation,
    invited: Organisation,
    now: datetime,
) -> None:
    """One mail per admin of the invited organisation, in their language (they answer)."""
    for user in await _active_members(session, invited.id, admins_only=True):
        await notifications.enqueue(
            session,
            user=user,
            template="partner_invited",
            context={
                "call_title": pick_text(call.title, user.language) or call.reference,
                "candidacy_title": candidacy.title,
                "lead_name": lead.name,
                "partner_name": invited.name,
                "link": get_settings().web_url(INVITATIONS_PAGE),
            },
            dedupe_key=f"partner-invited:{candidacy.id}:{invited.id}:{now.isoformat()}:{user.id}",
            now=now,
        )


async def notify_answered(
    session: AsyncSession,
    *,
    candidacy: Candidacy,
    call: Call,
    partner_name: str,
    partner_key: uuid.UUID,
    answer: PartnerStatus,
    now: datetime,
) -> None:
    """One mail per member of the lead organisation: the invitation was accepted or declined.

    ``partner_key`` tells answers apart (the organisation, or an invitation by e-mail)."""
    for user in await _active_members(session, candidacy.lead_organisation_id, admins_only=False):
        await notifications.enqueue(
            session,
            user=user,
            template="partner_answered",
            context={
                "call_title": pick_text(call.title, user.language) or call.reference,
                "candidacy_title": candidacy.title,
                "partner_name": partner_name,
                "answer": answer.value,
            },
            dedupe_key=f"partner-answered:{candidacy.id}:{partner_key}:{now.isoformat()}:{user.id}",
            now=now,
        )
