"""Short-lived signed download links: a URL a browser or a mail can open without a header.

A link names one file (its kind and id), the user it was issued to and when it expires, and
carries an HMAC-SHA256 of those, keyed by a key derived from ``AAP_SECRET_KEY`` for this use
alone. It grants nothing by itself: the download route checks the signature and the expiry,
then checks the *user's* rights to the file again, as at issue, so a link of a user who lost
access (or was deactivated) opens nothing. The signature is not a bearer token: it cannot
sign in, call the API, or open any other file.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from backend.core.errors import DomainError

_PURPOSE = b"aap signed download link v1"


class LinkInvalid(DomainError):
    """Altered, truncated, or signed for another file or user."""

    code = "LINK_INVALID"

    def __init__(self) -> None:
        super().__init__("this download link is not valid")


class LinkExpired(DomainError):
    code = "LINK_EXPIRED"

    def __init__(self, expired_at: datetime) -> None:
        super().__init__(
            f"this download link expired at {expired_at.isoformat()}; ask for a new one"
        )
        self.expired_at = expired_at


@dataclass(frozen=True)
class SignedLink:
    path: str
    """The file's download path (``/files/<kind>/<id>``)."""
    user_id: uuid.UUID
    expires_at: datetime
    signature: str

    @property
    def url(self) -> str:
        query = urlencode(
            {
                "user": str(self.user_id),
                "expires": int(self.expires_at.timestamp()),
                "signature": self.signature,
            }
        )
        return f"{self.path}?{query}"


def _key(secret_key: str) -> bytes:
    """A key for links only: a signature made with it is useless wherever else the secret
    is used."""
    return hmac.new(secret_key.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def _signature(secret_key: str, path: str, user_id: uuid.UUID, expires: int) -> str:
    message = f"{path}\n{user_id}\n{expires}".encode()
    return hmac.new(_key(secret_key), message, hashlib.sha256).hexdigest()


def sign(
    secret_key: str, *, path: str, user_id: uuid.UUID, now: datetime, ttl: timedelta
) -> SignedLink:
    """A link to ``path`` for ``user_id``, valid from ``now`` for ``ttl`` (whole seconds)."""
    expires = int((now + ttl).timestamp())
    return SignedLink(
        path=path,
        user_id=user_id,
        expires_at=datetime.fromtimestamp(expires, UTC),
        signature=_signature(secret_key, path, user_id, expires),
    )


def verify(
    secret_key: str,
    *,
    path: str,
    user: str | None,
    expires: str | None,
    signature: str | None,
    now: datetime,
) -> uuid.UUID:
    """The user a valid, unexpired link to ``path`` was issued to.

    Raises :class:`LinkInvalid` for a missing or malformed part or a signature that does not
    match (compared in constant time), :class:`LinkExpired` once ``now`` reaches the expiry;
    the signature is checked first, so an altered expiry is invalid, not expired.
    """
    try:
        user_id = uuid.UUID(user or "")
        expires_at = int(expires or "")
    except ValueError:
        raise LinkInvalid() from None
    expected = _signature(secret_key, path, user_id, expires_at)
    if not signature or not hmac.compare_digest(expected.encode(), signature.encode()):
        raise LinkInvalid()
    if now.timestamp() >= expires_at:
        raise LinkExpired(datetime.fromtimestamp(expires_at, UTC))
    return user_id
