"""Who is calling over HTTP: a bearer token, or the web application's session cookie, turned
into an :class:`Actor`.

Shared by the GraphQL context and the file downloads, so both apply the same rules.

API clients send ``Authorization: Bearer <token>``. The web application signs in with
``login(inCookie: true)``, which puts its session token in an HttpOnly cookie
(:data:`SESSION_COOKIE`) that no script can read. A browser sends a cookie with requests other
sites make too, so a GraphQL request carried by the cookie must be a POST with the
:data:`CSRF_HEADER` header: a cross-site form cannot set a header, and a cross-site script
cannot send one without a CORS preflight this server never grants. Downloads are plain links
(GET, no side effect) and need no header. A bearer header, when present, wins over the cookie.
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
from backend.core.session_cookie import CSRF_HEADER, SESSION_COOKIE

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


def cookie_token(request: Request, *, needs_csrf_header: bool) -> str | None:
    """The session cookie's token, if the request may use it (module docstring): refused
    (403) on a request that acts (``needs_csrf_header``) without a POST and the CSRF header."""
    token = request.cookies.get(SESSION_COOKIE, "").strip()
    if not token:
        return None
    if needs_csrf_header and (request.method != "POST" or not request.headers.get(CSRF_HEADER)):
        raise HTTPException(
            403, f"a request signed in by the session cookie must be a POST with {CSRF_HEADER}"
        )
    return token


async def actor_from_request(
    session_factory: SessionFactory,
    clock: Clock,
    request: Request,
    *,
    cookie_needs_csrf_header: bool = True,
) -> Actor:
    """Anonymous without a token; 401 for a bearer token that is unknown, expired or revoked.

    A session cookie that is no longer valid (expired, revoked by a logout elsewhere) counts
    as no cookie: the public pages stay readable and the web application signs in again.
    An API token's use is recorded at most once a minute (:func:`_record_use`), after the
    lookup and only when due, so most requests write nothing.
    """
    token = bearer_token(request)
    from_cookie = token is None
    if from_cookie:
        token = cookie_token(request, needs_csrf_header=cookie_needs_csrf_header)
    if token is None:
        return ANONYMOUS
    now = clock.now()
    async with read_session(session_factory) as session:
        bearer = await check_bearer(session, token, now=now)
    if bearer is None and from_cookie:
        return ANONYMOUS
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
