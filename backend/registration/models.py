"""One-time codes mailed to prove an address: a sign-up waiting for confirmation, a reset.

A code is stored only as its SHA-256 (as tokens are), works once (``used_at``) and expires.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from backend.core.i18n import Language
from backend.core.types import enum_column, id_field


class SignUpRequest(SQLModel, table=True):
    """An account asked for, created only when its address is confirmed: until then nobody
    can sign in with an address they do not own, and an unconfirmed request leaves no
    account behind."""

    __tablename__ = "sign_up_request"

    id: uuid.UUID = id_field()
    email: str = Field(max_length=254, index=True)
    """Lower-cased, as accounts store it."""
    full_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    language: Language = Field(sa_column=enum_column(Language))
    code_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class PasswordReset(SQLModel, table=True):
    """A reset asked for by an account's owner (or anyone knowing the address: the code
    goes to the mailbox, so only its owner can use it)."""

    __tablename__ = "password_reset"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    code_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
