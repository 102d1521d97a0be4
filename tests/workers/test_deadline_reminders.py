"""Deadline reminders: who gets one, when, with what, and never twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from backend.calls.enums import CallStatus
from backend.calls.models import Call
from backend.candidacies import reminders
from backend.core.db import unit_of_work
from backend.core.i18n import Language
from tests.support import factories as f
from tests.support.worlds import (
    build_world,
    make_applicant,
    notifications,
    set_offsets,
    start_candidacy,
)
from workers import candidacies as candidacy_jobs

PARIS = ZoneInfo("Europe/Paris")


async def _send(factory, now) -> int:
    async with unit_of_work(factory) as uow:
        return await reminders.send_due_reminders(uow.session, now=now)


def _keys(rows) -> set[str]:
    return {n.dedupe_key for n in rows}


def _expected(world, offset: int) -> set[str]:
    return {reminders.dedupe_key(offset, c.id, u.id) for c, u in world.draft_members()}


async def test_reminders_j7_go_to_each_member_of_each_draft_at_the_instant(session_factory, clock):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=10))
    j7 = reminders.reminder_instant(world.call, 7)

    # Act
    early = await _send(session_factory, j7 - timedelta(seconds=1))
    on_time = await _send(session_factory, j7)

    # Assert
    assert early == 0
    assert on_time == len(world.draft_members()) == 4
    sent = await notifications(session_factory, "deadline_reminder")
    assert _keys(sent) == _expected(world, 7)
    submitted_members = {u.id for a in world.applicants[-1:] for u in a.users}
    assert not submitted_members & {n.user_id for n in sent}


async def test_reminder_context_speaks_the_members_language_and_the_calls_zone(
    session_factory, clock
):
    # Arrange
    world = await build_world(session_factory, clock, drafts=0, submitted=0)
    applicant = await make_applicant(world, members=1)
    english = await f.make_signed_user(
        session_factory, clock.now(), "english", language=Language.EN
    )
    applicant.members.append(english)
    await f.add_member(
        session_factory, clock.now(), applicant.organisation, applicant.users[0], english.user
    )
    draft = await start_candidacy(world, applicant, title="Radiologie augmentée")
    j1 = reminders.reminder_instant(world.call, 1)

    # Act
    await _send(session_factory, j1 + timedelta(minutes=1))

    # Assert
    by_language = {
        n.language: n.context for n in await notifications(session_factory, "deadline_reminder")
    }
    deadline_local = world.deadline.astimezone(PARIS).isoformat()
    assert by_language[Language.FR] == {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": draft.title,
        "deadline_local": deadline_local,
        "days_left": 1,
    }
    assert by_language[Language.EN]["call_title"] == "AI impact studies"
    assert deadline_local.endswith("+01:00")


async def test_reminders_j1_follow_j7_and_neither_repeats(session_factory, clock):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=10))
    j7, j1 = (reminders.reminder_instant(world.call, d) for d in (7, 1))

    # Act
    counts = [
        await _send(session_factory, j7),
        await _send(session_factory, j7 + timedelta(hours=1)),
        await _send(session_factory, j1),
        await _send(session_factory, j1 + timedelta(hours=1)),
    ]

    # Assert
    members = len(world.draft_members())
    assert counts == [members, 0, members, 0]
    sent = await notifications(session_factory, "deadline_reminder")
    assert _keys(sent) == _expected(world, 7) | _expected(world, 1)
    assert sorted({n.context["days_left"] for n in sent}) == [1, 7]


async def test_reminders_late_sweep_sends_only_the_latest_reminder(session_factory, clock):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=10))
    late = reminders.reminder_instant(world.call, 1) + timedelta(hours=3)

    # Act
    await _send(session_factory, late)

    # Assert
    sent = await notifications(session_factory, "deadline_reminder")
    assert _keys(sent) == _expected(world, 1)
    assert {n.context["days_left"] for n in sent} == {1}


async def test_reminders_none_at_or_after_the_deadline(session_factory, clock):
    # Arrange
    world = await build_world(session_factory, clock, deadline_in=timedelta(days=10))

    # Act
    at_deadline = await _send(session_factory, world.deadline)
    after = await _send(session_factory, world.deadline + timedelta(days=1))

    # Assert
    assert (at_deadline, after) == (0, 0)
    assert await notifications(session_factory, "deadline_reminder") == []


async def test_reminders_no_j7_for_call_published_two_days_before_its_deadline(
    session_factory, clock
):
    # Arrange: opened long ago on paper, but published (visible) only 2 days before the end.
    world = await build_world(
        session_factory, clock, opened=timedelta(days=30), deadline_in=timedelta(days=2)
    )

    # Act
    counts = [
        await _send(session_factory, clock.now() + timedelta(minutes=1)),
        await _send(session_factory, reminders.reminder_instant(world.call, 1)),
    ]

    # Assert
    assert counts == [0, len(world.draft_members())]
    assert _keys(await notifications(session_factory, "deadline_reminder")) == _expected(world, 1)


async def test_reminders_candidacy_started_after_j7_waits_for_j1(session_factory, clock):
    # Arrange
    world = await build_world(session_factory, clock, drafts=0, submitted=0)
    clock.set(reminders.reminder_instant(world.call, 7) + timedelta(hours=1))
    applicant = await make_applicant(world, members=1)
    late = await start_candidacy(world, applicant, title="Tardif")
    world.drafts.append(late)

    # Act
    at_j7 = await _send(session_factory, clock.now())
    at_j1 = await _send(session_factory, reminders.reminder_instant(world.call, 1))

    # Assert
    assert (at_j7, at_j1) == (0, 1)


async def test_reminders_follow_each_calls_own_offsets(session_factory, clock):
    # Arrange
    world = await build_world(session_factory, clock, drafts=1, submitted=0)
    world.call = await set_offsets(session_factory, world.call, [3])

    # Act
    counts = [
        await _send(session_factory, reminders.reminder_instant(world.call, d)) for d in (7, 3, 1)
    ]

    # Assert
    assert counts == [0, len(world.draft_members()), 0]
    assert _keys(await notifications(session_factory, "deadline_reminder")) == _expected(world, 3)


async def test_reminders_skip_inactive_members(session_factory, clock):
    # Arrange
    world = await build_world(session_factory, clock, drafts=1, submitted=0, members=2)
    gone = world.applicants[0].users[1]
    async with unit_of_work(session_factory) as uow:
        gone.is_active = False
        uow.session.add(gone)

    # Act
    await _send(session_factory, reminders.reminder_instant(world.call, 1))

    # Assert
    sent = await notifications(session_factory, "deadline_reminder")
    assert [n.user_id for n in sent] == [world.applicants[0].users[0].id]


async def test_reminders_job_queues_through_its_own_unit_of_work(session_factory, clock, settings):
    # Arrange
    world = await build_world(session_factory, clock)
    clock.set(reminders.reminder_instant(world.call, 1))

    # Act
    first = await candidacy_jobs.send_due_reminders(world.ctx(settings))
    second = await candidacy_jobs.send_due_reminders(world.ctx(settings))

    # Assert
    assert (first, second) == (len(world.draft_members()), 0)


def test_reminder_instant_keeps_the_local_hour_across_daylight_saving():
    # Arrange: summer time starts in Paris on 29 March 2026.
    call = Call(
        deadline_at=datetime(2026, 3, 31, 10, 0, tzinfo=UTC),  # 12:00 in Paris (UTC+2)
        timezone="Europe/Paris",
        opens_at=datetime(2026, 1, 1, tzinfo=UTC),
        status=CallStatus.OPEN,
        reminder_offsets_days=[7, 1],
    )

    # Act
    j7 = reminders.reminder_instant(call, 7)
    j1 = reminders.reminder_instant(call, 1)

    # Assert
    assert j7 == datetime(2026, 3, 24, 11, 0, tzinfo=UTC)  # 12:00 in Paris (UTC+1)
    assert j7.astimezone(PARIS).hour == j1.astimezone(PARIS).hour == 12
    assert reminders.days_left(call, now=j7) == 7
    assert reminders.days_left(call, now=j1 + timedelta(hours=23)) == 1
