"""logins: throttled per client address in Redis, no account lock-out (drop its columns)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 08:00:00.000000

The lock-out's counter and deadline go: logins are throttled in Redis now, and a user row no
longer changes on a failed login. SQLite (3.35+) drops the columns in place, without
rebuilding the ``user`` table that every other table references. A server still running the
previous release reads these columns: like every migration here, it must be replaced (its
/readyz fails once the database is past its head).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_column('user', 'locked_until')
    op.drop_column('user', 'failed_login_count')


def downgrade() -> None:
    op.add_column('user', sa.Column('failed_login_count', sa.Integer(), server_default='0', nullable=False))
    op.add_column('user', sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
