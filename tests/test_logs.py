"""Logs an operator can read: a client's mistakes at INFO without a traceback, the server's
faults at ERROR; idle scheduled runs say nothing; ``aap migrate`` says what it applied."""

from __future__ import annotations

import logging

import pytest
import strawberry
from typer.testing import CliRunner

from backend.core import migrate
from backend.core.logging import QuietIdleTicks
from graphql_schema.schema import AapSchema
from tests.graphql_schema.test_http import post

MISTAKES = [
    "{ calls(first: 1000) { edges { cursor } } }",  # a bad argument
    "{ calsl { edges { cursor } } }",  # validation
    "{ calls { ",  # syntax
    '{ call(id: "not-a-global-id") { id } }',  # not found / malformed id
]


@pytest.mark.parametrize("query", MISTAKES)
async def test_client_mistakes_are_logged_at_info_without_traceback(client, caplog, query):
    caplog.set_level(logging.INFO)

    await post(client, query)

    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert all(r.exc_info is None for r in caplog.records)


async def test_login_with_a_wrong_password_logs_no_error(client, caplog):
    caplog.set_level(logging.INFO)
    query = 'mutation { login(email: "nobody@example.org", password: "x") { __typename } }'

    await post(client, query)

    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_fault_of_the_server_is_logged_at_error_with_its_traceback(caplog):
    @strawberry.type
    class Query:
        @strawberry.field
        def broken(self) -> int:
            raise RuntimeError("a bug")

    result = await AapSchema(query=Query).execute("{ broken }")

    assert result.errors
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None


def arq_record(msg: str, *args: object, level: int = logging.INFO) -> logging.LogRecord:
    return logging.LogRecord("arq.worker", level, __file__, 1, msg, args, None)


@pytest.mark.parametrize(
    ("record", "kept"),
    [
        (arq_record("%6.2fs → %s(%s)%s", 0.01, "cron:seal_audit:1:seal_audit", "", ""), False),
        (arq_record("%6.2fs ← %s ● %s", 0.01, "cron:seal_audit:1:seal_audit", "0"), False),
        (arq_record("%6.2fs ← %s ● %s", 0.01, "cron:sweep_deadlines:1:sweep", ""), False),
        (arq_record("%6.2fs ← %s ● %s", 0.01, "cron:seal_audit:1:seal_audit", "12"), True),
        (arq_record("%6.2fs ← %s ● %s", 0.05, "cron:sweep", "{'opened': 0, 'closed': 0}"), False),
        (arq_record("%6.2fs ← %s ● %s", 0.05, "cron:sweep", "{'opened': 0, 'closed': 2}"), True),
        (arq_record("%6.2fs → %s(%s)%s", 0.01, "receipt:abc:render_receipt", "", ""), True),
        (arq_record("%6.2fs ← %s ● %s", 0.01, "receipt:abc:render_receipt", ""), True),
        (arq_record("recording health: %s", "j_complete=1"), False),
        (
            arq_record(
                "%6.2fs ! %s failed, %s: %s",
                0.1,
                "cron:seal_audit:1:seal_audit",
                "OSError",
                "x",
                level=logging.ERROR,
            ),
            True,
        ),
    ],
    ids=[
        "cron-start",
        "cron-idle-end",
        "cron-none-end",
        "cron-busy-end",
        "cron-zero-report",
        "cron-busy-report",
        "job-start",
        "job-end",
        "health",
        "cron-failure",
    ],
)
def test_idle_scheduled_runs_say_nothing(record, kept):
    assert QuietIdleTicks().filter(record) is kept


def test_migrate_says_which_migrations_it_applied(tmp_path, monkeypatch):
    from backend.cli import app
    from backend.core.settings import get_settings

    monkeypatch.setenv("AAP_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'fresh.sqlite3'}")
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        first = runner.invoke(app, ["migrate"])
        again = runner.invoke(app, ["migrate"])
    finally:
        get_settings.cache_clear()

    head = migrate.head_revision()
    assert first.exit_code == 0, first.output
    assert first.output.count("applied ") >= 3
    assert f"database is now at {head}" in first.output
    assert "up to date" not in first.output
    assert again.output.strip() == f"database was already up to date at {head}"


def test_upgrade_returns_the_revisions_applied(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.sqlite3'}"

    applied = migrate.upgrade(url)

    assert applied[0] == "0001 foundation: accounts, calls, audit"
    assert applied[-1].startswith(f"{migrate.head_revision()} ")
    assert migrate.upgrade(url) == []
