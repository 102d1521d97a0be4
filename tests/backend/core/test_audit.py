"""The audit trail: one entry per state change, in the same transaction, recorded unsealed
without a lock; the sealer chains pending entries in order, once, without forking; the chain
detects alteration, deletion, truncation and forgery, and entries left unsealed too long."""

from __future__ import annotations

import asyncio
import hashlib
import os
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import col, select
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
from backend.core.clock import utcnow
from backend.core.db import unit_of_work
from backend.core.errors import InvalidInput
from backend.core.settings import get_settings
from backend.lifecycle import calls as lifecycle
from tests.support.audit import seal_all, sealed_chain, sealed_entries
from tests.support.factories import (
    PASSWORD,
    call_input,
    make_funder,
    make_user,
)

ADMIN = Actor(is_platform_admin=True)


def _key() -> str:
    return get_settings().secret_key


on_postgres = pytest.mark.skipif(
    not os.environ.get("AAP_DATABASE_URL", "sqlite").startswith("postgresql"),
    reason="row locks and concurrent writers: PostgreSQL (SQLite has one writer at a time)",
)


async def _entries(session_factory) -> list[AuditEntry]:
    """Every entry, sealed or not, in the order the sealer would chain the pending ones."""
    async with session_factory() as session:
        stmt = select(AuditEntry).order_by(
            col(AuditEntry.seq).is_(None),
            col(AuditEntry.seq),
            col(AuditEntry.occurred_at),
            col(AuditEntry.id),
        )
        return list((await session.exec(stmt)).all())


async def _head(session_factory) -> AuditHead:
    async with session_factory() as session:
        return (await session.exec(select(AuditHead))).one()


async def _verify(session_factory, *, now=None) -> list[ChainProblem]:
    async with session_factory() as session:
        return await verify_chain(session, key=_key(), now=now)


async def _seal(session_factory, *, limit: int = audit.SEAL_BATCH) -> int:
    async with unit_of_work(session_factory) as uow:
        return await audit.seal_pending(uow.session, key=_key(), limit=limit)


async def _seal_until_done(session_factory, *, limit: int) -> int:
    sealed = 0
    while batch := await _seal(session_factory, limit=limit):
        sealed += batch
    return sealed


async def _record(session_factory, now, action: str = "t.done", object_id: str = "1") -> None:
    async with unit_of_work(session_factory) as uow:
        await audit.record(
            uow.session, actor=ADMIN, action=action, object_type="t", object_id=object_id, now=now
        )


async def _chain_of_three(session_factory, now) -> None:
    for _ in range(3):
        await make_funder(session_factory, now)
    await seal_all(session_factory)


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
    await step(lambda s: lifecycle.publish_call(s, actor=ADMIN, call_id=call.id, now=now))
    await step(lambda s: lifecycle.open_due_calls(s, now=now))
    deadline = now + timedelta(days=60)
    await step(
        lambda s: calls.extend_deadline(
            s, actor=ADMIN, call_id=call.id, new_deadline=deadline, now=now
        )
    )
    now = deadline  # a call closes at its deadline, not before; the rest happens then
    await step(
        lambda s: lifecycle.move_call(
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
        "user.login",
        "api_token.created",
        "token.revoked",
        "organisation.created",
        "user.created",
        "organisation.member_added",
        "token.revoked",
    ]
    assert [e.action for e in await sealed_entries(session_factory)] == seen  # recording order
    assert await _verify(session_factory) == []


async def test_unit_of_work_failing_service_rolls_back_change_and_entry(session_factory, clock):
    # Arrange
    now = clock.now()
    await make_funder(session_factory, now)
    await seal_all(session_factory)
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
    assert await seal_all(session_factory) == 0  # nothing of the rolled-back one to seal
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


# --- record: a plain insert, unsealed -------------------------------------------------------


async def test_record_leaves_entry_unsealed_and_head_untouched(session_factory, clock):
    # Arrange
    now = clock.now()

    # Act
    async with unit_of_work(session_factory) as uow:
        returned = await audit.record(
            uow.session,
            actor=ADMIN,
            action="t.done",
            object_type="t",
            object_id="1",
            now=now,
            after={"when": now},
        )

    # Assert
    [stored] = await _entries(session_factory)
    assert (returned.seq, returned.prev_hash, returned.hash) == (None, None, None)
    assert (stored.seq, stored.prev_hash, stored.hash) == (None, None, None)
    assert (stored.occurred_at, stored.after) == (now, {"when": str(now)})
    head = await _head(session_factory)
    assert (head.seq, head.hash) == (0, audit.GENESIS_HASH)


async def test_record_is_one_insert_and_takes_no_lock(session_factory, clock, count_queries):
    # Arrange
    now = clock.now()

    # Act
    async with unit_of_work(session_factory) as uow:
        count_queries.active = True
        await audit.record(
            uow.session, actor=ADMIN, action="t.done", object_type="t", object_id="1", now=now
        )
        count_queries.active = False

    # Assert
    assert len(count_queries.statements) == 1
    assert count_queries.statements[0].startswith("INSERT INTO audit_entry")


@on_postgres
async def test_record_does_not_wait_for_a_sealer_holding_the_head(session_factory, clock):
    # Arrange
    now = clock.now()
    await make_funder(session_factory, now)

    # Act: a sealer holds the head's row lock while another transaction records and commits.
    async with unit_of_work(session_factory) as sealer:
        sealed = await audit.seal_pending(sealer.session, key=_key())
        funder = await asyncio.wait_for(make_funder(session_factory, now), timeout=10)

    # Assert
    assert sealed == 1
    assert await seal_all(session_factory) == 1
    assert (await _entries(session_factory))[-1].object_id == str(funder.id)


# --- seal_pending ---------------------------------------------------------------------------


async def test_seal_pending_chains_by_occurred_at_then_recording_order(session_factory, clock):
    # Arrange: recorded out of time order; the last two at the same instant.
    now = clock.now()
    for minutes, name in ((2, "c"), (0, "a"), (1, "b"), (3, "d1"), (3, "d2")):
        await _record(session_factory, now + timedelta(minutes=minutes), action=f"t.{name}")

    # Act
    sealed = await _seal(session_factory)

    # Assert
    entries = await _entries(session_factory)
    assert sealed == 5
    assert [(e.seq, e.action) for e in entries] == [
        (1, "t.a"),
        (2, "t.b"),
        (3, "t.c"),
        (4, "t.d1"),
        (5, "t.d2"),
    ]
    assert entries[0].prev_hash == audit.GENESIS_HASH
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    head = await _head(session_factory)
    assert (head.seq, head.hash) == (5, entries[-1].hash)
    assert await _verify(session_factory) == []


async def test_seal_pending_second_run_seals_nothing_and_changes_nothing(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())
    before = [(e.id, e.seq, e.hash) for e in await _entries(session_factory)]
    head_before = await _head(session_factory)

    # Act
    sealed = await _seal(session_factory)

    # Assert
    assert sealed == 0
    assert [(e.id, e.seq, e.hash) for e in await _entries(session_factory)] == before
    head = await _head(session_factory)
    assert (head.seq, head.hash) == (head_before.seq, head_before.hash)


async def test_seal_pending_limit_seals_in_batches_that_continue_the_chain(session_factory, clock):
    # Arrange
    for i in range(5):
        await _record(session_factory, clock.now(), object_id=str(i))

    # Act
    batches = [await _seal(session_factory, limit=2) for _ in range(4)]

    # Assert
    assert batches == [2, 2, 1, 0]
    assert [e.object_id for e in await _entries(session_factory)] == ["0", "1", "2", "3", "4"]
    assert await _verify(session_factory) == []


async def test_seal_pending_entry_committed_late_joins_a_later_batch(session_factory, clock):
    # Arrange: an entry that occurred earlier than one already sealed (a long transaction).
    now = clock.now()
    await _record(session_factory, now + timedelta(seconds=30), action="t.quick")
    await _seal(session_factory)

    # Act
    await _record(session_factory, now, action="t.slow")
    sealed = await _seal(session_factory)

    # Assert
    assert sealed == 1
    assert [(e.seq, e.action) for e in await _entries(session_factory)] == [
        (1, "t.quick"),
        (2, "t.slow"),
    ]
    assert await _verify(session_factory) == []


async def test_seal_pending_without_head_row_creates_it(session_factory, clock):
    # Arrange
    await _record(session_factory, clock.now())
    await _execute(session_factory, "DELETE FROM audit_head")

    # Act
    sealed = await _seal(session_factory)

    # Assert
    assert sealed == 1
    assert (await _head(session_factory)).seq == 1
    assert await _verify(session_factory) == []


async def test_seal_pending_long_lived_session_does_not_fork_chain(session_factory, clock):
    # Arrange: a session that still holds the head it saw, while another session seals.
    now = clock.now()
    async with session_factory() as long_lived:
        await _record(session_factory, now, action="t.one")
        await audit.seal_pending(long_lived, key=_key())
        await long_lived.commit()
        held_head = (await long_lived.exec(select(AuditHead))).one()
        await long_lived.commit()
        await _record(session_factory, now, action="t.two")
        await _seal(session_factory)
        await _record(session_factory, now, action="t.three")

        # Act
        sealed = await audit.seal_pending(long_lived, key=_key())
        await long_lived.commit()

    # Assert
    assert (held_head.seq, sealed) == (3, 1)
    assert [(e.seq, e.action) for e in await _entries(session_factory)] == [
        (1, "t.one"),
        (2, "t.two"),
        (3, "t.three"),
    ]
    assert await _verify(session_factory) == []


async def test_seal_pending_in_the_recording_session_updates_its_entries(session_factory, clock):
    # Arrange
    now = clock.now()

    # Act
    async with unit_of_work(session_factory) as uow:
        entry = await audit.record(
            uow.session, actor=ADMIN, action="t.done", object_type="t", object_id="1", now=now
        )
        sealed = await audit.seal_pending(uow.session, key=_key())
        problems = await verify_chain(uow.session, key=_key(), now=now)

    # Assert
    [stored] = await _entries(session_factory)
    assert (sealed, problems) == (1, [])
    assert (entry.seq, entry.prev_hash, entry.hash) == (1, audit.GENESIS_HASH, stored.hash)


async def test_seal_pending_concurrent_sealers_build_one_chain(session_factory, clock):
    # Arrange
    for i in range(12):
        await _record(session_factory, clock.now(), object_id=str(i))

    # Act
    sealed = await asyncio.gather(*(_seal_until_done(session_factory, limit=5) for _ in range(3)))

    # Assert
    entries = await _entries(session_factory)
    assert sum(sealed) == 12
    assert [e.seq for e in entries] == list(range(1, 13))
    assert [e.object_id for e in entries] == [str(i) for i in range(12)]
    assert await _verify(session_factory) == []


async def test_seal_pending_while_writers_record_keeps_one_chain(session_factory, clock):
    # Arrange
    now = clock.now()

    # Act
    await asyncio.gather(
        *(make_funder(session_factory, now) for _ in range(8)),
        *(_seal_until_done(session_factory, limit=3) for _ in range(3)),
    )
    await seal_all(session_factory)

    # Assert
    assert [e.seq for e in await _entries(session_factory)] == list(range(1, 9))
    assert await _verify(session_factory) == []


@on_postgres
async def test_seal_pending_second_sealer_waits_for_the_first_then_finds_nothing(
    session_factory, clock
):
    # Arrange
    for i in range(3):
        await _record(session_factory, clock.now(), object_id=str(i))

    # Act: the first sealer holds the head; the second one starts meanwhile.
    async with unit_of_work(session_factory) as first:
        first_sealed = await audit.seal_pending(first.session, key=_key())
        second = asyncio.create_task(_seal(session_factory))
        await _until_a_lock_is_awaited(session_factory)
        waited = not second.done()
    second_sealed = await asyncio.wait_for(second, timeout=10)

    # Assert
    assert (first_sealed, waited, second_sealed) == (3, True, 0)
    assert [e.seq for e in await _entries(session_factory)] == [1, 2, 3]
    assert await _verify(session_factory) == []


async def _until_a_lock_is_awaited(session_factory, *, within: float = 10) -> None:
    """Poll PostgreSQL (bounded) until a session of this database waits for a lock."""
    query = sa.text(
        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE NOT l.granted AND a.datname = current_database()"
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while loop.time() < deadline:
        async with session_factory() as session:
            if (await (await session.connection()).execute(query)).scalar_one():
                return
        await asyncio.sleep(0.02)
    raise AssertionError("no session waited for the audit head's lock")


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
    await seal_all(session_factory)
    await _execute(session_factory, "DELETE FROM audit_entry WHERE seq = 4")

    # Act
    async with session_factory() as session:
        problems = await verify_chain(session, key=_key(), batch=2)

    # Assert
    assert ChainProblem(4, "entries 4..4 missing") in problems
    assert ChainProblem(5, "previous hash does not match") in problems


async def test_verify_chain_sealed_entry_made_pending_again_detected(session_factory, clock):
    # Arrange: someone clears the last entry's seal, hoping it gets re-sealed after an edit.
    await _chain_of_three(session_factory, clock.now())
    await _execute(
        session_factory,
        "UPDATE audit_entry SET seq = NULL, prev_hash = NULL, hash = NULL, after = :after"
        " WHERE seq = 3",
        after={"code": "FORGED"},
    )

    # Act
    before_resealing = await _verify(session_factory, now=clock.now())
    resealed = await seal_all(session_factory)
    after_resealing = await _verify(session_factory)

    # Assert
    assert before_resealing == [ChainProblem(2, "chain ends at 2, head says 3")]
    assert resealed == 1
    assert after_resealing == [
        ChainProblem(3, "entries 3..3 missing"),
        ChainProblem(4, "previous hash does not match"),
    ]


async def test_verify_chain_recent_pending_entries_are_not_a_problem(session_factory, clock):
    # Arrange
    await _chain_of_three(session_factory, clock.now())
    await _record(session_factory, clock.now())

    # Act
    problems = await _verify(session_factory, now=clock.now() + audit.STALE_AFTER)

    # Assert
    assert problems == []


async def test_verify_chain_entries_left_unsealed_too_long_reported(session_factory, clock):
    # Arrange
    now = clock.now()
    await _chain_of_three(session_factory, now)
    await _record(session_factory, now)
    await _record(session_factory, now + timedelta(seconds=1))
    await _record(session_factory, now + audit.STALE_AFTER)

    # Act
    problems = await _verify(session_factory, now=now + audit.STALE_AFTER + timedelta(seconds=2))

    # Assert
    assert problems == [
        ChainProblem(
            None,
            "2 entries recorded but not sealed since 2026-03-02 09:00:00 UTC:"
            " is the worker running?",
        )
    ]


async def test_record_non_utc_now_still_verifies(session_factory, clock):
    # Arrange
    paris_now = clock.now().astimezone(ZoneInfo("Europe/Paris"))

    # Act
    async with unit_of_work(session_factory) as uow:
        await calls.create_funder(
            uow.session, actor=ADMIN, code="PARIS-NOW", name="F", country="FR", now=paris_now
        )
    problems = await sealed_chain(session_factory)

    # Assert
    assert problems == []


# --- the CLI ------------------------------------------------------------------------------


def _run_cli(settings, command: str = "verify") -> object:
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(
            cli_app, ["audit", command], env={"AAP_DATABASE_URL": settings.database_url}
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
    assert "pending (recorded, not sealed yet): 0" in result.output
    assert "audit chain intact" in result.output


async def test_cli_audit_verify_recent_pending_entries_counted_exits_zero(
    session_factory, settings, clock
):
    # Arrange: the CLI reads the system clock; these entries are a second old.
    await _chain_of_three(session_factory, clock.now())
    recent = utcnow().replace(microsecond=0) - timedelta(seconds=1)
    await _record(session_factory, recent)
    await _record(session_factory, recent)

    # Act
    result = await asyncio.to_thread(_run_cli, settings)

    # Assert
    assert result.exit_code == 0, result.output
    assert (
        f"pending (recorded, not sealed yet): 2, the oldest from {recent:%Y-%m-%d %H:%M:%S} UTC"
        in result.output
    )
    assert "audit chain intact" in result.output


async def test_cli_audit_verify_entries_unsealed_too_long_exits_one(
    session_factory, settings, clock
):
    # Arrange: recorded at the frozen clock's instant, months before the system clock.
    await _record(session_factory, clock.now())

    # Act
    result = await asyncio.to_thread(_run_cli, settings)

    # Assert
    assert result.exit_code == 1
    assert (
        "1 entry recorded but not sealed since 2026-03-02 09:00:00 UTC: is the worker running?"
        in result.output
    )
    assert "pending (recorded, not sealed yet): 1" in result.output


async def test_cli_audit_seal_seals_everything_pending(session_factory, settings, clock):
    # Arrange
    for i in range(3):
        await _record(session_factory, clock.now(), object_id=str(i))

    # Act
    sealed = await asyncio.to_thread(_run_cli, settings, "seal")
    again = await asyncio.to_thread(_run_cli, settings, "seal")
    verified = await asyncio.to_thread(_run_cli, settings)

    # Assert
    assert (sealed.exit_code, again.exit_code) == (0, 0), sealed.output + again.output
    assert "sealed: 3" in sealed.output
    assert "sealed: 0" in again.output
    assert [e.seq for e in await _entries(session_factory)] == [1, 2, 3]
    assert verified.exit_code == 0, verified.output
    assert "audit chain intact" in verified.output


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
