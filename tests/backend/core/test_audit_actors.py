"""The audit trail says who acted: a user, an anonymous caller, the system or the scheduler.

These four used to be one identical actor ("no user"), so the trail could not tell a call
closed by its deadline from one closed by the demo seed or an unauthenticated request.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
import sqlalchemy as sa
from sqlmodel import col, select
from typer.testing import CliRunner

from backend.calls import services as calls
from backend.cli import app as cli_app
from backend.core import audit
from backend.core.audit import AuditEntry, ChainProblem, verify_chain
from backend.core.auth import ANONYMOUS, SCHEDULER, SYSTEM, Actor, ActorKind
from backend.core.db import unit_of_work
from backend.core.settings import get_settings
from backend.lifecycle import calls as lifecycle
from tests.support.audit import seal_all
from tests.support.factories import call_input, make_funder, make_programme

ADMIN = Actor(user_id=uuid.uuid4(), is_platform_admin=True)


async def _entries(session_factory, action: str | None = None) -> list[AuditEntry]:
    async with session_factory() as session:
        stmt = select(AuditEntry).order_by(col(AuditEntry.occurred_at), col(AuditEntry.id))
        if action is not None:
            stmt = stmt.where(AuditEntry.action == action)
        return list((await session.exec(stmt)).all())


async def _verify(session_factory) -> list[ChainProblem]:
    async with session_factory() as session:
        return await verify_chain(session, key=get_settings().secret_key)


@pytest.mark.parametrize(
    ("actor", "kind"),
    [
        (ADMIN, "user"),
        (ANONYMOUS, "anonymous"),
        (SYSTEM, "system"),
        (SCHEDULER, "scheduler"),
    ],
)
async def test_each_kind_of_actor_is_recorded_as_itself(session_factory, clock, actor, kind):
    # Act
    async with unit_of_work(session_factory) as uow:
        await audit.record(
            uow.session,
            actor=actor,
            action="t.done",
            object_type="t",
            object_id="1",
            now=clock.now(),
        )
    await seal_all(session_factory)

    # Assert
    (entry,) = await _entries(session_factory)
    assert entry.actor_kind == kind
    assert entry.actor_user_id == actor.user_id
    assert await _verify(session_factory) == []


def test_the_three_actors_without_a_user_are_told_apart():
    kinds = {ANONYMOUS.kind, SYSTEM.kind, SCHEDULER.kind}

    assert kinds == {ActorKind.ANONYMOUS, ActorKind.SYSTEM, ActorKind.SCHEDULER}
    assert ANONYMOUS != SYSTEM != SCHEDULER != ANONYMOUS
    assert Actor(user_id=uuid.uuid4(), service=ActorKind.SCHEDULER).kind is ActorKind.USER


async def test_a_call_opened_and_closed_by_the_clock_is_the_schedulers_doing(
    session_factory, clock
):
    # Arrange: a call published by a manager, then left to its dates
    now = clock.now()
    funder = await make_funder(session_factory, now)
    programme = await make_programme(session_factory, now, funder)
    async with unit_of_work(session_factory) as uow:
        call = await calls.create_call(
            uow.session, actor=ADMIN, data=call_input(programme, funder, now), now=now
        )
        await lifecycle.publish_call(uow.session, actor=ADMIN, call_id=call.id, now=now)

    # Act
    async with unit_of_work(session_factory) as uow:
        await lifecycle.open_due_calls(uow.session, now=call.opens_at)
    async with unit_of_work(session_factory) as uow:
        assert await lifecycle.close_call(uow.session, call_id=call.id, now=call.deadline_at)

    # Assert
    kinds = {e.action: e.actor_kind for e in await _entries(session_factory)}
    assert kinds["call.created"] == kinds["call.published"] == "user"
    assert kinds["call.open"] == kinds["call.closed"] == "scheduler"


def _create_user_from_cli(settings) -> object:
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(
            cli_app,
            ["create-user", "ops@example.org", "--name", "Ops", "--admin"],
            env={
                "AAP_DATABASE_URL": settings.database_url,
                "AAP_NEW_PASSWORD": "a-long-enough-password",
            },
        )
    finally:
        get_settings.cache_clear()


async def test_an_account_created_from_the_cli_is_the_systems_doing(session_factory, settings):
    # Act
    result = await asyncio.to_thread(_create_user_from_cli, settings)

    # Assert
    assert result.exit_code == 0, result.output
    entries = await _entries(session_factory, "user.created")
    assert [e.actor_kind for e in entries] == ["system"]
    assert [e.actor_kind for e in await _entries(session_factory, "role.granted")] == ["system"]
    assert entries[0].actor_user_id is None


async def test_an_entry_sealed_before_actor_kinds_existed_still_verifies(session_factory, clock):
    # Arrange: an entry as the previous release wrote it (no kind), sealed by its rules
    async with unit_of_work(session_factory) as uow:
        entry = await audit.record(
            uow.session,
            actor=SYSTEM,
            action="t.old",
            object_type="t",
            object_id="1",
            now=clock.now(),
        )
        entry.actor_kind = None
        uow.session.add(entry)
    await seal_all(session_factory)

    # Act
    problems = await _verify(session_factory)

    # Assert
    assert problems == []


@pytest.mark.parametrize(("recorded", "forged"), [("scheduler", "user"), ("system", None)])
async def test_changing_a_sealed_entrys_actor_kind_breaks_the_chain(
    session_factory, clock, recorded, forged
):
    # Arrange
    actor = {"scheduler": SCHEDULER, "system": SYSTEM}[recorded]
    async with unit_of_work(session_factory) as uow:
        await audit.record(
            uow.session,
            actor=actor,
            action="t.done",
            object_type="t",
            object_id="1",
            now=clock.now(),
        )
    await seal_all(session_factory)

    # Act
    async with unit_of_work(session_factory) as uow:
        await (await uow.session.connection()).execute(
            sa.text("UPDATE audit_entry SET actor_kind = :kind"), {"kind": forged}
        )
    problems = await _verify(session_factory)

    # Assert
    assert problems == [ChainProblem(1, "entry altered (hash mismatch)")]
