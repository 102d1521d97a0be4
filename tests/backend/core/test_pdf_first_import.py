"""WeasyPrint is imported lazily, and render threads must never be the first to import it.

Two render threads importing it for the first time at once (one WeasyPrint module each) made
CPython's import lock report a deadlock in one of them, and the failed import left the
package half-registered: every later render of that heavy worker failed with
``KeyError('weasyprint')``. The heavy worker now imports it at start, before any job runs,
and every import in ``backend.core.pdf`` goes through one lock.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

HEAVY_START = textwrap.dedent(
    """
    import asyncio, sys
    import workers.settings as settings

    async def no_database_or_redis(ctx):
        pass

    settings.startup = no_database_or_redis  # what is tested is the PDF engine's part
    assert "weasyprint" not in sys.modules
    asyncio.run(settings.HeavyWorkerSettings.on_startup({}))
    missing = [m for m in ("weasyprint", "weasyprint.text.fonts", "weasyprint.urls")
               if m not in sys.modules]
    print(missing)
    raise SystemExit(1 if missing else 0)
    """
)


def test_the_heavy_worker_imports_weasyprint_before_any_render_thread():
    # Arrange: a fresh interpreter, where nothing has imported WeasyPrint yet.

    # Act
    run = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", HEAVY_START], capture_output=True, text=True, timeout=120
    )

    # Assert
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]


def test_every_weasyprint_import_of_the_pdf_module_goes_through_its_import_lock():
    # Arrange
    from pathlib import Path

    import backend.core.pdf as pdf

    source = Path(pdf.__file__).read_text("utf-8")
    body_of_import_weasyprint = source.split("def import_weasyprint")[1].split("\ndef ")[0]

    # Act: every function that imports from WeasyPrint calls import_weasyprint() first.
    functions = source.split("\ndef ")[1:]
    unguarded = [
        f.split("(")[0]
        for f in functions
        if "from weasyprint" in f and "import_weasyprint()" not in f
    ]

    # Assert
    assert "with _IMPORT_LOCK:" in body_of_import_weasyprint
    assert unguarded == []
