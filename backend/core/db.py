"""Engine, sessions and the unit of work.

One code path for SQLite and PostgreSQL. SQLite gets WAL, a busy timeout and
``synchronous=NORMAL`` on every connection. Services receive a session and never commit: the
transport opens a :class:`UnitOfWork`, calls one service, and the unit of work commits, then
runs the callbacks registered with :meth:`UnitOfWork.after_commit` (job enqueues), so no job
ever sees uncommitted rows.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool
from sqlmodel.ext.asyncio.session import AsyncSession

log = logging.getLogger(__name__)

AfterCommit = Callable[[], Awaitable[None]]
SessionFactory = async_sessionmaker[AsyncSession]

SQLITE_BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "aap_write"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the driver so that _sqlite_begin decides how to BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    """Writers BEGIN IMMEDIATE: they queue on the write lock instead of failing mid-way.

    A deferred SQLite transaction that read first and writes later fails at once with
    SQLITE_BUSY when another writer committed in between; taking the lock up front makes
    concurrent units of work wait their turn (up to the busy timeout) instead.
    """
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def create_engine(
    database_url: str, *, echo: bool = False, pool_size: int = 10, max_overflow: int = 10
) -> AsyncEngine:
    """Build the async engine; SQLite connections get their pragmas on connect."""
    if database_url.startswith("sqlite"):
        engine = create_async_engine(
            database_url,
            echo=echo,
            poolclass=NullPool if ":memory:" not in database_url else None,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    engine = create_async_engine(
        database_url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_recycle=POOL_RECYCLE_S,
    )
    event.listen(engine.sync_engine.pool, "checkout", _discard_if_closed)
    return engine


POOL_RECYCLE_S = 1800
"""Pooled connections are replaced after half an hour, before idle-timeouts in between do."""


def _discard_if_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Hand out no pooled connection that the server has already closed.

    SQLAlchemy's ``pool_pre_ping`` would ask the server on every checkout: a round trip that
    measured 0.3 ms of CPU, twice per request. When PostgreSQL restarts or terminates a
    backend, it closes the socket, and asyncpg notices as soon as the event loop reads the
    EOF: asking the driver is free. ``DisconnectionError`` makes the pool drop this one and
    connect afresh. A connection lost without the socket closing (a silent network cut)
    fails its statement instead; SQLAlchemy then invalidates the pool, and the caller's
    unit of work rolls back as for any other error.
    """
    driver = getattr(dbapi_connection, "driver_connection", None)
    if driver is not None and driver.is_closed():
        raise DisconnectionError("the server closed this pooled connection")


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


class UnitOfWork:
    """One transaction: commit on success, roll back on any exception, then after-commit hooks."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._after_commit: list[AfterCommit] = []

    def after_commit(self, callback: AfterCommit) -> None:
        self._after_commit.append(callback)

    async def run_after_commit(self) -> None:
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            try:
                await callback()
            except Exception:
                # The state change is committed; a lost enqueue is caught up by the sweepers.
                log.exception("after-commit callback failed")


@asynccontextmanager
async def unit_of_work(factory: SessionFactory, *, jobs: Any = None) -> AsyncIterator[UnitOfWork]:
    """One transaction; ``jobs`` (a JobQueue) receives the jobs services ask for, after commit."""
    async with _sqlite_writer_turn(factory), factory() as session:
        uow = UnitOfWork(session)
        session.info["uow"] = uow
        if jobs is not None:
            session.info["job_queue"] = jobs
        await session.connection(execution_options={WRITE_OPTION: True})
        try:
            yield uow
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
    await uow.run_after_commit()


SQLITE_WRITER_WAIT_S = 30.0
"""How long a unit of work waits for its turn to write on SQLite before the request is
answered "unavailable, retry" (a 503), as when PostgreSQL's pool has no connection left.
With the busy timeout after it (15 s, for the other processes), a request still ends well
within the 60 s a reverse proxy usually allows, so a client is not told "gateway timeout"
about a write that then commits."""

_sqlite_writer_gates: weakref.WeakKeyDictionary[Any, weakref.WeakKeyDictionary[Any, asyncio.Lock]]
_sqlite_writer_gates = weakref.WeakKeyDictionary()


@asynccontextmanager
async def _sqlite_writer_turn(factory: SessionFactory) -> AsyncIterator[None]:
    """On SQLite, this process's writers take turns in arrival order before BEGIN IMMEDIATE.

    SQLite has one write lock, and its busy handler is not a queue: every waiting connection
    sleeps and retries, so under a rush (a deadline: 240 submissions at once, measured) the
    unlucky ones reach the busy timeout while later arrivals get through. An asyncio lock is
    a fair queue; the busy timeout is then left to cover the other processes (the workers).
    PostgreSQL needs none of this: its writers wait on row locks, not on one database lock.
    """
    bind = factory.kw.get("bind")
    if bind is None or bind.dialect.name != "sqlite":
        yield
        return
    gate = _sqlite_writer_gate(bind.sync_engine)
    try:
        await asyncio.wait_for(gate.acquire(), SQLITE_WRITER_WAIT_S)
    except TimeoutError as exc:
        raise sa_exc.TimeoutError("no turn to write on SQLite in time") from exc
    try:
        yield
    finally:
        gate.release()


def _sqlite_writer_gate(engine: Any) -> asyncio.Lock:
    """The engine's writer lock in the running event loop (a lock belongs to one loop)."""
    per_loop = _sqlite_writer_gates.get(engine)
    if per_loop is None:
        per_loop = _sqlite_writer_gates[engine] = weakref.WeakKeyDictionary()
    loop = asyncio.get_running_loop()
    gate = per_loop.get(loop)
    if gate is None:
        gate = per_loop[loop] = asyncio.Lock()
    return gate


@asynccontextmanager
async def read_session(factory: SessionFactory) -> AsyncIterator[AsyncSession]:
    """A short session for one read (a root resolver or a DataLoader batch).

    On PostgreSQL it runs in autocommit: under READ COMMITTED every statement takes its own
    snapshot anyway, so wrapping reads in BEGIN ... ROLLBACK only cost two round trips.
    """
    async with factory() as session:
        if _is_postgresql(factory):
            await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        yield session


async def fetch_rows(
    session: AsyncSession, statement: Any, params: Mapping[str, Any] | None = None
) -> Sequence[Any]:
    """The rows of a column select, run on the session's connection as a Core statement.

    For reads that want values, not entities: the ORM's per-statement work (its execution
    context, result setup and row hydration) measured about 0.1 ms of CPU per statement, a
    sixth of a candidacy read by id. The rows are SQLAlchemy ``Row`` objects: attributes named
    after the selected columns, nothing tracked by the session.
    """
    connection = await session.connection()
    return (await connection.execute(statement, dict(params or {}))).all()


def _is_postgresql(factory: SessionFactory) -> bool:
    bind = factory.kw.get("bind")
    return bind is not None and bind.dialect.name == "postgresql"


def uow_of(session: AsyncSession) -> UnitOfWork | None:
    """The unit of work driving ``session``, when a transport opened one."""
    uow = session.info.get("uow")
    return uow if isinstance(uow, UnitOfWork) else None


RETRY_AFTER_S = 5
"""What a client is told to wait when the database is unreachable (a restart, a failover)."""


def is_database_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) says the database could not be reached or
    dropped the connection: a fault of the moment, not of the request, worth a 503 and a
    retry rather than a 500. Walks the ``__cause__``/``__context__`` chain, since drivers'
    errors arrive wrapped by SQLAlchemy.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _names_unavailability(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _names_unavailability(exc: BaseException) -> bool:
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, DisconnectionError | sa_exc.TimeoutError | ConnectionError):
        return True
    if isinstance(exc, sa_exc.OperationalError) and exc.orig is not None:
        return _names_unavailability(exc.orig) or _is_sqlite_unreachable(exc)
    if isinstance(exc, sa_exc.InterfaceError):
        return True
    if not type(exc).__module__.startswith("asyncpg"):
        return False
    return any(cls.__name__ in _ASYNCPG_UNAVAILABLE for cls in type(exc).__mro__)


def _is_sqlite_unreachable(exc: BaseException) -> bool:
    return "unable to open database file" in str(exc)


_ASYNCPG_UNAVAILABLE = frozenset(
    {
        "PostgresConnectionError",  # and its subclasses: no connection, rejected, lost
        "CannotConnectNowError",  # the server is starting or shutting down
        "AdminShutdownError",
        "CrashShutdownError",
        "TooManyConnectionsError",
    }
)
