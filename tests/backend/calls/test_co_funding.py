"""Co-funders' consent: invited, not enrolled; no rights and no publication until accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlmodel import col, select

from backend.calls import co_funding, queries
from backend.calls import services as calls
from backend.calls.enums import CallStatus, CoFundingStatus
from backend.calls.inputs import CallChanges, FunderShareInput, TimelineInput
from backend.calls.models import Call, CallFunder, Funder, Programme
from backend.core.auth import Actor
from backend.core.clock import FrozenClock
from backend.core.db import SessionFactory, unit_of_work
from backend.core.errors import InvalidInput, NotFound, PermissionDenied
from backend.lifecycle import calls as lifecycle
from tests.support.factories import make_call, make_funder, make_programme, make_user

ADMIN = Actor(is_platform_admin=True)
HALF = 500_000_00


@dataclass
class World:
    factory: SessionFactory
    clock: FrozenClock
    lead: Funder
    co: Funder
    programme: Programme
    co_manager: Actor
    lead_manager: Actor

    @property
    def now(self) -> datetime:
        return self.clock.now()

    async def joint_call(self, status: CallStatus = CallStatus.DRAFT) -> Call:
        """A call of the lead's programme naming the co-funder, who has not answered."""
        return await make_call(
            self.factory,
            self.now,
            self.programme,
            self.lead,
            status=status,
            co_funders_accept=False,
            funders=[FunderShareInput(self.lead.id, HALF), FunderShareInput(self.co.id, HALF)],
        )


@pytest.fixture
async def world(session_factory, clock) -> World:
    now = clock.now()
    lead = await make_funder(session_factory, now)
    co = await make_funder(session_factory, now, name="Bundesministerium")
    programme = await make_programme(session_factory, now, lead)
    co_user = await make_user(session_factory, now)
    lead_user = await make_user(session_factory, now)
    return World(
        session_factory,
        clock,
        lead,
        co,
        programme,
        Actor(user_id=co_user.id, managed_funder_ids=frozenset({co.id})),
        Actor(user_id=lead_user.id, managed_funder_ids=frozenset({lead.id})),
    )


async def _consents(world: World, call: Call) -> dict:
    async with world.factory() as session:
        rows = (
            await session.exec(select(CallFunder).where(col(CallFunder.call_id) == call.id))
        ).all()
    return {row.funder_id: row.consent for row in rows}


async def _respond(world: World, actor: Actor, call: Call, funder: Funder, accept: bool) -> Call:
    async with unit_of_work(world.factory) as uow:
        return await co_funding.respond_to_co_funding(
            uow.session,
            actor=actor,
            call_id=call.id,
            funder_id=funder.id,
            accept=accept,
            now=world.now,
        )


async def _publish(world: World, actor: Actor, call: Call) -> Call:
    async with unit_of_work(world.factory) as uow:
        return await lifecycle.publish_call(
            uow.session, actor=actor, call_id=call.id, now=world.now
        )


async def test_a_named_co_funder_is_pending_and_the_lead_accepted(world):
    call = await world.joint_call()

    assert await _consents(world, call) == {
        world.lead.id: CoFundingStatus.ACCEPTED,
        world.co.id: CoFundingStatus.PENDING,
    }


async def test_a_pending_co_funder_has_no_rights_but_its_managers_read_the_call(world):
    # Arrange
    call = await world.joint_call()

    # Act
    async with world.factory() as session:
        funder_ids = (await queries.funder_ids_by_call(session, [call.id]))[call.id]
        readable = await queries.readable_call(session, world.co_manager, call.id)
        viewer = Actor(viewed_funder_ids=frozenset({world.co.id}))
        read_by_viewer = await queries.readable_call(session, viewer, call.id)
    with pytest.raises(PermissionDenied):
        async with unit_of_work(world.factory) as uow:
            await calls.update_call(
                uow.session,
                actor=world.co_manager,
                call_id=call.id,
                changes=CallChanges(title={"fr": "Pris en main"}),
                now=world.now,
            )

    # Assert
    assert funder_ids == [world.lead.id]
    assert readable is not None and read_by_viewer is None


@pytest.mark.parametrize(
    ("accept", "code"), [(None, "CO_FUNDER_PENDING"), (False, "CO_FUNDER_DECLINED")]
)
async def test_publication_refused_until_every_co_funder_accepted(world, accept, code):
    # Arrange
    call = await world.joint_call()
    if accept is not None:
        await _respond(world, world.co_manager, call, world.co, accept)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _publish(world, world.lead_manager, call)

    # Assert
    [problem] = caught.value.problems
    assert (problem.field, problem.code) == ("funders", code)
    assert "Bundesministerium" in problem.message
    async with world.factory() as session:
        assert (await session.get(Call, call.id)).status is CallStatus.DRAFT


async def test_accepted_co_funder_gets_its_rights_and_the_call_publishes(world):
    # Arrange
    call = await world.joint_call()

    # Act
    await _respond(world, world.co_manager, call, world.co, True)
    published = await _publish(world, world.co_manager, call)  # now a manager of the call

    # Assert
    assert published.status is CallStatus.PUBLISHED
    async with world.factory() as session:
        row = (
            await session.exec(
                select(CallFunder).where(
                    col(CallFunder.call_id) == call.id, col(CallFunder.funder_id) == world.co.id
                )
            )
        ).one()
    assert (row.consent, row.responded_at, row.responded_by_user_id) == (
        CoFundingStatus.ACCEPTED,
        world.now,
        world.co_manager.user_id,
    )


async def test_an_answer_may_change_until_publication_then_is_final(world):
    # Arrange
    call = await world.joint_call()
    await _respond(world, world.co_manager, call, world.co, False)
    await _respond(world, world.co_manager, call, world.co, True)
    await _publish(world, world.lead_manager, call)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _respond(world, world.co_manager, call, world.co, False)

    # Assert
    assert caught.value.problems[0].code == "CALL_PUBLISHED"
    assert (await _consents(world, call))[world.co.id] is CoFundingStatus.ACCEPTED


async def test_only_the_invited_funders_managers_answer(world):
    # Arrange
    call = await world.joint_call()
    stranger_user = await make_user(world.factory, world.now)
    stranger_funder = await make_funder(world.factory, world.now)
    stranger = Actor(user_id=stranger_user.id, managed_funder_ids=frozenset({stranger_funder.id}))
    admin = Actor(user_id=stranger_user.id, is_platform_admin=True)

    # Act / Assert
    with pytest.raises(NotFound):  # cannot even read the draft
        await _respond(world, stranger, call, world.co, True)
    with pytest.raises(PermissionDenied):  # consent is the funder's, not the platform's
        await _respond(world, admin, call, world.co, True)
    with pytest.raises(PermissionDenied):  # the lead does not answer for its co-funder
        await _respond(world, world.lead_manager, call, world.co, True)
    with pytest.raises(InvalidInput) as caught:  # and has nothing to answer itself
        await _respond(world, world.lead_manager, call, world.lead, False)
    assert caught.value.problems[0].code == "LEAD"
    assert (await _consents(world, call))[world.co.id] is CoFundingStatus.PENDING


async def test_a_new_share_asks_again_and_an_unchanged_one_keeps_its_answer(world):
    # Arrange
    call = await world.joint_call()
    await _respond(world, world.co_manager, call, world.co, True)

    async def edit(co_share: int) -> None:
        shares = [
            FunderShareInput(world.lead.id, 1_000_000_00 - co_share),
            FunderShareInput(world.co.id, co_share),
        ]
        async with unit_of_work(world.factory) as uow:
            await calls.update_call(
                uow.session,
                actor=world.lead_manager,
                call_id=call.id,
                changes=CallChanges(funders=shares),
                now=world.now,
            )

    # Act
    await edit(HALF)
    kept = (await _consents(world, call))[world.co.id]
    await edit(HALF - 1_00)
    asked_again = (await _consents(world, call))[world.co.id]

    # Assert
    assert (kept, asked_again) == (CoFundingStatus.ACCEPTED, CoFundingStatus.PENDING)


async def test_a_published_call_takes_no_new_co_funder(world):
    # Arrange: a call published by its lead alone, opening later so its structure is editable

    timeline = TimelineInput(
        "Europe/Paris", world.now + timedelta(days=1), world.now + timedelta(days=30)
    )
    call = await make_call(
        world.factory,
        world.now,
        world.programme,
        world.lead,
        status=CallStatus.PUBLISHED,
        timeline=timeline,
    )
    shares = [FunderShareInput(world.lead.id, HALF), FunderShareInput(world.co.id, HALF)]

    # Act
    with pytest.raises(InvalidInput) as caught:
        async with unit_of_work(world.factory) as uow:
            await calls.update_call(
                uow.session,
                actor=world.lead_manager,
                call_id=call.id,
                changes=CallChanges(funders=shares),
                now=world.now,
            )

    # Assert
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("funders[1].funderId", "CONSENT_REQUIRED")
    ]
    assert set(await _consents(world, call)) == {world.lead.id}
