"""After the deadline: no call-wide extension, no closing by hand before it, and an individual
extension that brings a NOT_SUBMITTED draft back, to be submitted until its own instant."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select

from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.candidacies import management, submission
from backend.candidacies.enums import CandidacyStatus
from backend.core.audit import AuditEntry
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from backend.core.errors import DomainError, InvalidInput
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f

ADMIN = Actor(is_platform_admin=True)


@pytest.fixture
async def draft(session_factory, clock):
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    owner = await f.make_user(session_factory, now)
    org = await f.make_organisation(session_factory, now, owner)
    async with unit_of_work(session_factory) as uow:
        call = await f.open_call(
            uow.session, now, programme, funder, deadline_at=now + timedelta(hours=1)
        )
        candidacy = await f.prepare_candidacy(uow.session, now, f.applicant(owner, org), call, org)
    return call, candidacy, f.applicant(owner, org)


async def test_call_deadline_cannot_be_extended_once_passed(session_factory, clock, draft):
    call, _, _ = draft
    clock.advance(timedelta(hours=1))

    with pytest.raises(InvalidInput) as raised:
        async with unit_of_work(session_factory) as uow:
            await calls.extend_deadline(
                uow.session,
                actor=ADMIN,
                call_id=call.id,
                new_deadline=clock.now() + timedelta(days=1),
                now=clock.now(),
            )

    assert raised.value.problems[0].code == "DEADLINE_PASSED"


async def test_call_cannot_be_closed_by_hand_before_its_deadline(session_factory, clock, draft):
    call, _, _ = draft

    with pytest.raises(InvalidInput) as raised:
        async with unit_of_work(session_factory) as uow:
            await lifecycle.close_call_by_hand(
                uow.session, actor=ADMIN, call_id=call.id, now=clock.now()
            )

    assert raised.value.problems[0].code == "BEFORE_DEADLINE"


async def test_extension_reopens_a_draft_the_closing_marked_not_submitted(
    session_factory, clock, draft
):
    call, candidacy, applicant = draft
    clock.advance(timedelta(hours=1))
    async with unit_of_work(session_factory) as uow:
        await lifecycle.close_call_by_hand(
            uow.session, actor=ADMIN, call_id=call.id, now=clock.now()
        )

    async with unit_of_work(session_factory) as uow:
        reopened = await management.grant_extension(
            uow.session,
            actor=ADMIN,
            candidacy_id=candidacy.id,
            until=clock.now() + timedelta(hours=12),
            now=clock.now(),
        )

    clock.advance(timedelta(hours=11, minutes=59, seconds=59))
    async with unit_of_work(session_factory) as uow:
        receipt = await submission.submit_candidacy(
            uow.session, actor=applicant, candidacy_id=candidacy.id, now=clock.now()
        )

    async with session_factory() as session:
        closed_call = await session.get(type(call), call.id)
    assert closed_call.status is CallStatus.CLOSED
    assert reopened.status is CandidacyStatus.DRAFT
    assert receipt.candidacy.status is CandidacyStatus.SUBMITTED


async def _closed_with_extension(session_factory, clock, draft, *, hours: int):
    call, candidacy, _ = draft
    clock.advance(timedelta(hours=1))
    async with unit_of_work(session_factory) as uow:
        await lifecycle.close_call_by_hand(
            uow.session, actor=ADMIN, call_id=call.id, now=clock.now()
        )
    async with unit_of_work(session_factory) as uow:
        await management.grant_extension(
            uow.session, actor=ADMIN, candidacy_id=candidacy.id,
            until=clock.now() + timedelta(hours=hours), now=clock.now(),
        )  # fmt: skip
    return call, candidacy


async def test_evaluation_waits_for_a_running_individual_extension(session_factory, clock, draft):
    # Arrange
    call, candidacy = await _closed_with_extension(session_factory, clock, draft, hours=12)

    # Act
    with pytest.raises(InvalidInput) as raised:
        async with unit_of_work(session_factory) as uow:
            await lifecycle.move_call(
                uow.session, actor=ADMIN, call_id=call.id, to=CallStatus.IN_EVALUATION,
                now=clock.now(),
            )  # fmt: skip

    # Assert: refused, nothing changed.
    assert raised.value.problems[0].code == "EXTENSIONS_RUNNING"
    assert "1 candidacies" in raised.value.problems[0].message
    async with session_factory() as session:
        assert (await session.get(type(call), call.id)).status is CallStatus.CLOSED
        assert (await session.get(type(candidacy), candidacy.id)).status is CandidacyStatus.DRAFT


async def test_evaluation_settles_the_drafts_whose_extension_ended(session_factory, clock, draft):
    # Arrange: the extension ended, the sweeper has not run.
    call, candidacy = await _closed_with_extension(session_factory, clock, draft, hours=2)
    clock.advance(timedelta(hours=2))

    # Act
    async with unit_of_work(session_factory) as uow:
        moved = await lifecycle.move_call(
            uow.session, actor=ADMIN, call_id=call.id, to=CallStatus.IN_EVALUATION,
            now=clock.now(),
        )  # fmt: skip

    # Assert: no draft outlives the closing stage.
    assert moved.status is CallStatus.IN_EVALUATION
    async with session_factory() as session:
        settled = await session.get(type(candidacy), candidacy.id)
    assert settled.status is CandidacyStatus.NOT_SUBMITTED


async def test_only_the_calls_managers_learn_about_running_extensions(
    session_factory, clock, draft
):
    # Arrange
    call, _ = await _closed_with_extension(session_factory, clock, draft, hours=12)
    _, _, applicant = draft

    # Act
    with pytest.raises(DomainError) as raised:
        async with unit_of_work(session_factory) as uow:
            await lifecycle.move_call(
                uow.session, actor=applicant, call_id=call.id, to=CallStatus.IN_EVALUATION,
                now=clock.now(),
            )  # fmt: skip

    # Assert
    assert not isinstance(raised.value, InvalidInput)


async def test_an_extensions_reason_is_kept_in_the_audit_trail(session_factory, clock, draft):
    _, candidacy, _ = draft
    until = clock.now() + timedelta(days=2)

    async with unit_of_work(session_factory) as uow:
        await management.grant_extension(
            uow.session, actor=ADMIN, candidacy_id=candidacy.id, until=until,
            now=clock.now(), reason="  Panne du SI hospitalier le dernier soir  ",
        )  # fmt: skip

    async with session_factory() as session:
        entry = (
            await session.exec(
                select(AuditEntry).where(
                    col(AuditEntry.action) == "candidacy.extension_granted",
                    col(AuditEntry.object_id) == str(candidacy.id),
                )
            )
        ).one()
    assert entry.after is not None
    assert entry.after["reason"] == "Panne du SI hospitalier le dernier soir"


async def test_an_extensions_reason_over_2000_characters_is_refused(session_factory, clock, draft):
    _, candidacy, _ = draft

    with pytest.raises(InvalidInput) as raised:
        async with unit_of_work(session_factory) as uow:
            await management.grant_extension(
                uow.session, actor=ADMIN, candidacy_id=candidacy.id,
                until=clock.now() + timedelta(days=2), now=clock.now(), reason="x" * 2001,
            )  # fmt: skip

    assert [(p.field, p.code) for p in raised.value.problems] == [("reason", "TOO_LONG")]
