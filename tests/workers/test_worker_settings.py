"""The workers' registration: two queues, each job on the one ``JOB_QUEUES`` names and
registered by that queue's worker only; sweeps every minute in UTC and unique across workers,
the audit sealer every five seconds, tight timeouts, and a startup that fills ``ctx``."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC

import pytest
from arq.worker import Worker, create_worker

import workers
from backend.calls import scheduling
from backend.core.clock import SystemClock
from backend.core.jobs import JOB_QUEUES, QUEUE_NAMES, ArqJobQueue, Queue, queue_of
from workers import receipts
from workers import settings as worker_settings
from workers.audit import seal_audit
from workers.registration import WorkerJobs
from workers.settings import (
    WORKER_SETTINGS,
    HeavyWorkerSettings,
    MailWorkerSettings,
    TimeCriticalWorkerSettings,
)


def _worker(queue: Queue) -> Worker:
    return create_worker(WORKER_SETTINGS[queue], handle_signals=False, redis_settings=None)  # type: ignore[arg-type]


def _crons(queue: Queue) -> dict:
    return {c.name: c for c in _worker(queue).cron_jobs}


def test_each_job_is_registered_by_the_worker_of_its_queue_only():
    # Act
    registered = {queue: set(_worker(queue).functions) for queue in Queue}
    plain = {q: {n for n in names if not n.startswith("cron:")} for q, names in registered.items()}

    # Assert
    assert set().union(*plain.values()) == set(JOB_QUEUES)
    assert sum(len(names) for names in plain.values()) == len(JOB_QUEUES)  # each job once
    for queue, names in plain.items():
        assert {queue_of(n) for n in names} == {queue}
    for queue, names in registered.items():
        crons = {n.removeprefix("cron:") for n in names if n.startswith("cron:")}
        assert {queue_of(n) for n in crons} <= {queue}


def test_deadlines_and_sweeps_never_share_a_queue_with_renders_or_mail():
    time_critical = {scheduling.OPEN_CALL_JOB, scheduling.CLOSE_CALL_JOB, "sweep_deadlines",
                     "seal_audit", "render_missing_receipts"}  # fmt: skip

    assert {queue_of(n) for n in time_critical} == {Queue.TIME_CRITICAL}
    assert queue_of("render_receipt") is Queue.HEAVY
    assert queue_of("send_notifications") is Queue.MAIL  # a reminder's mail: not behind renders
    assert TimeCriticalWorkerSettings.queue_name == QUEUE_NAMES[Queue.TIME_CRITICAL]
    assert HeavyWorkerSettings.queue_name == QUEUE_NAMES[Queue.HEAVY]
    assert MailWorkerSettings.queue_name == QUEUE_NAMES[Queue.MAIL]
    assert len(set(QUEUE_NAMES.values())) == 3


def test_the_time_critical_worker_polls_often_and_runs_several_jobs_at_once():
    worker = _worker(Queue.TIME_CRITICAL)

    assert worker.poll_delay_s <= 0.25
    assert worker.max_jobs >= 5


def test_worker_sweeps_every_minute_in_utc_once_across_workers():
    # Act
    crons = {name: job for queue in Queue for name, job in _crons(queue).items()}

    # Assert
    for queue in Queue:
        assert _worker(queue).timezone is UTC
    for name, second in (("cron:sweep_deadlines", 0), ("cron:send_notifications", 30)):
        job = crons[name]
        assert (job.unique, job.run_at_startup, job.second) == (True, True, second)
        assert job.minute is None and job.hour is None


def test_missing_receipts_are_swept_every_fifteen_seconds_on_the_time_critical_queue():
    job = _crons(Queue.TIME_CRITICAL)["cron:render_missing_receipts"]

    assert (job.unique, job.run_at_startup) == (True, True)
    assert job.second == {10, 25, 40, 55}
    assert job.minute is None and job.hour is None


@pytest.mark.parametrize("queue", list(Queue))
def test_every_cron_run_keeps_its_result_so_a_late_worker_does_not_repeat_it(queue):
    for job in _worker(queue).cron_jobs:
        # arq's cron() keeps nothing by default, whatever the worker's keep_result says.
        assert job.keep_result_s is not None and job.keep_result_s >= 60, job.name


def test_worker_seals_the_audit_chain_every_five_seconds_once_across_workers():
    # Act
    worker = _worker(Queue.TIME_CRITICAL)
    job = {c.name: c for c in worker.cron_jobs}["cron:seal_audit"]

    # Assert
    assert job.coroutine is seal_audit
    assert (job.unique, job.run_at_startup) == (True, True)
    assert job.second == {0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55}
    assert job.minute is None and job.hour is None
    assert worker.functions["seal_audit"].coroutine is seal_audit  # enqueued by hand too


@pytest.mark.parametrize("queue", list(Queue))
def test_worker_timeouts_are_tight(queue):
    worker = _worker(queue)

    assert all(f.timeout_s is None for f in worker.functions.values())
    assert worker.in_progress_timeout_s == worker_settings.JOB_TIMEOUT_S + 10 <= 70
    assert worker.max_tries == worker_settings.MAX_TRIES


def test_deadline_jobs_and_renders_keep_no_result_so_their_ids_can_be_asked_for_again():
    time_critical, heavy = _worker(Queue.TIME_CRITICAL), _worker(Queue.HEAVY)

    assert time_critical.functions["close_call"].keep_result_s == 0
    assert time_critical.functions["open_call"].keep_result_s == 0
    assert heavy.functions["render_receipt"].keep_result_s == 0
    assert heavy.functions["render_receipt"].max_tries == receipts.RENDER_TRIES
    assert heavy.keep_result_s == 0  # nor a render that failed its last try
    assert time_critical.keep_result_s >= 60  # a cron run's result guards its per-minute id


async def test_worker_startup_fills_ctx_with_what_jobs_use():
    # Arrange
    ctx: dict = {"redis": object()}

    # Act
    await worker_settings.startup(ctx)
    try:
        # Assert
        assert {"settings", "session_factory", "clock", "jobs", "storage"} <= set(ctx)
        assert isinstance(ctx["clock"], SystemClock)
        assert isinstance(ctx["jobs"], ArqJobQueue)
    finally:
        await worker_settings.shutdown(ctx)


def test_every_workers_module_that_declares_jobs_is_in_the_list():
    modules = [
        importlib.import_module(f"workers.{found.name}")
        for found in pkgutil.iter_modules(workers.__path__)
    ]
    declaring = [m for m in modules if isinstance(getattr(m, "JOBS", None), WorkerJobs)]

    assert [m.JOBS for m in declaring] != []
    assert {id(m.JOBS) for m in declaring} == {id(j) for j in worker_settings.WORKER_JOBS}
    assert len(worker_settings.WORKER_JOBS) == len(declaring)  # each listed once
