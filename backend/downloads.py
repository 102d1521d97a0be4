"""File downloads: attachments, receipts and submitted versions' canonical documents, behind
the same authorization as candidacies.

Only through this authenticated route (never a public URL); ``nosniff`` and an attachment
disposition so a browser never renders an uploaded file as a page.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import AsyncIterator
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response, StreamingResponse

from backend.candidacies.attachments import (
    readable_attachment,
    readable_receipt,
    readable_version,
)
from backend.candidacies.submission import canonical_document
from backend.core.db import read_session
from backend.core.storage import ObjectNotFound
from backend.http_auth import actor_from_request

log = logging.getLogger(__name__)

router = APIRouter(prefix="/files", include_in_schema=False)


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
        raise HTTPException(404, "not found") from None


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise HTTPException(404, "not found") from None


@router.get("/attachments/{attachment_id}")
async def download_attachment(attachment_id: str, request: Request) -> StreamingResponse:
    state = request.app.state.aap
    actor = await actor_from_request(state.session_factory, state.clock, request)
    async with read_session(state.session_factory) as session:
        attachment = await readable_attachment(
            session, actor=actor, attachment_id=_uuid(attachment_id)
        )
    if attachment is None:
        raise HTTPException(404, "not found")
    return StreamingResponse(
        await _stream(request, attachment.storage_key),
        media_type=attachment.content_type,
        headers=_headers(attachment.original_name, attachment.size_bytes),
    )


@router.get("/receipts/{version_id}")
async def download_receipt(version_id: str, request: Request) -> StreamingResponse:
    state = request.app.state.aap
    actor = await actor_from_request(state.session_factory, state.clock, request)
    async with read_session(state.session_factory) as session:
        found = await readable_receipt(session, actor=actor, version_id=_uuid(version_id))
    if found is None:
        raise HTTPException(404, "not found")
    version, candidacy = found
    if version.receipt_storage_key is None:
        raise HTTPException(404, "not found")
    reference = candidacy.reference or "receipt"
    return StreamingResponse(
        await _stream(request, version.receipt_storage_key),
        media_type="application/pdf",
        headers=_headers(f"{reference}-v{version.number}-accuse-de-reception.pdf"),
    )


@router.get("/versions/{version_id}")
async def download_version_document(version_id: str, request: Request) -> Response:
    """The submitted version's canonical JSON, byte for byte what its SHA-256 was taken of
    (the receipt invites the applicant to recompute it). Rebuilt from the stored snapshot:
    the JSON column gives back the same values, and the canonical form is deterministic."""
    state = request.app.state.aap
    actor = await actor_from_request(state.session_factory, state.clock, request)
    async with read_session(state.session_factory) as session:
        found = await readable_version(session, actor=actor, version_id=_uuid(version_id))
    if found is None:
        raise HTTPException(404, "not found")
    version, candidacy = found
    document = canonical_document(version.snapshot)
    if hashlib.sha256(document).hexdigest() != version.sha256:
        log.error("version %s: the stored snapshot no longer matches its SHA-256", version.id)
        raise HTTPException(500, "this version cannot be served: it fails its integrity check")
    name = f"{candidacy.reference or 'candidacy'}-v{version.number}.json"
    return Response(
        document,
        media_type="application/json",
        headers={**_headers(name, len(document)), "X-Content-SHA256": version.sha256},
    )
