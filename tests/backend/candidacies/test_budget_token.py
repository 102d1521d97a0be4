"""The budget token: a fingerprint of the lines, equal whether read from rows or from a read."""

from __future__ import annotations

import uuid

from backend.candidacies.budget_token import budget_token
from backend.candidacies.enums import BudgetCategory
from backend.candidacies.models import BudgetLine
from backend.candidacies.reads import BudgetLineShown

A, B = uuid.uuid4(), uuid.uuid4()
STAFF, EQUIPMENT = BudgetCategory.STAFF, BudgetCategory.EQUIPMENT


def row(org: uuid.UUID, category: BudgetCategory, label: str, cents: int) -> BudgetLine:
    return BudgetLine(
        candidacy_id=uuid.uuid4(), organisation_id=org, category=category, label=label,
        amount_cents=cents,
    )  # fmt: skip


def shown(org: uuid.UUID, category: BudgetCategory, label: str, cents: int) -> BudgetLineShown:
    return BudgetLineShown(org, category, label, cents, "EUR")


LINES = [(A, STAFF, "Ingénieur", 100), (B, EQUIPMENT, "", 250)]


def test_a_stored_row_and_a_reads_value_give_the_same_token():
    assert budget_token([row(*x) for x in LINES]) == budget_token([shown(*x) for x in LINES])


def test_the_token_is_a_sha256_and_the_same_lines_give_the_same_token():
    token = budget_token([shown(*x) for x in LINES])

    assert len(token) == 64 and int(token, 16) >= 0
    assert budget_token([shown(*x) for x in LINES]) == token


def test_every_fact_of_a_line_and_their_order_change_the_token():
    base = budget_token([shown(*x) for x in LINES])
    variants = [
        [LINES[1], LINES[0]],
        [(B, STAFF, "Ingénieur", 100), LINES[1]],
        [(A, EQUIPMENT, "Ingénieur", 100), LINES[1]],
        [(A, STAFF, "Ingenieur", 100), LINES[1]],
        [(A, STAFF, "Ingénieur", 101), LINES[1]],
        LINES[:1],
        [],
    ]

    tokens = {budget_token([shown(*x) for x in variant]) for variant in variants}

    assert base not in tokens and len(tokens) == len(variants)


def test_labels_cannot_run_into_each_other():
    """ "a" + "b,c" and "a,b" + "c" are different lines, whatever separates the facts."""
    one = [shown(A, STAFF, "a", 1), shown(A, STAFF, "b,c", 1)]
    two = [shown(A, STAFF, "a,b", 1), shown(A, STAFF, "c", 1)]

    assert budget_token(one) != budget_token(two)
