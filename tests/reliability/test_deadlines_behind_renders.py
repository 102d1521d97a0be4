"""Deadlines never wait behind renders: with 1,000 receipt renders queued and being rendered,
a call closes within 2 s of its deadline and another opens within 2 s of its opening, and the
mail the closing sends its manager goes out within seconds (mail has a queue of its own).

Everything is real: the renders are 1,000 submitted versions of a realistic candidacy, each
a genuine WeasyPrint render; the calls are published through the service, whose jobs the
API's queue defers to their instants; the workers are ``aap worker`` processes, as deployed
(one per queue) or as ``make run`` has them (every queue in one process, renders sharing the
interpreter with the deadlines: 16 s more, so only with ``AAP_SLOW_TESTS=1``). Instants are
a few seconds ahead on the real clock, the workers' clock.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from sqlmodel import col, select

from backend.accounts.enums import Role
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.calls.models import Call
from backend.core.audit import AuditEntry
from backend.core.auth import Actor
from backend.core.clock import utcnow
from backend.core.db import unit_of_work
from backend.core.jobs import Queue
from backend.core.storage import LocalStorage
from backend.lifecycle import calls as lifecycle
from backend.notifications.models import Notification
from tests.backend.candidacies.test_receipts import submit_realistic_candidacy
from tests.reliability.processes import (
    copies_of_version,
    enqueue_renders,
    poll,
    receipts_missing,
)
from tests.support import factories as f

RENDERS = 1000
LEAD = timedelta(seconds=3)
"""How far ahead of the real clock the deadline and the opening are set."""
WITHIN_S = 2.0
MAIL_WITHIN_S = 10.0
"""The mail worker polls every 0.5 s and the closing asks it to send at once."""
ADMIN = Actor(is_platform_admin=True)
SLOW = pytest.mark.skipif(not os.environ.get("AAP_SLOW_TESTS"), reason="AAP_SLOW_TESTS unset")


async def _queue_renders(session_factory, settings, api) -> list:
    submitted = await submit_realistic_candidacy(
        session_factory, utcnow(), LocalStorage(settings.storage_dir)
    )
    copies = await copies_of_version(
        session_factory, submitted.version, RENDERS - 1, submitted_at=utcnow()
    )
    versions = [submitted.version.id, *copies]
    assert await enqueue_renders(api, versions) == RENDERS
    return versions


async def _publish(session_factory, api, *, opens_at, deadline) -> Call:
    """A call published now through the service, with the API's job queue; its funder has a
    manager, whom the closing tells by mail."""
    now = utcnow()
    funder = await f.make_funder(session_factory, now)
    manager = await f.make_user(session_factory, now)
    await f.grant(session_factory, now, manager, Role.PROGRAMME_MANAGER, funder)
    programme = await f.make_programme(session_factory, now, funder)
    call = await f.make_call(
        session_factory, now, programme, funder,
        timeline=TimelineInput("Europe/Paris", opens_at, deadline),
    )  # fmt: skip
    async with unit_of_work(session_factory, jobs=api) as uow:
        return await lifecycle.publish_call(uow.session, actor=ADMIN, call_id=call.id, now=now)


async def _closing_mail_sent_at(session_factory):
    """When the closing summary went out (None while it waits)."""
    async with session_factory() as session:
        rows = (
            await session.exec(
                select(Notification.sent_at).where(
                    col(Notification.template) == "call_closed_summary"
                )
            )
        ).all()
    sent = [at for at in rows if at is not None]
    return max(sent) if sent else None


async def _status(session_factory, call_id) -> CallStatus:
    async with session_factory() as session:
        call = await session.get(Call, call_id)
        assert call is not None
        return call.status


async def _audited_at(session_factory, call_id, action: str):
    async with session_factory() as session:
        return (
            await session.exec(
                select(AuditEntry.occurred_at).where(
                    col(AuditEntry.object_id) == str(call_id), col(AuditEntry.action) == action
                )
            )
        ).one()


@pytest.mark.parametrize(
    "commands",
    [
        pytest.param(["time-critical", "heavy", "mail"], id="a-worker-per-queue"),
        pytest.param(["all"], id="one-worker-for-all", marks=SLOW),
    ],
)
async def test_a_call_closes_and_another_opens_on_time_behind_1000_queued_renders(
    session_factory, settings, redis_server, aap_workers, commands
):
    # Arrange: 1,000 renders queued; the workers started and rendering.
    api = redis_server.job_queue(settings)
    versions = await _queue_renders(session_factory, settings, api)
    for command in commands:
        aap_workers.start(command)
    await aap_workers.wait_healthy(Queue)

    async def rendering() -> bool:
        return await receipts_missing(session_factory, versions) < RENDERS

    await poll(rendering, within=30, what="the first render")

    # Act: a call whose deadline, and another whose opening, come in a few seconds.
    now = utcnow()
    closing = await _publish(
        session_factory, api, opens_at=now - timedelta(days=1), deadline=now + LEAD
    )
    opening = await _publish(
        session_factory, api, opens_at=now + LEAD, deadline=now + timedelta(days=30)
    )

    async def closed_and_opened() -> bool:
        closed = await _status(session_factory, closing.id) is CallStatus.CLOSED
        return closed and await _status(session_factory, opening.id) is CallStatus.OPEN

    await poll(closed_and_opened, within=LEAD.total_seconds() + 15, what="the deadline jobs")

    async def mailed() -> bool:
        return await _closing_mail_sent_at(session_factory) is not None

    await poll(mailed, within=MAIL_WITHIN_S + 5, what="the closing's mail")
    backlog = redis_server.queued(Queue.HEAVY)
    rendered = RENDERS - await receipts_missing(session_factory, versions)
    await api.close()

    # Assert: on time, while the renders were still queued.
    async with session_factory() as session:
        closed_at = (await session.get(Call, closing.id)).closed_at  # type: ignore[union-attr]
    close_delay = (closed_at - closing.deadline_at).total_seconds()
    open_delay = (
        await _audited_at(session_factory, opening.id, "call.open") - opening.opens_at
    ).total_seconds()
    mail_delay = (await _closing_mail_sent_at(session_factory) - closed_at).total_seconds()
    print(
        f"\n{'+'.join(commands)}: closed {close_delay:.2f} s after the deadline, opened "
        f"{open_delay:.2f} s after the opening, its mail {mail_delay:.2f} s after the closing, "
        f"{rendered} of {RENDERS} renders done, "
        f"{backlog} still queued"
    )
    assert 0 <= close_delay < WITHIN_S
    assert 0 <= open_delay < WITHIN_S
    assert 0 <= mail_delay < MAIL_WITHIN_S
    assert backlog > RENDERS // 2
    for worker in aap_workers.started:
        assert worker.alive(), worker.output()[-3000:]
