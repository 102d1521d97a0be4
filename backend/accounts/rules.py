"""Permission predicates on accounts: pure, synchronous, no database access."""

from __future__ import annotations

import uuid

from backend.core.auth import Actor


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
