"""Who may do what with accounts and organisations: each predicate of ``accounts.rules`` as a
table of actor kinds (``tests.support.actors``) against objects, in memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.accounts.enums import TokenKind
from backend.accounts.rules import (
    can_create_organisation,
    can_manage_organisation,
    can_manage_users,
    can_read_organisation,
    is_token_use_due,
)
from tests.support.actors import ACTORS, LEAD_ORG, ORG_ADMIN_OF, PARTNER_ORG, cases

T, F = True, False
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ORGANISATIONS = {"lead_org": LEAD_ORG, "partner_org": PARTNER_ORG}

ONLY_ADMINS = {name: (name == "platform_admin",) for name in ACTORS}

ANY_SIGNED_IN_USER = {
    "platform_admin": (T,),
    "funder_manager": (T,),
    "co_funder_manager": (T,),
    "pending_co_funder_manager": (T,),
    "other_funder_manager": (T,),
    "viewer": (T,),
    "expert": (T,),
    "lead_admin": (T,),
    "lead_member": (T,),
    "partner_member": (T,),
    "pending_partner_member": (T,),
    "declined_partner_member": (T,),
    "unrelated_user": (T,),
    "anonymous": (F,),
    "system": (F,),
    "scheduler": (F,),
}

#                      lead_org, partner_org
READ_ORGANISATION = {
    "platform_admin": (T, T),
    "funder_manager": (F, F),
    "co_funder_manager": (F, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, F),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (T, F),
    "lead_member": (T, F),
    "partner_member": (F, T),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

#                        lead_org, partner_org
MANAGE_ORGANISATION = {
    "platform_admin": (T, T),
    "funder_manager": (F, F),
    "co_funder_manager": (F, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, F),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (T, F),
    "lead_member": (F, F),
    "partner_member": (F, F),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}


@pytest.mark.parametrize(("actor", "column", "expected"), cases(ONLY_ADMINS, ["accounts"]))
def test_can_manage_users(actor, column, expected):
    assert can_manage_users(ACTORS[actor]) is expected


@pytest.mark.parametrize(("actor", "column", "expected"), cases(ANY_SIGNED_IN_USER, ["new_org"]))
def test_can_create_organisation(actor, column, expected):
    assert can_create_organisation(ACTORS[actor]) is expected


@pytest.mark.parametrize(
    ("actor", "organisation", "expected"), cases(READ_ORGANISATION, list(ORGANISATIONS))
)
def test_can_read_organisation(actor, organisation, expected):
    assert can_read_organisation(ACTORS[actor], ORGANISATIONS[organisation]) is expected


@pytest.mark.parametrize(
    ("actor", "organisation", "expected"), cases(MANAGE_ORGANISATION, list(ORGANISATIONS))
)
def test_can_manage_organisation(actor, organisation, expected):
    organisation_id = ORGANISATIONS[organisation]
    is_org_admin = organisation_id in ORG_ADMIN_OF.get(actor, frozenset())

    allowed = can_manage_organisation(ACTORS[actor], organisation_id, is_org_admin=is_org_admin)

    assert allowed is expected


@pytest.mark.parametrize(
    ("kind", "last_used", "expected"),
    [
        (TokenKind.API, None, T),
        (TokenKind.API, timedelta(seconds=59), F),
        (TokenKind.API, timedelta(minutes=1), T),
        (TokenKind.API, timedelta(hours=3), T),
        (TokenKind.SESSION, None, F),
        (TokenKind.SESSION, timedelta(hours=3), F),
    ],
)
def test_is_token_use_due(kind, last_used, expected):
    last_used_at = None if last_used is None else NOW - last_used

    assert is_token_use_due(kind, last_used_at, now=NOW) is expected
