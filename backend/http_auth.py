"""Who is calling over HTTP: the bearer token turned into an :class:`Actor`.

Shared by the GraphQL context and the file downloads, so both apply the same rules.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

from backend.accounts.services import actor_for_token
from backend.core.auth import ANONYMOUS, Actor
from backend.core.clock import Clock
from backend.core.db import SessionFactory, read_session


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
    """Anonymous without a token; 401 for a token that is unknown, expired or revoked."""
    token = bearer_token(request)
    if token is None:
        return ANONYMOUS
    async with read_session(session_factory) as session:
        actor = await actor_for_token(session, token, now=clock.now())
    if actor is None:
        raise HTTPException(401, "invalid or expired token", headers={"WWW-Authenticate": "Bearer"})
    return actor


def refuse_anonymous_upload(request: Request, actor: Actor) -> None:
    """401 for a multipart (upload) request without a signed-in caller, before its parts are
    read: only members upload, so a stranger never makes the server read a file."""
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith("multipart/") and not actor.is_authenticated:
        raise HTTPException(401, "sign in to upload files", headers={"WWW-Authenticate": "Bearer"})
