"""The outbox: a notification row is written in the same transaction as the state change that
causes it, and a worker sends it later, with retries, exactly once per ``dedupe_key``."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from backend.core.i18n import Language
from backend.core.types import enum_column, id_field
from backend.notifications.enums import NotificationStatus


class Notification(SQLModel, table=True):
    id: uuid.UUID = id_field()
    dedupe_key: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    """e.g. ``reminder:J-7:<call>:<user>``: a second insert with the same key is a no-op."""
    user_id: uuid.UUID | None = Field(default=None, foreign_key="user.id", index=True)
    """None for a mail to an address without an account (an invitation by e-mail)."""
    email: str = Field(max_length=254)
    """The address the mail goes to."""
    language: Language = Field(sa_column=enum_column(Language))
    template: str = Field(max_length=64)
    context: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    status: NotificationStatus = Field(sa_column=enum_column(NotificationStatus, index=True))
    attempts: int = 0
    next_attempt_at: datetime = Field(index=True)
    last_error: str | None = Field(default=None, max_length=2000)
    created_at: datetime
    sent_at: datetime | None = None
