"""File storage: a real folder, SigV4 against AWS's published examples, and the S3 client
against an in-test S3 server on loopback that checks every signature with its own code."""

from __future__ import annotations

import hashlib
import hmac
import re
import stat
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from backend.core.clock import FrozenClock
from backend.core.settings import Settings
from backend.core.storage import (
    EMPTY_SHA256,
    FILE_MODE,
    LocalStorage,
    ObjectNotFound,
    S3Storage,
    SigV4Credentials,
    Storage,
    StorageError,
    new_key,
    sign_request,
    storage_from_settings,
    validate_key,
)

BAD_KEYS = [
    "",
    "../etc/passwd",
    "attachments/../../etc/passwd",
    "attachments/..",
    "/etc/passwd",
    "attachments/",
    "attachments//x",
    ".hidden",
    "attachments/./x",
    "a\\b",
    "a\x00b",
    "a\nb",
    "é",
    "a/" + "x" * 300,
    "/".join(["a"] * 9),
]


async def chunks_of(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def read_all(stream: AsyncIterator[bytes]) -> list[bytes]:
    return [chunk async for chunk in stream]


# --------------------------------------------------------------------------- keys


@pytest.mark.parametrize("key", BAD_KEYS)
def test_validate_key_refuses_paths_and_strangers(key):
    with pytest.raises(ValueError, match="invalid storage key"):
        validate_key(key)


@pytest.mark.parametrize("key", ["attachments/3f2b", "receipts/2026/CALL-0042_v1.pdf", "a"])
def test_validate_key_accepts_our_keys(key):
    assert validate_key(key) == key


def test_new_key_is_unique_and_valid():
    first, second = new_key("attachments"), new_key("attachments")
    assert first != second
    assert first.startswith("attachments/")
    assert validate_key(first) == first


# --------------------------------------------------------------------------- LocalStorage


@pytest.fixture
def local(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "storage", chunk_size=4)


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


async def test_local_put_then_get_creates_folders_and_restricts_mode(local):
    await local.put("attachments/one", b"hello", content_type="application/pdf")

    path = local.path_for("attachments/one")
    assert await local.get("attachments/one") == b"hello"
    assert stat.S_IMODE(path.stat().st_mode) == FILE_MODE
    assert leftovers(local.root) == []


async def test_local_put_accepts_an_async_iterator(local):
    await local.put("a/b", chunks_of(b"ab", b"", b"cd"), content_type="text/plain")

    assert await local.get("a/b") == b"abcd"


async def test_local_put_replaces_the_previous_content(local):
    await local.put("k", b"old", content_type="text/plain")
    await local.put("k", b"new!", content_type="text/plain")

    assert await local.get("k") == b"new!"


async def test_local_put_failing_midway_keeps_the_old_file_and_no_temp(local):
    await local.put("k", b"old", content_type="text/plain")

    async def broken() -> AsyncIterator[bytes]:
        yield b"partial"
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        await local.put("k", broken(), content_type="text/plain")

    assert await local.get("k") == b"old"
    assert leftovers(local.root) == []


async def test_local_open_stream_yields_chunks(local):
    await local.put("k", b"0123456789", content_type="text/plain")

    chunks = await read_all(await local.open_stream("k"))

    assert chunks == [b"0123", b"4567", b"89"]


async def test_local_missing_object_raises_before_streaming(local):
    with pytest.raises(ObjectNotFound):
        await local.open_stream("attachments/missing")
    with pytest.raises(ObjectNotFound):
        await local.get("attachments/missing")


async def test_local_exists_and_delete_is_idempotent(local):
    await local.put("k", b"x", content_type="text/plain")
    assert await local.exists("k")

    await local.delete("k")
    await local.delete("k")

    assert not await local.exists("k")


@pytest.mark.parametrize("key", ["../escape", "/etc/passwd", "a/../../b"])
async def test_local_refuses_bad_keys_before_touching_disk(local, key):
    with pytest.raises(ValueError):
        await local.put(key, b"x", content_type="text/plain")
    assert not local.root.exists()


def test_local_storage_satisfies_the_protocol(local):
    assert isinstance(local, Storage)


# --------------------------------------------------------------------------- SigV4 vectors

# From "Signature Calculations for the Authorization Header" (Amazon S3 API reference,
# sig-v4-header-based-auth.html), examples "GET Object" and "PUT Object".
AWS_EXAMPLE = SigV4Credentials(
    access_key="AKIAIOSFODNN7EXAMPLE",
    secret_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    region="us-east-1",
)
AWS_EXAMPLE_TIME = datetime(2013, 5, 24, tzinfo=UTC)


def test_sigv4_matches_the_aws_get_object_example():
    headers = sign_request(
        method="GET",
        host="examplebucket.s3.amazonaws.com",
        path="/test.txt",
        headers={"Range": "bytes=0-9"},
        payload_sha256=EMPTY_SHA256,
        credentials=AWS_EXAMPLE,
        now=AWS_EXAMPLE_TIME,
    )

    assert headers["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    )
    assert headers["x-amz-date"] == "20130524T000000Z"


def test_sigv4_matches_the_aws_put_object_example_with_an_encoded_key():
    body = b"Welcome to Amazon S3."

    headers = sign_request(
        method="PUT",
        host="examplebucket.s3.amazonaws.com",
        path="/test$file.text",
        headers={
            "Date": "Fri, 24 May 2013 00:00:00 GMT",
            "x-amz-storage-class": "REDUCED_REDUNDANCY",
        },
        payload_sha256=hashlib.sha256(body).hexdigest(),
        credentials=AWS_EXAMPLE,
        now=AWS_EXAMPLE_TIME,
    )

    assert headers["Authorization"].endswith(
        "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
        "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
    )


# --------------------------------------------------------------------------- S3 server

ACCESS_KEY = "AKIDLOCALTEST"
SECRET_KEY = "local-test-secret/with+symbols"
BUCKET = "aap-test"
_AUTH = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<scope>[^,]+),\s*"
    r"SignedHeaders=(?P<signed>[^,]+),\s*Signature=(?P<signature>[0-9a-f]{64})"
)


@dataclass
class FakeS3State:
    """Objects by path, plus every request seen; shared with the handler threads."""

    objects: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def expected_signature(handler: BaseHTTPRequestHandler, signed: str, scope: str) -> str:
    """Recompute the signature from the request as received, independently of the client."""
    names = signed.split(";")
    block = "".join(f"{n}:{' '.join(handler.headers[n].split())}\n" for n in names)
    raw_path = urlsplit(handler.path).path
    payload = handler.headers["x-amz-content-sha256"]
    canonical = f"{handler.command}\n{raw_path}\n\n{block}\n{signed}\n{payload}"
    amz_date = handler.headers["x-amz-date"]
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = f"AWS4{SECRET_KEY}".encode()
    for part in scope.split("/"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class FakeS3Handler(BaseHTTPRequestHandler):
    """Just enough of S3: signed PUT/GET/HEAD/DELETE of objects, path-style, in memory."""

    protocol_version = "HTTP/1.1"
    state: FakeS3State

    def log_message(self, format, *args):
        pass

    def do_PUT(self):
        self._handle()

    def do_GET(self):
        self._handle()

    def do_HEAD(self):
        self._handle()

    def do_DELETE(self):
        self._handle()

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.state.requests.append(self.command)
        if self.command == "PUT" and "Content-Length" not in self.headers:
            self._reply(411, b"<Error><Code>MissingContentLength</Code></Error>")
            return
        if not self._authorised(body):
            self._reply(403, b"<Error><Code>SignatureDoesNotMatch</Code></Error>")
            return
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(f"/{BUCKET}/"):
            self._reply(404, b"<Error><Code>NoSuchBucket</Code></Error>")
            return
        with self.state.lock:
            self._serve(path, body)

    def _authorised(self, body: bytes) -> bool:
        match = _AUTH.fullmatch(self.headers.get("Authorization", ""))
        if match is None or match["key"] != ACCESS_KEY:
            return False
        if not {"host", "x-amz-date", "x-amz-content-sha256"} <= set(match["signed"].split(";")):
            return False
        if self.headers["x-amz-content-sha256"] != hashlib.sha256(body).hexdigest():
            return False
        expected = expected_signature(self, match["signed"], match["scope"])
        return hmac.compare_digest(expected, match["signature"])

    def _serve(self, path: str, body: bytes) -> None:
        objects = self.state.objects
        if self.command == "PUT":
            objects[path] = (body, self.headers.get("Content-Type", ""))
            self._reply(200, b"")
        elif self.command == "DELETE":
            objects.pop(path, None)
            self._reply(204, b"")
        elif path not in objects:
            self._reply(404, b"<Error><Code>NoSuchKey</Code></Error>")
        else:
            self._reply(200, objects[path][0], content_type=objects[path][1])

    def _reply(self, status: int, body: bytes, content_type: str = "application/xml") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 204:
            self.wfile.write(body)


@pytest.fixture
def s3_server() -> Iterator[tuple[str, FakeS3State]]:
    state = FakeS3State()
    handler = type("Handler", (FakeS3Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
async def s3(s3_server) -> AsyncIterator[S3Storage]:
    endpoint, _ = s3_server
    storage = S3Storage(endpoint, BUCKET, ACCESS_KEY, SECRET_KEY, chunk_size=4)
    try:
        yield storage
    finally:
        await storage.aclose()


async def test_s3_round_trip_through_a_verifying_server(s3, s3_server):
    _, state = s3_server

    await s3.put("attachments/one", b"%PDF-1.7 body", content_type="application/pdf")

    assert state.objects[f"/{BUCKET}/attachments/one"] == (b"%PDF-1.7 body", "application/pdf")
    assert await s3.exists("attachments/one")
    assert await s3.get("attachments/one") == b"%PDF-1.7 body"
    assert b"".join(await read_all(await s3.open_stream("attachments/one"))) == b"%PDF-1.7 body"


async def test_s3_put_accepts_an_async_iterator(s3):
    await s3.put("k", chunks_of(b"ab", b"cd"), content_type="text/plain")

    assert await s3.get("k") == b"abcd"


async def test_s3_put_of_an_empty_object_sends_a_length(s3):
    await s3.put("empty", b"", content_type="application/octet-stream")

    assert await s3.get("empty") == b""


async def test_s3_missing_object(s3):
    assert not await s3.exists("attachments/missing")
    with pytest.raises(ObjectNotFound):
        await s3.get("attachments/missing")
    with pytest.raises(ObjectNotFound):
        await s3.open_stream("attachments/missing")


async def test_s3_delete_is_idempotent(s3):
    await s3.put("k", b"x", content_type="text/plain")

    await s3.delete("k")
    await s3.delete("k")

    assert not await s3.exists("k")


async def test_s3_wrong_secret_is_refused_by_the_server(s3_server):
    endpoint, state = s3_server
    storage = S3Storage(endpoint, BUCKET, ACCESS_KEY, "not-the-secret")
    try:
        with pytest.raises(StorageError, match=r"HTTP 403 \(SignatureDoesNotMatch\)"):
            await storage.put("k", b"x", content_type="text/plain")
        with pytest.raises(StorageError, match="HTTP 403"):
            await storage.exists("k")
    finally:
        await storage.aclose()
    assert state.objects == {}


async def test_s3_signs_with_the_clock_it_is_given(s3_server):
    endpoint, state = s3_server
    clock = FrozenClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    storage = S3Storage(endpoint, BUCKET, ACCESS_KEY, SECRET_KEY, clock=clock)
    try:
        await storage.put("k", b"x", content_type="text/plain")
    finally:
        await storage.aclose()
    assert f"/{BUCKET}/k" in state.objects


async def test_s3_bad_key_raises_before_any_request(s3, s3_server):
    _, state = s3_server

    with pytest.raises(ValueError):
        await s3.get("../other-bucket/secret")

    assert state.requests == []


async def test_s3_unreachable_store_is_a_storage_error():
    storage = S3Storage("http://127.0.0.1:9", BUCKET, ACCESS_KEY, SECRET_KEY, timeout_seconds=2)
    try:
        with pytest.raises(StorageError):
            await storage.get("k")
    finally:
        await storage.aclose()


@pytest.mark.parametrize(
    ("endpoint", "bucket"),
    [("ftp://127.0.0.1", BUCKET), ("http://127.0.0.1:9000", "Bad_Bucket"), ("nohost", BUCKET)],
)
def test_s3_refuses_a_bad_endpoint_or_bucket(endpoint, bucket):
    with pytest.raises(ValueError):
        S3Storage(endpoint, bucket, ACCESS_KEY, SECRET_KEY)


# --------------------------------------------------------------------------- settings


def test_storage_from_settings_defaults_to_the_local_folder(tmp_path):
    storage = storage_from_settings(Settings(storage_dir=tmp_path))

    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path


async def test_storage_from_settings_uses_s3_when_a_bucket_is_set():
    settings = Settings(
        storage_s3_bucket=BUCKET,
        storage_s3_endpoint_url="http://127.0.0.1:9000",
        storage_s3_access_key=ACCESS_KEY,
        storage_s3_secret_key=SECRET_KEY,
    )

    storage = storage_from_settings(settings)

    assert isinstance(storage, S3Storage)
    await storage.aclose()


def test_storage_from_settings_refuses_a_half_configured_bucket():
    with pytest.raises(ValueError, match="AAP_STORAGE_S3_SECRET_KEY"):
        storage_from_settings(
            Settings(
                storage_s3_bucket=BUCKET,
                storage_s3_endpoint_url="http://127.0.0.1:9000",
                storage_s3_access_key=ACCESS_KEY,
            )
        )


def test_settings_hide_the_s3_secret_and_default_the_upload_limit():
    settings = Settings(storage_s3_secret_key="do-not-print-me")

    assert "do-not-print-me" not in repr(settings)
    assert settings.upload_max_bytes == 20 * 1024 * 1024
