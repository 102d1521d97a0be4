"""Signed download links: bound to one path, one user and an expiry; anything altered is
invalid, and the expiry is exact to the second."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from backend.core.signed_links import LinkExpired, LinkInvalid, sign, verify

SECRET = "a-test-secret-key-of-at-least-32-characters"
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
PATH = f"/files/receipts/{uuid.uuid4()}"
USER = uuid.uuid4()


def parts(link, **changes) -> dict:
    values = {
        "path": link.path,
        "user": str(link.user_id),
        "expires": str(int(link.expires_at.timestamp())),
        "signature": link.signature,
    }
    return {**values, **changes}


def test_a_link_opens_for_its_user_until_it_expires():
    link = sign(SECRET, path=PATH, user_id=USER, now=NOW, ttl=timedelta(seconds=300))

    assert verify(SECRET, **parts(link), now=NOW + timedelta(seconds=299)) == USER
    with pytest.raises(LinkExpired) as caught:
        verify(SECRET, **parts(link), now=NOW + timedelta(seconds=300))
    assert caught.value.code == "LINK_EXPIRED"
    assert link.url.startswith(PATH + "?user=")


@pytest.mark.parametrize(
    "changes",
    [
        {"path": f"/files/receipts/{uuid.uuid4()}"},  # another file's signature
        {"path": PATH.replace("receipts", "versions")},
        {"user": str(uuid.uuid4())},
        {"expires": str(int((NOW + timedelta(days=365)).timestamp()))},
        {"signature": "0" * 64},
        {"signature": "é" * 64},
        {"signature": None},
        {"user": "not-a-uuid"},
        {"expires": "soon"},
    ],
)
def test_an_altered_link_is_invalid(changes):
    link = sign(SECRET, path=PATH, user_id=USER, now=NOW, ttl=timedelta(seconds=300))

    with pytest.raises(LinkInvalid) as caught:
        verify(SECRET, **parts(link, **changes), now=NOW)
    assert caught.value.code == "LINK_INVALID"


def test_a_link_signed_with_another_secret_is_invalid():
    link = sign(SECRET + "x", path=PATH, user_id=USER, now=NOW, ttl=timedelta(seconds=300))

    with pytest.raises(LinkInvalid):
        verify(SECRET, **parts(link), now=NOW)
