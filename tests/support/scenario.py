"""A small world with one actor of each kind, for authorization and query-count tests.

Funders A and B each have a programme and a manager; A also has a viewer. There is a platform
admin, an expert, and applicants: the admin and a plain member of organisation X, and the
admin of organisation Y (who is not in X). Calls: a DRAFT of A, a DRAFT of B, a PUBLISHED
call of A. ``build_candidacy_scenario`` adds open and closed calls, a partner organisation Z
and candidacies in several states (see :class:`CandidacyScenario`).

Users are inserted with one precomputed password hash and given session tokens directly
(what ``login`` stores): argon2 costs about 0.3 s per user, and every test builds this world
afresh. Everything else goes through the real services.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.relay import GlobalID

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind, Role, TokenKind
from backend.accounts.models import AuthToken, Membership, Organisation, User
from backend.calls import services as calls
from backend.calls.enums import QuestionKind
from backend.calls.inputs import QuestionInput, TimelineInput
from backend.calls.models import Call, Funder, Programme
from backend.candidacies import consortium, submission
from backend.candidacies import services as candidacy_services
from backend.candidacies.enums import BudgetCategory, PartnerRole, PartnerStatus
from backend.candidacies.models import Candidacy, CandidacyPartner
from backend.core.auth import (
    TOKEN_PREFIX_SESSION,
    Actor,
    hash_password,
    hash_token,
    new_token,
)
from backend.core.db import SessionFactory, read_session, unit_of_work
from backend.core.settings import get_settings
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f

ANONYMOUS = "anonymous"
SIGNED_ACTORS = (
    "admin",
    "manager_a",
    "manager_b",
    "viewer_a",
    "expert",
    "applicant_x",
    "member_x",
    "applicant_y",
)
ACTORS = (ANONYMOUS, *SIGNED_ACTORS)


def gid(type_name: str, obj: Any) -> str:
    """The relay global ID of a row, as a client sees it."""
    return str(GlobalID(type_name, str(obj.id)))


@functools.cache
def _password_hash() -> str:
    return hash_password(f.PASSWORD)


async def make_signed_user(session: AsyncSession, now: datetime, name: str) -> f.Signed:
    """A user with the factories' password and a live session token."""
    clear = new_token(TOKEN_PREFIX_SESSION)
    ttl = timedelta(hours=get_settings().session_token_ttl_hours)
    user = User(
        email=f"{name.replace('_', '-')}-{f.n()}@example.org",
        full_name=name,
        password_hash=_password_hash(),
        created_at=now,
    )
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
    return f.Signed(user=user, token=clear)


@dataclass
class Scenario:
    funder_a: Funder
    funder_b: Funder
    programme_a: Programme
    programme_b: Programme
    org_x: Organisation
    org_y: Organisation
    draft_a: Call
    draft_b: Call
    published_a: Call
    users: dict[str, f.Signed] = field(default_factory=dict)

    def headers(self, actor: str) -> dict[str, str]:
        return {} if actor == ANONYMOUS else self.users[actor].headers

    def user(self, actor: str) -> User:
        return self.users[actor].user

    def call(self, name: str) -> Call:
        return {"draft_a": self.draft_a, "draft_b": self.draft_b, "published_a": self.published_a}[
            name
        ]

    def organisation(self, name: str) -> Organisation:
        return {"org_x": self.org_x, "org_y": self.org_y}[name]


async def build_scenario(factory: SessionFactory, now: datetime) -> Scenario:
    """The whole world in one unit of work (one commit is much faster than thirty)."""
    admin = Actor(is_platform_admin=True)
    async with unit_of_work(factory) as uow:
        session = uow.session
        funder_a, funder_b = [
            await calls.create_funder(
                session, actor=admin, code=f"FUNDER-{f.n()}", name=name, country="FR", now=now
            )
            for name in ("Funder A", "Funder B")
        ]
        programme_a, programme_b = [
            await calls.create_programme(
                session,
                actor=admin,
                funder_id=funder.id,
                code=f"PROG-{f.n()}",
                name="Programme",
                now=now,
            )
            for funder in (funder_a, funder_b)
        ]
        users = {name: await make_signed_user(session, now, name) for name in SIGNED_ACTORS}
        for actor, role, funder in (
            ("admin", Role.PLATFORM_ADMIN, None),
            ("manager_a", Role.PROGRAMME_MANAGER, funder_a),
            ("manager_b", Role.PROGRAMME_MANAGER, funder_b),
            ("viewer_a", Role.FUNDER_VIEWER, funder_a),
            ("expert", Role.EXPERT, None),
        ):
            await accounts.grant_role(
                session,
                actor=admin,
                user_id=users[actor].user.id,
                role=role,
                funder_id=funder.id if funder else None,
                now=now,
            )
        org_x = await add_organisation(session, now, users["applicant_x"].user, "Org X")
        await accounts.add_member(
            session,
            actor=admin,
            organisation_id=org_x.id,
            email=users["member_x"].user.email,
            role=MembershipRole.MEMBER,
            now=now,
        )
        org_y = await add_organisation(session, now, users["applicant_y"].user, "Org Y")
        draft_a = await _call(session, now, programme_a, funder_a)
        draft_b = await _call(session, now, programme_b, funder_b)
        published_a = await _call(session, now, programme_a, funder_a)
        published_a = await lifecycle.publish_call(
            session, actor=admin, call_id=published_a.id, now=now
        )
    return Scenario(
        funder_a=funder_a,
        funder_b=funder_b,
        programme_a=programme_a,
        programme_b=programme_b,
        org_x=org_x,
        org_y=org_y,
        draft_a=draft_a,
        draft_b=draft_b,
        published_a=published_a,
        users=users,
    )


async def add_organisation(
    session: AsyncSession, now: datetime, owner: User, name: str
) -> Organisation:
    """A company registered by ``owner`` (its admin), inside the caller's unit of work."""
    data = accounts.OrganisationInput(
        name=name, kind=OrganisationKind.COMPANY, country="DE", registry_id=f"HRB {f.n()}"
    )
    return await accounts.create_organisation(
        session, actor=Actor(user_id=owner.id), data=data, now=now
    )


async def _call(session: AsyncSession, now: datetime, programme: Programme, funder: Funder) -> Call:
    return await calls.create_call(
        session,
        actor=Actor(is_platform_admin=True),
        data=f.call_input(programme, funder, now),
        now=now,
    )


async def database_fingerprint(factory: SessionFactory) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table, sorted: equal fingerprints mean nothing at all changed."""
    snapshot: dict[str, list[tuple[str, ...]]] = {}
    async with read_session(factory) as session:
        connection = await session.connection()
        for table in SQLModel.metadata.sorted_tables:
            rows = (await connection.execute(sa.select(table))).all()
            snapshot[table.name] = sorted(tuple(repr(v) for v in row) for row in rows)
    return snapshot


async def row_count(factory: SessionFactory, model: type[SQLModel]) -> int:
    async with read_session(factory) as session:
        return (await session.exec(select(sa.func.count()).select_from(model))).one()


async def reload(factory: SessionFactory, model: type[SQLModel], row_id: Any) -> Any:
    async with read_session(factory) as session:
        return await session.get(model, row_id)


def unguessable() -> str:
    """A well-formed bearer token that was never issued."""
    return TOKEN_PREFIX_SESSION + secrets.token_urlsafe(32)


# --- candidacies ------------------------------------------------------------------------------

CANDIDACY_ACTORS = (*ACTORS, "applicant_z")
"""``ACTORS`` plus the admin of organisation Z, a partner (never the lead) of X's candidacy."""
LEAD_SHARE = 60_000_00
PARTNER_SHARE = 40_000_00
CANDIDACY_QUESTIONS = [
    QuestionInput(
        key="summary",
        kind=QuestionKind.TEXT,
        label={"fr": "Résumé"},
        required=True,
        max_length=3000,
    ),
    QuestionInput(key="letter", kind=QuestionKind.FILE, label={"fr": "Lettre d'engagement"}),
]


def applicant(user: User, *organisations: Organisation) -> Actor:
    """The actor a member of ``organisations`` is, as ``build_actor`` would make it."""
    return Actor(user_id=user.id, organisation_ids=frozenset(o.id for o in organisations))


async def open_call(
    session: AsyncSession,
    now: datetime,
    programme: Programme,
    funder: Funder,
    *,
    opens_at: datetime | None = None,
    deadline_at: datetime | None = None,
    **kw: Any,
) -> Call:
    """A call created, published and opened through the services, all at ``now``."""
    admin = Actor(is_platform_admin=True)
    if opens_at is not None or deadline_at is not None:
        kw["timeline"] = TimelineInput(
            timezone="Europe/Paris",
            opens_at=opens_at or now - timedelta(days=1),
            deadline_at=deadline_at or now + timedelta(days=30),
        )
    kw.setdefault("questions", CANDIDACY_QUESTIONS)
    call = await calls.create_call(
        session, actor=admin, data=f.call_input(programme, funder, now, **kw), now=now
    )
    await f.accept_co_fundings(session, call)
    await lifecycle.publish_call(session, actor=admin, call_id=call.id, now=now)
    return await lifecycle.open_call(session, actor=admin, call_id=call.id, now=now)


async def prepare_candidacy(
    session: AsyncSession,
    now: datetime,
    actor: Actor,
    call: Call,
    lead: Organisation,
    *partners: Organisation,
    title: str = "IA aux urgences",
) -> Candidacy:
    """A candidacy through the services that passes every check of a call made from
    ``f.call_input``: the summary answered, each partner's share matched by a budget line."""
    candidacy = await candidacy_services.create_candidacy(
        session,
        actor=actor,
        call_id=call.id,
        organisation_id=lead.id,
        title=title,
        duration_months=24,
        now=now,
    )
    shares = [(lead, PartnerRole.LEAD, LEAD_SHARE)]
    shares += [(org, PartnerRole.PARTNER, PARTNER_SHARE) for org in partners]
    await candidacy_services.set_partners(
        session,
        actor=actor,
        candidacy_id=candidacy.id,
        partners=[candidacy_services.PartnerInput(o.id, role, cents) for o, role, cents in shares],
        now=now,
    )
    await accept_invitations(session, now, candidacy)
    await candidacy_services.save_answers(
        session,
        actor=actor,
        candidacy_id=candidacy.id,
        answers={"summary": "Évaluer un outil de triage."},
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


@dataclass
class CandidacyScenario:
    """``build_scenario``'s world, plus what candidacies need.

    OPEN calls of A and of B; a CLOSED call of A (deadline passed yesterday); organisation Z,
    whose admin is ``applicant_z``. Candidacies: ``x_a`` (X leads, Z is a partner; complete,
    a DRAFT) to A's open call, ``x_b`` (X, SUBMITTED) to B's, ``y_a`` (Y, a DRAFT) to A's, and
    ``x_closed`` (X, SUBMITTED before the deadline) to A's closed call.
    """

    base: Scenario
    org_z: Organisation
    open_a: Call
    open_b: Call
    closed_a: Call
    candidacies: dict[str, Candidacy]

    def headers(self, actor: str) -> dict[str, str]:
        return self.base.headers(actor)

    def user(self, actor: str) -> User:
        return self.base.user(actor)

    def call(self, name: str) -> Call:
        extra = {"open_a": self.open_a, "open_b": self.open_b, "closed_a": self.closed_a}
        return extra[name] if name in extra else self.base.call(name)

    def organisation(self, name: str) -> Organisation:
        return self.org_z if name == "org_z" else self.base.organisation(name)

    def candidacy(self, name: str) -> Candidacy:
        return self.candidacies[name]


async def build_candidacy_scenario(factory: SessionFactory, now: datetime) -> CandidacyScenario:
    base = await build_scenario(factory, now)
    users = base.users
    x = applicant(users["applicant_x"].user, base.org_x)
    y = applicant(users["applicant_y"].user, base.org_y)
    past = now - timedelta(days=20)
    async with unit_of_work(factory) as uow:
        session = uow.session
        users["applicant_z"] = await make_signed_user(session, now, "applicant_z")
        org_z = await add_organisation(session, now, users["applicant_z"].user, "Org Z")
        open_a = await open_call(session, now, base.programme_a, base.funder_a)
        open_b = await open_call(session, now, base.programme_b, base.funder_b)
        closed_a = await open_call(
            session,
            past,
            base.programme_a,
            base.funder_a,
            opens_at=past - timedelta(days=1),
            deadline_at=now - timedelta(days=1),
        )
        x_closed = await prepare_candidacy(session, past, x, closed_a, base.org_x)
        await submission.submit_candidacy(
            session, actor=x, candidacy_id=x_closed.id, now=past + timedelta(days=1)
        )
        await lifecycle.close_call(session, call_id=closed_a.id, now=now - timedelta(days=1))
        x_a = await prepare_candidacy(session, now, x, open_a, base.org_x, org_z)
        x_b = await prepare_candidacy(session, now, x, open_b, base.org_x)
        await submission.submit_candidacy(session, actor=x, candidacy_id=x_b.id, now=now)
        y_a = await candidacy_services.create_candidacy(
            session, actor=y, call_id=open_a.id, organisation_id=base.org_y.id, title="Y", now=now
        )
        await session.refresh(closed_a)
    return CandidacyScenario(
        base=base,
        org_z=org_z,
        open_a=open_a,
        open_b=open_b,
        closed_a=closed_a,
        candidacies={"x_a": x_a, "x_b": x_b, "y_a": y_a, "x_closed": x_closed},
    )
