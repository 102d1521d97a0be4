"""The submissions benchmark's data: one OPEN Franco-German call and applicants whose
candidacies are ready to submit, each with a session token.

Everything but the user and token rows goes through the real services (audited, validated):
the bench's own inserts are the shortcuts that keep seeding fast (one shared argon2 hash, no
login per applicant). Not a benchmark itself (no ``main``).
"""

from __future__ import annotations

import asyncio
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind, TokenKind
from backend.accounts.models import AuthToken, Membership, Organisation, User
from backend.calls import services as calls
from backend.calls.enums import CallKind, QuestionKind
from backend.calls.inputs import (
    CallInput,
    ChoiceInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
    TimelineInput,
)
from backend.calls.models import Call
from backend.candidacies import consortium
from backend.candidacies import services as candidacies
from backend.candidacies.enums import BudgetCategory, PartnerRole
from backend.candidacies.models import CandidacyPartner
from backend.core.auth import TOKEN_PREFIX_SESSION, Actor, hash_password, hash_token, new_token
from backend.core.clock import utcnow
from backend.core.db import SessionFactory, create_engine, create_session_factory, unit_of_work
from backend.core.i18n import Language
from backend.lifecycle import calls as lifecycle

SEED_CONCURRENCY = 4
CALL_REFERENCE = "BENCH-SUBMISSIONS"
PARTNER_SIRET, PARTNER_FINESS = "26750045200011", "750712184"  # AP-HP, real public identifiers
SUMMARY_TEXT = "Évaluer un outil de triage par apprentissage automatique aux urgences. " * 12


@dataclass(frozen=True)
class Applicant:
    user_id: uuid.UUID
    candidacy_id: uuid.UUID
    token: str


@dataclass(frozen=True)
class Seeded:
    call_id: uuid.UUID
    call_reference: str
    applicants: list[Applicant]
    seconds: float


@dataclass(frozen=True)
class _User:
    """A user row the bench inserted, with the clear session token only it knows."""

    row: User
    token: str


def _call_input(programme_id: uuid.UUID, funder_id: uuid.UUID, now: datetime) -> CallInput:
    return CallInput(
        programme_id=programme_id,
        reference=CALL_REFERENCE,
        kind=CallKind.AAP,
        title={"fr": "Études d'impact de l'IA en santé", "en": "AI impact studies in health"},
        description={"fr": "Un appel franco-allemand pour le banc d'essai."},
        themes=["emergency-care"],
        budget_envelope_cents=10_000_000_000_00,
        cap_per_candidacy_cents=200_000_00,
        funders=[FunderShareInput(funder_id, 10_000_000_000_00)],
        timeline=TimelineInput(
            timezone="Europe/Paris",
            opens_at=now - timedelta(days=1),
            deadline_at=now + timedelta(days=30),
        ),
        eligibility={
            "required_partner_countries": [{"country": "FR"}, {"country": "DE"}],
            "min_duration_months": 6,
            "max_duration_months": 48,
        },
        questions=[
            QuestionInput("summary", QuestionKind.TEXT, {"fr": "Résumé"}, required=True,
                          max_length=3000),
            QuestionInput("patients", QuestionKind.NUMBER, {"fr": "Patients inclus"},
                          required=True),
            QuestionInput("setting", QuestionKind.CHOICE, {"fr": "Lieu"}, required=True,
                          choices=[ChoiceInput("hospital", {"fr": "Hôpital"}),
                                   ChoiceInput("primary", {"fr": "Ville"})]),
            QuestionInput("ethics", QuestionKind.YES_NO, {"fr": "Avis éthique obtenu"},
                          required=True),
        ],
        grid=GridInput(criteria=[CriterionInput(
            "impact", {"fr": "Impact"}, weight=Decimal(2), scale_min=Decimal(0),
            scale_max=Decimal(5), step=Decimal(1),
        )]),
    )  # fmt: skip


async def _open_call(factory: SessionFactory, now: datetime) -> Call:
    admin = Actor(is_platform_admin=True)
    async with unit_of_work(factory) as uow:
        funder = await calls.create_funder(
            uow.session, actor=admin, code="BENCH", name="Banc d'essai", country="FR", now=now
        )
        programme = await calls.create_programme(
            uow.session, actor=admin, funder_id=funder.id, code="BENCH-P", name="Banc", now=now
        )
        call = await calls.create_call(
            uow.session, actor=admin, data=_call_input(programme.id, funder.id, now), now=now
        )
    for step in (lifecycle.publish_call, lifecycle.open_call):
        async with unit_of_work(factory) as uow:
            call = await step(uow.session, actor=admin, call_id=call.id, now=now)
    return call


async def _insert_users(factory: SessionFactory, count: int, now: datetime) -> list[_User]:
    """Users and a session token each, straight into their tables: one argon2 hash shared by
    all (one hash takes ~0.1 s), and tokens stored as the platform stores them (SHA-256) with
    no login."""
    password_hash = hash_password(secrets.token_urlsafe(16))
    users = [
        _User(
            User(
                email=f"bench-{i:06d}@example.org",
                full_name=f"Applicant {i}",
                password_hash=password_hash,
                language=Language.FR,
                created_at=now,
            ),
            new_token(TOKEN_PREFIX_SESSION),
        )
        for i in range(count)
    ]
    tokens = [
        AuthToken(
            user_id=user.row.id, kind=TokenKind.SESSION, name="bench",
            token_hash=hash_token(user.token), created_at=now,
            expires_at=now + timedelta(hours=12),
        )
        for user in users
    ]  # fmt: skip
    async with unit_of_work(factory) as uow:
        uow.session.add_all([user.row for user in users])
        await uow.session.flush()
        uow.session.add_all(tokens)
    return users


async def _prepare_applicant(
    factory: SessionFactory, user: _User, call: Call, partner: Organisation, now: datetime, i: int
) -> Applicant:
    """Organisation, candidacy, partners, answers and budget, via services.

    One short transaction per step, as the API would do, so row locks are held briefly and
    several applicants can be prepared at once.
    """
    async with unit_of_work(factory) as uow:
        org = await accounts.create_organisation(
            uow.session,
            actor=Actor(user_id=user.row.id),
            data=accounts.OrganisationInput(
                name=f"Klinik {i}", kind=OrganisationKind.COMPANY, country="DE",
                registry_id=f"HRB {100000 + i}",
            ),
            now=now,
        )  # fmt: skip
    actor = Actor(user_id=user.row.id, organisation_ids=frozenset({org.id}))
    async with unit_of_work(factory) as uow:
        candidacy = await candidacies.create_candidacy(
            uow.session, actor=actor, call_id=call.id, organisation_id=org.id,
            title=f"IA aux urgences {i}", acronym=f"URG{i}", duration_months=24, now=now,
        )  # fmt: skip
    async with unit_of_work(factory) as uow:
        await candidacies.set_partners(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=now,
            partners=[
                candidacies.PartnerInput(org.id, PartnerRole.LEAD, 60_000_00),
                candidacies.PartnerInput(partner.id, PartnerRole.PARTNER, 40_000_00),
            ],
        )  # fmt: skip
    async with unit_of_work(factory) as uow:
        await _partner_accepts(uow.session, candidacy.id, partner, now)
    async with unit_of_work(factory) as uow:
        await candidacies.save_answers(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=now,
            answers={"summary": SUMMARY_TEXT, "patients": 1200 + i, "setting": "hospital",
                     "ethics": True},
        )  # fmt: skip
    async with unit_of_work(factory) as uow:
        await candidacies.set_budget(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=now,
            lines=[
                candidacies.BudgetLineInput(org.id, BudgetCategory.STAFF, 45_000_00, "Postdoc"),
                candidacies.BudgetLineInput(org.id, BudgetCategory.EQUIPMENT, 15_000_00, "GPU"),
                candidacies.BudgetLineInput(partner.id, BudgetCategory.STAFF, 40_000_00, "ARC"),
            ],
        )  # fmt: skip
    return Applicant(user.row.id, candidacy.id, user.token)


async def _partner_accepts(
    session: AsyncSession, candidacy_id: uuid.UUID, partner: Organisation, now: datetime
) -> None:
    """The shared partner's admin accepts the invitation (consent is asked of every partner)."""
    invitation = (
        await session.exec(
            select(CandidacyPartner).where(
                col(CandidacyPartner.candidacy_id) == candidacy_id,
                col(CandidacyPartner.organisation_id) == partner.id,
            )
        )
    ).one()
    admin = (
        await session.exec(
            select(Membership).where(
                col(Membership.organisation_id) == partner.id,
                col(Membership.role) == MembershipRole.ADMIN,
            )
        )
    ).first()
    assert admin is not None
    actor = Actor(user_id=admin.user_id, organisation_ids=frozenset({partner.id}))
    await consortium.respond_to_invitation(
        session, actor=actor, partner_id=invitation.id, accept=True, now=now
    )


async def _prepare_all(
    factory: SessionFactory,
    users: Sequence[_User],
    call: Call,
    partner: Organisation,
    now: datetime,
) -> list[Applicant]:
    """Prepare applicants ``SEED_CONCURRENCY`` at a time, keeping their order."""
    prepared: list[Applicant | None] = [None] * len(users)
    position = 0

    async def worker() -> None:
        nonlocal position
        while position < len(users):
            index, position = position, position + 1
            prepared[index] = await _prepare_applicant(
                factory, users[index], call, partner, now, index + 1
            )

    await asyncio.gather(*(worker() for _ in range(SEED_CONCURRENCY)))
    return [a for a in prepared if a is not None]


async def seed(url: str, *, applicants: int) -> Seeded:
    """One funder, one OPEN call with four questions, ``applicants`` candidacies ready to
    submit; the applicants share a FR partner organisation (whose admin is one more user)."""
    started = time.perf_counter()
    engine = create_engine(url)
    factory = create_session_factory(engine)
    now = utcnow()
    try:
        call = await _open_call(factory, now)
        users = await _insert_users(factory, applicants + 1, now)
        async with unit_of_work(factory) as uow:
            partner = await accounts.create_organisation(
                uow.session,
                actor=Actor(user_id=users[0].row.id),
                data=accounts.OrganisationInput(
                    name="AP-HP", kind=OrganisationKind.HEALTH_ESTABLISHMENT, country="FR",
                    siret=PARTNER_SIRET, finess=PARTNER_FINESS,
                ),
                now=now,
            )  # fmt: skip
        prepared = await _prepare_all(factory, users[1:], call, partner, now)
    finally:
        await engine.dispose()
    return Seeded(call.id, call.reference, prepared, time.perf_counter() - started)
