"""File downloads: attachments, receipts and submitted versions' canonical documents, behind
the same authorization as candidacies.

Only through these routes (never a public URL); ``nosniff`` and an attachment disposition so
a browser never renders an uploaded file as a page. The caller is the bearer of the
``Authorization`` header, or the user a signed link was issued to (``?user=&expires=
&signature=``, see :mod:`backend.core.signed_links`), whose rights are checked again here.
Refusals are ``{"error": {"code", "message"}}``: ``NOT_FOUND`` (404) for a file that is
missing or not the caller's to read, ``LINK_INVALID`` / ``LINK_EXPIRED`` (403) for a link.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from backend.candidacies.attachments import (
    readable_attachment,
    readable_receipt,
    readable_version,
)
from backend.candidacies.links import FileKind, download_path, link_signer
from backend.candidacies.submission import canonical_document
from backend.core import signed_links
from backend.core.auth import Actor
from backend.core.db import read_session
from backend.core.errors import NOT_FOUND_MESSAGE, NotFound
from backend.core.storage import ObjectNotFound
from backend.http_auth import actor_from_request

log = logging.getLogger(__name__)

router = APIRouter(prefix="/files", include_in_schema=False)


class Refused(Exception):
    """A download refused: answered as ``{"error": {"code": ..., "message": ...}}``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def response(self) -> JSONResponse:
        body = {"error": {"code": self.code, "message": self.message}}
        return JSONResponse(body, status_code=self.status, headers={"Cache-Control": "no-store"})


def _not_found() -> Refused:
    """The one not-found of the platform (``backend.http_errors``): it says nothing of why."""
    return Refused(404, NotFound.code, NOT_FOUND_MESSAGE)


def _answers_refusals(
    route: Callable[..., Awaitable[Response]],
) -> Callable[..., Awaitable[Response]]:
    @functools.wraps(route)
    async def answered(*args: Any, **kwargs: Any) -> Response:
        try:
            return await route(*args, **kwargs)
        except Refused as refused:
            return refused.response()

    return answered


def _headers(filename: str, size: int | None = None) -> dict[str, str]:
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename, safe='')}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    if size is not None:
        headers["Content-Length"] = str(size)
    return headers


async def _stream(request: Request, key: str) -> AsyncIterator[bytes]:
    try:
        return await request.app.state.aap.storage.open_stream(key)
    except ObjectNotFound:
        raise _not_found() from None


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise _not_found() from None


async def _caller(request: Request, kind: FileKind, object_id: uuid.UUID) -> Actor:
    """The signer of a signed link (checked, then as they stand now), else the bearer.

    The signature covers the file's canonical path (:func:`download_path`), not the path as
    requested, so a prefix added by a proxy or a differently written id does not matter."""
    state = request.app.state.aap
    params = request.query_params
    if "signature" not in params:
        # A download is a plain link (GET, no side effect): the session cookie needs no header.
        return await actor_from_request(
            state.session_factory, state.clock, request, cookie_needs_csrf_header=False
        )
    try:
        user_id = signed_links.verify(
            state.settings.secret_key,
            path=download_path(kind, object_id),
            user=params.get("user"),
            expires=params.get("expires"),
            signature=params.get("signature"),
            now=state.clock.now(),
        )
    except (signed_links.LinkInvalid, signed_links.LinkExpired) as exc:
        raise Refused(403, exc.code, exc.message) from None
    async with read_session(state.session_factory) as session:
        actor = await link_signer(session, user_id)
    if actor is None:
        raise _not_found()
    return actor


@router.get("/attachments/{attachment_id}")
@_answers_refusals
async def download_attachment(attachment_id: str, request: Request) -> Response:
    state = request.app.state.aap
    object_id = _uuid(attachment_id)
    actor = await _caller(request, FileKind.ATTACHMENT, object_id)
    async with read_session(state.session_factory) as session:
        attachment = await readable_attachment(session, actor=actor, attachment_id=object_id)
    if attachment is None:
        raise _not_found()
    return StreamingResponse(
        await _stream(request, attachment.storage_key),
        media_type=attachment.content_type,
        headers=_headers(attachment.original_name, attachment.size_bytes),
    )


@router.get("/receipts/{version_id}")
@_answers_refusals
async def download_receipt(version_id: str, request: Request) -> Response:
    state = request.app.state.aap
    object_id = _uuid(version_id)
    actor = await _caller(request, FileKind.RECEIPT, object_id)
    async with read_session(state.session_factory) as session:
        found = await readable_receipt(session, actor=actor, version_id=object_id)
    if found is None:
        raise _not_found()
    version, candidacy = found
    if version.receipt_storage_key is None:
        raise _not_found()
    reference = candidacy.reference or "receipt"
    return StreamingResponse(
        await _stream(request, version.receipt_storage_key),
        media_type="application/pdf",
        headers=_headers(f"{reference}-v{version.number}-accuse-de-reception.pdf"),
    )


@router.get("/versions/{version_id}")
@_answers_refusals
async def download_version_document(version_id: str, request: Request) -> Response:
    """The submitted version's canonical JSON, byte for byte what its SHA-256 was taken of
    (the receipt invites the applicant to recompute it). Rebuilt from the stored snapshot:
    the JSON column gives back the same values, and the canonical form is deterministic."""
    state = request.app.state.aap
    object_id = _uuid(version_id)
    actor = await _caller(request, FileKind.VERSION, object_id)
    async with read_session(state.session_factory) as session:
        found = await readable_version(session, actor=actor, version_id=object_id)
    if found is None:
        raise _not_found()
    version, candidacy = found
    document = canonical_document(version.snapshot)
    if hashlib.sha256(document).hexdigest() != version.sha256:
        log.error("version %s: the stored snapshot no longer matches its SHA-256", version.id)
        raise Refused(500, "INTEGRITY_ERROR", "this version fails its integrity check")
    name = f"{candidacy.reference or 'candidacy'}-v{version.number}.json"
    return Response(
        document,
        media_type="application/json",
        headers={**_headers(name, len(document)), "X-Content-SHA256": version.sha256},
    )
