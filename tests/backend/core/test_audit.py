"""The audit trail: one entry per state change, in the same transaction, and a chain that
detects alteration, deletion, truncation and forgery."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import select
from typer.testing import CliRunner

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind, Role
from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.calls.inputs import CallChanges
from backend.calls.models import Funder
from backend.cli import app as cli_app
from backend.core import audit
from backend.core.audit import AuditEntry, AuditHead, ChainProblem, verify_chain
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from backend.core.errors import InvalidInput
from backend.core.settings import get_settings
from tests.support.factories import (
    PASSWORD,
    call_input,
    make_funder,
    make_user,
)

ADMIN = Actor(is_platform_admin=True)


def _key() -> str:
    return get_settings().secret_key


async def _entries(session_factory) -> list[AuditEntry]:
    async with session_factory() as session:
        return list((await session.exec(select(AuditEntry).order_by(AuditEntry.seq))).all())


async def _head(session_factory) -> AuditHead:
    async with session_factory() as session:
        return (await session.exec(select(AuditHead))).one()


async def _verify(session_factory) -> list[ChainProblem]:
    async with session_factory() as session:
        return await verify_chain(session, key=_key())


async def _chain_of_three(session_factory, now) -> None:
    for _ in range(3):
        await make_funder(session_factory, now)


async def _execute(session_factory, sql: str, **params) -> None:
    statement = sa.text(sql)
    if "after" in params:
        statement = statement.bindparams(sa.bindparam("after", type_=sa.JSON))
    async with unit_of_work(session_factory) as uow:
        await (await uow.session.connection()).execute(statement, params)


# --- one entry per state change, in the same transaction -----------------------------------


async def test_services_each_state_change_writes_exactly_one_entry(session_factory, clock):
    # Arrange
    now = clock.now()
    seen: list[str] = []

    async def step(work) -> object:
        before = len(await _entries(session_factory))
        async with unit_of_work(session_factory) as uow:
            result = await work(uow.session)
        entries = await _entries(session_factory)
        assert len(entries) == before + 1, f"after {seen[-1:]}"
        seen.append(entries[-1].action)
        return result

    # Act
    funder = await step(
        lambda s: calls.create_funder(
            s, actor=ADMIN, code="MSS", name="Ministère", country="FR", now=now
        )
    )
    programme = await step(
        lambda s: calls.create_programme(
            s, actor=ADMIN, funder_id=funder.id, code="PROG-1", name="P", now=now
        )
    )
    call = await step(
        lambda s: calls.create_call(
            s, actor=ADMIN, data=call_input(programme, funder, now), now=now
        )
    )
    await step(
        lambda s: calls.update_call(
            s, actor=ADMIN, call_id=call.id, changes=CallChanges(title={"fr": "Nouveau"}), now=now
        )
    )
    await step(lambda s: calls.publish_call(s, actor=ADMIN, call_id=call.id, now=now))
    await step(lambda s: calls.open_due_calls(s, now=now))
    await step(
        lambda s: calls.extend_deadline(
            s, actor=ADMIN, call_id=call.id, new_deadline=now + timedelta(days=60), now=now
        )
    )
    await step(
        lambda s: calls.transition_call(
            s, actor=ADMIN, call_id=call.id, to=CallStatus.CLOSED, now=now
        )
    )
    user = await step(
        lambda s: accounts.create_user(
            s,
            actor=ADMIN,
            email="manager@example.org",
            full_name="Manager",
            password=PASSWORD,
            now=now,
        )
    )
    await step(
        lambda s: accounts.grant_role(
            s,
            actor=ADMIN,
            user_id=user.id,
            role=Role.PROGRAMME_MANAGER,
            funder_id=funder.id,
            now=now,
        )
    )
    await step(lambda s: accounts.attempt_login(s, email=user.email, password="wrong", now=now))
    issued = await step(
        lambda s: accounts.attempt_login(s, email=user.email, password=PASSWORD, now=now)
    )
    actor = Actor(user_id=user.id, token_id=issued.record.id)
    api = await step(
        lambda s: accounts.create_api_token(s, actor=actor, name="ci", now=now, expires_at=None)
    )
    await step(lambda s: accounts.revoke_api_token(s, actor=actor, token_id=api.record.id, now=now))
    org = await step(
        lambda s: accounts.create_organisation(
            s,
            actor=actor,
            data=accounts.OrganisationInput(
                "Charité", OrganisationKind.HEALTH_ESTABLISHMENT, "DE", registry_id="HRA 1"
            ),
            now=now,
        )
    )
    other = await make_user(session_factory, now)
    seen.append("user.created")
    await step(
        lambda s: accounts.add_member(
            s,
            actor=Actor(user_id=user.id, organisation_ids=frozenset({org.id})),
            organisation_id=org.id,
            email=other.email,
            role=MembershipRole.MEMBER,
            now=now,
        )
    )
    await step(lambda s: accounts.logout(s, actor=actor, now=now))

    # Assert
    assert seen == [
        "funder.created",
        "programme.created",
        "call.created",
        "call.updated",
        "call.published",
        "call.open",
        "call.deadline_extended",
        "call.closed",
        "user.created",
        "role.granted",
        "user.login_failed",
        "user.login",
        "api_token.created",
        "token.revoked",
        "organisation.created",
        "user.created",
        "organisation.member_added",
        "token.revoked",
    ]
    assert await _verify(session_factory) == []


async def test_unit_of_work_failing_service_rolls_back_change_and_entry(session_factory, clock):
    # Arrange
    now = clock.now()
    await make_funder(session_factory, now)
    head_before = await _head(session_factory)

    # Act
    with pytest.raises(InvalidInput):
        async with unit_of_work(session_factory) as uow:
            funder = await calls.create_funder(
                uow.session, actor=ADMIN, code="ROLLED-BACK", name="F", country="FR", now=now
            )
            await calls.create_programme(
                uow.session, actor=ADMIN, funder_id=funder.id, code="x", name="", now=now
            )

    # Assert
    async with session_factory() as session:
        codes = (await session.exec(select(Funder.code))).all()
    assert "ROLLED-BACK" not in codes
    assert [e.action for e in await _entries(session_factory)] == ["funder.created"]
    head_after = await _head(session_factory)
    assert (head_after.seq, head_after.hash) == (head_before.seq, head_before.hash)


async def test_record_entry_visible_inside_transaction_before_commit(session_factory, clock):
    # Arrange
    now = clock.now()

    # Act
    async with unit_of_work(session_factory) as uow:
        funder = await calls.create_funder(
            uow.session, actor=ADMIN, code="INSIDE", name="F", country="FR", now=now
        )
        inside = (
            await uow.session.exec(select(AuditEntry).where(AuditEntry.object_id == str(funder.id)))
        ).all()
        outside = await _entries(session_factory)

    # Assert
    assert len(inside) == 1
    assert outside == []
    assert len(await _entries(session_factory)) == 1


# --- verify_chain -------------------------------------------------------------------------


async def test_verify_chain_intact_chain_has_no_problem(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())

    # Act
    problems = await _verify(session_factory)

    # Assert
    assert problems == []
    entries = await _entries(session_factory)
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == audit.GENESIS_HASH
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]


async def test_verify_chain_empty_chain_has_no_problem(session_factory):
    # Act
    problems = await _verify(session_factory)

    # Assert
    assert problems == []


async def test_verify_chain_altered_entry_detected(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())

    # Act
    await _execute(
        session_factory,
        "UPDATE audit_entry SET after = :after WHERE seq = 2",
        after={"code": "FORGED"},
    )
    problems = await _verify(session_factory)

    # Assert
    assert problems == [ChainProblem(2, "entry altered (hash mismatch)")]


async def test_verify_chain_altered_occurred_at_detected(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())
    entries = await _entries(session_factory)

    # Act
    async with unit_of_work(session_factory) as uow:
        await (await uow.session.connection()).execute(
            sa.update(AuditEntry)
            .where(AuditEntry.seq == 1)
            .values(occurred_at=entries[0].occurred_at - timedelta(days=1))
        )
    problems = await _verify(session_factory)

    # Assert
    assert [p.seq for p in problems] == [1]


async def test_verify_chain_deleted_middle_entry_detected(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())

    # Act
    await _execute(session_factory, "DELETE FROM audit_entry WHERE seq = 2")
    problems = await _verify(session_factory)

    # Assert
    assert ChainProblem(2, "entries 2..2 missing") in problems
    assert ChainProblem(3, "previous hash does not match") in problems


async def test_verify_chain_deleted_last_entry_detected_by_head(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())

    # Act
    await _execute(session_factory, "DELETE FROM audit_entry WHERE seq = 3")
    problems = await _verify(session_factory)

    # Assert
    assert problems == [ChainProblem(2, "chain ends at 2, head says 3")]


async def test_verify_chain_all_entries_deleted_detected_by_head(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())

    # Act
    await _execute(session_factory, "DELETE FROM audit_entry")
    problems = await _verify(session_factory)

    # Assert
    assert problems == [ChainProblem(0, "chain ends at 0, head says 3")]


async def test_verify_chain_forged_plain_sha256_entry_detected(session_factory, clock):
    # Arrange: the forger rewrites the last entry and the head consistently, but has no key.
    await _chain_of_three(session_factory, clock.now())
    last = (await _entries(session_factory))[-1]
    last.after = {"code": "FORGED"}
    forged_hash = hashlib.sha256(audit._canonical(last)).hexdigest()

    # Act
    await _execute(
        session_factory,
        "UPDATE audit_entry SET after = :after, hash = :hash WHERE seq = 3",
        after={"code": "FORGED"},
        hash=forged_hash,
    )
    await _execute(session_factory, "UPDATE audit_head SET hash = :hash", hash=forged_hash)
    problems = await _verify(session_factory)

    # Assert
    assert problems == [ChainProblem(3, "entry altered (hash mismatch)")]


async def test_verify_chain_wrong_key_flags_every_entry(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())

    # Act
    async with session_factory() as session:
        problems = await verify_chain(session, key="another-key-" * 4)

    # Assert
    assert [p.seq for p in problems] == [1, 2, 3]


async def test_verify_chain_small_batches_walk_whole_chain(session_factory, clock):
    # Arrange
    for _ in range(5):
        await make_funder(session_factory, clock.now())
    await _execute(session_factory, "DELETE FROM audit_entry WHERE seq = 4")

    # Act
    async with session_factory() as session:
        problems = await verify_chain(session, key=_key(), batch=2)

    # Assert
    assert ChainProblem(4, "entries 4..4 missing") in problems
    assert ChainProblem(5, "previous hash does not match") in problems


async def test_record_non_utc_now_still_verifies(session_factory, clock):
    # Arrange
    paris_now = clock.now().astimezone(ZoneInfo("Europe/Paris"))

    # Act
    async with unit_of_work(session_factory) as uow:
        await calls.create_funder(
            uow.session, actor=ADMIN, code="PARIS-NOW", name="F", country="FR", now=paris_now
        )
    problems = await _verify(session_factory)

    # Assert
    assert problems == []


async def test_record_long_lived_session_does_not_fork_chain(session_factory, clock):
    # Arrange: a session that still holds the head it saw, while another session appends.
    now = clock.now()
    async with session_factory() as long_lived:
        await audit.record(
            long_lived, actor=ADMIN, action="t.one", object_type="t", object_id="1", now=now
        )
        await long_lived.commit()
        held_head = (await long_lived.exec(select(AuditHead))).one()
        await long_lived.commit()
        await make_funder(session_factory, now)

        # Act
        await audit.record(
            long_lived, actor=ADMIN, action="t.three", object_type="t", object_id="3", now=now
        )
        await long_lived.commit()

    # Assert
    assert held_head.seq == 3
    assert [e.seq for e in await _entries(session_factory)] == [1, 2, 3]
    assert await _verify(session_factory) == []


async def test_record_concurrent_units_of_work_keep_one_chain(session_factory, clock):
    # Arrange
    now = clock.now()

    # Act
    await asyncio.gather(*(make_funder(session_factory, now) for _ in range(8)))

    # Assert
    assert [e.seq for e in await _entries(session_factory)] == list(range(1, 9))
    assert await _verify(session_factory) == []


# --- the CLI ------------------------------------------------------------------------------


def _run_cli(settings) -> object:
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(
            cli_app, ["audit", "verify"], env={"AAP_DATABASE_URL": settings.database_url}
        )
    finally:
        get_settings.cache_clear()


async def test_cli_audit_verify_intact_chain_exits_zero(session_factory, settings, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())

    # Act
    result = await asyncio.to_thread(_run_cli, settings)

    # Assert
    assert result.exit_code == 0, result.output
    assert "audit chain intact" in result.output


async def test_cli_audit_verify_altered_chain_exits_one(session_factory, settings, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())
    await _execute(
        session_factory, "UPDATE audit_entry SET after = :after WHERE seq = 2", after={"x": 1}
    )

    # Act
    result = await asyncio.to_thread(_run_cli, settings)

    # Assert
    assert result.exit_code == 1
    assert "entry 2: entry altered (hash mismatch)" in result.output


async def test_cli_audit_verify_truncated_chain_exits_one(session_factory, settings, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())
    await _execute(session_factory, "DELETE FROM audit_entry WHERE seq = 3")

    # Act
    result = await asyncio.to_thread(_run_cli, settings)

    # Assert
    assert result.exit_code == 1
    assert "head says 3" in result.output
