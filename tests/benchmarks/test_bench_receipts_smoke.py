"""The receipts benchmark still runs and still checks what it claims: tiny numbers, no timing.

Not part of the default run (``--ignore=tests/benchmarks``); by hand: ``python -m pytest
tests/benchmarks/test_bench_receipts_smoke.py -q``. Needs no database or Redis.
"""

from __future__ import annotations

import json
import subprocess
import sys

from backend.core.settings import PROJECT_ROOT


def test_bench_receipts_small_run_prints_both_rates_in_a_json_line_last():
    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "bench", "receipts", "--renders", "3"],
        capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["name"], result["renders"]) == ("receipts", 3)
    for path in ("ours", "bare", "bare_styled"):
        assert result[path]["renders_per_s"] > 0
        assert result[path]["cpu_ms_per_render"] > 0
    assert result["same_text"] is True
    assert result["pdf_engine"]["font_subsetter"] in {"harfbuzz", "fonttools"}
    assert isinstance(result["ratio_to_bare_cpu"], float)


def test_bench_receipts_refuses_zero_renders():
    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "bench", "receipts", "--renders", "0"],
        capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT, check=False,
    )  # fmt: skip

    assert done.returncode == 2
    assert "--renders" in done.stderr
