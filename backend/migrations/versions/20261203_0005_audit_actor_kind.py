"""audit: each entry names the kind of actor (user, anonymous, system, scheduler)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 11:00:00.000000

Before this, an anonymous caller, the CLI and the deadline jobs all read as "no user". Entries
already recorded keep NULL (their hash does not cover the kind, so they verify as sealed).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('actor_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('actor_kind')
