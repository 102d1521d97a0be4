"""A real worker process SIGKILLed in the middle of a transaction: nothing half-done is left,
the next worker does the work once, and the killed job, claimable again when its in-progress
key expires, runs again and finds nothing to do.

The worker is the product's (``tests/reliability/worker_process.py`` runs WorkerSettings with
its real startup and SystemClock, on this run's database and Redis); the test only pauses it
before a chosen SQL statement, so the kill lands mid-transaction on SQLite and PostgreSQL
alike. Instants are placed around the real clock (the worker's), and the test polls the
subprocess with bounded waits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from backend.calls import scheduling
from backend.calls.enums import CallStatus
from backend.candidacies import reminders
from backend.candidacies.enums import CandidacyStatus
from backend.core.audit import GENESIS_HASH, AuditEntry, AuditHead
from backend.core.clock import FrozenClock, utcnow
from backend.core.db import unit_of_work
from backend.core.settings import PROJECT_ROOT, Settings
from tests.support.factories import make_funder
from tests.support.queues import TestQueue, subprocess_env, wait_until
from tests.support.worlds import (
    audit_actions,
    audit_chain_problems,
    build_world,
    candidacies_of,
    notifications,
    reload_call,
)

WORKER_SCRIPT = Path(__file__).with_name("worker_process.py")
JOB_TIMEOUT_S = 3
"""The test workers' job timeout: a killed job is claimable again after it + 10 s."""
RETRY_WAIT_S = JOB_TIMEOUT_S + 10 + 15
STARTUP_WAIT_S = 30


@dataclass
class WorkerProcess:
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class WorkerProcesses:
    def __init__(self, settings: Settings, queue: TestQueue, directory: Path) -> None:
        self.settings, self.queue, self.directory = settings, queue, directory
        self.started: list[WorkerProcess] = []

    def start(self, *, pause_sql: str | None = None, pause_nth: int = 1) -> WorkerProcess:
        name = f"worker-{len(self.started) + 1}"
        extra = {"AAP_TEST_QUEUE": self.queue.name, "AAP_TEST_JOB_TIMEOUT": str(JOB_TIMEOUT_S)}
        if pause_sql:
            extra |= {
                "AAP_TEST_PAUSE_SQL": pause_sql,
                "AAP_TEST_PAUSE_NTH": str(pause_nth),
                "AAP_TEST_PAUSE_MARKER": str(self.marker(name)),
            }
        log = self.directory / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
                [sys.executable, str(WORKER_SCRIPT)],
                cwd=PROJECT_ROOT,
                env=subprocess_env(self.settings, **extra),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        worker = WorkerProcess(process, log)
        self.started.append(worker)
        return worker

    def marker(self, name: str) -> Path:
        return self.directory / f"{name}.paused"

    async def wait_paused(self, worker: WorkerProcess) -> str:
        marker = self.marker(f"worker-{self.started.index(worker) + 1}")

        async def paused() -> bool:
            if worker.process.poll() is not None:
                raise AssertionError(f"worker exited early:\n{worker.output()}")
            return marker.exists()

        await wait_until(paused, within=STARTUP_WAIT_S, what="the worker to pause")
        return marker.read_text()

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()


@pytest.fixture
def worker_processes(session_factory, settings, arq_queue, tmp_path) -> Iterator[WorkerProcesses]:
    """Worker subprocesses of this test, all stopped before its tables are emptied."""
    processes = WorkerProcesses(settings, arq_queue, tmp_path)
    try:
        yield processes
    finally:
        processes.stop_all()


async def _queued(queue: TestQueue, job_id: str) -> bool:
    return job_id in await queue.members()


async def test_worker_killed_mid_close_call_closes_once_and_reminds_once(
    session_factory, settings, arq_queue, worker_processes
):
    # Arrange: a call whose deadline (by the real clock, the worker's) passed a minute ago,
    # whose J-1 reminders went out the day before.
    real_now = utcnow().replace(microsecond=0)
    clock = FrozenClock(real_now - timedelta(days=20))
    world = await build_world(
        session_factory,
        clock,
        opened=timedelta(days=1),
        deadline_in=timedelta(days=20, minutes=-1),
        drafts=2,
        submitted=1,
    )
    clock.set(reminders.reminder_instant(world.call, 1))
    async with unit_of_work(session_factory) as uow:
        await reminders.send_due_reminders(uow.session, now=clock.now())
    reminded = {n.dedupe_key for n in await notifications(session_factory, "deadline_reminder")}
    close_id = scheduling.close_job_id(world.call)
    await arq_queue.enqueue(
        "close_call",
        job_id=close_id,
        _defer_until=scheduling.at_ms(world.deadline),
        call_id=str(world.call.id),
    )

    # Act 1: the first worker takes the closing job and is killed mid-transaction.
    first = worker_processes.start(pause_sql="INSERT INTO notification")
    paused_at = await worker_processes.wait_paused(first)
    first.kill()
    call_after_kill = await reload_call(session_factory, world.call.id)
    actions_after_kill = await audit_actions(session_factory, world.call.id)

    # Assert 1: drafts, call and audit had been written in that transaction, the managers'
    # summaries were next; none of it committed.
    assert "INSERT INTO notification" in paused_at
    assert call_after_kill.status is CallStatus.OPEN
    assert "call.closed" not in actions_after_kill
    assert await _queued(arq_queue, close_id)  # still queued, held by its in-progress key

    # Act 2: a new worker; the sweep runs (as its cron would); later the killed job runs again.
    second = worker_processes.start()
    await arq_queue.enqueue("sweep_deadlines", job_id=f"sweep:{uuid.uuid4().hex}")

    async def closed() -> bool:
        return (await reload_call(session_factory, world.call.id)).status is CallStatus.CLOSED

    async def killed_job_done() -> bool:
        return not await _queued(arq_queue, close_id)

    try:
        await wait_until(closed, within=STARTUP_WAIT_S, what="the sweep to close the call")
        await wait_until(killed_job_done, within=RETRY_WAIT_S, what="the killed job's retry")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- worker log ---\n{second.output()}") from None
    second.stop()

    # Assert 2: closed exactly once, drafts kept as NOT_SUBMITTED, one summary per manager,
    # the reminders of the day before neither lost nor repeated, the audit chain intact.
    call = await reload_call(session_factory, world.call.id)
    assert call.status is CallStatus.CLOSED
    assert world.deadline < call.closed_at <= utcnow()
    actions = await audit_actions(session_factory, world.call.id)
    assert (actions.count("call.closed"), actions.count("candidacies.not_submitted")) == (1, 1)
    statuses = {c.id: c.status for c in await candidacies_of(session_factory, world.call.id)}
    assert {statuses[c.id] for c in world.drafts} == {CandidacyStatus.NOT_SUBMITTED}
    assert {statuses[c.id] for c in world.submitted} == {CandidacyStatus.SUBMITTED}
    summaries = await notifications(session_factory, "call_closed_summary")
    assert sorted(n.user_id for n in summaries) == sorted(m.id for m in world.managers)
    after = [n.dedupe_key for n in await notifications(session_factory, "deadline_reminder")]
    assert sorted(after) == sorted(reminded) and len(reminded) == len(world.draft_members())
    assert "try=2" in second.output()  # the killed job did run again, after its in-progress key
    assert await audit_chain_problems(session_factory) == []


async def test_worker_killed_mid_reminders_reminds_each_member_once(
    session_factory, settings, arq_queue, worker_processes
):
    # Arrange: J-1 has passed (by the real clock); the deadline is 12 hours ahead.
    real_now = utcnow().replace(microsecond=0)
    clock = FrozenClock(real_now - timedelta(days=19))
    world = await build_world(
        session_factory,
        clock,
        opened=timedelta(days=1),
        deadline_in=timedelta(days=19, hours=12),
        drafts=3,
        submitted=1,
    )
    expected = sorted(reminders.dedupe_key(1, c.id, u.id) for c, u in world.draft_members())
    first_sweep = f"sweep:{uuid.uuid4().hex}"
    await arq_queue.enqueue("sweep_deadlines", job_id=first_sweep)

    # Act 1: the first worker sweeps and is killed after two of six reminders were inserted.
    first = worker_processes.start(pause_sql="INSERT INTO notification", pause_nth=3)
    await worker_processes.wait_paused(first)
    first.kill()
    after_kill = await notifications(session_factory, "deadline_reminder")

    # Act 2: a new worker sweeps; later the killed sweep runs again.
    second = worker_processes.start()
    await arq_queue.enqueue("sweep_deadlines", job_id=f"sweep:{uuid.uuid4().hex}")

    async def all_reminded() -> bool:
        return len(await notifications(session_factory, "deadline_reminder")) >= len(expected)

    async def killed_sweep_done() -> bool:
        return not await _queued(arq_queue, first_sweep)

    try:
        await wait_until(all_reminded, within=STARTUP_WAIT_S, what="the reminders")
        await wait_until(killed_sweep_done, within=RETRY_WAIT_S, what="the killed sweep's retry")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- worker log ---\n{second.output()}") from None
    second.stop()

    # Assert: nothing of the killed transaction survived; then each reminder exactly once.
    assert after_kill == []
    sent = await notifications(session_factory, "deadline_reminder")
    assert sorted(n.dedupe_key for n in sent) == expected
    assert (await reload_call(session_factory, world.call.id)).status is CallStatus.OPEN


async def test_worker_killed_mid_seal_leaves_entries_pending_then_seals_them_once(
    session_factory, settings, arq_queue, worker_processes
):
    # Arrange: three audited changes, pending; a sealing job queued.
    for _ in range(3):
        await make_funder(session_factory, utcnow())
    first_seal = f"seal:{uuid.uuid4().hex}"
    await arq_queue.enqueue("seal_audit", job_id=first_seal)

    # Act 1: the first worker locks the head, chains the batch, and is killed before it writes.
    first = worker_processes.start(pause_sql="UPDATE audit_entry")
    await worker_processes.wait_paused(first)
    first.kill()
    after_kill = await _audit_seqs(session_factory)
    head_after_kill = await _audit_head(session_factory)

    # Act 2: a new worker seals; later the killed job runs again.
    second = worker_processes.start()
    await arq_queue.enqueue("seal_audit", job_id=f"seal:{uuid.uuid4().hex}")

    async def all_sealed() -> bool:
        return None not in await _audit_seqs(session_factory)

    async def killed_seal_done() -> bool:
        return not await _queued(arq_queue, first_seal)

    try:
        await wait_until(all_sealed, within=STARTUP_WAIT_S, what="the entries to be sealed")
        await wait_until(killed_seal_done, within=RETRY_WAIT_S, what="the killed seal's retry")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- worker log ---\n{second.output()}") from None
    second.stop()

    # Assert: the killed transaction left everything pending and the head at genesis; then
    # one chain, each entry sealed once, and the retry found nothing left to seal.
    assert after_kill == [None, None, None]
    assert head_after_kill == (0, GENESIS_HASH)
    assert await _audit_seqs(session_factory) == [1, 2, 3]
    assert (await _audit_head(session_factory))[0] == 3
    assert "try=2" in second.output()
    assert await audit_chain_problems(session_factory) == []  # the head matches the chain's end


async def _audit_seqs(factory) -> list[int | None]:
    async with factory() as session:
        stmt = select(AuditEntry.seq).order_by(col(AuditEntry.occurred_at), col(AuditEntry.id))
        return list((await session.exec(stmt)).all())


async def _audit_head(factory) -> tuple[int, str]:
    async with factory() as session:
        head = (await session.exec(select(AuditHead))).one()
        return head.seq, head.hash
