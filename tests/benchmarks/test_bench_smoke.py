"""The submissions benchmark still runs and still checks what it claims: tiny numbers, no timing.

Not part of the default run (``--ignore=tests/benchmarks``); by hand, with PostgreSQL and Redis
up: ``python -m pytest tests/benchmarks -q`` (see README.md here). The run uses its own database,
``<AAP_DATABASE_URL's database>_smoke`` when that name says ``bench``, else ``aap_bench_smoke``,
on the server AAP_DATABASE_URL names (default: the bench's), and drops it afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy.engine import make_url

from backend.core.settings import PROJECT_ROOT
from tests.benchmarks.harness import DEFAULT_DATABASE_URL, BenchRefused, bench_database_url


def _aap_bench(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "backend.cli", "bench", *args],
        env={**os.environ, "AAP_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=600,
        cwd=PROJECT_ROOT,
        check=False,
    )


def _smoke_database_url() -> str:
    """Apart from the bench's own database, and from other runs' when they name theirs."""
    configured = os.environ.get("AAP_DATABASE_URL", "")
    base = make_url(configured if configured.startswith("postgresql") else DEFAULT_DATABASE_URL)
    name = f"{base.database}_smoke" if "bench" in (base.database or "") else "aap_bench_smoke"
    return base.set(database=name).render_as_string(hide_password=False)


def test_bench_submissions_small_run_prints_a_complete_json_line_last():
    done = _aap_bench(
        "submissions", "--submissions", "20", "--concurrency", "4", "--api-processes", "1",
        "--warmup", "4", database_url=_smoke_database_url(),
    )  # fmt: skip

    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["name"] == "submissions"
    assert (result["submissions"], result["concurrency"], result["api_processes"]) == (20, 4, 1)
    assert (result["lost"], result["duplicates"], result["errors"]) == (0, 0, 0)
    assert result["references_gap_free"] and result["audit_chain_ok"]
    assert set(result["floor"]) == {"throughput_per_s", "p50_ms", "p95_ms", "p99_ms"}
    assert result["goal"] == {"throughput_per_s": 200, "p99_ms": 250, "max_ratio": 3}
    assert isinstance(result["goal_met"], bool)


def test_bench_refuses_sqlite_with_a_clear_message(tmp_path):
    done = _aap_bench("submissions", database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")

    assert done.returncode == 2
    assert "PostgreSQL" in done.stderr


def test_bench_never_drops_a_database_without_bench_in_its_name():
    url = bench_database_url("postgresql+asyncpg://app:secret@db:5432/aap")

    assert make_url(url).database == "aap_bench"
    assert make_url(url).password == "secret"


def test_bench_rejects_an_unsafe_database_name():
    with pytest.raises(BenchRefused):
        bench_database_url('postgresql+asyncpg://postgres@db/bench"; DROP')
