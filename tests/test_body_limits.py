"""Bodies are refused at their limit before they are read: a declared Content-Length over it
gets 413 at once; a chunked body is counted as it arrives; a multipart body from a stranger
gets 401 before its parts are read."""

from __future__ import annotations

import json
from typing import Any

import pytest

from backend.app import create_app
from backend.body_limits import MULTIPART_MARGIN_BYTES
from tests.support import factories as f

CHUNK = b"x" * 64 * 1024
JSON = b"application/json"
MULTIPART = b"multipart/form-data; boundary=b0undary"


class Drip:
    """An ASGI ``receive`` that hands out ``chunks`` chunks (forever when None), counting."""

    def __init__(self, first: bytes = b"", chunks: int | None = None) -> None:
        self.first, self.chunks, self.read = first, chunks, 0

    async def __call__(self) -> dict[str, Any]:
        self.read += 1
        if self.read == 1 and self.first:
            return {"type": "http.request", "body": self.first, "more_body": True}
        more = self.chunks is None or self.read < self.chunks
        return {"type": "http.request", "body": CHUNK, "more_body": more}


async def call(app, receive, *, content_type: bytes, length: int | None = None, token=None):
    headers = [(b"content-type", content_type), (b"accept", b"application/json")]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 1234),
        "server": ("test", 80),
    }
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(body)


@pytest.fixture
def app(settings, clock):
    return create_app(settings, clock=clock)


def assert_too_large(status: int, body: dict, limit: int) -> None:
    assert status == 413
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "PAYLOAD_TOO_LARGE", "maxBytes": limit}


async def test_json_body_declared_over_the_limit_is_refused_unread(app, settings):
    receive = Drip()

    status, body = await call(app, receive, content_type=JSON, length=300 * 1024 * 1024)

    assert_too_large(status, body, settings.graphql_max_body_bytes)
    assert receive.read == 0


async def test_chunked_json_body_is_refused_as_soon_as_it_passes_the_limit(app, settings):
    receive = Drip(first=b'{"query": "', chunks=None)  # endless, no Content-Length

    status, body = await call(app, receive, content_type=JSON)

    assert_too_large(status, body, settings.graphql_max_body_bytes)
    assert receive.read <= settings.graphql_max_body_bytes // len(CHUNK) + 2


async def test_json_limit_comes_from_settings(settings, clock):
    app = create_app(settings.model_copy(update={"graphql_max_body_bytes": 4096}), clock=clock)
    query = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * 5000}}).encode()

    status, body = await call(app, Drip(first=query, chunks=1), content_type=JSON)

    assert_too_large(status, body, 4096)


async def test_json_body_under_the_limit_is_served(app):
    query = json.dumps({"query": "{ __typename }"}).encode()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": query, "more_body": False}

    status, body = await call(app, receive, content_type=JSON, length=len(query))

    assert status == 200
    assert body == {"data": {"__typename": "Query"}}


async def test_multipart_from_an_anonymous_caller_is_refused_before_its_parts(app):
    receive = Drip()  # an endless upload

    status, body = await call(app, receive, content_type=MULTIPART)

    assert status == 401
    assert body["errors"][0]["message"] == "sign in to upload files"
    assert receive.read == 0


async def test_multipart_declared_over_the_upload_limit_is_refused_unread(
    app, settings, session_factory, clock
):
    user = await f.make_user(session_factory, clock.now())
    token = (await f.sign_in(session_factory, clock.now(), user)).token
    receive = Drip()
    limit = settings.upload_max_bytes + MULTIPART_MARGIN_BYTES

    status, body = await call(app, receive, content_type=MULTIPART, length=limit + 1, token=token)

    assert_too_large(status, body, limit)
    assert receive.read == 0


async def test_chunked_multipart_from_a_member_stops_at_the_upload_limit(
    settings, session_factory, clock
):
    app = create_app(settings.model_copy(update={"upload_max_bytes": 1024 * 1024}), clock=clock)
    user = await f.make_user(session_factory, clock.now())
    token = (await f.sign_in(session_factory, clock.now(), user)).token
    part = (
        b'--b0undary\r\nContent-Disposition: form-data; name="0"; filename="a.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n"
    )
    receive = Drip(first=part, chunks=None)  # a file part that never ends
    limit = 1024 * 1024 + MULTIPART_MARGIN_BYTES

    status, body = await call(app, receive, content_type=MULTIPART, token=token)

    assert_too_large(status, body, limit)
    assert receive.read <= limit // len(CHUNK) + 2
