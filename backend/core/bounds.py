"""The ranges every amount and date people type must stay within, whatever the transport.

Amounts are integer cents read by JavaScript front-ends, whose numbers are doubles: above
``Number.MAX_SAFE_INTEGER`` (2^53 - 1, some 90 trillion euros in cents) ``JSON.parse`` rounds
them silently, so a budget would be shown and summed wrong. No real amount comes near, so
going over is refused as an input error, for each amount and for the totals we show.

Decimals fit their column (:func:`check_decimal`). Dates of calls, deadlines and tokens lie
between 1900 and 2200: a year 1 or 9999 is a typing
mistake, and near Python's limits shifting it into a time zone raises ``OverflowError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from backend.core.errors import FieldProblem

MAX_SAFE_INTEGER = 2**53 - 1
"""JavaScript's ``Number.MAX_SAFE_INTEGER``: the largest amount a browser reads exactly."""
MIN_YEAR = 1900
MAX_YEAR = 2200
YEAR_RANGE_MESSAGE = f"give a year between {MIN_YEAR} and {MAX_YEAR}"


def check_amount(problems: list[FieldProblem], path: str, cents: int) -> None:
    """Refuse an amount (or a total) that a JavaScript client could not read exactly."""
    if abs(cents) > MAX_SAFE_INTEGER:
        problems.append(
            FieldProblem(path, f"at most {MAX_SAFE_INTEGER} cents in absolute value", "TOO_LARGE")
        )


def check_total(problems: list[FieldProblem], path: str, amounts: Iterable[int]) -> None:
    """:func:`check_amount` on the sum, for totals a front-end shows beside the lines."""
    check_amount(problems, path, sum(amounts))


def in_year_range(value: date | datetime) -> bool:
    """True for a date or an instant between :data:`MIN_YEAR` and :data:`MAX_YEAR` (as
    written; the range leaves room to move it into any time zone)."""
    return MIN_YEAR <= value.year <= MAX_YEAR


def check_year(problems: list[FieldProblem], path: str, value: date | datetime | None) -> bool:
    """Append a problem unless ``value`` is None or :func:`in_year_range`; True when fine."""
    if value is None or in_year_range(value):
        return True
    problems.append(FieldProblem(path, YEAR_RANGE_MESSAGE, "OUT_OF_RANGE"))
    return False


def check_decimal(
    problems: list[FieldProblem], path: str, value: Decimal | None, *, digits: int, places: int
) -> None:
    """Refuse a number its ``NUMERIC(digits, places)`` column cannot hold: PostgreSQL fails
    the statement on overflow (a server error) and rounds extra decimals away silently."""
    if value is None:
        return
    too_large = abs(value) >= Decimal(10) ** (digits - places)
    exponent = value.normalize().as_tuple().exponent
    if too_large or (isinstance(exponent, int) and exponent < -places):
        problems.append(
            FieldProblem(
                path,
                f"at most {digits - places} digits before the point and {places} after",
                "OUT_OF_RANGE",
            )
        )
