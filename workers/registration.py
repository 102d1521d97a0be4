"""What a workers module declares about itself, so ``workers.settings`` assembles every
worker from one list (``WORKER_JOBS``) instead of central lists edited per domain.

A module declares ``JOBS = WorkerJobs(functions=(...), cron_jobs=(...))``: the jobs it
registers and its scheduled runs, built with :func:`scheduled` so every cron run shares the
same guarantees. Each job is routed to its queue by ``backend.core.jobs.JOB_QUEUES``, filled
where the job's name is declared: ``backend.core.jobs.job`` beside the name a service
enqueues, :func:`runs_on` on a job only the workers start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from arq import cron
from arq.cron import CronJob
from arq.typing import WorkerCoroutine
from arq.worker import Function

from backend.core.jobs import Queue, job

CRON_RESULT_KEEP_S = 3600
"""A cron run's result, under its per-run id, stops a late worker from enqueuing it again.

arq's ``cron()`` keeps no result unless told (its ``keep_result`` defaults to 0, whatever the
worker's ``keep_result``), hence :func:`scheduled`."""


def runs_on(queue: Queue) -> Any:
    """Route the decorated job (by its name, as arq registers it) to ``queue``: for the jobs
    no service enqueues (the sweeps, the sealer), declared where they are written."""

    def route(coroutine: WorkerCoroutine) -> WorkerCoroutine:
        job(coroutine.__qualname__, queue)
        return coroutine

    return route


def scheduled(coroutine: WorkerCoroutine, **when: Any) -> CronJob:
    """A cron run of ``coroutine`` at ``when`` (arq's ``second=``, ``minute=``...), in UTC
    (the workers' ``timezone``); run at a worker's start (a worker (re)started after an
    outage catches up at once), once across the workers of a queue, its result kept."""
    return cron(
        coroutine,
        run_at_startup=True,
        unique=True,
        keep_result=CRON_RESULT_KEEP_S,
        **when,
    )


@dataclass(frozen=True)
class WorkerJobs:
    """One workers module's jobs: what it registers, and what runs on a schedule."""

    functions: tuple[Function, ...] = ()
    cron_jobs: tuple[CronJob, ...] = ()
