"""Redis paused (SIGSTOP: connections accepted, never answered, as a frozen or saturated
peer): a submission still answers within the Redis timeout (AAP_REDIS_TIMEOUT_SECONDS), its
enqueue after commit given up and logged once; the worker, its own calls timing out, stays
up and reconnects when Redis resumes; and the receipts asked for meanwhile are queued again.
"""

from __future__ import annotations

import asyncio
import logging
import time

import httpx
from arq.constants import job_key_prefix
from strawberry.relay import GlobalID

from backend.app import create_app
from backend.candidacies.enums import CandidacyStatus
from backend.core.clock import FrozenClock, utcnow
from backend.core.jobs import Queue
from backend.core.redis import WORKER_TIMEOUT_S
from tests.reliability.processes import missing_versions, poll, versions_of
from tests.reliability.test_redis_down import SUBMIT
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import build_world, candidacies_of, complete
from workers.receipts import receipt_job_id

SUBMISSIONS = 3
PAUSE_S = WORKER_TIMEOUT_S + 2
"""Longer than a worker's own Redis timeout, so the worker notices too."""
HUNG_REQUEST_S = 15.0
"""Past this a submission counts as hung (before the fix it never came back)."""


async def test_a_paused_redis_costs_a_submission_at_most_the_redis_timeout(
    session_factory, settings, redis_server, aap_workers, caplog
):
    # Arrange: drafts ready to submit, their members signed in; a worker on both queues.
    clock = FrozenClock(utcnow())  # the worker's sweep reads the real clock
    world = await build_world(session_factory, clock, drafts=SUBMISSIONS, submitted=0)
    for applicant, draft in zip(world.applicants, world.drafts, strict=True):
        await complete(world, applicant, draft)
    headers = [
        (await f.sign_in(session_factory, clock.now(), a.members[0].user)).headers
        for a in world.applicants
    ]
    worker = aap_workers.start("all")
    await aap_workers.wait_healthy(Queue)
    app = create_app(settings.model_copy(update={"redis_url": redis_server.url}), clock=clock)
    latencies: list[float] = []

    # Act: Redis pauses; the drafts are submitted one after the other.
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c,
    ):
        redis_server.pause()
        paused_at = time.monotonic()
        try:
            with caplog.at_level(logging.WARNING, logger="backend.core.jobs"):
                for draft, signed_in in zip(world.drafts, headers, strict=True):
                    started = time.monotonic()
                    await asyncio.wait_for(
                        gql(c, SUBMIT, {"id": str(GlobalID("Candidacy", str(draft.id)))},
                            headers=signed_in),
                        HUNG_REQUEST_S,
                    )  # fmt: skip
                    latencies.append(time.monotonic() - started)
            await asyncio.sleep(max(0.0, PAUSE_S - (time.monotonic() - paused_at)))
            alive_while_paused = worker.alive()
        finally:
            redis_server.resume()

    # Act 2: Redis answers again; the worker reconnects and sweeps.
    statuses = {c.status for c in await candidacies_of(session_factory, world.call.id)}
    versions = await versions_of(session_factory, [d.id for d in world.drafts])

    async def receipts_queued_or_done() -> bool:
        missing = await missing_versions(session_factory, versions)
        with redis_server.client() as client:
            return all(client.exists(job_key_prefix + receipt_job_id(v)) for v in missing)

    try:
        requeued_s = await poll(receipts_queued_or_done, within=20, what="the receipts' jobs")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- worker log ---\n{worker.output()[-4000:]}") from None

    # Assert
    timeout = settings.redis_timeout_seconds
    print(
        f"\nRedis paused {PAUSE_S:.0f} s: submissions answered in "
        f"{', '.join(f'{t:.2f}' for t in latencies)} s (timeout {timeout} s); receipts "
        f"queued again {requeued_s:.1f} s after Redis resumed"
    )
    assert statuses == {CandidacyStatus.SUBMITTED}
    assert len(versions) == SUBMISSIONS
    assert max(latencies) < timeout + 1.0
    assert alive_while_paused and worker.alive()
    assert [r.getMessage() for r in caplog.records].count(
        "Redis unavailable: jobs are not enqueued, the sweepers will catch up"
    ) == 1
    output = worker.output()
    assert output.count("Redis unavailable: workers stopped") == 1, output[-3000:]
    assert output.count("Redis available again: workers restarted") == 1, output[-3000:]
