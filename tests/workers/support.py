"""Worlds and Redis helpers for the worker and reliability tests.

A *deadline world* is an OPEN call with its managers, applicant organisations (each with
members) and candidacies, all made through the real services. Redis helpers give each test
its own arq queue name and delete only the keys of that queue and of the jobs it saw, so
runs sharing one Redis (CI, other engineers) never see each other's jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from arq import create_pool
from arq.connections import ArqRedis
from arq.constants import (
    in_progress_key_prefix,
    job_key_prefix,
    result_key_prefix,
    retry_key_prefix,
)
from arq.jobs import DeserializationError, deserialize_result
from arq.worker import Worker, create_worker
from sqlmodel import col, select

from backend.accounts.enums import Role
from backend.accounts.models import Organisation, User
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.calls.models import Call, Funder, Programme
from backend.candidacies import services as candidacies
from backend.candidacies import submission
from backend.candidacies.enums import BudgetCategory, PartnerRole
from backend.candidacies.models import Candidacy
from backend.core.audit import AuditEntry
from backend.core.auth import Actor
from backend.core.clock import FrozenClock
from backend.core.db import SessionFactory, unit_of_work
from backend.core.i18n import Language
from backend.core.jobs import ArqJobQueue, Queue
from backend.core.redis import redis_settings
from backend.core.settings import Settings
from backend.notifications.models import Notification
from tests.support import factories as f
from tests.support.audit import seal_all, sealed_chain
from tests.support.scenario import make_signed_user
from workers.settings import JOBS, TimeCriticalWorkerSettings

SHARE_CENTS = 50_000_00


# --- people and the world ------------------------------------------------------------------


async def person(
    factory: SessionFactory,
    now: datetime,
    *,
    name: str = "person",
    language: Language = Language.FR,
) -> f.Signed:
    """A signed-in user (no argon2 per user: the scenario's precomputed hash)."""
    async with unit_of_work(factory) as uow:
        signed = await make_signed_user(uow.session, now, name)
        signed.user.language = language
        uow.session.add(signed.user)
    return signed


@dataclass
class Applicant:
    organisation: Organisation
    members: list[f.Signed]

    @property
    def actor(self) -> Actor:
        return Actor(
            user_id=self.members[0].user.id, organisation_ids=frozenset({self.organisation.id})
        )

    @property
    def users(self) -> list[User]:
        return [m.user for m in self.members]


@dataclass
class DeadlineWorld:
    factory: SessionFactory
    clock: FrozenClock
    funder: Funder
    programme: Programme
    managers: list[User]
    call: Call
    applicants: list[Applicant] = field(default_factory=list)
    drafts: list[Candidacy] = field(default_factory=list)
    submitted: list[Candidacy] = field(default_factory=list)

    @property
    def now(self) -> datetime:
        return self.clock.now()

    @property
    def deadline(self) -> datetime:
        return self.call.deadline_at

    def draft_members(self) -> list[tuple[Candidacy, User]]:
        """Every (draft, member of its lead organisation): who gets a reminder."""
        by_org = {a.organisation.id: a.users for a in self.applicants}
        return [(c, u) for c in self.drafts for u in by_org[c.lead_organisation_id]]

    def ctx(self, settings: Settings, jobs: Any = None) -> dict[str, Any]:
        """What a worker's ``startup`` puts in ``ctx``, with this world's clock and database."""
        return {
            "settings": settings,
            "session_factory": self.factory,
            "clock": self.clock,
            "jobs": jobs,
        }


async def build_world(
    factory: SessionFactory,
    clock: FrozenClock,
    *,
    opened: timedelta = timedelta(days=20),
    deadline_in: timedelta = timedelta(days=10),
    drafts: int = 2,
    submitted: int = 1,
    members: int = 2,
    offsets: list[int] | None = None,
) -> DeadlineWorld:
    """An OPEN call (opened ``opened`` ago, published now), with candidacies made now.

    Two managers (French and English) manage the call's funder; each applicant organisation
    has ``members`` members and leads one candidacy: ``drafts`` DRAFTs, then ``submitted``
    SUBMITTED ones.
    """
    now = clock.now()
    funder = await f.make_funder(factory, now)
    programme = await f.make_programme(factory, now, funder)
    managers = []
    for language in (Language.FR, Language.EN):
        manager = (await person(factory, now, name="manager", language=language)).user
        await f.grant(factory, now, manager, Role.PROGRAMME_MANAGER, funder)
        managers.append(manager)
    call = await f.make_call(
        factory,
        now,
        programme,
        funder,
        status=CallStatus.OPEN,
        timeline=TimelineInput(
            timezone="Europe/Paris", opens_at=now - opened, deadline_at=now + deadline_in
        ),
    )
    if offsets is not None:
        call = await set_offsets(factory, call, offsets)
    world = DeadlineWorld(factory, clock, funder, programme, managers, call)
    for i in range(drafts + submitted):
        applicant = await make_applicant(world, members=members)
        candidacy = await start_candidacy(world, applicant, title=f"Projet {i + 1}")
        if i < drafts:
            world.drafts.append(candidacy)
        else:
            world.submitted.append(await submit(world, applicant, candidacy))
    return world


async def set_offsets(factory: SessionFactory, call: Call, offsets: list[int]) -> Call:
    async with unit_of_work(factory) as uow:
        row = await uow.session.get(Call, call.id)
        assert row is not None
        row.reminder_offsets_days = offsets
        uow.session.add(row)
    return row


async def make_applicant(world: DeadlineWorld, *, members: int = 2) -> Applicant:
    now = world.now
    people = [await person(world.factory, now, name="applicant") for _ in range(members)]
    org = await f.make_organisation(world.factory, now, people[0].user)
    for other in people[1:]:
        await f.add_member(world.factory, now, org, people[0].user, other.user)
    applicant = Applicant(org, people)
    world.applicants.append(applicant)
    return applicant


async def start_candidacy(world: DeadlineWorld, applicant: Applicant, *, title: str) -> Candidacy:
    async with unit_of_work(world.factory) as uow:
        return await candidacies.create_candidacy(
            uow.session,
            actor=applicant.actor,
            call_id=world.call.id,
            organisation_id=applicant.organisation.id,
            title=title,
            now=world.now,
        )


async def complete(world: DeadlineWorld, applicant: Applicant, candidacy: Candidacy) -> None:
    """Answer the form and give a budget, so the candidacy can be submitted."""
    actor, org_id = applicant.actor, applicant.organisation.id
    async with unit_of_work(world.factory) as uow:
        await candidacies.save_answers(
            uow.session,
            actor=actor,
            candidacy_id=candidacy.id,
            answers={"summary": "Un résumé."},
            now=world.now,
        )
        await candidacies.set_partners(
            uow.session,
            actor=actor,
            candidacy_id=candidacy.id,
            partners=[candidacies.PartnerInput(org_id, PartnerRole.LEAD, SHARE_CENTS)],
            now=world.now,
        )
        await candidacies.set_budget(
            uow.session,
            actor=actor,
            candidacy_id=candidacy.id,
            lines=[candidacies.BudgetLineInput(org_id, BudgetCategory.STAFF, SHARE_CENTS)],
            now=world.now,
        )


async def submit(world: DeadlineWorld, applicant: Applicant, candidacy: Candidacy) -> Candidacy:
    await complete(world, applicant, candidacy)
    async with unit_of_work(world.factory) as uow:
        receipt = await submission.submit_candidacy(
            uow.session, actor=applicant.actor, candidacy_id=candidacy.id, now=world.now
        )
    return receipt.candidacy


# --- reading the outcome -------------------------------------------------------------------


async def reload_call(factory: SessionFactory, call_id: uuid.UUID) -> Call:
    async with factory() as session:
        call = await session.get(Call, call_id)
        assert call is not None
        return call


async def candidacies_of(factory: SessionFactory, call_id: uuid.UUID) -> list[Candidacy]:
    async with factory() as session:
        stmt = select(Candidacy).where(col(Candidacy.call_id) == call_id)
        return list((await session.exec(stmt)).all())


async def notifications(factory: SessionFactory, template: str | None = None) -> list[Notification]:
    async with factory() as session:
        stmt = select(Notification).order_by(col(Notification.dedupe_key))
        if template is not None:
            stmt = stmt.where(col(Notification.template) == template)
        return list((await session.exec(stmt)).all())


async def audit_actions(factory: SessionFactory, object_id: uuid.UUID) -> list[str]:
    """The object's audit actions in chain order (what is pending is sealed first)."""
    await seal_all(factory)
    async with factory() as session:
        stmt = (
            select(AuditEntry.action)
            .where(col(AuditEntry.object_id) == str(object_id))
            .order_by(col(AuditEntry.seq))
        )
        return list((await session.exec(stmt)).all())


# --- Redis and arq -------------------------------------------------------------------------


def test_redis_settings(settings: Settings) -> Any:
    """The Redis of this run: the embedded server's socket, or ``AAP_REDIS_URL``."""
    return redis_settings(settings.redis_url, settings.var_dir)


def redis_url_for_subprocess(settings: Settings) -> str:
    rs = test_redis_settings(settings)
    return settings.redis_url or f"unix://{rs.unix_socket_path}"


class TestQueue:
    """An arq pool on a queue of this test's own, standing for both the time-critical and
    the heavy queue; ``cleanup`` deletes only what it touched."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, pool: ArqRedis, name: str) -> None:
        self.pool = pool
        self.name = name
        self.job_ids: set[str] = set()

    @property
    def queue_names(self) -> dict[Queue, str]:
        """For an ArqJobQueue: every job to this test's queue."""
        return dict.fromkeys(Queue, self.name)

    async def enqueue(self, function: str, *, job_id: str, **kwargs: Any) -> bool:
        self.job_ids.add(job_id)
        return await self.pool.enqueue_job(function, _job_id=job_id, **kwargs) is not None

    async def members(self) -> dict[str, float]:
        pairs = await self.pool.zrange(self.name, 0, -1, withscores=True)
        return {member.decode(): score for member, score in pairs}

    async def cleanup(self) -> None:
        """Delete this queue, its jobs' keys, and the results its workers stored (jobs that
        workers enqueued themselves, such as the outbox's wake-ups, are found by queue name)."""
        ids = self.job_ids | set(await self.members())
        keys = [self.name, f"{self.name}:health-check"]
        prefixes = (job_key_prefix, in_progress_key_prefix, retry_key_prefix, result_key_prefix)
        keys += [prefix + job_id for job_id in ids for prefix in prefixes]
        async for key in self.pool.scan_iter(match=f"{result_key_prefix}*", count=500):
            data = await self.pool.get(key)
            with contextlib.suppress(DeserializationError):
                if data is not None and deserialize_result(data).queue_name == self.name:
                    keys.append(key.decode())
        await self.pool.delete(*keys)


async def open_test_queue(settings: Settings) -> TestQueue:
    name = f"aap-test:{uuid.uuid4().hex}"
    pool = await create_pool(test_redis_settings(settings), default_queue_name=name)
    return TestQueue(pool, name)


@contextlib.asynccontextmanager
async def temporary_queue(settings: Settings) -> AsyncIterator[TestQueue]:
    """A test queue for the length of the block; what it touched is deleted after."""
    queue = await open_test_queue(settings)
    try:
        yield queue
    finally:
        await queue.cleanup()
        await queue.pool.aclose()


class RecordingPoolQueue(ArqJobQueue):
    """The worker's JobQueue on a test queue, remembering the ids it enqueued for cleanup."""

    def __init__(self, queue: TestQueue) -> None:
        super().__init__(pool=queue.pool, queue_names=queue.queue_names)
        self._queue = queue

    async def enqueue(
        self, name: str, *, job_id: str | None, defer_until: datetime | None, **kwargs: Any
    ) -> None:
        if job_id is not None:
            self._queue.job_ids.add(job_id)
        await super().enqueue(name, job_id=job_id, defer_until=defer_until, **kwargs)

    async def enqueue_many(self, name: str, jobs: Any) -> int:
        self._queue.job_ids.update(job_id for job_id, _ in jobs)
        return await super().enqueue_many(name, jobs)


def burst_worker(queue: TestQueue, ctx: dict[str, Any], **overrides: Any) -> Worker:
    """The product's time-critical WorkerSettings with every job (both queues' on the test
    queue), in this process, with the test's ctx.

    Burst mode: runs the jobs that are due (by Redis's score and the real time) and returns.
    No cron (the test enqueues the sweep itself), no signal handlers.
    """

    async def startup(worker_ctx: dict[str, Any]) -> None:
        worker_ctx.update(ctx, jobs=RecordingPoolQueue(queue))

    options: dict[str, Any] = {
        "functions": list(JOBS),
        "queue_name": queue.name,
        "redis_pool": queue.pool,
        "redis_settings": None,
        "burst": True,
        "handle_signals": False,
        "cron_jobs": [],
        "on_startup": startup,
        "on_shutdown": None,
        "poll_delay": 0.05,
    }
    return create_worker(TimeCriticalWorkerSettings, **{**options, **overrides})  # type: ignore[arg-type]


async def run_burst(queue: TestQueue, ctx: dict[str, Any], **overrides: Any) -> Worker:
    worker = burst_worker(queue, ctx, **overrides)
    await asyncio.wait_for(worker.async_run(), timeout=30)
    return worker


async def run_jobs_until_done(
    queue: TestQueue, ctx: dict[str, Any], job_id: str, *, limit: int = 10
) -> int:
    """Run due jobs one at a time, lowest score first, until ``job_id`` has run; returns how
    many ran (others due before it, such as the outbox's wake-up jobs, run too)."""
    for ran in range(limit):
        if job_id not in await queue.members():
            return ran
        await run_burst(queue, ctx, max_burst_jobs=1)
    raise AssertionError(f"{job_id} still queued after {limit} jobs")


# --- waiting on a subprocess ---------------------------------------------------------------


async def wait_until(
    condition: Callable[[], Awaitable[bool]], *, within: float, what: str, every: float = 0.1
) -> None:
    """Poll ``condition`` (bounded): only for subprocesses, whose time the test cannot move."""
    deadline = time.monotonic() + within
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(every)


def subprocess_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "AAP_DATABASE_URL": settings.database_url,
        "AAP_REDIS_URL": redis_url_for_subprocess(settings),
        "AAP_VAR_DIR": str(settings.var_dir),
        "AAP_LOG_LEVEL": "INFO",
    }
    env.update(extra)
    return env


def ids(rows: Iterable[Any]) -> set[uuid.UUID]:
    return {row.id for row in rows}


async def audit_chain_problems(factory: SessionFactory) -> list[Any]:
    """Seal what is pending, as the worker's ``seal_audit`` would, then verify the chain."""
    return await sealed_chain(factory)
