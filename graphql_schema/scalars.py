"""Scalars: what a client may send for each, refused as a GraphQL error naming the scalar.

graphql-core reports a scalar's ``GraphQLError`` as a validation or variable error, but any
other exception (a ``ValueError`` from ``int()`` on a 5,000-digit literal, an ``OverflowError``
from a date) as an internal one, which the schema masks as "Unexpected error.". So every
scalar here turns bad input into a ``GraphQLError``, for literals in the query text and for
variables alike, and bounds its values so that what reaches a resolver cannot overflow later:

- ``Int``: GraphQL's own, with an over-long literal refused before ``int()`` fails on it.
- ``String`` and ``ID``: GraphQL's own, refusing U+0000 (PostgreSQL cannot store it).
- ``BigInt``: integer cents, a JSON number within +/- ``Number.MAX_SAFE_INTEGER``.
- ``Decimal``: finite, at most 40 digits either side of the point.
- ``DateTime`` and ``Date``: ISO 8601, years 1000 to 9998, so moving one into any time zone
  stays within Python's years 1 to 9999; the business ranges (1900 to 2200 for a call) are
  the services' typed errors (:mod:`backend.core.bounds`).
- ``JSON``: finite numbers and texts without U+0000, nested at most :data:`MAX_JSON_DEPTH`.
- ``Upload``: a file part of a multipart request, not a string naming one.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Callable
from typing import Any, NewType

import dateutil.parser
from graphql import (
    GraphQLError,
    GraphQLID,
    GraphQLInt,
    GraphQLScalarType,
    GraphQLString,
    IntValueNode,
    StringValueNode,
    ValueNode,
)
from graphql.utilities import value_from_ast_untyped
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON
from strawberry.types.scalar import ScalarDefinition

from backend.core.bounds import MAX_SAFE_INTEGER

BigInt = NewType("BigInt", int)

MAX_DECIMAL_EXPONENT = 40
MAX_JSON_DEPTH = 32
MIN_YEAR, MAX_YEAR = 1000, 9998
_INTEGER = re.compile(r"-?[0-9]{1,16}")
_SHOWN = 40
"""Characters of a refused value quoted back: enough to recognise it, not to echo a megabyte."""


class _Refused(ValueError):
    """A value a scalar does not represent; the message says why."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _scalar(
    name: str,
    description: str,
    serialize: Callable[[Any], Any],
    parse: Callable[[Any], Any],
    specified_by_url: str | None = None,
) -> ScalarDefinition:
    """A scalar whose ``parse`` raises :class:`_Refused` (or ValueError, TypeError,
    ArithmeticError) on bad input; both parse paths turn that into a ``GraphQLError``."""

    def parse_value(value: Any, node: ValueNode | None = None) -> Any:
        try:
            return parse(value)
        except (ValueError, TypeError, ArithmeticError) as exc:
            reason = str(exc) if isinstance(exc, _Refused) else "not a valid value"
            raise GraphQLError(f"{name} cannot represent {_shown(value)}: {reason}", node) from None

    def parse_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> Any:
        try:
            value = value_from_ast_untyped(node, variables)
        except ValueError:  # int() of an integer literal above 4,300 digits
            raise GraphQLError(f"{name} cannot represent a number this long", node) from None
        return parse_value(value, node)

    return ScalarDefinition(
        name=name,
        description=description,
        specified_by_url=specified_by_url,
        serialize=serialize,
        parse_value=parse_value,
        parse_literal=parse_literal,
    )


# --------------------------------------------------------------------------- Int, String, ID

MAX_INT_LITERAL_DIGITS = 10
"""2^31 has ten digits: a longer Int literal is out of range, whatever its digits."""


def _guard_builtin(scalar: GraphQLScalarType, check: Callable[[Any], str | None]) -> None:
    """Put ``check`` in front of a built-in scalar's input coercion, once per process.

    ``Int``, ``String`` and ``ID`` are reserved types: graphql-core refuses a second type of
    those names, so they cannot go in the scalar map like the others, and their own parsers
    are guarded instead. ``check`` gets the literal node or the variable's value and returns
    why it is refused, or None.
    """
    for attribute in ("coerce_input_literal", "coerce_input_value"):
        coerce = getattr(scalar, attribute)
        if coerce is None or getattr(coerce, "guarded", False):
            continue
        setattr(scalar, attribute, _guarded(scalar.name, coerce, check))


def _guarded(name: str, coerce: Callable[..., Any], check: Callable[[Any], str | None]) -> Any:
    def guarded(value: Any, *args: Any) -> Any:
        reason = check(value)
        if reason is not None:
            node = value if isinstance(value, ValueNode) else None
            raise GraphQLError(f"{name} cannot represent {reason}", node)
        return coerce(value, *args)

    guarded.guarded = True  # type: ignore[attr-defined]
    return guarded


def _int_too_long(value: Any) -> str | None:
    """``int()`` of a literal above 4,300 digits raises ``ValueError``, which validation
    reports as an internal error (masked: "Unexpected error."); refuse it by its length."""
    if isinstance(value, IntValueNode) and len(value.value.lstrip("-")) > MAX_INT_LITERAL_DIGITS:
        return "non 32-bit signed integer value: a number this long"
    return None


def _holds_nul(value: Any) -> str | None:
    """PostgreSQL cannot store U+0000 in text, and fails the statement that tries (a server
    error); no text a person types holds one."""
    text = value.value if isinstance(value, StringValueNode) else value
    if isinstance(text, str) and "\x00" in text:
        return "a text holding U+0000 (NUL)"
    return None


_guard_builtin(GraphQLInt, _int_too_long)
_guard_builtin(GraphQLString, _holds_nul)
_guard_builtin(GraphQLID, _holds_nul)


# --------------------------------------------------------------------------- BigInt


def _parse_big_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _Refused("expects a whole number")
    if isinstance(value, str) and not _INTEGER.fullmatch(value):
        raise _Refused("expects digits, at most 16")
    return _safe(int(value))


def _safe(number: int) -> int:
    if abs(number) > MAX_SAFE_INTEGER:
        raise _Refused(f"must stay within +/- {MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER)")
    return number


def _serialize_big_int(value: int) -> int:
    """Services keep amounts and totals in range; one out of it is a bug, never rounded."""
    return _safe(int(value))


BIG_INT = _scalar(
    "BigInt",
    "A whole number beyond 32 bits (amounts in cents), serialised as a JSON number within"
    " +/- 2^53 - 1 (Number.MAX_SAFE_INTEGER), which JavaScript reads exactly.",
    _serialize_big_int,
    _parse_big_int,
)
"""A JSON number rather than a string: every client reads amounts as numbers today, and no
amount of this platform comes near 2^53 - 1 cents (90 trillion euros). A string would break
them all for amounts nobody has; an amount or a total beyond the bound is refused instead
(here for inputs, in the services for totals), never serialised where JavaScript rounds it."""


# --------------------------------------------------------------------------- Decimal


def _parse_decimal(value: object) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Refused("expects a number or a numeric string")
    if isinstance(value, str) and len(value) > 100:
        raise _Refused("at most 100 characters")
    number = decimal.Decimal(str(value).strip())
    if not number.is_finite():
        raise _Refused("expects a finite number")
    if not number.is_zero() and abs(number.adjusted()) > MAX_DECIMAL_EXPONENT:
        raise _Refused(f"at most {MAX_DECIMAL_EXPONENT} digits either side of the point")
    return number


DECIMAL = _scalar("Decimal", "Decimal (fixed-point)", str, _parse_decimal)


# --------------------------------------------------------------------------- dates


def _in_years(value: dt.date) -> None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _Refused(f"the year must lie between {MIN_YEAR} and {MAX_YEAR}")


def _parse_datetime(value: object) -> dt.datetime:
    if not isinstance(value, str) or len(value) > 64:
        raise _Refused("expects an ISO 8601 date and time, e.g. 2026-09-01T12:00:00+02:00")
    parsed = dateutil.parser.isoparse(value)
    _in_years(parsed)
    return parsed


def _parse_date(value: object) -> dt.date:
    if not isinstance(value, str) or len(value) > 10:
        raise _Refused("expects an ISO 8601 date, e.g. 2026-09-01")
    parsed = dt.date.fromisoformat(value)
    _in_years(parsed)
    return parsed


def _isoformat(value: dt.date) -> str:
    return value.isoformat()


DATE_TIME = _scalar("DateTime", "Date with time (isoformat)", _isoformat, _parse_datetime)
DATE = _scalar("Date", "Date (isoformat)", _isoformat, _parse_date)


# --------------------------------------------------------------------------- JSON


def _parse_json(value: object) -> object:
    _check_json(value, MAX_JSON_DEPTH)
    return value


def _check_json(value: object, depth_left: int) -> None:
    if depth_left < 0:
        raise _Refused(f"nested more than {MAX_JSON_DEPTH} levels deep")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused("numbers must be finite")
    if isinstance(value, str) and "\x00" in value:
        raise _Refused("texts may not hold U+0000 (NUL)")
    if isinstance(value, dict) and any("\x00" in key for key in value):
        raise _Refused("keys may not hold U+0000 (NUL)")
    children: list[object] = list(value.values()) if isinstance(value, dict) else []
    if isinstance(value, list):
        children = value
    for child in children:
        _check_json(child, depth_left - 1)


_ECMA_404 = (
    "https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf"
)
JSON_SCALAR = _scalar(
    "JSON",
    f"The `JSON` scalar type represents JSON values as specified by [ECMA-404]({_ECMA_404}).",
    lambda value: value,
    _parse_json,
    specified_by_url=_ECMA_404,
)


# --------------------------------------------------------------------------- Upload


def _parse_upload(value: object) -> object:
    """The multipart parser puts a file object here; a string would crash the resolver."""
    if not (hasattr(value, "read") and hasattr(value, "filename")):
        raise _Refused("send the file as a part of a multipart request (see its map)")
    return value


UPLOAD = _scalar("Upload", "Represents a file upload.", lambda value: value, _parse_upload)


SCALAR_MAP: dict[object, ScalarDefinition] = {
    BigInt: BIG_INT,
    decimal.Decimal: DECIMAL,
    dt.datetime: DATE_TIME,
    dt.date: DATE,
    JSON: JSON_SCALAR,
    Upload: UPLOAD,
}
