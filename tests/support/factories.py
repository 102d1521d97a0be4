"""The one vocabulary tests build rows with: real rows through the real services, with
defaults for what a test does not care about.

Every factory takes ``db``: a session, to add to the caller's unit of work (a world built in
one transaction commits once, much faster than thirty), or a session factory, to run in a
unit of work of its own. Worlds (``tests.support.worlds``) are compositions of these.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind, Role, TokenKind
from backend.accounts.models import AuthToken, Membership, Organisation, User
from backend.calls import services as calls
from backend.calls import status as call_status
from backend.calls.enums import (
    RUNNING_STATUSES,
    CallKind,
    CallStatus,
    CoFundingStatus,
    QuestionKind,
)
from backend.calls.inputs import (
    CallInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
    TimelineInput,
)
from backend.calls.models import Call, CallFunder, Funder, Programme
from backend.candidacies import consortium, submission
from backend.candidacies import services as candidacy_services
from backend.candidacies.enums import BudgetCategory, PartnerRole, PartnerStatus
from backend.candidacies.models import Candidacy, CandidacyPartner
from backend.core.auth import (
    SYSTEM,
    TOKEN_PREFIX_SESSION,
    Actor,
    hash_password,
    hash_token,
    new_token,
)
from backend.core.db import SessionFactory, unit_of_work
from backend.core.i18n import Language
from backend.core.settings import get_settings
from backend.lifecycle import calls as lifecycle

PASSWORD = "correct horse battery staple"
ADMIN = Actor(is_platform_admin=True)
LEAD_SHARE = 60_000_00
PARTNER_SHARE = 40_000_00
SUMMARY_QUESTION = QuestionInput(
    key="summary", kind=QuestionKind.TEXT, label={"fr": "Résumé"}, required=True, max_length=3000
)
CANDIDACY_QUESTIONS = [
    SUMMARY_QUESTION,
    QuestionInput(key="letter", kind=QuestionKind.FILE, label={"fr": "Lettre d'engagement"}),
]
_seq = itertools.count(1)

Db = AsyncSession | SessionFactory
"""Where a factory writes: the caller's session, or a factory for a unit of work of its own."""


def n() -> int:
    return next(_seq)


@asynccontextmanager
async def writing(db: Db) -> AsyncIterator[AsyncSession]:
    """The caller's session as it is, or a session in a new unit of work (committed after)."""
    if isinstance(db, AsyncSession):
        yield db
        return
    async with unit_of_work(db) as uow:
        yield uow.session


# --- people and organisations -----------------------------------------------------------------


@dataclass
class Signed:
    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def make_user(db: Db, now: datetime, **kw: Any) -> User:
    """A user through ``create_user`` (argon2: about 0.3 s; see ``make_signed_user``)."""
    async with writing(db) as session:
        return await accounts.create_user(
            session,
            actor=SYSTEM,
            email=kw.get("email", f"user{n()}@example.org"),
            full_name=kw.get("full_name", "Test User"),
            password=kw.get("password", PASSWORD),
            language=kw.get("language", Language.FR),
            now=now,
            system=True,
        )


@functools.cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


async def make_signed_user(
    db: Db, now: datetime, name: str = "person", *, language: Language = Language.FR
) -> Signed:
    """A user with ``PASSWORD`` and a live session token (what ``login`` stores), inserted
    with one precomputed password hash: argon2 costs about 0.3 s per user."""
    clear = new_token(TOKEN_PREFIX_SESSION)
    ttl = timedelta(hours=get_settings().session_token_ttl_hours)
    user = User(
        email=f"{name.replace('_', '-')}-{n()}@example.org",
        full_name=name,
        password_hash=_password_hash(),
        language=language,
        created_at=now,
    )
    async with writing(db) as session:
        session.add(user)
        await session.flush()
        session.add(
            AuthToken(
                user_id=user.id,
                kind=TokenKind.SESSION,
                name="session",
                token_hash=hash_token(clear),
                created_at=now,
                expires_at=now + ttl,
            )
        )
    return Signed(user=user, token=clear)


async def grant(
    db: Db, now: datetime, user: User, role: Role, funder: Funder | None = None
) -> None:
    async with writing(db) as session:
        await accounts.grant_role(
            session,
            actor=SYSTEM,
            user_id=user.id,
            role=role,
            funder_id=funder.id if funder else None,
            now=now,
            system=True,
        )


async def sign_in(factory: SessionFactory, now: datetime, user: User) -> Signed:
    """A session token through ``attempt_login`` (the real password check)."""
    async with unit_of_work(factory) as uow:
        issued = await accounts.attempt_login(
            uow.session, email=user.email, password=PASSWORD, now=now
        )
    assert isinstance(issued, accounts.IssuedToken)
    return Signed(user=user, token=issued.token)


async def make_organisation(db: Db, now: datetime, owner: User, **kw: Any) -> Organisation:
    """An organisation registered by ``owner``, who becomes its admin."""
    data = accounts.OrganisationInput(
        name=kw.get("name", f"Org {n()}"),
        kind=kw.get("kind", OrganisationKind.COMPANY),
        country=kw.get("country", "DE"),
        siret=kw.get("siret"),
        finess=kw.get("finess"),
        registry_id=kw.get("registry_id", f"HRB {n()}"),
    )
    async with writing(db) as session:
        return await accounts.create_organisation(
            session, actor=Actor(user_id=owner.id), data=data, now=now
        )


async def add_member(
    db: Db, now: datetime, org: Organisation, owner: User, member: User
) -> Membership:
    async with writing(db) as session:
        return await accounts.add_member(
            session,
            actor=Actor(user_id=owner.id, organisation_ids=frozenset({org.id})),
            organisation_id=org.id,
            email=member.email,
            role=MembershipRole.MEMBER,
            now=now,
        )


def applicant(user: User, *organisations: Organisation) -> Actor:
    """The actor a member of ``organisations`` is, as ``build_actor`` would make it."""
    return Actor(user_id=user.id, organisation_ids=frozenset(o.id for o in organisations))


# --- funders and calls ------------------------------------------------------------------------


async def make_funder(db: Db, now: datetime, **kw: Any) -> Funder:
    async with writing(db) as session:
        return await calls.create_funder(
            session,
            actor=ADMIN,
            code=kw.get("code", f"FUNDER-{n()}"),
            name=kw.get("name", "Ministère de la Santé"),
            country=kw.get("country", "FR"),
            now=now,
        )


async def make_programme(db: Db, now: datetime, funder: Funder) -> Programme:
    async with writing(db) as session:
        return await calls.create_programme(
            session,
            actor=ADMIN,
            funder_id=funder.id,
            code=f"PROG-{n()}",
            name="Programme",
            now=now,
        )


def call_input(programme: Programme, funder: Funder, now: datetime, **kw: Any) -> CallInput:
    """A complete, publishable call input; keyword arguments replace any top-level field."""
    base = CallInput(
        programme_id=programme.id,
        reference=f"CALL-{n()}",
        kind=CallKind.AAP,
        title={"fr": "Études d'impact de l'IA", "en": "AI impact studies"},
        description={"fr": "Un **appel** à projets."},
        themes=["radiology"],
        budget_envelope_cents=1_000_000_00,
        cap_per_candidacy_cents=200_000_00,
        funders=[FunderShareInput(funder.id, 1_000_000_00)],
        timeline=TimelineInput(
            timezone="Europe/Paris",
            opens_at=now - timedelta(days=1),
            deadline_at=now + timedelta(days=30),
        ),
        eligibility={},
        questions=[SUMMARY_QUESTION],
        grid=GridInput(
            criteria=[
                CriterionInput(
                    key="impact",
                    label={"fr": "Impact"},
                    weight=Decimal(2),
                    scale_min=Decimal(0),
                    scale_max=Decimal(5),
                    step=Decimal("0.5"),
                )
            ]
        ),
    )
    return replace(base, **kw)


async def accept_co_fundings(session: Any, call: Call) -> None:
    """Every funder named on ``call`` has accepted (set directly, no one recorded as
    answering): for tests about something else; consent is tested through its service."""
    await session.exec(
        sa.update(CallFunder)
        .where(col(CallFunder.call_id) == call.id)
        .values(consent=CoFundingStatus.ACCEPTED)
    )


async def make_call(
    db: Db,
    now: datetime,
    programme: Programme,
    funder: Funder,
    *,
    status: CallStatus = CallStatus.DRAFT,
    co_funders_accept: bool = True,
    **kw: Any,
) -> Call:
    """A call walked through the real lifecycle up to ``status``, all at ``now``.

    Published and opened by the lifecycle's own steps. From CLOSED on, the status is written
    directly (``backend.calls.status``, audited as the lifecycle does): a call closes only at
    its deadline, tests want CLOSED calls whose deadline is ahead, and a call without
    candidacies has no drafts to settle. Closing itself is tested through the lifecycle. Its
    co-funders have accepted (set directly, with no one recorded as answering) unless
    ``co_funders_accept`` is False; the consent itself is tested through its service.
    """
    async with writing(db) as session:
        call = await calls.create_call(
            session, actor=ADMIN, data=call_input(programme, funder, now, **kw), now=now
        )
        if co_funders_accept:
            await accept_co_fundings(session, call)
    order = list(CallStatus)
    for step in order[1 : order.index(status) + 1]:
        async with writing(db) as session:
            if step in RUNNING_STATUSES:
                call = await lifecycle.move_call(
                    session, actor=ADMIN, call_id=call.id, to=step, now=now
                )
            else:
                row = await session.get(Call, call.id)
                assert row is not None
                call = await call_status.write_status(session, row, step, actor=ADMIN, now=now)
    return call


async def open_call(
    db: Db,
    now: datetime,
    programme: Programme,
    funder: Funder,
    *,
    opens_at: datetime | None = None,
    deadline_at: datetime | None = None,
    **kw: Any,
) -> Call:
    """An OPEN call (``make_call``, all at ``now``) asking ``CANDIDACY_QUESTIONS`` unless
    told otherwise; ``opens_at``/``deadline_at`` replace the default timeline's."""
    if opens_at is not None or deadline_at is not None:
        kw["timeline"] = TimelineInput(
            timezone="Europe/Paris",
            opens_at=opens_at or now - timedelta(days=1),
            deadline_at=deadline_at or now + timedelta(days=30),
        )
    kw.setdefault("questions", CANDIDACY_QUESTIONS)
    return await make_call(db, now, programme, funder, status=CallStatus.OPEN, **kw)


# --- candidacies ------------------------------------------------------------------------------


async def make_candidacy(
    db: Db,
    now: datetime,
    actor: Actor,
    call: Call,
    lead: Organisation,
    *,
    title: str,
    duration_months: int | None = None,
) -> Candidacy:
    """A DRAFT led by ``lead``, with nothing in it yet."""
    async with writing(db) as session:
        return await candidacy_services.create_candidacy(
            session,
            actor=actor,
            call_id=call.id,
            organisation_id=lead.id,
            title=title,
            duration_months=duration_months,
            now=now,
        )


async def complete_candidacy(
    db: Db,
    now: datetime,
    actor: Actor,
    candidacy: Candidacy,
    lead: Organisation,
    *partners: Organisation,
    lead_share: int = LEAD_SHARE,
    summary: str = "Évaluer un outil de triage.",
) -> Candidacy:
    """What every check of a call made from ``call_input`` asks: each partner invited and
    accepting, the summary answered, each partner's share matched by a budget line."""
    shares = [(lead, PartnerRole.LEAD, lead_share)]
    shares += [(org, PartnerRole.PARTNER, PARTNER_SHARE) for org in partners]
    async with writing(db) as session:
        await candidacy_services.set_partners(
            session,
            actor=actor,
            candidacy_id=candidacy.id,
            partners=[
                candidacy_services.PartnerInput(o.id, role, cents) for o, role, cents in shares
            ],
            now=now,
        )
        await accept_invitations(session, now, candidacy)
        await candidacy_services.save_answers(
            session,
            actor=actor,
            candidacy_id=candidacy.id,
            answers={"summary": summary},
            now=now,
        )
        return await candidacy_services.set_budget(
            session,
            actor=actor,
            candidacy_id=candidacy.id,
            lines=[
                candidacy_services.BudgetLineInput(o.id, BudgetCategory.STAFF, cents)
                for o, _, cents in shares
            ],
            now=now,
        )


async def prepare_candidacy(
    db: Db,
    now: datetime,
    actor: Actor,
    call: Call,
    lead: Organisation,
    *partners: Organisation,
    title: str = "IA aux urgences",
) -> Candidacy:
    """A candidacy that passes every check of a call made from ``call_input``."""
    async with writing(db) as session:
        candidacy = await make_candidacy(
            session, now, actor, call, lead, title=title, duration_months=24
        )
        return await complete_candidacy(session, now, actor, candidacy, lead, *partners)


async def submit_candidacy(db: Db, now: datetime, actor: Actor, candidacy: Candidacy) -> Candidacy:
    async with writing(db) as session:
        receipt = await submission.submit_candidacy(
            session, actor=actor, candidacy_id=candidacy.id, now=now
        )
    return receipt.candidacy


async def accept_invitations(session: AsyncSession, now: datetime, candidacy: Candidacy) -> None:
    """Each organisation the lead invited accepts, through one of its admins (the consent
    every partner gives before it counts; see backend.candidacies.consortium)."""
    pending = (
        await session.exec(
            select(CandidacyPartner).where(
                CandidacyPartner.candidacy_id == candidacy.id,
                CandidacyPartner.status == PartnerStatus.PENDING,
            )
        )
    ).all()
    for partner in pending:
        admin = (
            await session.exec(
                select(User)
                .join(Membership, Membership.user_id == User.id)  # type: ignore[arg-type]
                .where(
                    Membership.organisation_id == partner.organisation_id,
                    Membership.role == MembershipRole.ADMIN,
                )
            )
        ).first()
        assert admin is not None, "an invited organisation needs an admin to accept"
        await consortium.respond_to_invitation(
            session,
            actor=await accounts.build_actor(session, admin),
            partner_id=partner.id,
            accept=True,
            now=now,
        )
