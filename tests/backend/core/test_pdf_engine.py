"""The PDF engine: what /readyz reports matches what WeasyPrint loads, without importing it;
one line at startup instead of WeasyPrint's warning for every font of every render."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys

import pytest

from backend.core import pdf
from backend.core.settings import PROJECT_ROOT


@pytest.fixture
def fresh_engine(monkeypatch):
    """Forget what this process computed and logged, before and after the test."""
    pdf.pdf_engine_info.cache_clear()
    monkeypatch.setattr(pdf, "_logged", False)
    yield
    pdf.pdf_engine_info.cache_clear()


def test_pdf_engine_info_agrees_with_what_weasyprint_loaded(fresh_engine):
    # Arrange
    import weasyprint
    from weasyprint.text import ffi

    subsets = ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))

    # Act
    info = pdf.pdf_engine_info()

    # Assert
    assert info["weasyprint"] == weasyprint.__version__
    major, minor, micro = (int(part) for part in info["pango"].split("."))
    assert major * 10_000 + minor * 100 + micro == ffi.pango.pango_version()
    assert ffi.harfbuzz.hb_version_atleast(*(int(p) for p in info["harfbuzz"].split(".")))
    assert info["harfbuzz_subset"] is subsets
    assert info["font_subsetter"] == ("harfbuzz" if subsets else "fonttools")
    assert info["ok"] is True


def test_pdf_engine_info_does_not_import_weasyprint():
    code = (
        "import sys; from backend.core import pdf; info = pdf.pdf_engine_info();"
        " assert info['weasyprint'] and info['pango'], info;"
        " assert 'weasyprint' not in sys.modules; print('ok')"
    )

    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_pdf_engine_info_without_harfbuzz_subset_says_fonttools(fresh_engine, monkeypatch):
    monkeypatch.setattr(pdf, "HARFBUZZ_SUBSET_NAMES", ("libharfbuzz-subset-missing.so.0",))

    info = pdf.pdf_engine_info()

    assert (info["harfbuzz_subset"], info["font_subsetter"]) == (False, "fonttools")


def test_log_pdf_engine_logs_one_line_once(fresh_engine, caplog):
    # Act
    with caplog.at_level(logging.INFO, logger="backend.core.pdf"):
        for _ in range(3):
            pdf.log_pdf_engine()

    # Assert
    [record] = [r for r in caplog.records if r.name == "backend.core.pdf"]
    assert record.pdf_engine == pdf.pdf_engine_info()  # type: ignore[attr-defined]


def test_log_pdf_engine_warns_when_fonts_would_be_subset_with_fonttools(
    fresh_engine, monkeypatch, caplog
):
    monkeypatch.setattr(pdf, "HARFBUZZ_SUBSET_NAMES", ("libharfbuzz-subset-missing.so.0",))

    with caplog.at_level(logging.INFO, logger="backend.core.pdf"):
        pdf.log_pdf_engine()

    [record] = [r for r in caplog.records if r.name == "backend.core.pdf"]
    assert record.levelno == logging.WARNING
    assert "libharfbuzz-subset0" in record.getMessage()


def test_weasyprint_fonttools_warning_is_dropped_and_its_other_warnings_kept(caplog):
    # Arrange
    weasyprint_log = logging.getLogger("weasyprint")
    pdf.quiet_font_subsetter_warning()
    pdf.quiet_font_subsetter_warning()

    # Act: what WeasyPrint 70 logs for each font of each render, then another warning.
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        weasyprint_log.warning(
            'Using fontTools instead of HarfBuzz-Subset for font "%s". This will be unsupported'
            " in future versions of WeasyPrint.", "DejaVu Sans",
        )  # fmt: skip
        weasyprint_log.warning("Ignored `foo: bar` at 1:1, unknown property.")

    # Assert
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == [
        "Ignored `foo: bar` at 1:1, unknown property."
    ]
    assert sum(isinstance(f, pdf._DropFontToolsWarning) for f in weasyprint_log.filters) == 1


def _text(pdf_bytes: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_render_pdf_reads_a_stylesheet_again_once_it_changes(tmp_path):
    # Arrange: the second paragraph is hidden by the stylesheet's second version.
    html = '<html lang="en"><head><title>t</title></head><body><p>kept</p><p class="x">gone</p>'
    stylesheet = tmp_path / "sheet.css"
    stylesheet.write_text("p { color: black; }")
    fetcher = pdf.refusing_url_fetcher([])
    before = _text(pdf.render_pdf(html, stylesheet=stylesheet, url_fetcher=fetcher))
    stylesheet.write_text("p { color: black; } .x { display: none; }")
    stat = stylesheet.stat()
    os.utime(stylesheet, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    # Act
    after = _text(pdf.render_pdf(html, stylesheet=stylesheet, url_fetcher=fetcher))

    # Assert
    assert (before, after) == ("kept gone", "kept")
