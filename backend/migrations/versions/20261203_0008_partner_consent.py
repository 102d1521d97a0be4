"""partner consent: invitations on candidacy_partner, organisation name search key

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:00:00.000000

A partner named by a lead is now PENDING until one of its admins accepts; rows that exist
already were made before consent was asked and stay partners (``ACCEPTED``), so nobody loses
access to a candidacy they could read. ``organisation.name_key`` is the folded name the
organisation search matches (filled here for existing rows, by the service for new ones).
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _search_key(value: str) -> str:
    """A frozen copy of backend.core.text.search_key (a migration never imports app code)."""
    decomposed = unicodedata.normalize("NFKD", value.strip())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def upgrade() -> None:
    with op.batch_alter_table('candidacy_partner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.Enum('PENDING', 'ACCEPTED', 'DECLINED', name='partnerstatus', native_enum=False, length=32), server_default='ACCEPTED', nullable=False))
        batch_op.add_column(sa.Column('can_edit', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('invited_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('responded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=300), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_organisation_name_key'), ['name_key'], unique=False)
    organisation = sa.table('organisation', sa.column('id', sa.Uuid()), sa.column('name', sa.String()), sa.column('name_key', sa.String()))
    connection = op.get_bind()
    for row in connection.execute(sa.select(organisation.c.id, organisation.c.name)).all():
        connection.execute(
            organisation.update().where(organisation.c.id == row.id).values(name_key=_search_key(row.name))
        )


def downgrade() -> None:
    # In place (SQLite 3.35+), as 0004 and 0006 do: a batch copy of ``organisation`` would trip
    # the foreign keys of every table that references it.
    op.drop_index(op.f('ix_organisation_name_key'), table_name='organisation')
    op.drop_column('organisation', 'name_key')
    with op.batch_alter_table('candidacy_partner', schema=None) as batch_op:
        batch_op.drop_column('responded_at')
        batch_op.drop_column('invited_at')
        batch_op.drop_column('can_edit')
        batch_op.drop_column('status')
