"""The web application's session cookie, set and cleared by the login and logout mutations.

The cookie holds the session token where no script can read it (HttpOnly), is sent back to
this site only (``SameSite=Lax``: also on a top-level link from elsewhere, so a link from an
e-mail opens the application signed in) and, in production, only over HTTPS (``Secure``). What
a request carried by it may do is decided in :mod:`backend.http_auth`.
"""

from __future__ import annotations

from datetime import datetime

from starlette.responses import Response

from backend.core.session_cookie import SESSION_COOKIE
from graphql_schema.context import Context


def _response(ctx: Context) -> Response:
    """The HTTP response being built (strawberry's FastAPI router sets it; a schema run
    without HTTP has none, and then no cookie can be asked for)."""
    if ctx.response is None:
        raise RuntimeError("a session cookie needs an HTTP response")
    return ctx.response


def keep_session_in_cookie(ctx: Context, token: str, expires_at: datetime | None) -> None:
    """Set on the response to the login that issued ``token``."""
    max_age = None
    if expires_at is not None:
        max_age = max(int((expires_at - ctx.clock.now()).total_seconds()), 0)
    _response(ctx).set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        secure=ctx.settings.is_prod,
        httponly=True,
        samesite="lax",
    )


def forget_session_cookie(ctx: Context) -> None:
    """Cleared on the response to a logout (the token itself is revoked by the service)."""
    _response(ctx).delete_cookie(
        SESSION_COOKIE, path="/", secure=ctx.settings.is_prod, httponly=True, samesite="lax"
    )
