"""calls: a normalised search document; co-funders' consent on call_funder

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 11:37:16.604779

``call.search_text`` is what ``CallFilter.search`` matches (reference, titles and
descriptions, accents stripped, case folded: ``backend.calls.search``); existing calls get
theirs here, with a copy of that normalisation (a migration must not change with the code).
``call_funder.consent``: funders named on a call before invitations existed keep their rights
(ACCEPTED, the server default); from now on a co-funder is PENDING until it answers.
"""

import json
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _search_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (
        char if unicodedata.category(char)[0] in ("L", "N") else " "
        for char in decomposed
        if not unicodedata.combining(char)
    )
    return " ".join("".join(kept).casefold().split())


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [t for t in (value or {}).values() if isinstance(t, str)]


def _backfill_search_text() -> None:
    call = sa.table(
        'call',
        sa.column('id', sa.Uuid()),
        sa.column('reference', sa.String()),
        sa.column('title', sa.JSON()),
        sa.column('description', sa.JSON()),
        sa.column('search_text', sa.Text()),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(call.c.id, call.c.reference, call.c.title, call.c.description))
    for row in rows.all():
        parts = [row.reference, *_texts(row.title), *_texts(row.description)]
        document = "\n".join(key for part in parts if (key := _search_key(part)))
        bind.execute(call.update().where(call.c.id == row.id).values(search_text=document))


def upgrade() -> None:
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    _backfill_search_text()

    with op.batch_alter_table('call_funder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent', sa.Enum('PENDING', 'ACCEPTED', 'DECLINED', name='cofundingstatus', native_enum=False, length=32), server_default='ACCEPTED', nullable=False))
        batch_op.add_column(sa.Column('responded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('responded_by_user_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key('fk_call_funder_responded_by_user_id_user', 'user', ['responded_by_user_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('call_funder', schema=None) as batch_op:
        batch_op.drop_constraint('fk_call_funder_responded_by_user_id_user', type_='foreignkey')
        batch_op.drop_column('responded_by_user_id')
        batch_op.drop_column('responded_at')
        batch_op.drop_column('consent')

    # In place (SQLite 3.35+), as 0004 does: a batch copy of ``call`` would trip the foreign
    # keys of every table that references it.
    op.drop_column('call', 'search_text')
