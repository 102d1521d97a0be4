"""``make test-pg`` runs the suite on PostgreSQL and Redis, and only when both answer: a server
that does not answer stops it at once with what to start, never a skip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEAD_POSTGRES = "postgresql+asyncpg://postgres:secret@127.0.0.1:1/test"  # nothing listens on 1
DEAD_REDIS = "redis://127.0.0.1:1/0"


def _require_services(database_url: str, redis_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AAP_DATABASE_URL": database_url, "AAP_REDIS_URL": redis_url}
    return subprocess.run(
        [sys.executable, "-m", "tests.support.require_services"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_servers_that_do_not_answer_stop_the_run_saying_what_to_start():
    done = _require_services(DEAD_POSTGRES, DEAD_REDIS)

    assert done.returncode == 2
    assert "PostgreSQL cannot be reached at postgresql+asyncpg://postgres:***@127.0.0.1:1" in (
        done.stderr
    )
    assert "Redis does not answer at redis://127.0.0.1:1/0" in done.stderr
    assert "make test-pg AAP_DATABASE_URL=" in done.stderr
    assert "secret" not in done.stderr


def test_the_embedded_default_is_no_postgresql():
    done = _require_services("sqlite+aiosqlite:///x.sqlite3", "")

    assert done.returncode == 2
    assert "is not a PostgreSQL URL" in done.stderr
    assert "is not a Redis URL" in done.stderr


def test_make_test_pg_checks_the_servers_then_runs_the_suite_on_local_defaults(tmp_path):
    # Arrange: a stand-in for the venv's python that says what it was asked, and with what.
    python = tmp_path / "python"
    python.write_text('#!/bin/sh\necho "$* | $AAP_DATABASE_URL | $AAP_REDIS_URL"\n')
    python.chmod(0o755)
    # Neither the servers nor the flags of a make that runs this suite (make test-pg X=...).
    unset = {"AAP_DATABASE_URL", "AAP_REDIS_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}

    # Act: never remake the venv here (-o).
    done = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "-s", "-o", ".venv/.installed", "test-pg",  # noqa: S607
         f"BIN={tmp_path}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    again = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "-s", "-o", ".venv/.installed", "test-pg",  # noqa: S607
         f"BIN={tmp_path}", "AAP_REDIS_URL=redis://elsewhere:6380/3"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip

    # Assert
    servers = "postgresql+asyncpg://postgres@127.0.0.1:5432/test | redis://127.0.0.1:6379/0"
    assert done.stdout.splitlines() == [
        f"-m tests.support.require_services | {servers}",
        f"-m pytest | {servers}",
    ]
    assert again.stdout.splitlines()[-1].endswith("| redis://elsewhere:6380/3")
