"""Signed download links to a candidacy's files: issued and honoured under the download rules.

Issuing checks the same rights as downloading (:func:`may_download`); the download checks
them again for the user the link was issued to, as they stand then (see
:mod:`backend.core.signed_links`).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.models import User
from backend.accounts.services import build_actor
from backend.candidacies.attachments import (
    readable_attachment,
    readable_receipt,
    readable_version,
)
from backend.core import signed_links
from backend.core.auth import Actor
from backend.core.errors import AuthenticationRequired, InvalidInput, NotFound


class FileKind(StrEnum):
    """The downloadable files, by the segment of their path under ``/files/``."""

    ATTACHMENT = "attachments"
    RECEIPT = "receipts"
    VERSION = "versions"
    """A submitted version's canonical document."""


def download_path(kind: FileKind, object_id: uuid.UUID) -> str:
    return f"/files/{kind.value}/{object_id}"


def parse_download_path(url: str) -> tuple[FileKind, uuid.UUID]:
    """The file a download URL (``downloadUrl``, ``receiptUrl``, ``documentUrl``) names.

    Raises ``InvalidInput`` on the field ``url`` for anything else.
    """
    parts = url.strip().split("?", 1)[0].strip("/").split("/")
    try:
        root, kind, object_id = parts
        if root != "files":
            raise ValueError(root)
        return FileKind(kind), uuid.UUID(object_id)
    except ValueError:
        raise InvalidInput.single(
            "url", "give a download URL such as /files/receipts/<id>", "NOT_A_DOWNLOAD"
        ) from None


async def may_download(
    session: AsyncSession, *, actor: Actor, kind: FileKind, object_id: uuid.UUID
) -> bool:
    """The download route's own rule for each kind of file."""
    match kind:
        case FileKind.ATTACHMENT:
            found = await readable_attachment(session, actor=actor, attachment_id=object_id)
            return found is not None
        case FileKind.RECEIPT:
            return await readable_receipt(session, actor=actor, version_id=object_id) is not None
        case FileKind.VERSION:
            return await readable_version(session, actor=actor, version_id=object_id) is not None


async def issue_download_link(
    session: AsyncSession,
    *,
    actor: Actor,
    url: str,
    secret_key: str,
    ttl: timedelta,
    now: datetime,
) -> signed_links.SignedLink:
    """A signed link to the file at ``url`` for the signed-in actor, valid ``ttl`` from ``now``.

    Raises ``AuthenticationRequired`` for an anonymous caller, ``InvalidInput`` for a URL
    that names no file, and ``NotFound`` when the actor may not download the file (or it does
    not exist: the two are not told apart). No side effects: a link is a computation.
    """
    if actor.user_id is None:
        raise AuthenticationRequired("sign in to get a download link")
    kind, object_id = parse_download_path(url)
    if not await may_download(session, actor=actor, kind=kind, object_id=object_id):
        raise NotFound("no such file")
    return signed_links.sign(
        secret_key, path=download_path(kind, object_id), user_id=actor.user_id, now=now, ttl=ttl
    )


async def link_signer(session: AsyncSession, user_id: uuid.UUID) -> Actor | None:
    """The actor a link's user is now (their current memberships and roles), or ``None`` if
    the account is gone or deactivated: the rights are those of the download's moment."""
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        return None
    return await build_actor(session, user)
