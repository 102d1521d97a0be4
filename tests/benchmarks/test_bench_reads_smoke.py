"""The reads benchmark still runs and still checks what it claims: tiny numbers, no timing.

Not part of the default run (``--ignore=tests/benchmarks``); by hand, with PostgreSQL up:
``python -m pytest -o addopts="" tests/benchmarks/test_bench_reads_smoke.py -q``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy.engine import make_url

from backend.core.settings import PROJECT_ROOT
from tests.benchmarks.reads import DEFAULT_DATABASE_URL

KEYS = {
    "list_ms",
    "list_ratio_to_strawberry",
    "list_ratio_to_sql",
    "one_ms",
    "one_ratio_to_sql",
    "statements_per_page",
    "list_sql_ms",
    "list_strawberry_ms",
    "one_sql_ms",
    "calls_ms",
    "calls_sql_ms",
}


def test_bench_reads_small_run_reads_the_same_data_in_constant_statements():
    configured = os.environ.get("AAP_DATABASE_URL", "")
    base = configured if configured.startswith("postgresql") else DEFAULT_DATABASE_URL
    url = make_url(base).set(database="aap_bench_reads_smoke").render_as_string(False)
    args = "--candidacies 30 --page-size 10 --small-page-size 5 --rounds 1 --one-reads 3 --calls 2"
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "tests.benchmarks.reads", *args.split(), "--database-url", url],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) >= KEYS
    assert result["same_data"] is True, done.stdout
    assert result["statements_per_page"] == result["statements_per_page_small"]
