"""A request id on every request and one structured log line per response.

A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's
BaseHTTPMiddleware runs each request through an extra task and stream, a cost measured on the
submission path.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from backend.core.db import RETRY_AFTER_S, is_database_unavailable
from backend.core.logging import request_id_var

log = logging.getLogger("aap.http")
Scope = dict[str, Any]
UNEXPECTED = json.dumps({"errors": [{"message": "Unexpected error."}]}).encode()
UNAVAILABLE = json.dumps(
    {
        "errors": [
            {
                "message": "The service is unavailable for a moment (its database does not "
                f"answer); try again in {RETRY_AFTER_S} seconds.",
                "extensions": {"code": "SERVICE_UNAVAILABLE"},
            }
        ]
    }
).encode()


class RequestContextMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        response: dict[str, Any] = {"status": 500, "started": False}

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                response.update(status=message["status"], started=True)
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if is_database_unavailable(exc):
                log.warning("database unavailable", extra={"path": scope.get("path")})
                if not response["started"]:
                    await _send_unavailable(send_with_id)
            else:
                log.exception("unhandled error", extra={"path": scope.get("path")})
                if not response["started"]:
                    await _send_unexpected(send_with_id)
        finally:
            request_id_var.reset(token)
            _log_response(scope, request_id, int(response["status"]), started)


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            return value.decode("latin-1")[:64] or None
    return None


async def _send_unexpected(send: Any) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": UNEXPECTED})


async def _send_unavailable(send: Any) -> None:
    """503 + Retry-After for a route outside GraphQL (a download) when the database is away."""
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", str(RETRY_AFTER_S).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": UNAVAILABLE})


def _log_response(scope: Scope, request_id: str, status: int, started: float) -> None:
    log.info(
        "request",
        extra={
            "request_id": request_id,
            "method": scope.get("method"),
            "path": scope.get("path"),
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        },
    )
