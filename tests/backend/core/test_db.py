"""The database layer: SQLite pragmas, enum and money storage, and the unit of work."""

from __future__ import annotations

import asyncio
import logging
import os

import pytest
import sqlalchemy as sa
from sqlmodel import select

from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.calls.inputs import FunderShareInput
from backend.calls.models import Funder
from backend.core import db
from backend.core.auth import Actor
from backend.core.db import SQLITE_BUSY_TIMEOUT_MS, UnitOfWork, unit_of_work, uow_of
from tests.support.factories import make_call, make_funder, make_programme, make_user

ON_SQLITE = os.environ.get("AAP_DATABASE_URL", "sqlite").startswith("sqlite")
sqlite_only = pytest.mark.skipif(not ON_SQLITE, reason="SQLite pragmas only exist on SQLite")
sqlite_writers = pytest.mark.skipif(
    not ON_SQLITE, reason="only SQLite's writers take turns: PostgreSQL's wait on row locks"
)


async def _scalar(session_factory, sql: str, **params) -> object:
    async with session_factory() as session:
        return (await (await session.connection()).execute(sa.text(sql), params)).scalar_one()


async def _create_funder(uow: UnitOfWork, now, code: str) -> Funder:
    return await calls.create_funder(
        uow.session, actor=Actor(is_platform_admin=True), code=code, name="F", country="FR", now=now
    )


async def _funder_codes(session_factory) -> list[str]:
    async with session_factory() as session:
        return list((await session.exec(select(Funder.code))).all())


# --- SQLite -------------------------------------------------------------------------------


@sqlite_only
async def test_sqlite_connection_uses_wal_and_busy_timeout(session_factory):
    # Act
    journal_mode = await _scalar(session_factory, "PRAGMA journal_mode")
    busy_timeout = await _scalar(session_factory, "PRAGMA busy_timeout")
    synchronous = await _scalar(session_factory, "PRAGMA synchronous")
    foreign_keys = await _scalar(session_factory, "PRAGMA foreign_keys")

    # Assert
    assert str(journal_mode).lower() == "wal"
    assert busy_timeout == SQLITE_BUSY_TIMEOUT_MS
    assert synchronous == 1  # NORMAL
    assert foreign_keys == 1


async def test_unit_of_work_concurrent_writers_all_commit(session_factory, clock):
    # Arrange: writers that read before they write (SQLITE_BUSY without BEGIN IMMEDIATE).
    now = clock.now()

    # Act
    funders = await asyncio.gather(
        *(make_funder(session_factory, now, code=f"CONC-{i}") for i in range(6))
    )

    # Assert
    assert sorted(await _funder_codes(session_factory)) == sorted(f.code for f in funders)


@sqlite_writers
async def test_sqlite_writers_take_turns_in_arrival_order(session_factory, clock):
    # Arrange: each writer holds the lock a little, so the later ones all wait together.
    now, committed = clock.now(), []

    async def writer(i: int) -> None:
        async with unit_of_work(session_factory) as uow:
            await _create_funder(uow, now, f"TURN-{i:02d}")
            await asyncio.sleep(0.01)
        committed.append(i)

    # Act
    await asyncio.gather(*(writer(i) for i in range(20)))

    # Assert: a queue, not SQLite's busy handler, where a late arrival may overtake.
    assert committed == list(range(20))


@sqlite_writers
async def test_sqlite_writer_without_a_turn_in_time_is_told_the_database_is_unavailable(
    session_factory, clock, monkeypatch
):
    # Arrange: one writer holds the lock past the others' patience.
    monkeypatch.setattr(db, "SQLITE_WRITER_WAIT_S", 0.05)
    holding, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with unit_of_work(session_factory) as uow:
            await _create_funder(uow, clock.now(), "HOLDER")
            holding.set()
            await release.wait()

    task = asyncio.create_task(holder())
    await holding.wait()

    # Act
    with pytest.raises(sa.exc.TimeoutError) as refused:
        async with unit_of_work(session_factory) as uow:
            await _create_funder(uow, clock.now(), "LATE")
    release.set()
    await task

    # Assert
    assert db.is_database_unavailable(refused.value)
    assert await _funder_codes(session_factory) == ["HOLDER"]


# --- storage of enums and money ------------------------------------------------------------


async def test_enum_columns_store_values_not_names(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_user(session_factory, now)
    funder = await make_funder(session_factory, now)
    programme = await make_programme(session_factory, now, funder)
    call = await make_call(session_factory, now, programme, funder, status=CallStatus.PUBLISHED)

    # Act
    language = await _scalar(
        session_factory, 'SELECT language FROM "user" WHERE email = :e', e=user.email
    )
    status, kind = (
        await _scalar(
            session_factory, "SELECT status FROM call WHERE reference = :r", r=call.reference
        ),
        await _scalar(
            session_factory, "SELECT kind FROM call WHERE reference = :r", r=call.reference
        ),
    )
    question_kind = await _scalar(session_factory, "SELECT kind FROM form_question")

    # Assert
    assert language == "fr"
    assert status == "PUBLISHED"
    assert kind == "AAP"
    assert question_kind == "TEXT"


async def test_money_columns_hold_more_than_32_bits(session_factory, clock):
    # Arrange
    now = clock.now()
    cents = 5_000_000_000
    funder = await make_funder(session_factory, now)
    programme = await make_programme(session_factory, now, funder)

    # Act
    call = await make_call(
        session_factory,
        now,
        programme,
        funder,
        budget_envelope_cents=cents,
        cap_per_candidacy_cents=cents,
        funders=[FunderShareInput(funder.id, cents)],
    )

    # Assert
    envelope = await _scalar(
        session_factory,
        "SELECT budget_envelope_cents FROM call WHERE reference = :r",
        r=call.reference,
    )
    cap = await _scalar(
        session_factory,
        "SELECT cap_per_candidacy_cents FROM call WHERE reference = :r",
        r=call.reference,
    )
    share = await _scalar(session_factory, "SELECT share_cents FROM call_funder")
    assert (envelope, cap, share) == (cents, cents, cents)


# --- the unit of work ----------------------------------------------------------------------


async def test_unit_of_work_after_commit_runs_after_commit(session_factory, clock):
    # Arrange
    now = clock.now()
    seen_by_callback: list[list[str]] = []

    async def callback() -> None:
        seen_by_callback.append(await _funder_codes(session_factory))

    # Act
    async with unit_of_work(session_factory) as uow:
        uow.after_commit(callback)
        await _create_funder(uow, now, "AFTER-COMMIT")
        assert seen_by_callback == []

    # Assert
    assert seen_by_callback == [["AFTER-COMMIT"]]


async def test_unit_of_work_after_commit_skipped_on_rollback(session_factory, clock):
    # Arrange
    now = clock.now()
    calls: list[str] = []

    async def callback() -> None:
        calls.append("ran")

    # Act
    with pytest.raises(RuntimeError):
        async with unit_of_work(session_factory) as uow:
            uow.after_commit(callback)
            await _create_funder(uow, now, "ROLLED-BACK")
            raise RuntimeError("boom")

    # Assert
    assert calls == []
    assert await _funder_codes(session_factory) == []


async def test_unit_of_work_failing_callback_keeps_commit_and_runs_others(
    session_factory, clock, caplog
):
    # Arrange
    now = clock.now()
    calls: list[str] = []

    async def failing() -> None:
        raise ConnectionError("redis is down")

    async def second() -> None:
        calls.append("second")

    # Act
    with caplog.at_level(logging.ERROR, logger="backend.core.db"):
        async with unit_of_work(session_factory) as uow:
            uow.after_commit(failing)
            uow.after_commit(second)
            await _create_funder(uow, now, "KEPT")

    # Assert
    assert calls == ["second"]
    assert await _funder_codes(session_factory) == ["KEPT"]
    assert "after-commit callback failed" in caplog.text


async def test_uow_of_session_finds_its_unit_of_work(session_factory, session):
    # Act
    async with unit_of_work(session_factory) as uow:
        found = uow_of(uow.session)

    # Assert
    assert found is uow
    assert uow_of(session) is None


postgresql_only = pytest.mark.skipif(
    not os.environ.get("AAP_DATABASE_URL", "sqlite").startswith("postgresql"),
    reason="only PostgreSQL terminates a backend from another session",
)


@postgresql_only
async def test_a_pooled_connection_the_server_closed_is_replaced_at_checkout(settings):
    # Arrange: one pooled connection, then the server terminates its backend.
    from backend.core.db import create_engine

    engine = create_engine(settings.database_url, pool_size=1, max_overflow=0)
    admin = create_engine(settings.database_url, pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as conn:
            first_pid = (await conn.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
        async with admin.connect() as conn:
            await conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": first_pid})
        for _ in range(50):  # the driver learns of it when the event loop reads the EOF
            await asyncio.sleep(0.02)

        # Act
        async with engine.connect() as conn:
            second_pid = (await conn.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()

        # Assert: a fresh backend, and no error reached the caller.
        assert second_pid != first_pid
    finally:
        await engine.dispose()
        await admin.dispose()
