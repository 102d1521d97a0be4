"""A demo candidacy in progress, so an applicant logging in has something to continue.

AP-HP's admin prepares a draft for the open Impact IA call and invites a French AI company as
partner, whose admin accepts: the consortium, the budget and two answers are there; the
remaining questions and documents are what ``submissionCheck`` lists before the applicant can
submit.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import services as accounts
from backend.accounts.models import Membership, User
from backend.calls.models import Call, Programme
from backend.candidacies import consortium
from backend.candidacies import services as candidacies
from backend.candidacies.enums import BudgetCategory, PartnerRole
from backend.candidacies.models import CandidacyPartner

DEMO_PROGRAMME = "IMPACT-IA"


async def seed_demo_candidacy(
    session: AsyncSession, *, lead_admin: User, partner_admin: User, now: datetime
) -> None:
    """Side effects: one DRAFT candidacy with partners, budget and answers (each audited)."""
    call = (
        await session.exec(
            select(Call)
            .join(Programme, col(Programme.id) == col(Call.programme_id))
            .where(col(Programme.code) == DEMO_PROGRAMME)
        )
    ).first()
    if call is None:
        return
    lead_org = await _organisation_of(session, lead_admin)
    partner_org = await _organisation_of(session, partner_admin)
    applicant = await accounts.build_actor(session, lead_admin)
    draft = await candidacies.create_candidacy(
        session,
        actor=applicant,
        call_id=call.id,
        organisation_id=lead_org,
        title="TRIAGE-IA : impact d'une aide au tri des urgences sur le délai de prise en charge",
        acronym="TRIAGE-IA",
        duration_months=24,
        now=now,
    )
    await candidacies.set_partners(
        session,
        actor=applicant,
        candidacy_id=draft.id,
        partners=[
            candidacies.PartnerInput(lead_org, PartnerRole.LEAD, 180_000_00),
            candidacies.PartnerInput(partner_org, PartnerRole.PARTNER, 60_000_00),
        ],
        now=now,
    )
    await _partner_accepts(session, partner_admin, draft.id, partner_org, now)
    await candidacies.set_budget(
        session,
        actor=applicant,
        candidacy_id=draft.id,
        lines=[
            candidacies.BudgetLineInput(lead_org, BudgetCategory.STAFF, 150_000_00, "ARC, data"),
            candidacies.BudgetLineInput(lead_org, BudgetCategory.INDIRECT_COSTS, 30_000_00),
            candidacies.BudgetLineInput(partner_org, BudgetCategory.STAFF, 60_000_00),
        ],
        now=now,
    )
    await candidacies.save_answers(
        session,
        actor=applicant,
        candidacy_id=draft.id,
        answers={
            "summary": "Étude multicentrique avant/après dans quatre services d'urgences de "
            "l'AP-HP : effet d'un outil d'aide au tri sur le délai de prise en charge.",
            "device": "Aide au tri (démonstration), éditeur partenaire",
        },
        now=now,
    )


async def _partner_accepts(
    session: AsyncSession,
    partner_admin: User,
    candidacy_id: uuid.UUID,
    partner_org: uuid.UUID,
    now: datetime,
) -> None:
    """The partner's admin accepts the lead's invitation, as a partner must before it counts."""
    invitation = (
        await session.exec(
            select(CandidacyPartner).where(
                col(CandidacyPartner.candidacy_id) == candidacy_id,
                col(CandidacyPartner.organisation_id) == partner_org,
            )
        )
    ).one()
    await consortium.respond_to_invitation(
        session,
        actor=await accounts.build_actor(session, partner_admin),
        partner_id=invitation.id,
        accept=True,
        now=now,
    )


async def _organisation_of(session: AsyncSession, user: User) -> uuid.UUID:
    membership = (
        await session.exec(select(Membership).where(col(Membership.user_id) == user.id))
    ).first()
    assert membership is not None, f"{user.email} belongs to no organisation"
    return membership.organisation_id
