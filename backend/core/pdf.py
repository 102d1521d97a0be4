"""The PDF engine: one WeasyPrint render at a time per process, with what can be reused kept,
and what it runs on (WeasyPrint's version and the system libraries it loads).

:func:`render_pdf` keeps, per process, what WeasyPrint would otherwise rebuild for every
document: the font configuration (fontconfig and Pango's font map, with the fonts, glyph
metrics and line struts they cache: about 45 ms of a 0.4 s render) and each parsed stylesheet
(about 20 ms), re-read when its file changes. The output is the same PDF.

WeasyPrint subsets every embedded font, with HarfBuzz's subsetter (``libharfbuzz-subset``,
Debian's ``libharfbuzz-subset0``) when it can load it and HarfBuzz is at least 4.1.0, else with
fontTools in pure Python, several times slower: most of a receipt's render on a machine
without the library. :func:`pdf_engine_info` tells which, for ``/readyz`` and the startup log,
by loading the same libraries under the same names WeasyPrint 70 tries
(``weasyprint/text/ffi.py``), without importing WeasyPrint (half a second) in the API.

WeasyPrint itself warns about fontTools once per font of every render; that warning is
dropped here (:func:`quiet_font_subsetter_warning`) in favour of one line at startup
(:func:`log_pdf_engine`).
"""

from __future__ import annotations

import ctypes
import logging
import threading
import warnings
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PANGO_NAMES = (
    "libpango-1.0-0", "pango-1.0-0", "pango-1.0", "libpango-1.0.so.0", "libpango-1.0.dylib",
    "libpango-1.0-0.dll",
)  # fmt: skip
HARFBUZZ_NAMES = (
    "libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.so.0", "libharfbuzz.0.dylib",
    "libharfbuzz-0.dll",
)  # fmt: skip
HARFBUZZ_SUBSET_NAMES = (
    "libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0", "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll",
)  # fmt: skip
HARFBUZZ_SUBSET_MIN = (4, 1, 0)
"""WeasyPrint subsets with HarfBuzz only from this version (it needs hb_set_add_sorted_array)."""
PANGO_MIN = (1, 44, 0)
FONTTOOLS_WARNING = "Using fontTools instead of HarfBuzz-Subset"
"""The start of WeasyPrint's warning, logged for each font of each render."""
IMPORT_WARNING = "HarfBuzz-Subset will be required"


def _load(names: tuple[str, ...]) -> ctypes.CDLL | None:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def _version_string(library: ctypes.CDLL | None, function: str) -> str | None:
    if library is None:
        return None
    getter = getattr(library, function)
    getter.restype = ctypes.c_char_p
    getter.argtypes = []
    raw = getter()
    return raw.decode("ascii") if raw else None


def _version_tuple(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    try:
        return tuple(int(part) for part in text.split(".")[:3])
    except ValueError:
        return ()


def _package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def pdf_engine_info() -> dict[str, Any]:
    """The PDF engine in a few JSON values, computed once per process (a few milliseconds).

    ``weasyprint``, ``pango`` and ``harfbuzz``: versions (None when missing);
    ``harfbuzz_subset``: whether WeasyPrint will subset fonts with HarfBuzz;
    ``font_subsetter``: ``"harfbuzz"`` or ``"fonttools"`` (slow); ``ok``: WeasyPrint is
    installed and Pango is recent enough for it (>= 1.44). Side effects: loads the shared
    libraries (dlopen) into the process, as WeasyPrint would.
    """
    pango = _version_string(_load(PANGO_NAMES), "pango_version_string")
    harfbuzz = _version_string(_load(HARFBUZZ_NAMES), "hb_version_string")
    subset_loads = _load(HARFBUZZ_SUBSET_NAMES) is not None
    subsets = subset_loads and _version_tuple(harfbuzz) >= HARFBUZZ_SUBSET_MIN
    weasyprint = _package_version("weasyprint")
    return {
        "weasyprint": weasyprint,
        "pango": pango,
        "harfbuzz": harfbuzz,
        "harfbuzz_subset": subsets,
        "font_subsetter": "harfbuzz" if subsets else "fonttools",
        "ok": weasyprint is not None and _version_tuple(pango) >= PANGO_MIN,
    }


class _DropFontToolsWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(FONTTOOLS_WARNING)


_quiet_lock = threading.Lock()
_logged = False


def quiet_font_subsetter_warning() -> None:
    """Drop WeasyPrint's per-font, per-render fontTools warning, and the DeprecationWarning
    its import raises without HarfBuzz-Subset (idempotent)."""
    weasyprint_log = logging.getLogger("weasyprint")
    with _quiet_lock:
        if not any(isinstance(f, _DropFontToolsWarning) for f in weasyprint_log.filters):
            weasyprint_log.addFilter(_DropFontToolsWarning())
            warnings.filterwarnings("ignore", message=IMPORT_WARNING, category=DeprecationWarning)


def log_pdf_engine() -> dict[str, Any]:
    """Log the PDF engine once per process (a warning when fonts would be subset with
    fontTools) and silence WeasyPrint's own warning about it; returns :func:`pdf_engine_info`.

    Call it at a worker's startup; the receipt renderer calls it too before its first render,
    so the line appears once whoever comes first. Side effects: at most one log record; a
    filter on the ``weasyprint`` logger.
    """
    global _logged
    info = pdf_engine_info()
    quiet_font_subsetter_warning()
    with _quiet_lock:
        if _logged:
            return info
        _logged = True
    if info["font_subsetter"] == "harfbuzz" and info["ok"]:
        log.info("pdf engine", extra={"pdf_engine": info})
    else:
        log.warning(
            "pdf engine degraded: fonts are subset with fontTools (install libharfbuzz-subset0,"
            " HarfBuzz >= 4.1) or Pango is missing or older than 1.44",
            extra={"pdf_engine": info},
        )
    return info


# --------------------------------------------------------------------------- rendering

_RENDER_LOCK = threading.Lock()
"""One render at a time per process: WeasyPrint does not promise thread safety (crashes under
threaded servers have been reported on some platforms), and the shared font configuration is
not safe to use from two threads at once; a render is CPU-bound under the GIL anyway."""


_IMPORT_LOCK = threading.Lock()


def import_weasyprint() -> None:
    """Import WeasyPrint and the modules this file takes from it, once, one thread at a time.

    Renders run in worker threads and import WeasyPrint lazily (so the API starts fast). Two
    threads importing it for the first time at once (one building the font configuration
    under the render lock, the other a URL fetcher outside it) made CPython's import lock
    report a deadlock in one of them; the failed import left the package half-registered and
    every later render of that process failed with ``KeyError('weasyprint')``. Every path
    here goes through this function first; the heavy worker calls it at start.
    """
    with _IMPORT_LOCK:
        quiet_font_subsetter_warning()
        import weasyprint
        import weasyprint.text.fonts
        import weasyprint.urls  # noqa: F401


def render_pdf(
    html: str,
    *,
    stylesheet: Path,
    url_fetcher: Any,
    pdf_variant: str | None = None,
) -> bytes:
    """``html`` as PDF bytes, styled by the CSS file ``stylesheet`` (blocking, CPU-bound).

    Every URL the document refers to goes through ``url_fetcher`` (a WeasyPrint
    ``URLFetcher``); the stylesheet is parsed with a fetcher that refuses every URL, since
    it is parsed once for many documents. Side effects: the first call imports WeasyPrint
    and logs the engine once (:func:`log_pdf_engine`).
    """
    import_weasyprint()
    with _RENDER_LOCK:
        font_config = _font_config()  # first: logs the engine, then imports WeasyPrint
        from weasyprint import HTML

        css = _stylesheet(stylesheet, stylesheet.stat().st_mtime_ns)
        pdf = HTML(string=html, url_fetcher=url_fetcher).write_pdf(
            stylesheets=[css], font_config=font_config, pdf_variant=pdf_variant
        )
    assert pdf is not None
    return bytes(pdf)


@lru_cache(maxsize=1)
def _font_config() -> Any:
    """The process's one WeasyPrint ``FontConfiguration`` (call under the render lock)."""
    log_pdf_engine()
    import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=8)
def _stylesheet(path: Path, version: int) -> Any:
    """``path`` parsed once per file version (its mtime), with the shared font configuration."""
    import_weasyprint()
    from weasyprint import CSS

    fetcher = refusing_url_fetcher([], what="a stylesheet")
    return CSS(string=path.read_text("utf-8"), url_fetcher=fetcher, font_config=_font_config())


def refusing_url_fetcher(attempts: list[str], *, what: str = "a PDF") -> Any:
    """A WeasyPrint URL fetcher that records in ``attempts`` and refuses every URL (file,
    network, data): documents made of untrusted text must reach nothing."""
    import_weasyprint()
    from weasyprint.urls import URLFetcher

    class RefuseEverything(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            attempts.append(url)
            log.warning("PDF renderer refused a URL", extra={"url": url[:200], "document": what})
            raise ValueError("PDF renderers fetch nothing")

    return RefuseEverything(allowed_protocols=())
