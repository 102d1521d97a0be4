"""Reusable selects for accounts, scoped to the actor where they return other people's data."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from backend.accounts.models import AuthToken, Membership, Organisation, RoleGrant, User
from backend.core.auth import Actor
from backend.core.batching import group_by


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.exec(select(User).where(User.email == normalise_email(email)))).first()


async def token_with_user(session: AsyncSession, token_hash: str) -> tuple[AuthToken, User] | None:
    row = (
        await session.exec(
            select(AuthToken, User)
            .join(User, col(User.id) == col(AuthToken.user_id))
            .where(AuthToken.token_hash == token_hash)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def grants_of(session: AsyncSession, user_id: uuid.UUID) -> Sequence[RoleGrant]:
    return (await session.exec(select(RoleGrant).where(RoleGrant.user_id == user_id))).all()


async def memberships_of(session: AsyncSession, user_id: uuid.UUID) -> Sequence[Membership]:
    return (await session.exec(select(Membership).where(Membership.user_id == user_id))).all()


def visible_organisations(actor: Actor) -> SelectOfScalar[Organisation]:
    """Organisations the actor belongs to (all of them for platform admins)."""
    stmt = select(Organisation)
    if not actor.is_platform_admin:
        stmt = stmt.where(col(Organisation.id).in_(actor.organisation_ids))
    return stmt


async def membership(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> Membership | None:
    return (
        await session.exec(
            select(Membership).where(
                Membership.user_id == user_id, Membership.organisation_id == organisation_id
            )
        )
    ).first()


async def organisations_by_id(
    session: AsyncSession, organisation_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Organisation]:
    rows = (
        await session.exec(select(Organisation).where(col(Organisation.id).in_(organisation_ids)))
    ).all()
    return {row.id: row for row in rows}


async def grants_by_user(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[RoleGrant]]:
    rows = (
        await session.exec(
            select(RoleGrant)
            .where(col(RoleGrant.user_id).in_(user_ids))
            .order_by(RoleGrant.role, col(RoleGrant.id))
        )
    ).all()
    return group_by(rows, lambda r: r.user_id)


async def memberships_by_user(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Membership]]:
    rows = (
        await session.exec(
            select(Membership)
            .where(col(Membership.user_id).in_(user_ids))
            .order_by(col(Membership.created_at), col(Membership.id))
        )
    ).all()
    return group_by(rows, lambda r: r.user_id)
