"""A call's form as immutable values: what saving answers, attaching files and submitting read.

These reads share a frozen call's form across requests (:func:`backend.calls.queries.form_of`
keeps it for the process), so what they get must be safe to share: plain values, copied out
of the rows, that nobody can change and that belong to no session. "Frozen" is the dataclass
sense here; a draft's form comes in the same type, read afresh each time.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from backend.calls.enums import QuestionKind
from backend.calls.models import FormQuestion


def _texts(texts: Mapping[str, str]) -> Mapping[str, str]:
    """A read-only copy of a text per language."""
    return MappingProxyType(dict(texts))


@dataclass(frozen=True, slots=True)
class FrozenChoice:
    """One answer a CHOICE or MULTI_CHOICE question offers."""

    value: str
    label: Mapping[str, str]

    @classmethod
    def of(cls, stored: Mapping[str, Any]) -> FrozenChoice:
        return cls(value=stored["value"], label=_texts(stored.get("label", {})))


@dataclass(frozen=True, slots=True)
class FrozenQuestion:
    """A form question, copied out of its row: every column, read-only all the way down."""

    id: uuid.UUID
    call_id: uuid.UUID
    position: int
    key: str
    kind: QuestionKind
    label: Mapping[str, str]
    help_text: Mapping[str, str]
    required: bool
    max_length: int | None
    min_value: Decimal | None
    max_value: Decimal | None
    choices: tuple[FrozenChoice, ...]

    @classmethod
    def of(cls, row: FormQuestion) -> FrozenQuestion:
        return cls(
            id=row.id,
            call_id=row.call_id,
            position=row.position,
            key=row.key,
            kind=row.kind,
            label=_texts(row.label),
            help_text=_texts(row.help_text),
            required=row.required,
            max_length=row.max_length,
            min_value=row.min_value,
            max_value=row.max_value,
            choices=tuple(FrozenChoice.of(choice) for choice in row.choices),
        )


Form = tuple[FrozenQuestion, ...]
"""A call's questions in order."""
