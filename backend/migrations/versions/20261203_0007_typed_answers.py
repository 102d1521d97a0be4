"""candidacy answers: NUMBER answers stored as JSON numbers, no longer as decimal strings

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 12:00:00.000000

An answer to a NUMBER question saved as ``1`` was stored (and read back) as ``"1"``. The code
now stores the JSON number (an int when whole, else the float equal to the decimal); this
turns the rows saved before into the same form, so every reader sees one type. Only the
working answers change: a submitted version's snapshot is frozen and hashed (its receipt
certifies those bytes), so old snapshots keep their strings.

The conversion is written out here rather than imported, so that this migration means the
same thing whatever the application code becomes. Downgrading turns the numbers back into
the decimal strings the previous release expects.
"""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_answers = sa.table(
    'candidacy_answer',
    sa.column('id', sa.Uuid()),
    sa.column('candidacy_id', sa.Uuid()),
    sa.column('question_key', sa.String()),
    sa.column('value', sa.JSON()),
)
_candidacies = sa.table('candidacy', sa.column('id', sa.Uuid()), sa.column('call_id', sa.Uuid()))
_questions = sa.table(
    'form_question',
    sa.column('call_id', sa.Uuid()),
    sa.column('key', sa.String()),
    sa.column('kind', sa.String()),
)


def _number_answers() -> list[tuple[Any, Any]]:
    """(id, value) of every answer to a NUMBER question."""
    stmt = (
        sa.select(_answers.c.id, _answers.c.value)
        .join(_candidacies, _candidacies.c.id == _answers.c.candidacy_id)
        .join(
            _questions,
            sa.and_(
                _questions.c.call_id == _candidacies.c.call_id,
                _questions.c.key == _answers.c.question_key,
            ),
        )
        .where(_questions.c.kind == 'NUMBER')
    )
    return [(row.id, row.value) for row in op.get_bind().execute(stmt)]


def _as_number(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        number = Decimal(value).normalize()
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    return int(number) if number == number.to_integral_value() else float(number)


def _as_text(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return format(Decimal(str(value)).normalize(), 'f')


def _convert(change: Any) -> None:
    bind = op.get_bind()
    for answer_id, value in _number_answers():
        new = change(value)
        if new != value or type(new) is not type(value):
            bind.execute(
                sa.update(_answers).where(_answers.c.id == answer_id).values(value=new)
            )


def upgrade() -> None:
    _convert(_as_number)


def downgrade() -> None:
    _convert(_as_text)
