"""Column helpers shared by every domain, and the marker for "leave this field as it is"."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def id_field() -> Any:
    return Field(default_factory=new_id, primary_key=True)


def enum_column(enum_cls: type[enum.Enum], *, nullable: bool = False, **kw: Any) -> sa.Column:
    """Store an enum as its string value, never as a native PostgreSQL ENUM of member names."""
    return sa.Column(
        sa.Enum(
            enum_cls,
            native_enum=False,
            values_callable=lambda e: [m.value for m in e],
            length=32,
            validate_strings=True,
        ),
        nullable=nullable,
        **kw,
    )


def timestamp_field(*, nullable: bool = False, index: bool = False, **kw: Any) -> Any:
    """An aware UTC instant (sqlmodel maps ``datetime`` to its UTCDateTime type)."""
    return Field(default=None if nullable else ..., nullable=nullable, index=index, **kw)


__all__ = ["datetime", "enum_column", "id_field", "new_id", "timestamp_field"]


class Keep(enum.Enum):
    """A partial edit's "leave this field as it is", where ``None`` is a value (a cleared
    field) and so cannot mean it."""

    KEEP = "keep"


KEEP = Keep.KEEP
