"""A frozen call's form is read from the database once per process; a draft's every time.

What is kept is shared by every request of the process: immutable values, never rows.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import NoInspectionAvailable
from sqlmodel import SQLModel, col

from backend.calls import queries, rules
from backend.calls.enums import CallStatus, QuestionKind
from backend.calls.forms import FrozenChoice, FrozenQuestion
from backend.calls.inputs import ChoiceInput, QuestionInput, TimelineInput
from backend.calls.models import FormQuestion
from tests.support import factories as f

FIELD = QuestionInput(
    key="field",
    kind=QuestionKind.CHOICE,
    label={"fr": "Domaine", "en": "Field"},
    choices=[
        ChoiceInput("cardiology", {"fr": "Cardiologie"}),
        ChoiceInput("other", {"fr": "Autre"}),
    ],
)


async def _world(session_factory, clock, status: CallStatus, **kw):
    now = clock.now()
    funder = await f.make_funder(session_factory, now, code=f"F-{f.n()}")
    programme = await f.make_programme(session_factory, now, funder)
    return await f.make_call(session_factory, now, programme, funder, status=status, **kw)


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


async def test_the_kept_form_is_immutable_values_not_rows(session_factory, clock):
    # Arrange
    call = await _world(session_factory, clock, CallStatus.OPEN, questions=[FIELD])

    # Act
    async with session_factory() as session:
        form = await queries.form_of(session, call)
    async with session_factory() as session:
        again = await queries.form_of(session, call)

    # Assert: one shared tuple of values, mapped by no ORM, that no caller can change.
    assert again is form
    [question] = form
    assert type(question) is FrozenQuestion
    assert not isinstance(question, SQLModel | FormQuestion)
    with pytest.raises(NoInspectionAvailable):
        sa.inspect(question)
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.key = "renamed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        question.label["fr"] = "Changé"  # type: ignore[index]
    with pytest.raises(TypeError):
        question.choices[0].label["fr"] = "Changé"  # type: ignore[index]
    assert question.choices == (
        FrozenChoice("cardiology", {"fr": "Cardiologie"}),
        FrozenChoice("other", {"fr": "Autre"}),
    )
    assert (question.key, question.kind, dict(question.label)) == (
        "field", QuestionKind.CHOICE, {"fr": "Domaine", "en": "Field"},
    )  # fmt: skip


async def test_a_drafts_form_comes_in_the_same_type(session_factory, clock):
    call = await _world(session_factory, clock, CallStatus.DRAFT, questions=[FIELD])

    async with session_factory() as session:
        form = await queries.form_of(session, call)

    assert isinstance(form, tuple)
    assert [type(q) for q in form] == [FrozenQuestion]


async def test_a_call_frozen_by_the_clock_only_is_read_each_time(session_factory, clock):
    # Arrange: PUBLISHED, its opening passed, the opening job not run: frozen for the rules,
    # yet an edit that locked the call just before the opening may still commit.
    now = clock.now()
    timeline = TimelineInput(
        timezone="Europe/Paris",
        opens_at=now + timedelta(hours=1),
        deadline_at=now + timedelta(days=30),
    )
    call = await _world(session_factory, clock, CallStatus.PUBLISHED, timeline=timeline)
    clock.advance(timedelta(hours=2))
    async with session_factory() as session:
        await queries.form_of(session, call)

    # Assert
    assert rules.is_structure_frozen(call, now=clock.now())
    assert call.id not in queries._frozen_forms
