"""Request bodies are refused at their size limit, before they are read whole.

Without this, a 300 MB JSON body was read and parsed, and a 200 MB multipart body read before
the caller was authenticated or the upload limit checked. An ASGI middleware sits in front of
everything: a declared ``Content-Length`` over the limit is answered 413 before a byte of the
body is read; a body without one (chunked) is counted as it arrives and refused as soon as it
passes the limit. The limit depends on what the body is:

- a multipart request (an upload): the upload limit plus a margin for the other parts
  (the operations and the map), :data:`MULTIPART_MARGIN_BYTES`;
- anything else (GraphQL JSON bodies, and the few other routes): ``graphql_max_body_bytes``.

The GraphQL context refuses a multipart request from an anonymous caller before its parts
are read (see ``graphql_schema.http``), so a stranger never makes the server read a file.
"""

from __future__ import annotations

import json
from typing import Any

MULTIPART_MARGIN_BYTES = 256 * 1024
PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
Scope = dict[str, Any]


class BodyTooLarge(Exception):
    """The body passed its limit while it was being read."""


class BodyLimitMiddleware:
    def __init__(self, app: Any, *, json_max_bytes: int, upload_max_bytes: int) -> None:
        self.app = app
        self.json_max_bytes = json_max_bytes
        self.multipart_max_bytes = upload_max_bytes + MULTIPART_MARGIN_BYTES

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        counter = _Counter(receive, limit)
        refused = False

        async def send_unless_refused(message: dict[str, Any]) -> None:
            """Whatever the app made of a body cut short (a parser's 400, say), the answer
            is the 413: the first response message is replaced, the rest dropped."""
            nonlocal refused
            if counter.exceeded:
                if not refused:
                    refused = True
                    await _refuse(send, limit)
                return
            await send(message)

        try:
            await self.app(scope, counter.receive, send_unless_refused)
        except BodyTooLarge:
            if not refused:
                await _refuse(send, limit)

    def limit_for(self, scope: Scope) -> int:
        content_type = _header(scope, b"content-type") or b""
        if content_type.lower().startswith(b"multipart/"):
            return self.multipart_max_bytes
        return self.json_max_bytes


class _Counter:
    """Wraps ``receive``: raises :class:`BodyTooLarge` once more than ``limit`` bytes came.

    The app may catch the exception (a multipart parser turns it into "Invalid multipart
    data."), hence ``exceeded``, which the middleware reads to answer 413 all the same.
    """

    def __init__(self, receive: Any, limit: int) -> None:
        self._receive = receive
        self.limit = limit
        self.received = 0
        self.exceeded = False

    async def receive(self) -> dict[str, Any]:
        if self.exceeded:
            raise BodyTooLarge
        message: dict[str, Any] = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                self.exceeded = True
                raise BodyTooLarge
        return message


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value)
    return None


def _content_length(scope: Scope) -> int | None:
    """The declared length; a malformed one is left to the server (h11/httptools refuse it)."""
    raw = _header(scope, b"content-length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


async def _refuse(send: Any, limit: int) -> None:
    body = json.dumps(
        {
            "errors": [
                {
                    "message": f"The request body is larger than the limit of {limit} bytes.",
                    "extensions": {"code": PAYLOAD_TOO_LARGE, "maxBytes": limit},
                }
            ]
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
