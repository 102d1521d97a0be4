"""Where the files we keep live: attachments, rendered receipts.

One small async interface, two implementations. :class:`LocalStorage` writes under a folder
(the default, like the rest of the embedded mode); :class:`S3Storage` talks to any
S3-compatible store (MinIO, Garage, Ceph, AWS) with path-style URLs and our own Signature V4
signer, so the product carries no SDK. Keys are ours (``attachments/<uuid>``), never a user's
file name: the uploader's name is display data kept in the database. A malformed key is a
programming error and raises :class:`ValueError` before any I/O.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import re
import tempfile
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import quote

from backend.core.clock import Clock, SystemClock

if TYPE_CHECKING:
    import httpx

    from backend.core.settings import Settings

CHUNK_SIZE = 64 * 1024
MAX_KEY_LENGTH = 255
"""The width of ``Attachment.storage_key``."""
FILE_MODE = 0o640
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}"
KEY_PATTERN = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT}){{0,7}}")
"""Up to 8 segments, each starting with a letter or digit: no ``..``, no ``/`` at either end."""


class StorageError(RuntimeError):
    """The store failed or refused a request: an operational problem, not the user's."""


class ObjectNotFound(StorageError, LookupError):
    """No object under that key; for a key read from the database this means lost data."""


def validate_key(key: str) -> str:
    """Return ``key`` if it is one of ours; anything path-like or user-made is a bug."""
    if len(key) > MAX_KEY_LENGTH or ".." in key or not KEY_PATTERN.fullmatch(key):
        raise ValueError(f"invalid storage key {key!r}")
    return key


def new_key(prefix: str) -> str:
    """A fresh, unguessable key under ``prefix`` (e.g. ``attachments/<uuid4>``)."""
    return validate_key(f"{prefix}/{uuid.uuid4()}")


@runtime_checkable
class Storage(Protocol):
    """Whole objects under our keys; ``put`` replaces atomically, ``delete`` is idempotent.

    ``open_stream`` is awaited first and then iterated: a missing object raises
    :class:`ObjectNotFound` before a download response has started. Iterate the stream to
    the end or ``aclose()`` it, so the file or connection behind it is released.
    """

    async def put(
        self, key: str, data: bytes | AsyncIterator[bytes], *, content_type: str
    ) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def open_stream(self, key: str) -> AsyncIterator[bytes]: ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None: ...

    async def aclose(self) -> None:
        """Release connections; called once at shutdown."""
        ...


# --------------------------------------------------------------------------- local folder


class LocalStorage:
    """Objects as files under ``root``; every blocking call runs in a worker thread.

    A write goes to a temporary file in the target folder, is fsynced, made 0o640 and
    renamed over the target, then the folder is fsynced: readers see the old file or the
    new one, never half of one, even after a crash. The content type is not kept here: the
    database row that holds the key holds it.
    """

    def __init__(self, root: Path, *, chunk_size: int = CHUNK_SIZE) -> None:
        self.root = Path(root)
        self.chunk_size = chunk_size

    def path_for(self, key: str) -> Path:
        return self.root / validate_key(key)

    async def put(self, key: str, data: bytes | AsyncIterator[bytes], *, content_type: str) -> None:
        path = self.path_for(key)
        if isinstance(data, bytes | bytearray | memoryview):
            await asyncio.to_thread(_write_atomically, path, bytes(data))
            return
        handle, temp_path = await asyncio.to_thread(_open_temp_beside, path)
        try:
            async for chunk in data:
                await asyncio.to_thread(handle.write, chunk)
            await asyncio.to_thread(_commit, handle, temp_path, path)
        except BaseException:
            _discard(handle, temp_path)
            raise

    async def get(self, key: str) -> bytes:
        path = self.path_for(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise ObjectNotFound(key) from exc

    async def open_stream(self, key: str) -> AsyncIterator[bytes]:
        path = self.path_for(key)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise ObjectNotFound(key) from exc
        return self._read_chunks(handle)

    async def _read_chunks(self, handle: IO[bytes]) -> AsyncIterator[bytes]:
        try:
            while chunk := await asyncio.to_thread(handle.read, self.chunk_size):
                yield chunk
        finally:
            handle.close()

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path_for(key).is_file)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path_for(key).unlink, missing_ok=True)

    async def aclose(self) -> None:
        return None


def _open_temp_beside(path: Path) -> tuple[IO[bytes], Path]:
    """A temporary file in the target's folder, so the final rename stays on one filesystem."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    return os.fdopen(fd, "wb"), Path(name)


def _commit(handle: IO[bytes], temp_path: Path, path: Path) -> None:
    try:
        handle.flush()
        os.fsync(handle.fileno())
        os.fchmod(handle.fileno(), FILE_MODE)
    finally:
        handle.close()
    os.replace(temp_path, path)
    _fsync_directory(path.parent)


def _discard(handle: IO[bytes], temp_path: Path) -> None:
    handle.close()
    temp_path.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temp_path = _open_temp_beside(path)
    try:
        handle.write(data)
        _commit(handle, temp_path, path)
    except BaseException:
        _discard(handle, temp_path)
        raise


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- Signature V4

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
ALGORITHM = "AWS4-HMAC-SHA256"


@dataclass(frozen=True)
class SigV4Credentials:
    access_key: str
    secret_key: str = field(repr=False)
    region: str = "us-east-1"
    service: str = "s3"


def uri_encode_path(path: str) -> str:
    """S3's canonical URI: each segment percent-encoded once (unlike other services, not twice)."""
    return quote(path, safe="/-_.~")


def canonical_query(query: Mapping[str, str] | None) -> str:
    pairs = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in (query or {}).items())
    return "&".join(f"{k}={v}" for k, v in pairs)


def canonical_headers(headers: Mapping[str, str]) -> tuple[str, str]:
    """(canonical header block, signed header list): lower-case names, trimmed values."""
    cleaned = {name.lower(): " ".join(str(value).split()) for name, value in headers.items()}
    names = sorted(cleaned)
    block = "".join(f"{name}:{cleaned[name]}\n" for name in names)
    return block, ";".join(names)


def canonical_request(
    *,
    method: str,
    path: str,
    query: Mapping[str, str] | None,
    headers: Mapping[str, str],
    payload_sha256: str,
) -> tuple[str, str]:
    """The canonical request and its signed header list; ``path`` is not yet encoded."""
    block, signed = canonical_headers(headers)
    parts = (method.upper(), uri_encode_path(path), canonical_query(query), block, signed)
    text = "\n".join((*parts, payload_sha256))
    return text, signed


def signing_key(secret_key: str, date: str, region: str, service: str) -> bytes:
    key = f"AWS4{secret_key}".encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def sign_request(
    *,
    method: str,
    host: str,
    path: str,
    headers: Mapping[str, str],
    payload_sha256: str,
    credentials: SigV4Credentials,
    now: datetime,
    query: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every header to send: ``headers`` plus host, x-amz-date, x-amz-content-sha256 and the
    Authorization that signs them all (AWS Signature Version 4, header-based)."""
    amz_date = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    scope = f"{amz_date[:8]}/{credentials.region}/{credentials.service}/aws4_request"
    to_sign = {**headers, "host": host, "x-amz-date": amz_date}
    to_sign["x-amz-content-sha256"] = payload_sha256
    request, signed = canonical_request(
        method=method, path=path, query=query, headers=to_sign, payload_sha256=payload_sha256
    )
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, scope, hashlib.sha256(request.encode()).hexdigest()]
    )
    key = signing_key(credentials.secret_key, amz_date[:8], credentials.region, credentials.service)
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    to_sign["Authorization"] = (
        f"{ALGORITHM} Credential={credentials.access_key}/{scope},"
        f"SignedHeaders={signed},Signature={signature}"
    )
    return to_sign


# --------------------------------------------------------------------------- S3

_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_ERROR_CODE = re.compile(rb"<Code>([^<]{1,64})</Code>")


class S3Storage:
    """An S3-compatible bucket, path-style (``{endpoint}/{bucket}/{key}``), signed with SigV4.

    Path-style because MinIO, Garage and Ceph serve it without wildcard DNS. httpx is
    imported here, not at module level, so local storage needs nothing beyond the standard
    library.
    """

    def __init__(
        self,
        endpoint_url: str,
        bucket: str,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
        *,
        clock: Clock | None = None,
        timeout_seconds: float = 30.0,
        chunk_size: int = CHUNK_SIZE,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        import httpx

        if not _BUCKET.fullmatch(bucket):
            raise ValueError(f"invalid bucket name {bucket!r}")
        base = httpx.URL(endpoint_url)
        if base.scheme not in {"http", "https"} or not base.host or base.query:
            raise ValueError(f"invalid S3 endpoint {endpoint_url!r}")
        self._httpx = httpx
        self._origin = f"{base.scheme}://{base.netloc.decode('ascii')}"
        self._host = base.netloc.decode("ascii")
        self._prefix = f"{base.path.rstrip('/')}/{bucket}/"
        self._credentials = SigV4Credentials(access_key, secret_key, region)
        self._clock = clock or SystemClock()
        self.chunk_size = chunk_size
        self._client = httpx.AsyncClient(
            timeout=timeout_seconds, transport=transport, follow_redirects=False
        )

    async def put(self, key: str, data: bytes | AsyncIterator[bytes], *, content_type: str) -> None:
        """Upload in one request. S3 wants the length and the payload hash up front, so an
        iterator is gathered first; uploads are capped by ``upload_max_bytes`` anyway."""
        path = self._path(key)
        if isinstance(data, bytes | bytearray | memoryview):
            body = bytes(data)
        else:
            body = b"".join([chunk async for chunk in data])
        response = await self._send("PUT", path, body=body, headers={"content-type": content_type})
        self._check(response, "PUT", key)

    async def get(self, key: str) -> bytes:
        response = await self._send("GET", self._path(key))
        self._check(response, "GET", key)
        return response.content

    async def open_stream(self, key: str) -> AsyncIterator[bytes]:
        response = await self._send("GET", self._path(key), stream=True)
        if response.status_code != 200:
            await response.aread()
            await response.aclose()
            self._check(response, "GET", key)
        return self._read_chunks(response)

    async def _read_chunks(self, response: httpx.Response) -> AsyncIterator[bytes]:
        try:
            async for chunk in response.aiter_bytes(self.chunk_size):
                yield chunk
        except self._httpx.HTTPError as exc:
            raise StorageError(f"S3 GET interrupted: {exc.__class__.__name__}") from exc
        finally:
            await response.aclose()

    async def exists(self, key: str) -> bool:
        response = await self._send("HEAD", self._path(key))
        if response.status_code == 404:
            return False
        self._check(response, "HEAD", key)
        return True

    async def delete(self, key: str) -> None:
        response = await self._send("DELETE", self._path(key))
        if response.status_code != 404:
            self._check(response, "DELETE", key)

    async def aclose(self) -> None:
        await self._client.aclose()

    def _path(self, key: str) -> str:
        return self._prefix + validate_key(key)

    async def _send(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        signed = sign_request(
            method=method,
            host=self._host,
            path=path,
            headers=headers or {},
            payload_sha256=hashlib.sha256(body).hexdigest(),
            credentials=self._credentials,
            now=self._clock.now(),
        )
        url = self._origin + uri_encode_path(path)
        request = self._client.build_request(
            method,
            url,
            headers={**signed, "accept-encoding": "identity"},
            content=body if method == "PUT" else None,
        )
        try:
            return await self._client.send(request, stream=stream)
        except self._httpx.HTTPError as exc:
            raise StorageError(f"S3 {method} failed: {exc.__class__.__name__}: {exc}") from exc

    @staticmethod
    def _check(response: httpx.Response, method: str, key: str) -> None:
        if 200 <= response.status_code < 300:
            return
        match = _ERROR_CODE.search(response.content[:4096]) if method != "HEAD" else None
        code = match.group(1).decode("ascii", "replace") if match else "no error code"
        if response.status_code == 404 and method != "PUT" and code != "NoSuchBucket":
            raise ObjectNotFound(key)
        raise StorageError(f"S3 {method} {key}: HTTP {response.status_code} ({code})")


# --------------------------------------------------------------------------- choice


def storage_from_settings(settings: Settings) -> Storage:
    """The local folder ``storage_dir`` unless ``AAP_STORAGE_S3_BUCKET`` is set; a bucket with
    missing endpoint or keys is refused at start rather than at the first upload."""
    if not settings.storage_s3_bucket:
        return LocalStorage(settings.storage_dir)
    required = {
        "AAP_STORAGE_S3_ENDPOINT_URL": settings.storage_s3_endpoint_url,
        "AAP_STORAGE_S3_ACCESS_KEY": settings.storage_s3_access_key,
        "AAP_STORAGE_S3_SECRET_KEY": settings.storage_s3_secret_key,
    }
    missing = sorted(name for name, value in required.items() if not value)
    if missing:
        raise ValueError(f"AAP_STORAGE_S3_BUCKET is set but {', '.join(missing)} are not")
    return S3Storage(
        endpoint_url=str(settings.storage_s3_endpoint_url),
        bucket=settings.storage_s3_bucket,
        access_key=str(settings.storage_s3_access_key),
        secret_key=str(settings.storage_s3_secret_key),
        region=settings.storage_s3_region,
    )
