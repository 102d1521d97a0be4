"""Calls and the clock: past deadlines refused at entry, the effective status (Python and SQL
alike, to the second, no worker), the public list's order, and search in every language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from backend.calls import queries
from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.calls.errors import CallStructureFrozen
from backend.calls.inputs import CallChanges, TimelineInput
from backend.calls.models import Call, Funder, Programme
from backend.calls.queries import CallFilter
from backend.calls.rules import effective_status, is_open
from backend.calls.search import search_key
from backend.candidacies import services as candidacies
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.errors import CallNotOpen, DeadlinePassed
from backend.candidacies.models import Candidacy
from backend.core.auth import ANONYMOUS, Actor
from backend.core.clock import FrozenClock
from backend.core.db import SessionFactory, unit_of_work
from backend.core.errors import InvalidInput
from backend.lifecycle import calls as lifecycle
from tests.support.audit import sealed_entries
from tests.support.factories import (
    call_input,
    make_call,
    make_funder,
    make_organisation,
    make_programme,
    make_user,
)

ADMIN = Actor(is_platform_admin=True)
HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)


@dataclass
class World:
    factory: SessionFactory
    clock: FrozenClock
    funder: Funder
    programme: Programme

    @property
    def now(self) -> datetime:
        return self.clock.now()

    async def call(self, status: CallStatus = CallStatus.DRAFT, **kw) -> Call:
        return await make_call(
            self.factory, self.now, self.programme, self.funder, status=status, **kw
        )

    def timeline(self, opens_in: timedelta, closes_in: timedelta) -> TimelineInput:
        return TimelineInput("Europe/Paris", self.now + opens_in, self.now + closes_in)


@pytest.fixture
async def world(session_factory, clock) -> World:
    funder = await make_funder(session_factory, clock.now())
    programme = await make_programme(session_factory, clock.now(), funder)
    return World(session_factory, clock, funder, programme)


async def _rows(factory: SessionFactory) -> int:
    async with factory() as session:
        return await session.scalar(sa.select(sa.func.count()).select_from(Call))


async def _load(factory: SessionFactory, call_id) -> Call:
    async with factory() as session:
        return await session.get(Call, call_id)


# --- 1. a deadline already past is refused where it is entered ------------------------------


@pytest.mark.parametrize("ago", [timedelta(0), SECOND, timedelta(days=3)], ids=str)
async def test_create_call_deadline_not_in_the_future_refused_and_writes_nothing(world, ago):
    # Arrange
    timeline = TimelineInput("Europe/Paris", world.now - timedelta(days=10), world.now - ago)
    data = call_input(world.programme, world.funder, world.now, timeline=timeline)

    # Act
    with pytest.raises(InvalidInput) as caught:
        async with unit_of_work(world.factory) as uow:
            await calls.create_call(uow.session, actor=ADMIN, data=data, now=world.now)

    # Assert
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("timeline.deadlineAt", "IN_THE_PAST")
    ]
    assert await _rows(world.factory) == 0


async def test_create_call_opening_in_the_past_and_deadline_ahead_is_a_valid_draft(world):
    # Arrange: a draft may be prepared after its announced opening; publishing opens it at once
    timeline = world.timeline(-timedelta(days=2), SECOND)
    data = call_input(world.programme, world.funder, world.now, timeline=timeline)

    # Act
    async with unit_of_work(world.factory) as uow:
        call = await calls.create_call(uow.session, actor=ADMIN, data=data, now=world.now)

    # Assert
    assert call.status is CallStatus.DRAFT
    assert call.deadline_at == world.now + SECOND


async def test_update_call_deadline_in_the_past_refused_and_changes_nothing(world):
    # Arrange
    call = await world.call()
    changes = CallChanges(timeline=world.timeline(-timedelta(days=5), -HOUR))

    # Act
    with pytest.raises(InvalidInput) as caught:
        async with unit_of_work(world.factory) as uow:
            await calls.update_call(
                uow.session, actor=ADMIN, call_id=call.id, changes=changes, now=world.now
            )

    # Assert
    assert ("timeline.deadlineAt", "IN_THE_PAST") in {
        (p.field, p.code) for p in caught.value.problems
    }
    assert (await _load(world.factory, call.id)).deadline_at == call.deadline_at


# --- 2. the effective status, to the second --------------------------------------------------

STORED = [CallStatus.PUBLISHED, CallStatus.OPEN]


def _expected(stored: CallStatus, offset: timedelta) -> CallStatus:
    """For a call opening at +1 h and closing at +2 h, seen at ``offset`` from now."""
    if offset >= 2 * HOUR:
        return CallStatus.CLOSED
    if offset >= HOUR:
        return CallStatus.OPEN
    return CallStatus.PUBLISHED


INSTANTS = [0 * HOUR, HOUR - SECOND, HOUR, 2 * HOUR - SECOND, 2 * HOUR, 3 * HOUR]


async def _sql_statuses(world: World, call: Call) -> set[CallStatus]:
    """Every status whose SQL filter selects the call at the clock's now."""
    found = set()
    async with world.factory() as session:
        for status in CallStatus:
            stmt = select(Call.id).where(
                col(Call.id) == call.id, queries.status_is(status, now=world.now)
            )
            if (await session.exec(stmt)).first() is not None:
                found.add(status)
    return found


@pytest.mark.parametrize("offset", INSTANTS, ids=str)
async def test_published_call_status_follows_the_clock_in_python_and_sql(world, offset):
    # Arrange: published, opening in an hour; no worker ever runs
    call = await world.call(CallStatus.PUBLISHED, timeline=world.timeline(HOUR, 2 * HOUR))
    world.clock.advance(offset)
    expected = _expected(CallStatus.PUBLISHED, offset)

    # Act
    status = effective_status(call, now=world.now)
    in_sql = await _sql_statuses(world, call)

    # Assert
    assert status is expected
    assert in_sql == {expected}
    assert is_open(call, now=world.now) is (expected is CallStatus.OPEN)


@pytest.mark.parametrize(
    "stored", [s for s in CallStatus if s not in STORED], ids=lambda s: s.value
)
async def test_statuses_set_by_hand_are_what_is_stored(world, stored):
    # Arrange
    call = await world.call(stored)
    world.clock.advance(timedelta(days=60))  # past every instant of the call

    # Act / Assert
    assert effective_status(call, now=world.now) is stored
    assert await _sql_statuses(world, call) == {stored}


async def test_open_call_reads_closed_from_its_deadline_before_the_closing_job(world):
    # Arrange
    call = await world.call(CallStatus.OPEN, timeline=world.timeline(-HOUR, HOUR))
    world.clock.advance(HOUR)

    # Act
    listed = {
        status: await _ids(world, ADMIN, CallFilter(status=status))
        for status in (CallStatus.OPEN, CallStatus.CLOSED)
    }

    # Assert
    assert (await _load(world.factory, call.id)).status is CallStatus.OPEN  # stored
    assert listed == {CallStatus.OPEN: set(), CallStatus.CLOSED: {call.id}}


async def test_structure_of_a_published_call_freezes_at_its_opening(world):
    # Arrange
    call = await world.call(CallStatus.PUBLISHED, timeline=world.timeline(HOUR, 2 * HOUR))
    world.clock.advance(HOUR)

    # Act
    with pytest.raises(CallStructureFrozen) as caught:
        async with unit_of_work(world.factory) as uow:
            await calls.update_call(
                uow.session,
                actor=ADMIN,
                call_id=call.id,
                changes=CallChanges(budget_envelope_cents=2_000_000_00),
                now=world.now,
            )

    # Assert
    assert "OPEN" in str(caught.value)


async def _applicant(world: World) -> tuple[Actor, object]:
    user = await make_user(world.factory, world.now)
    org = await make_organisation(world.factory, world.now, user)
    return Actor(user_id=user.id, organisation_ids=frozenset({org.id})), org


async def _create_candidacy(world: World, actor: Actor, org, call: Call):
    async with unit_of_work(world.factory) as uow:
        return await candidacies.create_candidacy(
            uow.session,
            actor=actor,
            call_id=call.id,
            organisation_id=org.id,
            title="IA aux urgences",
            now=world.now,
        )


async def test_candidacy_accepted_from_the_opening_second_without_the_opening_job(world):
    # Arrange
    call = await world.call(CallStatus.PUBLISHED, timeline=world.timeline(HOUR, 2 * HOUR))
    actor, org = await _applicant(world)
    world.clock.advance(HOUR - SECOND)
    with pytest.raises(CallNotOpen):
        await _create_candidacy(world, actor, org, call)
    world.clock.advance(SECOND)

    # Act
    candidacy = await _create_candidacy(world, actor, org, call)

    # Assert
    assert candidacy.status is CandidacyStatus.DRAFT
    assert (await _load(world.factory, call.id)).status is CallStatus.PUBLISHED  # no worker ran


async def test_candidacy_refused_at_the_deadline_of_a_call_never_opened_by_a_worker(world):
    # Arrange
    call = await world.call(CallStatus.PUBLISHED, timeline=world.timeline(HOUR, 2 * HOUR))
    actor, org = await _applicant(world)
    world.clock.advance(2 * HOUR)

    # Act / Assert
    with pytest.raises(DeadlinePassed):
        await _create_candidacy(world, actor, org, call)


async def test_closing_a_call_the_opening_job_missed_records_both_steps_and_settles_drafts(
    world,
):
    # Arrange: a draft started while the call was open by the clock only
    call = await world.call(CallStatus.PUBLISHED, timeline=world.timeline(HOUR, 2 * HOUR))
    actor, org = await _applicant(world)
    world.clock.advance(HOUR)
    draft = await _create_candidacy(world, actor, org, call)
    world.clock.advance(HOUR)

    # Act
    async with unit_of_work(world.factory) as uow:
        report = await lifecycle.close_call(uow.session, call_id=call.id, now=world.now)

    # Assert
    assert report is not None and report.drafts_left == 1
    assert (await _load(world.factory, call.id)).status is CallStatus.CLOSED
    actions = [e.action for e in await sealed_entries(world.factory) if e.object_id == str(call.id)]
    assert actions[-3:] == ["call.open", "call.closed", "candidacies.not_submitted"]
    async with world.factory() as session:
        assert (await session.get(Candidacy, draft.id)).status is CandidacyStatus.NOT_SUBMITTED


async def test_extending_the_deadline_of_a_call_whose_deadline_passed_is_refused(world):
    # Arrange: stored OPEN, deadline passed, closing job not run yet: CLOSED by the clock
    call = await world.call(CallStatus.OPEN, timeline=world.timeline(-HOUR, HOUR))
    world.clock.advance(HOUR)

    # Act
    with pytest.raises(InvalidInput) as caught:
        async with unit_of_work(world.factory) as uow:
            await calls.extend_deadline(
                uow.session,
                actor=ADMIN,
                call_id=call.id,
                new_deadline=world.now + timedelta(days=3),
                now=world.now,
            )

    # Assert
    assert caught.value.problems[0].code == "DEADLINE_PASSED"
    assert (await _load(world.factory, call.id)).deadline_at == call.deadline_at


# --- 3. the list: open, upcoming, closed, drafts ----------------------------------------------


async def _ids(world: World, actor: Actor, flt: CallFilter = CallFilter()) -> set:
    async with world.factory() as session:
        stmt = queries.filtered(queries.visible_calls(actor), flt, actor=actor, now=world.now)
        return {c.id for c in (await session.exec(stmt)).all()}


async def _list(world: World, actor: Actor, *, first: int) -> list[Call]:
    items, after = [], None
    async with world.factory() as session:
        while True:
            page = await queries.page_of_calls(
                session, actor, CallFilter(), now=world.now, first=first, after=after
            )
            items += page.items
            if not page.has_next_page:
                return items
            after = page.cursors[-1]


async def test_page_of_calls_lists_open_then_upcoming_then_closed_then_drafts(world):
    # Arrange (days from now, then the clock moves a day and a half)
    day = timedelta(days=1)
    make = world.call
    open_later = await make(CallStatus.OPEN, timeline=world.timeline(-day, 10 * day))
    open_sooner = await make(CallStatus.PUBLISHED, timeline=world.timeline(-day, 5 * day))
    upcoming_later = await make(CallStatus.PUBLISHED, timeline=world.timeline(3 * day, 20 * day))
    upcoming_sooner = await make(CallStatus.PUBLISHED, timeline=world.timeline(2 * day, 20 * day))
    closed_by_clock = await make(CallStatus.OPEN, timeline=world.timeline(-day, day))
    closed_by_hand = await make(CallStatus.CLOSED, timeline=world.timeline(-day, 30 * day))
    evaluated = await make(CallStatus.IN_EVALUATION, timeline=world.timeline(-day, 25 * day))
    draft = await make(CallStatus.DRAFT, timeline=world.timeline(day, 40 * day))
    world.clock.advance(day + day / 2)
    expected = [
        open_sooner,
        open_later,
        upcoming_sooner,
        upcoming_later,
        closed_by_hand,
        evaluated,
        closed_by_clock,
        draft,
    ]

    # Act
    whole = await _list(world, ADMIN, first=50)
    paged = await _list(world, ADMIN, first=3)
    public = await _list(world, ANONYMOUS, first=2)

    # Assert
    assert [c.id for c in whole] == [c.id for c in expected]
    assert [c.id for c in paged] == [c.id for c in expected]
    assert [c.id for c in public] == [c.id for c in expected if c is not draft]


async def test_page_of_calls_cursor_of_another_shape_is_input_error(world):
    # Arrange: a cursor of the former (deadline, id) shape
    from backend.core.pagination import encode_cursor

    stale = encode_cursor([world.now, world.funder.id])

    # Act / Assert
    async with world.factory() as session:
        with pytest.raises(InvalidInput) as caught:
            await queries.page_of_calls(
                session, ANONYMOUS, CallFilter(), now=world.now, first=10, after=stale
            )
    assert caught.value.problems[0].code == "INVALID_CURSOR"


# --- 4. search: titles and descriptions in every language, case and accents aside ------------


async def _searched(world: World, text: str) -> set:
    return await _ids(world, ANONYMOUS, CallFilter(search=text))


async def test_search_matches_titles_and_descriptions_in_every_language(world):
    # Arrange
    radiology = await world.call(
        CallStatus.PUBLISHED,
        title={"fr": "Imagerie médicale et IA", "de": "Künstliche Intelligenz in der Radiologie"},
        description={"en": "Funding **early** detection of lung cancer."},
    )
    other = await world.call(CallStatus.PUBLISHED, title={"fr": "Télé-expertise"})

    # Act / Assert
    assert await _searched(world, "IMAGERIE MEDICALE") == {radiology.id}
    assert await _searched(world, "künstliche") == {radiology.id}
    assert await _searched(world, "kunstliche intelligenz") == {radiology.id}
    assert await _searched(world, "early detection") == {radiology.id}  # Markdown aside
    assert await _searched(world, "tele expertise") == {other.id}
    assert await _searched(world, radiology.reference.lower().replace("-", " ")) == {radiology.id}
    assert await _searched(world, "cancer imagerie") == {radiology.id}  # each word, any part
    assert await _searched(world, "cancer radiographie") == set()  # every word, or nothing


async def test_search_follows_an_edited_title(world):
    # Arrange
    call = await world.call(CallStatus.PUBLISHED, title={"fr": "Ancien titre"})
    async with unit_of_work(world.factory) as uow:
        await calls.update_call(
            uow.session,
            actor=ADMIN,
            call_id=call.id,
            changes=CallChanges(title={"fr": "Santé numérique"}),
            now=world.now,
        )

    # Act / Assert
    assert await _searched(world, "sante numerique") == {call.id}
    assert await _searched(world, "ancien") == set()


@pytest.mark.parametrize("text", ["%", "_", "\\", "''", "**"])
async def test_search_of_punctuation_only_matches_nothing(world, text):
    await world.call(CallStatus.PUBLISHED)

    assert await _searched(world, text) == set()


async def test_search_too_long_is_a_typed_error(world):
    with pytest.raises(InvalidInput) as caught:
        await _searched(world, "a" * (queries.MAX_SEARCH_LENGTH + 1))

    assert caught.value.problems[0].code == "TOO_LONG"


def test_search_key_strips_accents_case_and_punctuation():
    assert search_key("Études d'IA — Straße, ÀÉÎÕÜ") == "etudes d ia strasse aeiou"
