"""Upload checks on real files made here: the bytes decide the type, the size limit stops the
read early, broken or locked PDFs are refused, and names are made safe to show."""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import AsyncIterator

import pytest

from backend.core import uploads
from backend.core.errors import DomainError
from backend.core.uploads import (
    JPEG,
    MAX_PDF_PAGES,
    PDF,
    PNG,
    CorruptFile,
    EncryptedFile,
    TooManyPages,
    UnsupportedFileType,
    UploadTooLarge,
    detect_content_type,
    inspect_upload,
    sanitize_display_name,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17 + b"IEND"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xff\xd9"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def real_pdf() -> bytes:
    """A one-page PDF rendered by WeasyPrint, as our own receipts are."""
    from weasyprint import HTML

    return HTML(string="<html lang='fr'><title>t</title><p>Dossier</p></html>").write_pdf()


def blank_pdf(pages: int, *, owner_password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=72, height=72)
    if owner_password is not None:
        writer.encrypt(user_password="", owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_claiming_pages(count: int) -> bytes:
    """A hand-built, well-formed PDF whose page tree declares ``count`` pages but holds one."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


async def chunks_of(data: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


# --------------------------------------------------------------------------- accepted


async def test_inspect_upload_accepts_a_real_pdf(real_pdf):
    result = await inspect_upload(real_pdf, filename="Annexe 1.pdf", max_bytes=20 * MB)

    assert result.content == real_pdf
    assert result.size == len(real_pdf)
    assert result.sha256 == hashlib.sha256(real_pdf).hexdigest()
    assert result.content_type == PDF
    assert result.display_name == "Annexe 1.pdf"


async def test_inspect_upload_reads_chunks_and_hashes_them_all(real_pdf):
    result = await inspect_upload(chunks_of(real_pdf, 100), filename="a.pdf", max_bytes=20 * MB)

    assert result.content == real_pdf
    assert result.sha256 == hashlib.sha256(real_pdf).hexdigest()


async def test_inspect_upload_accepts_exactly_max_bytes(real_pdf):
    result = await inspect_upload(real_pdf, filename="a.pdf", max_bytes=len(real_pdf))

    assert result.size == len(real_pdf)


async def test_inspect_upload_accepts_the_page_cap_itself():
    pdf = blank_pdf(MAX_PDF_PAGES)

    result = await inspect_upload(pdf, filename="long.pdf", max_bytes=20 * MB)

    assert result.content_type == PDF


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "display_name"),
    [
        (PNG_BYTES, "photo.PNG", PNG, "photo.PNG"),
        (JPEG_BYTES, "scan.jpeg", JPEG, "scan.jpeg"),
        (JPEG_BYTES, "scan.pdf", JPEG, "scan.pdf.jpg"),
    ],
)
async def test_inspect_upload_accepts_images_when_allowed(
    data, filename, content_type, display_name
):
    result = await inspect_upload(
        data, filename=filename, max_bytes=MB, allowed=frozenset({PDF, PNG, JPEG})
    )

    assert result.content_type == content_type
    assert result.display_name == display_name


# --------------------------------------------------------------------------- refused


async def test_text_renamed_pdf_is_unsupported():
    with pytest.raises(UnsupportedFileType) as caught:
        await inspect_upload(b"just some notes\n", filename="notes.pdf", max_bytes=MB)

    assert caught.value.detected is None
    assert caught.value.code == "UNSUPPORTED_FILE_TYPE"


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"just some notes\n", "text/plain"),
        (PNG_BYTES, "image/png"),
        (JPEG_BYTES, "image/jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "image/gif"),
        (b"<!DOCTYPE html><html><body>CV</body></html>", "text/html"),
        (
            b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (b"PK\x03\x04\x14\x00\x00\x00notes.txt", "application/zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "application/msword"),
        (b"{\\rtf1\\ansi Lettre}", "application/rtf"),
        (b"\x00\x01\x02\x03\xfe\xff binary", "unrecognised data"),
        (b"BMW report\n", "text/plain"),
    ],
)
async def test_a_refusal_names_the_type_found_and_the_types_accepted(content, found):
    """It said "files of type unknown": the uploader could not tell what went wrong."""
    with pytest.raises(UnsupportedFileType) as caught:
        await inspect_upload(content, filename="dossier.pdf", max_bytes=MB)

    assert caught.value.code == "UNSUPPORTED_FILE_TYPE"
    assert caught.value.found == found
    assert found in caught.value.message
    assert "accepted: PDF (application/pdf)" in caught.value.message
    assert "unknown" not in caught.value.message


async def test_an_empty_upload_is_named_empty():
    with pytest.raises(UnsupportedFileType) as caught:
        await inspect_upload(b"", filename="empty.pdf", max_bytes=MB)

    assert caught.value.message.startswith("this file is empty")


async def test_empty_upload_is_unsupported():
    with pytest.raises(UnsupportedFileType):
        await inspect_upload(b"", filename="empty.pdf", max_bytes=MB)


async def test_png_is_refused_where_only_pdf_is_allowed():
    with pytest.raises(UnsupportedFileType) as caught:
        await inspect_upload(PNG_BYTES, filename="cv.pdf", max_bytes=MB)

    assert caught.value.detected == PNG


async def test_pdf_magic_after_leading_junk_is_not_a_pdf(real_pdf):
    with pytest.raises(UnsupportedFileType):
        await inspect_upload(b"<html>" + real_pdf, filename="a.pdf", max_bytes=MB)


@pytest.mark.parametrize("fraction", [0.3, 0.9, 0.99])
async def test_truncated_pdf_is_corrupt(real_pdf, fraction):
    truncated = real_pdf[: int(len(real_pdf) * fraction)]

    with pytest.raises(CorruptFile) as caught:
        await inspect_upload(truncated, filename="a.pdf", max_bytes=MB)

    assert caught.value.code == "CORRUPT_FILE"


async def test_pdf_magic_on_garbage_is_corrupt():
    with pytest.raises(CorruptFile):
        await inspect_upload(
            b"%PDF-1.7\n" + b"A" * 2000 + b"\n%%EOF\n", filename="a.pdf", max_bytes=MB
        )


async def test_pdf_without_pages_is_corrupt():
    with pytest.raises(CorruptFile, match="no page"):
        await inspect_upload(blank_pdf(0), filename="a.pdf", max_bytes=MB)


async def test_encrypted_pdf_is_refused_even_without_a_user_password():
    with pytest.raises(EncryptedFile) as caught:
        await inspect_upload(blank_pdf(1, owner_password="owner"), filename="a.pdf", max_bytes=MB)

    assert caught.value.code == "ENCRYPTED_FILE"


async def test_pdf_above_the_page_cap_is_refused():
    with pytest.raises(TooManyPages):
        await inspect_upload(blank_pdf(MAX_PDF_PAGES + 1), filename="a.pdf", max_bytes=20 * MB)


async def test_pdf_declaring_a_huge_page_tree_is_refused_before_walking_it():
    pdf = pdf_claiming_pages(10_000_000)

    with pytest.raises(TooManyPages) as caught:
        await inspect_upload(pdf, filename="bomb.pdf", max_bytes=MB)

    assert caught.value.code == "TOO_MANY_PAGES"


async def test_hand_built_pdf_parses_when_its_count_is_honest():
    result = await inspect_upload(pdf_claiming_pages(1), filename="a.pdf", max_bytes=MB)

    assert result.content_type == PDF


async def test_slow_pdf_parse_is_cut_off(real_pdf, monkeypatch):
    def slow_parse(content: bytes, max_pages: int) -> int:
        time.sleep(0.3)
        return 1

    monkeypatch.setattr(uploads, "count_pdf_pages", slow_parse)

    with pytest.raises(CorruptFile, match="within"):
        await inspect_upload(real_pdf, filename="a.pdf", max_bytes=MB, parse_timeout=0.05)


@pytest.mark.parametrize("data", [PNG_BYTES[:8] + b"\x00" * 30, b"\xff\xd8\xff\xe0" + b"\x00" * 30])
async def test_images_without_their_structure_are_corrupt(data):
    with pytest.raises(CorruptFile):
        await inspect_upload(data, filename="x", max_bytes=MB, allowed=frozenset({PNG, JPEG}))


# --------------------------------------------------------------------------- size limit


async def test_oversize_stream_stops_at_the_chunk_that_crosses_the_limit():
    read = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal read
        while True:
            read += 1
            yield b"%PDF-" + b"x" * 1019

    with pytest.raises(UploadTooLarge) as caught:
        await inspect_upload(endless(), filename="big.pdf", max_bytes=10 * 1024)

    assert read == 11
    assert caught.value.max_bytes == 10 * 1024
    assert caught.value.code == "UPLOAD_TOO_LARGE"


async def test_oversize_bytes_are_refused(real_pdf):
    with pytest.raises(UploadTooLarge):
        await inspect_upload(real_pdf, filename="a.pdf", max_bytes=len(real_pdf) - 1)


# --------------------------------------------------------------------------- detection, names


def test_detect_content_type_reads_bytes_only(real_pdf):
    assert detect_content_type(real_pdf) == PDF
    assert detect_content_type(PNG_BYTES) == PNG
    assert detect_content_type(JPEG_BYTES) == JPEG
    assert detect_content_type(b"GIF89a") is None


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\a.pdf", "a.pdf"),
        ("/srv/files/../b.pdf", "b.pdf"),
        ("rapport\nfinal\r\n.pdf", "rapport final .pdf"),
        ("a\x00b\x1b[31m.pdf", "ab[31m.pdf"),
        ("\u202egpj.exe", "gpj.exe"),
        ("Évaluation été 2026 — 中文 ñ.pdf", "Évaluation été 2026 — 中文 ñ.pdf"),
        ("E\u0301te\u0301.pdf", "Été.pdf"),
        ("  ..hidden.pdf. ", "hidden.pdf"),
        ("..", "document"),
        ("", "document"),
        ("dir/", "document"),
    ],
)
def test_sanitize_display_name(filename, expected):
    assert sanitize_display_name(filename) == expected


def test_sanitize_display_name_keeps_the_extension_within_255_characters():
    name = sanitize_display_name("é" * 300 + ".pdf")

    assert len(name) == 255
    assert name.endswith("é.pdf")


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("page.html", "page.html.pdf"),
        ("Dossier.PDF", "Dossier.PDF"),
        ("\n", "document.pdf"),
    ],
)
async def test_display_name_gets_the_extension_of_the_detected_type(real_pdf, filename, expected):
    result = await inspect_upload(real_pdf, filename=filename, max_bytes=MB)

    assert result.display_name == expected


@pytest.mark.parametrize(
    "error",
    [
        UploadTooLarge(1),
        UnsupportedFileType(None, frozenset({PDF})),
        CorruptFile("x"),
        EncryptedFile(),
        TooManyPages(1),
    ],
)
def test_upload_errors_are_domain_errors_with_distinct_codes(error):
    assert isinstance(error, DomainError)
    assert error.code not in {"DOMAIN_ERROR", "UPLOAD_REJECTED"}
