"""A small world with one actor of each kind, for authorization and query-count tests.

Funders A and B each have a programme and a manager; A also has a viewer. There is a platform
admin, an expert, and applicants: the admin and a plain member of organisation X, and the
admin of organisation Y (who is not in X). Calls: a DRAFT of A, a DRAFT of B, a PUBLISHED
call of A.

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
from backend.accounts.models import AuthToken, Organisation, User
from backend.calls import services as calls
from backend.calls.models import Call, Funder, Programme
from backend.core.auth import (
    TOKEN_PREFIX_SESSION,
    Actor,
    hash_password,
    hash_token,
    new_token,
)
from backend.core.db import SessionFactory, read_session, unit_of_work
from backend.core.settings import get_settings
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
        org_x = await _organisation(session, now, users["applicant_x"].user, "Org X")
        await accounts.add_member(
            session,
            actor=admin,
            organisation_id=org_x.id,
            email=users["member_x"].user.email,
            role=MembershipRole.MEMBER,
            now=now,
        )
        org_y = await _organisation(session, now, users["applicant_y"].user, "Org Y")
        draft_a = await _call(session, now, programme_a, funder_a)
        draft_b = await _call(session, now, programme_b, funder_b)
        published_a = await _call(session, now, programme_a, funder_a)
        published_a = await calls.publish_call(
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


async def _organisation(
    session: AsyncSession, now: datetime, owner: User, name: str
) -> Organisation:
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
