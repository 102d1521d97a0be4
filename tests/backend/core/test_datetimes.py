"""Aware UTC instants survive the database on SQLite and PostgreSQL, across DST changes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import StatementError

from backend.calls.inputs import TimelineInput
from backend.calls.models import Call
from backend.calls.presentation import in_zone
from backend.core.audit import AuditEntry
from backend.core.db import unit_of_work
from tests.support.factories import make_call, make_funder, make_programme

PARIS = ZoneInfo("Europe/Paris")


async def _entry_back(session_factory, entry_id: uuid.UUID) -> AuditEntry:
    async with session_factory() as session:
        return await session.get(AuditEntry, entry_id)


def _entry(occurred_at: datetime) -> AuditEntry:
    return AuditEntry(
        seq=10_000 + uuid.uuid4().int % 1_000_000,
        occurred_at=occurred_at,
        action="test.datetime",
        object_type="test",
        object_id="x",
        prev_hash="0" * 64,
        hash="0" * 64,
    )


async def test_occurred_at_aware_utc_round_trips_aware_and_equal(session_factory):
    # Arrange
    instant = datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=UTC)
    entry = _entry(instant)

    # Act
    async with unit_of_work(session_factory) as uow:
        uow.session.add(entry)
    back = await _entry_back(session_factory, entry.id)

    # Assert
    assert back.occurred_at.tzinfo is not None
    assert back.occurred_at.utcoffset() == timedelta(0)
    assert back.occurred_at == instant


async def test_occurred_at_paris_offset_round_trips_to_same_instant(session_factory):
    # Arrange
    instant = datetime(2026, 7, 14, 23, 30, tzinfo=PARIS)
    entry = _entry(instant)

    # Act
    async with unit_of_work(session_factory) as uow:
        uow.session.add(entry)
    back = await _entry_back(session_factory, entry.id)

    # Assert
    assert back.occurred_at.tzinfo is not None
    assert back.occurred_at == instant
    assert back.occurred_at == datetime(2026, 7, 14, 21, 30, tzinfo=UTC)


async def test_occurred_at_naive_datetime_refused(session_factory):
    # Arrange
    entry = _entry(datetime(2026, 3, 2, 9, 0))

    # Act / Assert
    with pytest.raises(StatementError, match="timezone"):
        async with unit_of_work(session_factory) as uow:
            uow.session.add(entry)
    async with session_factory() as session:
        count = await session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    assert count == 0


async def test_deadline_raw_value_stored_as_utc(session_factory, clock):
    # Arrange
    now = clock.now()
    funder = await make_funder(session_factory, now)
    programme = await make_programme(session_factory, now, funder)
    deadline = datetime(2026, 4, 1, 12, 0, tzinfo=PARIS)
    call = await make_call(
        session_factory,
        now,
        programme,
        funder,
        timeline=TimelineInput("Europe/Paris", now - timedelta(days=1), deadline),
    )

    # Act
    async with session_factory() as session:
        row = (
            await session.exec(
                sa.select(Call.deadline_at).where(Call.id == call.id)  # type: ignore[arg-type]
            )
        ).one()

    # Assert
    assert row.deadline_at == datetime(2026, 4, 1, 10, 0, tzinfo=UTC)
    assert row.deadline_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("local", "utc", "offset_hours"),
    [
        pytest.param(
            datetime(2026, 3, 28, 12, 0), datetime(2026, 3, 28, 11, 0), 1, id="eve-of-spring"
        ),
        pytest.param(
            datetime(2026, 3, 29, 1, 59), datetime(2026, 3, 29, 0, 59), 1, id="before-jump"
        ),
        pytest.param(datetime(2026, 3, 29, 3, 0), datetime(2026, 3, 29, 1, 0), 2, id="after-jump"),
        pytest.param(
            datetime(2026, 3, 29, 12, 0), datetime(2026, 3, 29, 10, 0), 2, id="spring-day"
        ),
        pytest.param(
            datetime(2026, 10, 24, 12, 0), datetime(2026, 10, 24, 10, 0), 2, id="eve-of-autumn"
        ),
        pytest.param(
            datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 0, 30), 2, id="first-0230"
        ),
        pytest.param(
            datetime(2026, 10, 25, 2, 30, fold=1),
            datetime(2026, 10, 25, 1, 30),
            1,
            id="second-0230",
        ),
        pytest.param(
            datetime(2026, 10, 25, 12, 0), datetime(2026, 10, 25, 11, 0), 1, id="autumn-day"
        ),
    ],
)
async def test_deadline_in_paris_across_dst_round_trips_to_utc_instant(
    session_factory, clock, local, utc, offset_hours
):
    # Arrange
    now = clock.now()
    funder = await make_funder(session_factory, now)
    programme = await make_programme(session_factory, now, funder)
    deadline = local.replace(tzinfo=PARIS)
    timeline = TimelineInput("Europe/Paris", now - timedelta(days=1), deadline)

    # Act
    call = await make_call(session_factory, now, programme, funder, timeline=timeline)
    async with session_factory() as session:
        back = await session.get(Call, call.id)

    # Assert
    assert back.deadline_at.tzinfo is not None
    assert back.deadline_at == utc.replace(tzinfo=UTC)
    assert back.timezone == "Europe/Paris"
    shown = in_zone(back.deadline_at, back.timezone)
    assert shown.utcoffset() == timedelta(hours=offset_hours)
    assert shown.replace(tzinfo=None, fold=0) == local.replace(fold=0)
    assert shown.fold == local.fold


def test_in_zone_shows_offset_either_side_of_spring_change():
    # Arrange
    last_winter_second = datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC)
    first_summer_second = datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC)

    # Act
    before, after = (
        in_zone(last_winter_second, "Europe/Paris"),
        in_zone(first_summer_second, "Europe/Paris"),
    )

    # Assert
    assert before.isoformat() == "2026-03-29T01:59:59+01:00"
    assert after.isoformat() == "2026-03-29T03:00:00+02:00"


def test_in_zone_shows_offset_either_side_of_autumn_change():
    # Arrange
    last_summer_second = datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC)
    first_winter_second = datetime(2026, 10, 25, 1, 0, 0, tzinfo=UTC)

    # Act
    before = in_zone(last_summer_second, "Europe/Paris")
    after = in_zone(first_winter_second, "Europe/Paris")

    # Assert
    assert before.isoformat() == "2026-10-25T02:59:59+02:00"
    assert after.isoformat() == "2026-10-25T02:00:00+01:00"
