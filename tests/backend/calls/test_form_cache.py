"""A frozen call's form is read from the database once per process; a draft's every time."""

from __future__ import annotations

from collections import OrderedDict

import sqlalchemy as sa
from sqlmodel import col

from backend.calls import queries
from backend.calls.enums import CallStatus
from backend.calls.models import FormQuestion
from tests.support import factories as f


async def _world(session_factory, clock, status: CallStatus):
    now = clock.now()
    funder = await f.make_funder(session_factory, now, code=f"F-{f.n()}")
    programme = await f.make_programme(session_factory, now, funder)
    return await f.make_call(session_factory, now, programme, funder, status=status)


async def test_an_open_calls_form_is_read_once_then_kept(session_factory, clock, count_queries):
    # Arrange
    call = await _world(session_factory, clock, CallStatus.OPEN)
    async with session_factory() as session:
        first = await queries.form_of(session, call)

    # Act
    count_queries.active = True
    async with session_factory() as session:
        again = await queries.form_of(session, call)
    count_queries.active = False

    # Assert
    assert count_queries.count == 0
    assert [q.key for q in again] == [q.key for q in first] != []


async def test_a_draft_calls_form_is_read_each_time(session_factory, clock):
    # Arrange: a draft's form may still change.
    call = await _world(session_factory, clock, CallStatus.DRAFT)
    async with session_factory() as session:
        before = await queries.form_of(session, call)
    async with session_factory() as session, session.begin():
        await session.exec(
            sa.update(FormQuestion)
            .where(col(FormQuestion.call_id) == call.id, col(FormQuestion.position) == 0)
            .values(key="renamed")
        )

    # Act
    async with session_factory() as session:
        after = await queries.form_of(session, call)

    # Assert
    assert before[0].key != "renamed"
    assert after[0].key == "renamed"


async def test_the_kept_forms_are_bounded(session_factory, clock, monkeypatch):
    # Arrange
    monkeypatch.setattr(queries, "FROZEN_FORMS_KEPT", 2)
    monkeypatch.setattr(queries, "_frozen_forms", OrderedDict())
    calls = [await _world(session_factory, clock, CallStatus.OPEN) for _ in range(3)]

    # Act
    for call in calls:
        async with session_factory() as session:
            await queries.form_of(session, call)

    # Assert
    assert len(queries._frozen_forms) <= 2
    assert calls[0].id not in queries._frozen_forms
