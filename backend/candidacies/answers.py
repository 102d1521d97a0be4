"""Answers to a call's form questions, validated by the question's type.

Values are stored as JSON in a canonical form so a submitted snapshot hashes the same on every
database and every run, and each keeps the JSON type a client sent: numbers are JSON numbers
(an integer when the value is whole, else the shortest float that reads back as the same
decimal), dates ISO strings, choices strings, yes/no booleans.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from backend.calls.enums import QuestionKind
from backend.calls.forms import FrozenQuestion
from backend.core.errors import FieldProblem
from backend.core.text import long_text

MAX_NUMBER_EXPONENT = 20
"""Numbers are bounded in size (``1e999999`` would be a million digits)."""
MAX_SIGNIFICANT_DIGITS = 15
"""Every decimal of at most 15 significant digits survives a round trip through an IEEE
double, the number type of JavaScript and most JSON readers: what a client saves, any client
reads back as the same number."""
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def clean_answer(question: FrozenQuestion, value: Any) -> tuple[Any, FieldProblem | None]:
    """The canonical value for ``question``, or a problem saying what is wrong with it."""
    path = f"answers.{question.key}"
    if value is None:
        return None, None
    checker = _CHECKERS.get(question.kind)
    if checker is None:
        return None, FieldProblem(path, "attach a file instead of answering", "FILE_QUESTION")
    try:
        return checker(question, value), None
    except _Invalid as exc:
        return None, FieldProblem(path, str(exc), exc.code)


class _Invalid(ValueError):
    def __init__(self, message: str, code: str = "INVALID_ANSWER") -> None:
        super().__init__(message)
        self.code = code


def _text(question: FrozenQuestion, value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid("expects text")
    value = long_text(value)
    limit = question.max_length or 0
    if limit and len(value) > limit:
        raise _Invalid(f"at most {limit} characters ({len(value)} given)", "TOO_LONG")
    return value


def _number(question: FrozenQuestion, value: Any) -> int | float:
    """A JSON number: ``1`` stays ``1`` (not ``"1"`` nor ``1.0``), ``12.50`` becomes ``12.5``.

    Text holding a number (``"12.5"``) is still accepted, and stored as the number.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Invalid("expects a number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise _Invalid("expects a number") from exc
    if not number.is_finite():
        raise _Invalid("expects a finite number")
    # Before normalising: "1e999999" would become a million digits, "1e9999999" an Overflow.
    if not number.is_zero() and abs(number.adjusted()) > MAX_NUMBER_EXPONENT:
        raise _Invalid(
            f"too large or too small: at most {MAX_NUMBER_EXPONENT} digits either side of"
            " the decimal point",
            "OUT_OF_RANGE",
        )
    if question.min_value is not None and number < question.min_value:
        raise _Invalid(f"must be at least {_plain(question.min_value)}", "OUT_OF_RANGE")
    if question.max_value is not None and number > question.max_value:
        raise _Invalid(f"must be at most {_plain(question.max_value)}", "OUT_OF_RANGE")
    return _json_number(number)


def _json_number(number: Decimal) -> int | float:
    """The JSON number for a checked decimal: an int when whole, else a float equal to it."""
    number = number.normalize()
    if len(number.as_tuple().digits) > MAX_SIGNIFICANT_DIGITS:
        raise _Invalid(f"at most {MAX_SIGNIFICANT_DIGITS} significant digits", "OUT_OF_RANGE")
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _plain(bound: Decimal) -> str:
    """12, not 12.0000 (the column's scale): bounds read as people wrote them."""
    return format(bound.normalize(), "f")


def _date(_question: FrozenQuestion, value: Any) -> str:
    """Only ``YYYY-MM-DD`` text: ``fromisoformat`` alone also takes 20260901 (even a JSON
    number, once turned into text) and week dates such as 2026-W36-2."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _Invalid("expects a date such as 2026-09-01")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise _Invalid("expects a date such as 2026-09-01") from exc


def _choice(question: FrozenQuestion, value: Any) -> str:
    allowed = {c.value for c in question.choices}
    if not isinstance(value, str) or value not in allowed:
        raise _Invalid(f"expects one of {', '.join(sorted(allowed))}", "UNKNOWN_CHOICE")
    return value


def _multi_choice(question: FrozenQuestion, value: Any) -> list[str]:
    allowed = [c.value for c in question.choices]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid("expects a list of choices")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise _Invalid(f"unknown choices: {', '.join(unknown)}", "UNKNOWN_CHOICE")
    return [v for v in allowed if v in set(value)]


def _yes_no(_question: FrozenQuestion, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("expects true or false")
    return value


_CHECKERS = {
    QuestionKind.TEXT: _text,
    QuestionKind.NUMBER: _number,
    QuestionKind.DATE: _date,
    QuestionKind.CHOICE: _choice,
    QuestionKind.MULTI_CHOICE: _multi_choice,
    QuestionKind.YES_NO: _yes_no,
}


def is_answered(value: Any) -> bool:
    """Empty text and empty selections do not answer a required question."""
    if value is None:
        return False
    if isinstance(value, str | list):
        return bool(value.strip() if isinstance(value, str) else value)
    return True
