"""Redis crashes with receipt renders queued, and submissions keep coming meanwhile: the
submissions are committed at once (their enqueue refused, logged once), the workers stay up
and reconnect by themselves, and once Redis is back every receipt lost with it is rendered,
without waiting a minute for a sweep.

A real redis-server without persistence (the crash loses every queued job) and ``aap worker``
processes, one per queue, as deployed.
"""

from __future__ import annotations

import asyncio
import logging
import time

from arq.constants import job_key_prefix

from backend.candidacies.submission import submit_candidacy
from backend.core.clock import utcnow
from backend.core.db import unit_of_work
from backend.core.jobs import Queue
from backend.core.storage import LocalStorage
from tests.backend.candidacies.test_receipts import submit_realistic_candidacy
from tests.reliability.processes import (
    copies_of_version,
    enqueue_renders,
    missing_versions,
    poll,
    receipts_missing,
)
from workers.receipts import receipt_job_id
from workers.runner import BACKOFF_MAX_S

QUEUED = 4
"""Render jobs in Redis when it crashes."""
DURING = 2
"""Submissions while Redis is down."""
DOWN_S = 3.0
REQUEUED_WITHIN_S = 8.0
"""From Redis back to every lost render queued again: the workers' reconnection (1 to 4 s
after their last attempt) and the sweep a restarted worker runs at once."""
RECOVERY_WITHIN_S = 30.0
"""...and to the last of them rendered."""
RESTARTED_WITHIN_S = BACKOFF_MAX_S + 4.0
"""From the last render to every worker that stopped having restarted: at worst one full
backoff (its cap, plus the 10 % jitter and some slack for a loaded machine)."""
STOPPED = "Redis unavailable: workers stopped"
RESTARTED = "Redis available again: workers restarted"


async def test_after_a_redis_crash_workers_reconnect_and_every_lost_receipt_is_rendered(
    session_factory, settings, redis_server, aap_workers, caplog
):
    # Arrange: submitted versions whose render jobs are queued; one worker per queue.
    api = redis_server.job_queue(settings)
    submitted = await submit_realistic_candidacy(
        session_factory, utcnow(), LocalStorage(settings.storage_dir)
    )
    queued = [
        submitted.version.id,
        *await copies_of_version(
            session_factory, submitted.version, QUEUED - 1, submitted_at=utcnow()
        ),
    ]
    workers = [aap_workers.start(q) for q in ("time-critical", "heavy", "mail")]
    await aap_workers.wait_healthy(Queue)
    await enqueue_renders(api, queued)

    # Act 1: Redis crashes; submissions go on.
    redis_server.crash()
    during, enqueue_costs = [], []
    with caplog.at_level(logging.WARNING, logger="backend.core.jobs"):
        for _ in range(DURING):
            started = time.monotonic()
            async with unit_of_work(session_factory, jobs=api) as uow:
                receipt = await submit_candidacy(
                    uow.session, actor=submitted.actor, candidacy_id=submitted.candidacy_id,
                    now=utcnow(),
                )  # fmt: skip
            enqueue_costs.append(time.monotonic() - started)
            during.append(receipt.version.id)
    await asyncio.sleep(DOWN_S)
    alive_while_down = [w.alive() for w in workers]
    lost = await receipts_missing(session_factory, queued)

    # Act 2: Redis is back, empty.
    redis_server.start()
    back = time.monotonic()
    everything = queued + during

    async def all_rendered() -> bool:
        return await receipts_missing(session_factory, everything) == 0

    async def all_requeued() -> bool:
        missing = await missing_versions(session_factory, everything)
        with redis_server.client() as client:
            return all(client.exists(job_key_prefix + receipt_job_id(v)) for v in missing)

    async def every_stopped_worker_restarted() -> bool:
        return all(w.output().count(RESTARTED) >= w.output().count(STOPPED) for w in workers)

    requeued_s = await poll(all_requeued, within=REQUEUED_WITHIN_S, what="the lost renders")
    await poll(all_rendered, within=RECOVERY_WITHIN_S, what="every lost receipt", every=0.2)
    recovery_s = time.monotonic() - back
    # A worker with nothing to do (the mail one here) may be in its longest backoff when the
    # renders are done: it comes back at its next attempt, not later than the backoff's cap.
    await poll(
        every_stopped_worker_restarted, within=RESTARTED_WITHIN_S, what="the restarts", every=0.2
    )
    await api.close()

    # Assert
    print(
        f"\nRedis down {DOWN_S:.0f} s: {lost} of {QUEUED} queued renders lost with it, "
        f"{DURING} submitted meanwhile (at most {max(enqueue_costs):.3f} s each); after "
        f"Redis came back, all {lost + DURING} re-enqueued in {requeued_s:.1f} s and "
        f"rendered in {recovery_s:.1f} s"
    )
    assert alive_while_down == [True] * len(workers)
    assert all(w.alive() for w in workers)
    assert lost > 0
    outage_warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(outage_warnings) == 1  # the API: once per outage, not per enqueue
    # Each worker that saw the outage says so once, and once that it is back. A worker busy
    # rendering through all of it (a loaded machine: a render took 5 s in CI once) may not ask
    # Redis anything until it is back, and then has nothing to report; the idle ones poll
    # every half second, so at least one sees it.
    noticed = 0
    for worker in workers:
        output = worker.output()
        stopped = output.count(STOPPED)
        assert stopped <= 1, output[-3000:]
        assert output.count(RESTARTED) == stopped, output[-3000:]
        noticed += stopped
    assert noticed >= 1
