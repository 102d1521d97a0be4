"""email invitations: partners invited by e-mail before their organisation is registered

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:00:00.000000

``partner_email_invitation`` holds an invitation mailed to an address (its token only as a
SHA-256). ``notification.user_id`` becomes nullable: such a mail goes to an address that has
no account yet (``notification.email`` is the address, as it already was for users).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('partner_email_invitation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('candidacy_id', sa.Uuid(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('language', sa.Enum('fr', 'en', 'de', name='language', native_enum=False, length=32), nullable=False),
    sa.Column('organisation_name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('organisation_kind', sa.Enum('HEALTH_ESTABLISHMENT', 'MEDICO_SOCIAL_ESTABLISHMENT', 'COMPANY', 'ACADEMIC_LAB', 'PUBLIC_BODY', 'ASSOCIATION', name='organisationkind', native_enum=False, length=32), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('siret', sqlmodel.sql.sqltypes.AutoString(length=14), nullable=True),
    sa.Column('finess', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=True),
    sa.Column('registry_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('role', sa.Enum('LEAD', 'PARTNER', 'SUBCONTRACTOR', name='partnerrole', native_enum=False, length=32), nullable=False),
    sa.Column('requested_share_cents', sa.BigInteger(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('status', sa.Enum('PENDING', 'ACCEPTED', 'DECLINED', name='partnerstatus', native_enum=False, length=32), nullable=False),
    sa.Column('invited_by_user_id', sa.Uuid(), nullable=False),
    sa.Column('invited_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('responded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('organisation_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['candidacy_id'], ['candidacy.id'], ),
    sa.ForeignKeyConstraint(['invited_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('partner_email_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_email_invitation_candidacy_id'), ['candidacy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_email_invitation_email'), ['email'], unique=False)
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.alter_column('user_id', existing_type=sa.Uuid(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM notification WHERE user_id IS NULL")
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.alter_column('user_id', existing_type=sa.Uuid(), nullable=False)
    with op.batch_alter_table('partner_email_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_email_invitation_email'))
        batch_op.drop_index(batch_op.f('ix_partner_email_invitation_candidacy_id'))
    op.drop_table('partner_email_invitation')
