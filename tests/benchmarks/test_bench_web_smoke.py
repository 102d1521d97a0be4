"""The web benchmark still runs and still checks what it claims: tiny numbers, no timing.

Not part of the default run (``--ignore=tests/benchmarks``); by hand, with PostgreSQL up, the
front-end built (``cd frontend && npm ci && npm run build``) and Chromium installed:
``python -m pytest -o addopts="" tests/benchmarks/test_bench_web_smoke.py -q``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy.engine import make_url

from backend.core.settings import PROJECT_ROOT
from tests.benchmarks.web import DEFAULT_DATABASE_URL

KEYS = {
    "calls_list_ms",
    "call_page_ms",
    "manager_list_ms",
    "manager_list_total",
    "manager_list_rows",
    "initial_js_gzip_kb",
    "goal_met",
}


def test_bench_web_small_run_shows_the_managers_whole_count_and_first_page():
    configured = os.environ.get("AAP_DATABASE_URL", "")
    base = configured if configured.startswith("postgresql") else DEFAULT_DATABASE_URL
    url = make_url(base).set(database="aap_bench_web_smoke").render_as_string(False)
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            *(sys.executable, "-m", "tests.benchmarks.web"),
            *("--candidacies", "60", "--rounds", "1", "--database-url", url),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) >= KEYS
    assert result["manager_list_total"] == 60
    assert result["manager_list_rows"] == 50  # the first page only
    assert 0 < result["initial_js_gzip_kb"] <= 150
