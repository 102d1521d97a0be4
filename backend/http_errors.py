"""The HTTP routes' error bodies (downloads, unknown paths): one shape, the GraphQL one's words.

A GraphQL mutation answers ``NotFoundError { code message }``; an HTTP route answers 404 with
``{"error": {"code": "NOT_FOUND", "message": ...}}`` and the same message, whatever the cause
(no such file, a malformed id, a file the caller may not read, a path that is no route).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend.core.errors import NOT_FOUND_MESSAGE, NotFound


def not_found_response() -> JSONResponse:
    """The one 404 of the HTTP routes: it says nothing of why."""
    return JSONResponse(
        {"error": {"code": NotFound.code, "message": NOT_FOUND_MESSAGE}}, status_code=404
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    """404s (raised by a route, or Starlette's for an unknown path) in the one shape; any
    other status as FastAPI answers it."""
    if isinstance(exc, StarletteHTTPException) and exc.status_code == 404:
        return not_found_response()
    assert isinstance(exc, StarletteHTTPException)
    return await http_exception_handler(request, exc)


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
