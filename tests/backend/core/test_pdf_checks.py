"""PDFs that would run something on an evaluator's machine, or hide another file, are refused
at upload with an error naming what was found; ordinary PDFs still pass."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from backend.core import pdf_checks
from backend.core.uploads import CorruptFile, UploadRejected, inspect_upload

MB = 1024 * 1024


def pdf(build=None) -> bytes:
    """A one-page PDF written by pypdf, changed by ``build(writer)`` first."""
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    if build is not None:
        build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def action(kind: str, **entries: object) -> DictionaryObject:
    result = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        result[NameObject(f"/{key}")] = TextStringObject(str(value))
    return result


def open_action(value: object):
    def build(writer: PdfWriter) -> None:
        writer._root_object[NameObject("/OpenAction")] = value

    return build


def document_js(writer: PdfWriter) -> None:
    """A document-level script, in the catalog's /Names /JavaScript tree, as Acrobat writes."""
    script = writer._add_object(action("/JavaScript", JS="app.alert('hi');"))
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("x"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


def page_aa(writer: PdfWriter) -> None:
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): action("/URI", URI="x")})


def hand_built(*objects: bytes, tail: bytes = b"") -> bytes:
    """A minimal PDF of the given objects (1: catalog, 2: pages, 3: page, then extras)."""
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
    return bytes(out) + tail


PAGES = (
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Contents 4 0 R >>",
)


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ" + b"\x00" * 64)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (pdf(document_js), "JavaScript"),
        (pdf(open_action(action("/JavaScript", JS="app.alert(1)"))), "/OpenAction"),
        (pdf(open_action(action("/Launch", F="calc.exe"))), "/Launch"),
        (pdf(page_aa), "/AA"),
        (pdf(lambda w: w.add_attachment("notes.txt", b"hidden")), "embedded file"),
        (
            hand_built(
                b"<< /Type /Catalog /Pages 2 0 R /Names << /J#61vaScript 4 0 R >> >>",
                *PAGES,
                b"<< /S /JavaScript /JS (app.alert(1)) >>",
            ),
            "JavaScript",
        ),
    ],
    ids=["add-js", "open-action-js", "launch", "page-aa", "attachment", "hex-escaped-name"],
)
async def test_pdf_with_active_content_is_refused_naming_it(content, named):
    with pytest.raises(UploadRejected) as refused:
        await inspect_upload(content, filename="dossier.pdf", max_bytes=MB)

    assert refused.value.code == "PDF_ACTIVE_CONTENT"
    assert named in refused.value.message


@pytest.mark.parametrize("tail", [zip_bytes(), b"<script>alert(1)</script>", b"x"])
async def test_data_after_the_last_eof_is_refused(tail):
    with pytest.raises(UploadRejected) as refused:
        await inspect_upload(pdf() + tail, filename="dossier.pdf", max_bytes=MB)

    assert refused.value.code == "PDF_TRAILING_DATA"
    assert f"{len(tail)} bytes" in refused.value.message


async def test_a_pdf_without_an_eof_marker_is_corrupt():
    content = pdf().replace(b"%%EOF", b"")

    with pytest.raises(CorruptFile, match="end-of-file"):
        await inspect_upload(content, filename="dossier.pdf", max_bytes=MB)


@pytest.mark.parametrize(
    "content",
    [
        pdf(),
        pdf() + b"\r\n\x00\x00\n",
        pdf(open_action(ArrayObject([NumberObject(0), NameObject("/Fit")]))),
        hand_built(
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>",
            *PAGES,
            b"<< /Length 24 >>\nstream\n/JS /AA /Launch binary\nendstream",
        ),
    ],
    ids=["plain", "padding-after-eof", "open-at-page-one", "names-inside-stream-data"],
)
async def test_ordinary_pdfs_still_pass(content):
    result = await inspect_upload(content, filename="dossier.pdf", max_bytes=MB)

    assert result.content_type == "application/pdf"


def test_the_object_walk_finds_what_the_bytes_cannot_show():
    from pypdf import PdfReader

    content = pdf(document_js)
    reader = PdfReader(io.BytesIO(content))

    assert pdf_checks.active_names_in_objects(reader) == {"JavaScript", "JS"}
