"""Who is calling over HTTP: the bearer token turned into an :class:`Actor`.

Shared by the GraphQL context and the file downloads, so both apply the same rules.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from fastapi import HTTPException, Request
from sqlalchemy.exc import SQLAlchemyError

from backend.accounts.services import check_bearer, record_token_use
from backend.core.auth import ANONYMOUS, Actor
from backend.core.clock import Clock
from backend.core.db import SessionFactory, read_session, unit_of_work

log = logging.getLogger(__name__)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            401,
            "use 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


async def actor_from_request(
    session_factory: SessionFactory, clock: Clock, request: Request
) -> Actor:
    """Anonymous without a token; 401 for a token that is unknown, expired or revoked.

    An API token's use is recorded at most once a minute (:func:`_record_use`), after the
    lookup and only when due, so most requests write nothing.
    """
    token = bearer_token(request)
    if token is None:
        return ANONYMOUS
    now = clock.now()
    async with read_session(session_factory) as session:
        bearer = await check_bearer(session, token, now=now)
    if bearer is None:
        raise HTTPException(401, "invalid or expired token", headers={"WWW-Authenticate": "Bearer"})
    if bearer.use_to_record and bearer.actor.token_id is not None:
        await _record_use(session_factory, bearer.actor.token_id, now)
    return bearer.actor


async def _record_use(session_factory: SessionFactory, token_id: uuid.UUID, now: datetime) -> None:
    """Bookkeeping that must not cost the request: a failure (a busy SQLite writer past its
    timeout, say) is logged and the request goes on."""
    try:
        async with unit_of_work(session_factory) as uow:
            await record_token_use(uow.session, token_id=token_id, now=now)
    except SQLAlchemyError:
        log.warning("could not record the use of token %s", token_id, exc_info=True)


def refuse_anonymous_upload(request: Request, actor: Actor) -> None:
    """401 for a multipart (upload) request without a signed-in caller, before its parts are
    read: only members upload, so a stranger never makes the server read a file."""
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith("multipart/") and not actor.is_authenticated:
        raise HTTPException(401, "sign in to upload files", headers={"WWW-Authenticate": "Bearer"})
