"""Enqueueing: one row per dedupe key, written in the caller's transaction."""

from __future__ import annotations

import asyncio
import os
from datetime import datetime

import pytest
import sqlalchemy as sa

from backend.core.db import unit_of_work
from backend.core.i18n import Language
from backend.notifications.enums import NotificationStatus
from backend.notifications.services import enqueue, enqueue_for_users
from backend.notifications.templates import InvalidContext, UnknownTemplate
from tests.backend.notifications.outbox_support import (
    RECEIPT_CONTEXT,
    all_notifications,
    enqueue_receipt,
    make_person,
)

ON_POSTGRES = os.environ.get("AAP_DATABASE_URL", "sqlite").startswith("postgresql")
SUMMARY = {"call_title": "Appel IA", "submitted_count": 3, "drafts_left_count": 1}


async def test_enqueue_writes_pending_row_in_the_users_language(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now, Language.DE)

    # Act
    created = await enqueue_receipt(session_factory, now, user, key="receipt:1")

    # Assert
    [row] = await all_notifications(session_factory)
    assert created is not None and row.id == created.id
    assert (row.user_id, row.email, row.language) == (user.id, user.email, Language.DE)
    assert (row.template, row.context, row.dedupe_key) == (
        "submission_receipt",
        RECEIPT_CONTEXT,
        "receipt:1",
    )
    assert (row.status, row.attempts, row.next_attempt_at) == (NotificationStatus.PENDING, 0, now)
    assert row.created_at == now and row.sent_at is None and row.last_error is None


async def test_enqueue_same_key_twice_keeps_one_row(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)
    first = await enqueue_receipt(session_factory, now, user, key="reminder:J-7:call:user")

    # Act
    second = await enqueue_receipt(session_factory, now, user, key="reminder:J-7:call:user")

    # Assert
    assert first is not None and second is None
    assert [n.id for n in await all_notifications(session_factory)] == [first.id]


async def test_enqueue_concurrent_sessions_same_key_create_one_row(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)

    # Act: five workers enqueue the same reminder at once, each in its own transaction.
    results = await asyncio.gather(
        *(enqueue_receipt(session_factory, now, user, key="reminder:same") for _ in range(5))
    )

    # Assert
    created = [r for r in results if r is not None]
    assert len(created) == 1
    assert [n.id for n in await all_notifications(session_factory)] == [created[0].id]


async def _wait_until_a_query_waits_on_a_lock(session_factory) -> None:
    """PostgreSQL: poll until another backend waits on a lock (the duplicate insert)."""
    for _ in range(500):
        async with session_factory() as session:
            connection = await session.connection()
            waiting = (
                await connection.execute(
                    sa.text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    )
                )
            ).scalar_one()
        if waiting:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the second insert never waited for the first transaction")


async def test_enqueue_waits_for_uncommitted_duplicate_then_does_nothing(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)

    # Act: the second enqueue starts while the first transaction is still open.
    async with unit_of_work(session_factory) as uow:
        first = await enqueue(
            uow.session,
            user=user,
            template="submission_receipt",
            context=RECEIPT_CONTEXT,
            dedupe_key="receipt:race",
            now=now,
        )
        second_task = asyncio.create_task(
            enqueue_receipt(session_factory, now, user, key="receipt:race")
        )
        if ON_POSTGRES:
            await _wait_until_a_query_waits_on_a_lock(session_factory)
        else:
            await asyncio.sleep(0.05)  # SQLite: the second BEGIN IMMEDIATE queues meanwhile
    second = await second_task

    # Assert
    assert first is not None and second is None
    assert [n.id for n in await all_notifications(session_factory)] == [first.id]


async def test_enqueue_rolled_back_with_the_state_change_leaves_nothing(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)

    # Act
    with pytest.raises(RuntimeError, match="state change failed"):
        async with unit_of_work(session_factory) as uow:
            await enqueue(
                uow.session,
                user=user,
                template="submission_receipt",
                context=RECEIPT_CONTEXT,
                dedupe_key="receipt:rolled-back",
                now=now,
            )
            raise RuntimeError("state change failed")

    # Assert: nothing left, and the key is free for the retried state change.
    assert await all_notifications(session_factory) == []
    assert await enqueue_receipt(session_factory, now, user, key="receipt:rolled-back")


async def test_enqueue_unknown_template_fails_the_caller(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)

    # Act / Assert
    with pytest.raises(UnknownTemplate):
        async with unit_of_work(session_factory) as uow:
            await enqueue(
                uow.session,
                user=user,
                template="no_such_template",
                context={},
                dedupe_key="x",
                now=now,
            )
    assert await all_notifications(session_factory) == []


@pytest.mark.parametrize(
    "context",
    [
        {**RECEIPT_CONTEXT, "submitted_at_local": datetime(2026, 3, 2)},  # not JSON
        {k: v for k, v in RECEIPT_CONTEXT.items() if k != "reference"},  # key missing
    ],
)
async def test_enqueue_context_that_cannot_render_fails_the_caller(session_factory, clock, context):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)

    # Act / Assert
    with pytest.raises(InvalidContext):
        async with unit_of_work(session_factory) as uow:
            await enqueue(
                uow.session,
                user=user,
                template="submission_receipt",
                context=context,
                dedupe_key="x",
                now=now,
            )


async def test_enqueue_for_users_one_row_per_user_and_rerun_adds_only_new(session_factory, clock):
    # Arrange
    now = clock.now()
    alice, bob, carol = [await make_person(session_factory, now, lang) for lang in Language]

    # Act
    async with unit_of_work(session_factory) as uow:
        first = await enqueue_for_users(
            uow.session,
            users=[alice, bob, alice],
            template="call_closed_summary",
            context=SUMMARY,
            dedupe_key="closed:call-1",
            now=now,
        )
    async with unit_of_work(session_factory) as uow:
        rerun = await enqueue_for_users(
            uow.session,
            users=[alice, bob, carol],
            template="call_closed_summary",
            context=SUMMARY,
            dedupe_key="closed:call-1",
            now=now,
        )

    # Assert
    assert sorted(n.user_id for n in first) == sorted([alice.id, bob.id])
    assert [n.user_id for n in rerun] == [carol.id]
    rows = await all_notifications(session_factory)
    assert sorted(n.dedupe_key for n in rows) == sorted(
        f"closed:call-1:{u.id}" for u in (alice, bob, carol)
    )
    assert {n.user_id: n.language for n in rows} == {
        alice.id: Language.FR,
        bob.id: Language.EN,
        carol.id: Language.DE,
    }


async def test_enqueue_for_users_with_nobody_does_nothing(session_factory, clock):
    # Act
    async with unit_of_work(session_factory) as uow:
        created = await enqueue_for_users(
            uow.session,
            users=[],
            template="call_closed_summary",
            context=SUMMARY,
            dedupe_key="closed:call-2",
            now=clock.now(),
        )

    # Assert
    assert created == []
