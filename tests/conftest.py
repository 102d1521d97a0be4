"""Test harness: a migrated database per run, emptied after each test; a frozen clock.

``AAP_DATABASE_URL`` / ``AAP_REDIS_URL`` choose PostgreSQL and a real Redis (CI's second
pass); unset, the tests use a SQLite file and an embedded redis-server, like ``make run``.
A database or Redis that does not answer is a failure, never a skip.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("AAP_ENVIRONMENT", "test")
os.environ["AAP_SECRET_KEY"] = "test-secret-key-with-at-least-32-characters!"

import argon2
import httpx
import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from sqlalchemy import event
from sqlalchemy.engine import Engine

import backend.models_registry  # noqa: F401
from backend.core import auth, migrate
from backend.core.audit import GENESIS_HASH
from backend.core.clock import FrozenClock
from backend.core.db import SessionFactory, create_engine, create_session_factory
from backend.core.redis import redis_settings, start_embedded_redis
from backend.core.settings import Settings, get_settings

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_RUN_DIR = Path(tempfile.mkdtemp(prefix="aap-tests-"))


def _cheap_password_hashing() -> None:
    """argon2id with production's parameters costs about 0.1 s of CPU and 64 MiB per hash or
    check, and the suite makes thousands (sign-ups, logins, the demo seed): in this process it
    hashes with argon2-cffi's CHEAPEST profile, made for tests. What is measured is still
    argon2id through the same functions; servers started as processes (live servers, the
    fuzzer, the browser runs) keep production's parameters."""
    auth._hasher = PasswordHasher.from_parameters(argon2.profiles.CHEAPEST)
    auth._DUMMY_HASH = auth._hasher.hash("not-a-real-password")


_cheap_password_hashing()


def _database_url() -> str:
    return os.environ.get("AAP_DATABASE_URL") or f"sqlite+aiosqlite:///{_RUN_DIR / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def database_url() -> str:
    """Migrate once per run with the real migrations (not create_all), then reuse."""
    url = _database_url()
    if not url.startswith("sqlite"):
        _drop_everything(url)
    migrate.upgrade(url)
    return url


def _drop_everything(url: str) -> None:
    import asyncio

    async def drop() -> None:
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            await conn.execute(sa.text("CREATE SCHEMA public"))
        await engine.dispose()

    asyncio.run(drop())


@pytest.fixture(scope="session")
def embedded_redis() -> Iterator[object | None]:
    if os.environ.get("AAP_REDIS_URL"):
        yield None
        return
    server = start_embedded_redis(_RUN_DIR / "var")
    yield server
    server.shutdown()


@pytest.fixture
def settings(database_url: str, embedded_redis: object | None) -> Settings:
    get_settings.cache_clear()
    return Settings(
        database_url=database_url,
        var_dir=_RUN_DIR / "var",
        storage_dir=_RUN_DIR / "storage",
        # The API alone, whether or not the checkout holds a build of the web application
        # (tests/test_web_application.py serves one of its own).
        web_dist_dir=_RUN_DIR / "no-web-build",
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
async def session_factory(settings: Settings) -> AsyncIterator[SessionFactory]:
    engine = create_engine(settings.database_url)
    yield create_session_factory(engine)
    await _empty_tables(engine)
    await engine.dispose()


async def _empty_tables(engine: sa.ext.asyncio.AsyncEngine) -> None:
    """Empties what the test wrote: one statement finds the tables holding rows, and only
    those get a DELETE (children first), rather than one DELETE per table after every test."""
    from tests.support.tables import tables_holding_rows

    async with engine.begin() as conn:
        for table in reversed(await tables_holding_rows(conn)):
            await conn.execute(table.delete())
        await conn.execute(
            sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)"), {"h": GENESIS_HASH}
        )


@pytest.fixture
async def session(session_factory: SessionFactory) -> AsyncIterator[object]:
    async with session_factory() as s:
        yield s


@pytest.fixture
async def client(settings: Settings, clock: FrozenClock, session_factory: SessionFactory):
    from backend.app import create_app

    await _forget_login_attempts(settings)
    app = create_app(settings, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as c,
    ):
        yield c


async def _forget_login_attempts(settings: Settings) -> None:
    """Every test's client calls from 127.0.0.1 at the same frozen instants, and the throttle's
    windows live in Redis for a quarter of an hour of real time: without this, the failed
    logins of earlier tests (or of the previous run, on a real Redis) throttle later ones."""
    from redis.asyncio import Redis

    from backend.accounts.throttle import KEY_PREFIX

    rs = redis_settings(settings.redis_url, settings.var_dir)
    if rs.unix_socket_path:
        redis = Redis(unix_socket_path=rs.unix_socket_path)
    else:
        redis = Redis(host=str(rs.host), port=rs.port, db=rs.database, password=rs.password)
    try:
        keys = [key async for key in redis.scan_iter(match=f"{KEY_PREFIX}*", count=1000)]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


class QueryCounter:
    """Counts SQL statements sent by every engine while active (BEGIN included)."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.active = False

    def __call__(self, _conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if self.active:
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries() -> Iterator[QueryCounter]:
    counter = QueryCounter()
    event.listen(Engine, "before_cursor_execute", counter)
    yield counter
    event.remove(Engine, "before_cursor_execute", counter)


@pytest.fixture
async def arq_queue(settings: Settings) -> AsyncIterator[Any]:
    """An arq queue of the test's own on the run's Redis; what it touched is deleted after."""
    from tests.support.queues import temporary_queue

    async with temporary_queue(settings) as queue:
        yield queue
