"""Redis down: the API keeps enforcing the deadline to the second (submissions before it are
committed, the lost after-commit enqueue only logged; after it, refused), /readyz names
Redis; and once Redis is back, the sweep catches up the jobs lost meanwhile."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import httpx
from strawberry.relay import GlobalID

from backend.accounts.enums import Role
from backend.app import create_app
from backend.calls import scheduling
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.candidacies import reminders
from backend.candidacies.enums import CandidacyStatus
from backend.core.auth import Actor
from backend.core.clock import FrozenClock, utcnow
from backend.core.db import unit_of_work
from backend.core.i18n import Language
from backend.core.jobs import ArqJobQueue
from backend.core.redis import redis_settings
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.queues import run_jobs_until_done
from tests.support.worlds import (
    DeadlineWorld,
    build_world,
    candidacies_of,
    complete,
    make_applicant,
    notifications,
    reload_call,
    start_candidacy,
)

DEAD_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused
AFTER_COMMIT_FAILED = "after-commit callback failed"
REDIS_UNAVAILABLE = "Redis unavailable: jobs are not enqueued, the sweepers will catch up"

SUBMIT = """
mutation($id: ID!) {
  submitCandidacy(id: $id) {
    __typename
    ... on SubmitCandidacyPayload { reference serverTime candidacy { status } }
    ... on DeadlinePassedError { deadlineAt serverTime }
    ... on Error { code message }
  }
}"""


def _after_commit_failures(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == AFTER_COMMIT_FAILED]


def _lost_enqueue_warnings(caplog) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.getMessage() == REDIS_UNAVAILABLE and r.levelno == logging.WARNING
    ]


async def test_redis_down_submissions_follow_the_deadline_to_the_second(
    session_factory, clock, settings, caplog
):
    # Arrange
    world = await build_world(session_factory, clock, drafts=2, submitted=0)
    for applicant, draft in zip(world.applicants, world.drafts, strict=True):
        await complete(world, applicant, draft)
    down = settings.model_copy(update={"redis_url": DEAD_REDIS_URL})
    app = create_app(down, clock=clock)
    on_time, late = world.drafts
    clock.set(world.deadline - timedelta(minutes=10))  # sessions last hours: sign in now
    on_time_headers, late_headers = [
        (await f.sign_in(session_factory, clock.now(), a.members[0].user)).headers
        for a in world.applicants
    ]

    # Act
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c,
    ):
        ready = await c.get("/readyz")
        clock.set(world.deadline - timedelta(seconds=1))
        with caplog.at_level(logging.WARNING):
            accepted = await gql(
                c, SUBMIT, {"id": str(GlobalID("Candidacy", str(on_time.id)))},
                headers=on_time_headers,
            )  # fmt: skip
        clock.set(world.deadline)
        refused = await gql(
            c, SUBMIT, {"id": str(GlobalID("Candidacy", str(late.id)))}, headers=late_headers
        )

    # Assert
    assert ready.status_code == 200  # serving goes on: degraded, not unready
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"] == {"database": "ok", "migrations": "ok", "redis": "failed"}
    payload = accepted["data"]["submitCandidacy"]
    assert payload["__typename"] == "SubmitCandidacyPayload", payload
    assert payload["candidacy"]["status"] == "SUBMITTED"
    # The jobs it asked for (receipt, outbox wake-up) lost: one warning, nothing raised.
    assert len(_lost_enqueue_warnings(caplog)) == 1
    assert _after_commit_failures(caplog) == []
    refusal = refused["data"]["submitCandidacy"]
    assert refusal["__typename"] == "DeadlinePassedError", refusal
    statuses = {c.id: c.status for c in await candidacies_of(session_factory, world.call.id)}
    assert statuses == {on_time.id: CandidacyStatus.SUBMITTED, late.id: CandidacyStatus.DRAFT}


async def test_redis_back_the_sweep_catches_up_jobs_lost_while_it_was_down(
    session_factory, settings, arq_queue, caplog
):
    # Arrange: the frozen clock a day ahead of the real one, so the jobs asked for by the
    # catching-up worker wait in Redis (scored in the real future) and only the sweep runs.
    clock = FrozenClock(utcnow().replace(microsecond=0) + timedelta(days=1))
    now = clock.now()
    opens_at, deadline = now + timedelta(hours=1), now + timedelta(days=3)
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    manager = (await f.make_signed_user(session_factory, now, "manager", language=Language.EN)).user
    await f.grant(session_factory, now, manager, Role.PROGRAMME_MANAGER, funder)
    call = await f.make_call(
        session_factory,
        now,
        programme,
        funder,
        timeline=TimelineInput("Europe/Paris", opens_at, deadline),
    )
    world = DeadlineWorld(session_factory, clock, funder, programme, [manager], call)
    ctx = world.ctx(settings)
    dead_queue = ArqJobQueue(redis_settings(DEAD_REDIS_URL, settings.var_dir))

    async def sweep_once() -> None:
        sweep_id = f"sweep:{uuid.uuid4().hex}"
        await arq_queue.enqueue("sweep_deadlines", job_id=sweep_id)
        await run_jobs_until_done(arq_queue, ctx, sweep_id)

    # Act 1: publish while Redis is down.
    with caplog.at_level(logging.WARNING):
        async with unit_of_work(session_factory, jobs=dead_queue) as uow:
            await lifecycle.publish_call(
                uow.session, actor=Actor(is_platform_admin=True), call_id=call.id, now=now
            )
    published = await reload_call(session_factory, call.id)

    # Assert 1: the publication stands; both deadline jobs were lost, logged once.
    assert published.status is CallStatus.PUBLISHED
    assert len(_lost_enqueue_warnings(caplog)) == 1
    assert _after_commit_failures(caplog) == []
    assert await arq_queue.members() == {}

    # Act 2: Redis is back; the opening instant passes; a worker sweeps.
    clock.set(opens_at)
    await sweep_once()

    # Assert 2: opened, and the closing job is in Redis again, at the deadline.
    assert (await reload_call(session_factory, call.id)).status is CallStatus.OPEN
    members = await arq_queue.members()
    assert members[scheduling.close_job_id(published)] == deadline.timestamp() * 1000

    # Act 3: applicants start drafts; J-1 comes; the worker sweeps (twice, as cron would).
    clock.advance(timedelta(minutes=5))
    applicant = await make_applicant(world, members=2)
    world.drafts.append(await start_candidacy(world, applicant, title="Projet"))
    clock.set(reminders.reminder_instant(published, 1) + timedelta(seconds=30))
    await sweep_once()
    await sweep_once()

    # Assert 3: one reminder per member.
    reminded = await notifications(session_factory, "deadline_reminder")
    assert sorted(n.user_id for n in reminded) == sorted(u.id for u in applicant.users)

    # Act 4: the deadline passes; the worker sweeps.
    clock.set(deadline + timedelta(seconds=20))
    await sweep_once()

    # Assert 4: closed once, the draft kept as NOT_SUBMITTED, the manager told.
    closed = await reload_call(session_factory, call.id)
    assert (closed.status, closed.closed_at) == (CallStatus.CLOSED, clock.now())
    [draft] = await candidacies_of(session_factory, call.id)
    assert draft.status is CandidacyStatus.NOT_SUBMITTED
    [summary] = await notifications(session_factory, "call_closed_summary")
    assert (summary.user_id, summary.context["drafts_left_count"]) == (manager.id, 1)
