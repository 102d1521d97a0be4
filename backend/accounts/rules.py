"""Permission predicates on accounts: pure, synchronous, no database access."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from backend.accounts.enums import TokenKind
from backend.core.auth import Actor

TOKEN_USE_RESOLUTION = timedelta(minutes=1)
"""An API token's last use is kept to the minute: at most one write per token and minute."""


def can_manage_users(actor: Actor) -> bool:
    """Only platform admins create accounts and grant roles."""
    return actor.is_platform_admin


def can_read_organisation(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Members read their organisations; admins read all."""
    return actor.is_platform_admin or organisation_id in actor.organisation_ids


def can_manage_organisation(
    actor: Actor, organisation_id: uuid.UUID, *, is_org_admin: bool
) -> bool:
    """An organisation's admins (and platform admins) change it and its members."""
    return actor.is_platform_admin or (organisation_id in actor.organisation_ids and is_org_admin)


def can_create_organisation(actor: Actor) -> bool:
    """Any signed-in user may register the organisation they apply for; they become its admin."""
    return actor.is_authenticated


def is_token_use_due(kind: TokenKind, last_used_at: datetime | None, *, now: datetime) -> bool:
    """An API token's use is recorded when none is, or the one recorded is a minute old."""
    return kind is TokenKind.API and (
        last_used_at is None or last_used_at <= now - TOKEN_USE_RESOLUTION
    )
