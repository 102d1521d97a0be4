"""Users, organisations, memberships, role grants and tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from backend.accounts.enums import MembershipRole, OrganisationKind, Role, TokenKind
from backend.core.i18n import Language
from backend.core.types import enum_column, id_field


class User(SQLModel, table=True):
    id: uuid.UUID = id_field()
    email: str = Field(max_length=254, sa_column_kwargs={"unique": True}, index=True)
    """Stored lower-cased, so uniqueness is case-insensitive on both databases."""
    full_name: str = Field(max_length=200)
    password_hash: str | None = Field(default=None, max_length=255)
    language: Language = Field(sa_column=enum_column(Language, server_default="fr"))
    is_active: bool = True
    created_at: datetime


class Organisation(SQLModel, table=True):
    id: uuid.UUID = id_field()
    name: str = Field(max_length=300)
    name_key: str = Field(default="", max_length=300, index=True)
    """The name folded for search (no accents, case or repeated spaces): see
    :func:`backend.core.text.search_key`."""
    kind: OrganisationKind = Field(sa_column=enum_column(OrganisationKind))
    country: str = Field(max_length=2, index=True)
    """ISO 3166-1 alpha-2, upper case."""
    siret: str | None = Field(default=None, max_length=14, index=True)
    finess: str | None = Field(default=None, max_length=9, index=True)
    registry_id: str | None = Field(default=None, max_length=64)
    """Free registry identifier for organisations outside France (Handelsregister, ...)."""
    created_at: datetime


class Membership(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("user_id", "organisation_id"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    role: MembershipRole = Field(sa_column=enum_column(MembershipRole))
    created_at: datetime


class RoleGrant(SQLModel, table=True):
    """A platform role; programme managers and funder viewers are scoped to one funder."""

    __tablename__ = "role_grant"
    __table_args__ = (sa.UniqueConstraint("user_id", "role", "funder_id"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    role: Role = Field(sa_column=enum_column(Role))
    funder_id: uuid.UUID | None = Field(default=None, foreign_key="funder.id", index=True)
    created_at: datetime


class AuthToken(SQLModel, table=True):
    """A bearer token, stored only as its SHA-256; sessions expire, API tokens may not."""

    __tablename__ = "auth_token"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    kind: TokenKind = Field(sa_column=enum_column(TokenKind))
    name: str = Field(default="", max_length=100)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
    """API tokens only, to the minute (see backend.accounts.rules.TOKEN_USE_RESOLUTION)."""
