"""The budget's token: a fingerprint of a candidacy's budget lines, for optimistic concurrency.

A client reads ``Candidacy.budgetToken`` with the lines it edits and sends it back with
``setCandidacyBudget``; when the lines changed meanwhile (another member saved, a partner was
removed with its lines), the tokens differ and the save changes nothing
(:class:`backend.core.errors.EditConflict`). Computed from the lines themselves, in their
order, so it needs no column and changes with every path that writes lines; saving the very
same lines again keeps it, since nothing a client read became untrue.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Protocol


class BudgetLineFacts(Protocol):
    """What the token reads of a line: a stored row and a read's value both have it."""

    @property
    def organisation_id(self) -> uuid.UUID: ...
    @property
    def category(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def amount_cents(self) -> int: ...


VERSION = "budget-v1"
"""Changes if what the token covers changes, so old tokens never match new ones by chance."""


def budget_token(lines: Iterable[BudgetLineFacts]) -> str:
    """The SHA-256 (hex) of the lines in order: organisation, category, label, amount."""
    canonical = [
        [str(line.organisation_id), str(line.category), line.label, int(line.amount_cents)]
        for line in lines
    ]
    text = json.dumps([VERSION, canonical], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
