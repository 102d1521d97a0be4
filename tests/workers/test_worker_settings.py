"""The worker's registration: every job by the name services enqueue, sweeps every minute in
UTC and unique across workers, the audit sealer every five seconds, tight timeouts, and a
startup that fills ``ctx``."""

from __future__ import annotations

from datetime import UTC

from arq.worker import create_worker

from backend.calls import scheduling
from backend.core.clock import SystemClock
from backend.core.jobs import ArqJobQueue
from workers import settings as worker_settings
from workers.audit import seal_audit
from workers.settings import WorkerSettings


def _worker():
    return create_worker(WorkerSettings, handle_signals=False, redis_settings=None)  # type: ignore[arg-type]


def test_worker_registers_the_deadline_sweep_and_notification_jobs():
    # Act
    worker = _worker()

    # Assert
    assert {
        scheduling.OPEN_CALL_JOB,
        scheduling.CLOSE_CALL_JOB,
        "sweep_deadlines",
        "send_notifications",
    } <= set(worker.functions)


def test_worker_sweeps_every_minute_in_utc_once_across_workers():
    # Act
    worker = _worker()
    crons = {c.name: c for c in worker.cron_jobs}

    # Assert
    assert worker.timezone is UTC
    for name, second in (("cron:sweep_deadlines", 0), ("cron:send_notifications", 30)):
        job = crons[name]
        assert (job.unique, job.run_at_startup, job.second) == (True, True, second)
        assert job.minute is None and job.hour is None


def test_every_cron_run_keeps_its_result_so_a_late_worker_does_not_repeat_it():
    worker = _worker()

    for job in worker.cron_jobs:
        # arq's cron() keeps nothing by default, whatever the worker's keep_result says.
        assert job.keep_result_s is not None and job.keep_result_s >= 60, job.name


def test_worker_seals_the_audit_chain_every_five_seconds_once_across_workers():
    # Act
    worker = _worker()
    job = {c.name: c for c in worker.cron_jobs}["cron:seal_audit"]

    # Assert
    assert job.coroutine is seal_audit
    assert (job.unique, job.run_at_startup) == (True, True)
    assert job.second == {0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55}
    assert job.minute is None and job.hour is None
    assert worker.functions["seal_audit"].coroutine is seal_audit  # enqueued by hand too


def test_worker_timeouts_are_tight_and_deadline_jobs_keep_no_result():
    # Act
    worker = _worker()

    # Assert
    assert all(f.timeout_s is None for f in worker.functions.values())
    assert worker.in_progress_timeout_s == worker_settings.JOB_TIMEOUT_S + 10 <= 70
    assert worker.functions["close_call"].keep_result_s == 0
    assert worker.functions["open_call"].keep_result_s == 0
    assert worker.keep_result_s >= 60  # a cron run's result guards its per-minute id
    assert worker.max_tries == worker_settings.MAX_TRIES


async def test_worker_startup_fills_ctx_with_what_jobs_use():
    # Arrange
    ctx: dict = {"redis": object()}

    # Act
    await worker_settings.startup(ctx)
    try:
        # Assert
        assert {"settings", "session_factory", "clock", "jobs"} <= set(ctx)
        assert isinstance(ctx["clock"], SystemClock)
        assert isinstance(ctx["jobs"], ArqJobQueue)
    finally:
        await worker_settings.shutdown(ctx)
