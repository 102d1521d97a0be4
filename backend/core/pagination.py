"""Keyset pagination: stable pages over ``(sort key, id)`` however rows are inserted.

Cursors are opaque to clients (base64 of the last row's key values) and validated on the way
in; a malformed cursor is an input error, never a stack trace.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import select

from backend.core.errors import InvalidInput

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    listed: Any = None
    """The statement the page was cut from (filters and permissions, no cursor, no limit),
    kept so that :func:`count_listed` can count the whole list only when a client asks."""

    @classmethod
    def empty(cls) -> Page[T]:
        return cls(items=[], cursors=[], has_next_page=False, has_previous_page=False)


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([_encode_value(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"u": str(value)}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "t" in value:
        return datetime.fromisoformat(value["t"])
    if isinstance(value, dict) and "u" in value:
        return uuid.UUID(value["u"])
    return value


def decode_cursor(cursor: str, *, arity: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(values, list) or len(values) != arity:
            raise ValueError("wrong arity")
        return [_decode_value(v) for v in values]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput.single("after", "this cursor is not valid", "INVALID_CURSOR") from exc


def check_page_size(first: int | None, *, default: int, maximum: int) -> int:
    if first is None:
        return default
    if not 0 <= first <= maximum:
        raise InvalidInput.single(
            "first", f"must be between 0 and {maximum}", "PAGE_SIZE_OUT_OF_RANGE"
        )
    return first


def after_clause(columns: Sequence[Any], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in ascending ``columns`` order (a row-value comparison)."""
    bound = [sa.literal(v, type_=c.type) for c, v in zip(columns, values, strict=True)]
    return sa.tuple_(*columns) > sa.tuple_(*bound)


async def keyset_page(
    session: Any,
    stmt: Any,
    *,
    columns: Sequence[Any],
    key_of: Any,
    first: int,
    after: str | None,
) -> Page[Any]:
    """One page of ``stmt`` ordered by ``columns`` (the last one unique), after a cursor.

    Fetches ``first + 1`` rows to know whether another page follows, in a single statement.
    """
    listed = stmt
    if after is not None:
        stmt = stmt.where(after_clause(columns, decode_cursor(after, arity=len(columns))))
    rows = list((await session.exec(stmt.order_by(*columns).limit(first + 1))).all())
    items = rows[:first]
    return Page(
        items=items,
        cursors=[encode_cursor(key_of(item)) for item in items],
        has_next_page=len(rows) > first,
        has_previous_page=after is not None,
        listed=listed,
    )


async def count_listed(session: Any, page: Page[Any]) -> int:
    """How many rows the whole list holds, under the same filters and permissions as the page
    (one ``COUNT``, its ordering dropped). A page built without its statement is the whole
    list: nothing before it, nothing after it."""
    if page.listed is None:
        assert not page.has_next_page and not page.has_previous_page, "a partial page, uncounted"
        return len(page.items)
    counted = select(sa.func.count()).select_from(page.listed.order_by(None).subquery())
    return int((await session.exec(counted)).one())
