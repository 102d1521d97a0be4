"""audit: deferred sealing (seq, prev_hash and hash are NULL until the sealer chains an entry)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 07:55:50.811157
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEALED_COLUMNS = (('seq', sa.INTEGER()), ('prev_hash', sa.VARCHAR(length=64)), ('hash', sa.VARCHAR(length=64)))


def upgrade() -> None:
    # Existing entries are all sealed; the unique index on seq stays (NULLs never collide).
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        for name, type_ in SEALED_COLUMNS:
            batch_op.alter_column(name, existing_type=type_, nullable=True)


def downgrade() -> None:
    pending = op.get_bind().execute(sa.text('SELECT count(*) FROM audit_entry WHERE seq IS NULL')).scalar_one()
    if pending:
        raise RuntimeError(f'{pending} audit entries are not sealed yet: run `aap audit seal` first')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        for name, type_ in reversed(SEALED_COLUMNS):
            batch_op.alter_column(name, existing_type=type_, nullable=False)
