"""Funders, programmes and calls, with their form questions and evaluation criteria.

Localised texts are JSON objects keyed by language (``{"fr": ..., "en": ..., "de": ...}``).
A deadline is an aware UTC instant plus the call's IANA zone, so it is exact to the second and
can be shown in the call's local time across daylight-saving changes. Money is integer cents.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from backend.calls.enums import CallKind, CallStatus, CoFundingStatus, QuestionKind
from backend.core.types import enum_column, id_field


class Funder(SQLModel, table=True):
    id: uuid.UUID = id_field()
    code: str = Field(max_length=32, sa_column_kwargs={"unique": True})
    name: str = Field(max_length=300)
    country: str = Field(max_length=2)
    created_at: datetime


class Programme(SQLModel, table=True):
    id: uuid.UUID = id_field()
    funder_id: uuid.UUID = Field(foreign_key="funder.id", index=True)
    code: str = Field(max_length=32, sa_column_kwargs={"unique": True})
    name: str = Field(max_length=300)
    created_at: datetime


class Call(SQLModel, table=True):
    id: uuid.UUID = id_field()
    programme_id: uuid.UUID = Field(foreign_key="programme.id", index=True)
    reference: str = Field(max_length=40, sa_column_kwargs={"unique": True})
    kind: CallKind = Field(sa_column=enum_column(CallKind))
    status: CallStatus = Field(sa_column=enum_column(CallStatus, index=True))
    title: dict[str, str] = Field(sa_type=sa.JSON)
    description: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    """Markdown source per language; rendered and sanitised on the way out."""
    currency: str = Field(default="EUR", max_length=3)
    budget_envelope_cents: int = Field(sa_type=sa.BigInteger)
    cap_per_candidacy_cents: int | None = Field(default=None, sa_type=sa.BigInteger)
    timezone: str = Field(max_length=64)
    opens_at: datetime
    deadline_at: datetime = Field(index=True)
    review_deadline_at: datetime | None = None
    decision_date: date | None = None
    project_start_date: date | None = None
    eligibility: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    """An :class:`backend.calls.eligibility.EligibilityRules`, dumped to JSON."""
    overall_threshold: Decimal | None = Field(default=None, sa_type=sa.Numeric(8, 2))
    experts_per_candidacy: int = 2
    blind_review: bool = False
    reminder_offsets_days: list[int] = Field(default_factory=lambda: [7, 1], sa_type=sa.JSON)
    """Days before the deadline at which drafts' organisations are reminded (J-7, J-1)."""
    closed_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None = None
    search_text: str = Field(default="", sa_type=sa.Text)
    """:func:`backend.calls.search.search_document`: what ``CallFilter.search`` matches,
    kept by the services whenever the reference, a title or a description changes."""


class CallFunder(SQLModel, table=True):
    """A funder of a call and its share of the budget envelope.

    A co-funder is invited: it is a funder of the call (rights, notifications) only once a
    programme manager of that funder has ACCEPTED; the programme's own funder is ACCEPTED
    from the start.
    """

    __tablename__ = "call_funder"
    __table_args__ = (sa.UniqueConstraint("call_id", "funder_id"),)

    id: uuid.UUID = id_field()
    call_id: uuid.UUID = Field(foreign_key="call.id", index=True)
    funder_id: uuid.UUID = Field(foreign_key="funder.id", index=True)
    share_cents: int = Field(sa_type=sa.BigInteger)
    consent: CoFundingStatus = Field(
        sa_column=enum_column(CoFundingStatus, server_default=CoFundingStatus.ACCEPTED.value)
    )
    """Rows from before invitations existed were ACCEPTED (the server default)."""
    responded_at: datetime | None = None
    responded_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="user.id")


class FormQuestion(SQLModel, table=True):
    __tablename__ = "form_question"
    __table_args__ = (sa.UniqueConstraint("call_id", "key"),)

    id: uuid.UUID = id_field()
    call_id: uuid.UUID = Field(foreign_key="call.id", index=True)
    position: int
    key: str = Field(max_length=64)
    kind: QuestionKind = Field(sa_column=enum_column(QuestionKind))
    label: dict[str, str] = Field(sa_type=sa.JSON)
    help_text: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    required: bool = False
    max_length: int | None = None
    min_value: Decimal | None = Field(default=None, sa_type=sa.Numeric(18, 4))
    max_value: Decimal | None = Field(default=None, sa_type=sa.Numeric(18, 4))
    choices: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    """``[{"value": "cardiology", "label": {"fr": ..., "en": ...}}]`` for choice questions."""


class EvaluationCriterion(SQLModel, table=True):
    __tablename__ = "evaluation_criterion"
    __table_args__ = (sa.UniqueConstraint("call_id", "key"),)

    id: uuid.UUID = id_field()
    call_id: uuid.UUID = Field(foreign_key="call.id", index=True)
    position: int
    key: str = Field(max_length=64)
    label: dict[str, str] = Field(sa_type=sa.JSON)
    weight: Decimal = Field(sa_type=sa.Numeric(8, 2))
    scale_min: Decimal = Field(sa_type=sa.Numeric(8, 2))
    scale_max: Decimal = Field(sa_type=sa.Numeric(8, 2))
    step: Decimal = Field(sa_type=sa.Numeric(8, 2))
    threshold: Decimal | None = Field(default=None, sa_type=sa.Numeric(8, 2))


class CallTheme(SQLModel, table=True):
    """A theme code of a call (``radiology``, ``emergency-medicine``), a row each for filtering."""

    __tablename__ = "call_theme"
    __table_args__ = (sa.UniqueConstraint("call_id", "theme"),)

    id: uuid.UUID = id_field()
    call_id: uuid.UUID = Field(foreign_key="call.id", index=True)
    theme: str = Field(max_length=64, index=True)
