"""Checking an uploaded file before we keep it.

The type comes from the bytes, never from the name or the browser's content type: a PDF must
start with ``%PDF-`` *and* parse, so a renamed text file or a broken PDF is refused at upload
rather than discovered by an evaluator. Reading stops as soon as the size limit is crossed, so
a huge upload costs us ``max_bytes`` of memory at most. The uploader's file name is display
data only (the stored key is ours, see :mod:`backend.core.storage`); it is cleaned so it cannot
smuggle a path, control characters or a misleading extension into a later download.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from backend.core import pdf_checks
from backend.core.errors import DomainError

logger = logging.getLogger(__name__)

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
PDF_ONLY: frozenset[str] = frozenset({PDF})
MAX_PDF_PAGES = 2000
PDF_PARSE_TIMEOUT_SECONDS = 10.0
MAX_DISPLAY_NAME_LENGTH = 255
"""The width of ``Attachment.original_name``."""

_EXTENSIONS: dict[str, tuple[str, ...]] = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SOI = b"\xff\xd8\xff"
_PDF_MAGIC = b"%PDF-"

_parse_executor: ThreadPoolExecutor | None = None


# --------------------------------------------------------------------------- errors


class UploadRejected(DomainError):
    code = "UPLOAD_REJECTED"


class UploadTooLarge(UploadRejected):
    code = "UPLOAD_TOO_LARGE"

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"the file is larger than {max_bytes} bytes")
        self.max_bytes = max_bytes


class UnsupportedFileType(UploadRejected):
    """Names what the bytes are (``found``, see :func:`describe_content`) and what is
    accepted: "files of type unknown" told the uploader nothing to act on."""

    code = "UNSUPPORTED_FILE_TYPE"

    def __init__(self, detected: str | None, allowed: frozenset[str], found: str = "") -> None:
        found = found or detected or UNRECOGNISED
        accepted = ", ".join(f"{_NAMES.get(t, t)} ({t})" for t in sorted(allowed))
        super().__init__(
            f"this file is {_found_phrase(found)}, which is not accepted here; accepted: {accepted}"
        )
        self.detected = detected
        self.found = found
        self.allowed = allowed


class CorruptFile(UploadRejected):
    code = "CORRUPT_FILE"


class EncryptedFile(UploadRejected):
    """Password-protected PDFs cannot be read by evaluators nor merged into a dossier."""

    code = "ENCRYPTED_FILE"

    def __init__(self) -> None:
        super().__init__("the PDF is encrypted or password-protected")


class ActiveContent(UploadRejected):
    """Scripts, automatic actions, launch commands or embedded files (see
    :mod:`backend.core.pdf_checks`): a dossier is read, not run."""

    code = "PDF_ACTIVE_CONTENT"

    def __init__(self, names: set[str]) -> None:
        super().__init__(
            f"the PDF contains {pdf_checks.describe(names)}, which are not accepted:"
            " print it to a new PDF, or export it again without them"
        )
        self.names = sorted(names)


class TrailingData(UploadRejected):
    """Bytes after the PDF's last ``%%EOF``: readers ignore them, so they can hide a file."""

    code = "PDF_TRAILING_DATA"

    def __init__(self, size: int) -> None:
        super().__init__(
            f"the file goes on for {size} bytes after the end of the PDF (%%EOF):"
            " another file may be hidden there; send the PDF alone"
        )
        self.size = size


class TooManyPages(UploadRejected):
    code = "TOO_MANY_PAGES"

    def __init__(self, max_pages: int) -> None:
        super().__init__(f"the PDF has more than {max_pages} pages")
        self.max_pages = max_pages


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class InspectedUpload:
    content: bytes = field(repr=False)
    size: int
    sha256: str
    content_type: str
    display_name: str


async def inspect_upload(
    chunks: AsyncIterator[bytes] | bytes,
    *,
    filename: str,
    max_bytes: int,
    allowed: frozenset[str] = PDF_ONLY,
    max_pdf_pages: int = MAX_PDF_PAGES,
    parse_timeout: float = PDF_PARSE_TIMEOUT_SECONDS,
) -> InspectedUpload:
    """Read, measure, hash and identify an upload; raise an :class:`UploadRejected` subclass.

    The iterator is not closed on rejection: its owner (the request) does that.
    """
    content, digest = await _read_capped(chunks, max_bytes)
    content_type = detect_content_type(content)
    if content_type is None or content_type not in allowed:
        raise UnsupportedFileType(content_type, allowed, describe_content(content))
    await _check_structure(content, content_type, max_pdf_pages, parse_timeout)
    return InspectedUpload(
        content=content,
        size=len(content),
        sha256=digest,
        content_type=content_type,
        display_name=sanitize_display_name(filename, content_type=content_type),
    )


async def _read_capped(chunks: AsyncIterator[bytes] | bytes, max_bytes: int) -> tuple[bytes, str]:
    """Gather the bytes and their SHA-256, refusing the chunk that crosses ``max_bytes``."""
    if isinstance(chunks, bytes | bytearray | memoryview):
        data = bytes(chunks)
        if len(data) > max_bytes:
            raise UploadTooLarge(max_bytes)
        return data, hashlib.sha256(data).hexdigest()
    buffer = bytearray()
    digest = hashlib.sha256()
    async for chunk in chunks:
        if len(buffer) + len(chunk) > max_bytes:
            raise UploadTooLarge(max_bytes)
        buffer += chunk
        digest.update(chunk)
    return bytes(buffer), digest.hexdigest()


# --------------------------------------------------------------------------- detection


def detect_content_type(content: bytes) -> str | None:
    """The type the leading bytes claim (PDF, PNG or JPEG), or ``None``; names play no part.

    ``%PDF-`` must be at offset 0: readers tolerate junk before it, which is how PDF polyglots
    hide inside other formats, so we do not.
    """
    if content.startswith(_PDF_MAGIC):
        return PDF
    if content.startswith(_PNG_SIGNATURE):
        return PNG
    if content.startswith(_JPEG_SOI):
        return JPEG
    return None


UNRECOGNISED = "unrecognised data"
EMPTY = "empty"
_NAMES = {PDF: "PDF", PNG: "PNG image", JPEG: "JPEG image"}

# Leading bytes of the files people send by mistake, so a refusal can say what was sent.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    (b"{\\rtf", "application/rtf"),
    (b"%!PS", "application/postscript"),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"\x7fELF", "application/x-executable"),
)
# Office documents are ZIP archives: the name of a member near the start tells which.
_ZIP_MEMBERS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    (b"opendocument.text", "application/vnd.oasis.opendocument.text"),
    (b"opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet"),
)
_SNIFF_BYTES = 4096


def describe_content(content: bytes) -> str:
    """What the leading bytes look like, as a media type, ``"empty"`` or ``"unrecognised
    data"``: for telling an uploader what they sent, never for accepting a file (only
    :func:`detect_content_type` does that)."""
    known = detect_content_type(content)
    if known is not None:
        return known
    if not content:
        return EMPTY
    head = content[:_SNIFF_BYTES]
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        return next((t for name, t in _ZIP_MEMBERS if name in head), "application/zip")
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if b"\x00" in head[:64]:  # two letters are a signature only in a binary file
        if head.startswith(b"BM"):
            return "image/bmp"
        if head.startswith(b"MZ"):
            return "application/x-msdownload"
    return _describe_text(head)


def _describe_text(head: bytes) -> str:
    """HTML, XML or plain text when the start decodes as UTF-8 without control bytes."""
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not merely a character cut at the sniffing limit
            return UNRECOGNISED
        text = head[: exc.start].decode("utf-8-sig")
    if any(c < " " and c not in "\t\r\n\f" for c in text):
        return UNRECOGNISED
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")):
        return "text/html"
    if start.startswith("<?xml"):
        return "application/xml"
    return "text/plain"


def _found_phrase(found: str) -> str:
    if found == EMPTY:
        return "empty"
    if found == UNRECOGNISED:
        return "of no type we recognise (unrecognised data)"
    return f"of type {found}"


async def _check_structure(
    content: bytes, content_type: str, max_pdf_pages: int, parse_timeout: float
) -> None:
    if content_type == PDF:
        await _check_pdf(content, max_pdf_pages, parse_timeout)
    elif content_type == PNG and content[12:16] != b"IHDR":
        raise CorruptFile("the PNG image has no header chunk")
    elif content_type == JPEG and content.rfind(b"\xff\xd9") < len(_JPEG_SOI):
        raise CorruptFile("the JPEG image has no end marker")


async def _check_pdf(content: bytes, max_pages: int, seconds: float) -> int:
    """Parse off the event loop, in a small pool of its own so a slow or hostile file cannot
    starve the threads that file storage uses. Python cannot kill a thread: after a time-out
    the parse runs on in the background, but the upload is refused at once."""
    loop = asyncio.get_running_loop()
    future = loop.run_in_executor(_executor(), count_pdf_pages, content, max_pages)
    try:
        return await asyncio.wait_for(future, seconds)
    except TimeoutError:
        logger.warning("PDF parse exceeded %.1f s; upload refused", seconds)
        raise CorruptFile(f"the PDF could not be read within {seconds:g} s") from None


def _executor() -> ThreadPoolExecutor:
    global _parse_executor
    if _parse_executor is None:
        _parse_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="aap-pdf-check")
    return _parse_executor


def count_pdf_pages(content: bytes, max_pages: int = MAX_PDF_PAGES) -> int:
    """Check the PDF as a reader would see it and count its pages; blocking, call it from a
    thread.

    Refuses data after the last ``%%EOF`` (or no ``%%EOF``), active content found in the
    bytes or in the parsed objects (:mod:`backend.core.pdf_checks`), encrypted files, files
    with no page and files above ``max_pages``: the page count the file declares is checked
    before the page tree is walked, so a tree that claims millions of pages is refused
    without building them. Any parser failure on this hostile input means "unreadable",
    whatever pypdf raised.
    """
    from pypdf import PdfReader

    _check_pdf_bytes(content)
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise EncryptedFile()
        if _declared_page_count(reader) > max_pages:
            raise TooManyPages(max_pages)
        pages = len(reader.pages)
        for page in reader.pages:
            _ = page.mediabox
        active = pdf_checks.active_names_in_objects(reader)
        if active:
            raise ActiveContent(active)
    except UploadRejected:
        raise
    except Exception as exc:
        logger.info("PDF refused: %s: %s", exc.__class__.__name__, exc)
        raise CorruptFile("the file says it is a PDF but cannot be read as one") from exc
    if pages == 0:
        raise CorruptFile("the PDF has no page")
    if pages > max_pages:
        raise TooManyPages(max_pages)
    return pages


def _check_pdf_bytes(content: bytes) -> None:
    """The byte-level half of the checks: the end of the file, then names outside streams."""
    trailing = pdf_checks.trailing_bytes(content)
    if trailing is None:
        raise CorruptFile("the PDF has no end-of-file marker (%%EOF): it looks truncated")
    if trailing:
        raise TrailingData(trailing)
    active = pdf_checks.active_names_in_bytes(content)
    if active:
        raise ActiveContent(active)


def _declared_page_count(reader: Any) -> int:
    """``/Count`` of the root page tree, or 0 when it is missing or not a number."""
    count = reader.root_object["/Pages"].get_object().get("/Count", 0)
    try:
        return int(count)
    except (TypeError, ValueError):
        return 0


# --------------------------------------------------------------------------- names

_PATH_SEPARATORS = re.compile(r"[\\/]")
_WHITESPACE = re.compile(r"\s+")


def sanitize_display_name(filename: str, *, content_type: str | None = None) -> str:
    """A name safe to show and to offer back in a download.

    Keeps the last path component (``/`` or ``\\``), letters of any script (NFC), drops control
    and format characters (newlines, NUL, bidi overrides that disguise ``gpj.exe`` as
    ``exe.jpg``), trims dots and spaces at the ends, and fits in 255 characters keeping the
    extension. With a ``content_type``, the extension is made to match it: a PDF named
    ``x.html`` becomes ``x.html.pdf`` so a browser will not open it as a page.
    """
    name = unicodedata.normalize("NFC", filename)
    name = _PATH_SEPARATORS.split(name)[-1]
    name = _WHITESPACE.sub(" ", name)
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = name.strip(" .")
    extensions = _EXTENSIONS.get(content_type or "", ())
    if not name:
        name = "document"
    if extensions and not name.lower().endswith(extensions):
        name += extensions[0]
    return _fit(name, MAX_DISPLAY_NAME_LENGTH)


def _fit(name: str, limit: int) -> str:
    """Shorten the stem, not the extension, when the name is too long."""
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 16:
        return name[:limit].rstrip(" .")
    return stem[: limit - len(extension) - 1].rstrip(" .") + "." + extension
