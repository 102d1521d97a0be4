"""Real processes for the outage tests: a redis-server of the test's own, which the test
crashes, pauses, resumes and restarts, and ``aap worker`` processes run exactly as deployed
(``python -m backend.cli worker --queue ...``) on the suite's database and that Redis.

A private Redis makes the tests free to use the product's real queue names and cron jobs, and
to lose everything in it, without touching the suite's Redis or anyone else's.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from redis import Redis
from sqlmodel import col, select

from backend.candidacies.models import CandidacyVersion
from backend.core.db import SessionFactory, unit_of_work
from backend.core.jobs import QUEUE_NAMES, ArqJobQueue, Queue
from backend.core.redis import redis_settings
from backend.core.settings import PROJECT_ROOT, Settings
from tests.support.queues import subprocess_env
from workers.receipts import receipt_job_id

REDIS_SERVER = "/usr/bin/redis-server"
STARTUP_WAIT_S = 30.0
COPY_NUMBERS = 10_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """A redis-server on a free port, without persistence: a crash loses every job."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = (self.directory / f"redis-{self.port}.log").open("ab")
        command = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
                   "--save", "", "--appendonly", "no", "--dir", str(self.directory)]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603 - a fixed binary and our own options
            command, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 10
        while not self._answers():
            if time.monotonic() > deadline:
                raise AssertionError("redis-server did not start")
            time.sleep(0.02)

    def _answers(self) -> bool:
        client = Redis(port=self.port, socket_timeout=0.2, socket_connect_timeout=0.2)
        try:
            return bool(client.ping())
        except OSError:
            return False
        except Exception:
            return False
        finally:
            client.close()

    def crash(self) -> None:
        """SIGKILL: every queued job is gone, connections are refused."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None

    def pause(self) -> None:
        """SIGSTOP: connections are accepted and never answered (an unresponsive peer)."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.crash()

    def client(self) -> Redis:
        return Redis(port=self.port, socket_timeout=2)

    def job_queue(self, settings: Settings) -> ArqJobQueue:
        """The API's job queue on this Redis (its timeout from the settings)."""
        return ArqJobQueue(redis_settings(self.url, settings.var_dir))

    def queued(self, queue: Queue) -> int:
        with self.client() as client:
            return int(client.zcard(QUEUE_NAMES[queue]))


@dataclass
class WorkerProcess:
    queue: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@dataclass
class Workers:
    """``aap worker`` processes on the suite's database and the test's Redis."""

    settings: Settings
    redis: RedisServer
    directory: Path
    started: list[WorkerProcess] = field(default_factory=list)

    def start(self, queue: str, *, storage_dir: Path | None = None) -> WorkerProcess:
        log = self.directory / f"worker-{queue}-{len(self.started) + 1}.log"
        env = subprocess_env(self.settings, AAP_REDIS_URL=self.redis.url)
        env["AAP_STORAGE_DIR"] = str(storage_dir or self.settings.storage_dir)
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and command
                [sys.executable, "-m", "backend.cli", "worker", "--queue", queue],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        worker = WorkerProcess(queue, process, log)
        self.started.append(worker)
        return worker

    async def wait_healthy(self, queues: Iterable[Queue]) -> None:
        """Until each queue's worker has recorded its health (it polls from then on)."""
        keys = [f"{QUEUE_NAMES[q]}:health-check" for q in queues]

        def healthy() -> bool:
            for worker in self.started:
                if not worker.alive():
                    raise AssertionError(f"worker exited:\n{worker.output()[-3000:]}")
            with self.redis.client() as client:
                return bool(client.exists(*keys) == len(keys))

        await poll(healthy, within=STARTUP_WAIT_S, what="the workers to start")

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()


async def poll(condition, *, within: float, what: str, every: float = 0.05) -> float:  # type: ignore[no-untyped-def]
    """Wait for ``condition()`` (sync or async) to hold; returns the seconds it took."""
    started = time.monotonic()
    while True:
        result = condition()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return time.monotonic() - started
        if time.monotonic() - started > within:
            raise AssertionError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(every)


async def copies_of_version(
    factory: SessionFactory, version: CandidacyVersion, count: int, *, submitted_at: datetime
) -> list[uuid.UUID]:
    """``count`` more submitted versions of ``version``'s candidacy, each with the same real
    snapshot and hash and no receipt yet: as many genuine renders, inserted in one go.
    Numbered from :data:`COPY_NUMBERS` on, clear of the candidacy's own next versions."""
    rows = [
        {
            "id": uuid.uuid4(),
            "candidacy_id": version.candidacy_id,
            "number": COPY_NUMBERS + n,
            "snapshot": version.snapshot,
            "sha256": version.sha256,
            "submitted_at": submitted_at + timedelta(microseconds=n),
            "submitted_by_user_id": version.submitted_by_user_id,
        }
        for n in range(1, count + 1)
    ]
    async with unit_of_work(factory) as uow:
        connection = await uow.session.connection()  # a bulk insert: Core, not the ORM
        await connection.execute(sa.insert(CandidacyVersion), rows)
    return [row["id"] for row in rows]


async def enqueue_renders(queue: ArqJobQueue, version_ids: Sequence[uuid.UUID]) -> int:
    """The render jobs, as ``submit_candidacy`` asks for them."""
    return await queue.enqueue_many(
        "render_receipt", [(receipt_job_id(v), {"version_id": str(v)}) for v in version_ids]
    )


async def missing_versions(
    factory: SessionFactory, version_ids: Sequence[uuid.UUID]
) -> list[uuid.UUID]:
    """Which of ``version_ids`` have no receipt yet."""
    async with factory() as session:
        return list(
            (
                await session.exec(
                    select(CandidacyVersion.id)
                    .where(col(CandidacyVersion.id).in_(version_ids))
                    .where(col(CandidacyVersion.receipt_storage_key).is_(None))
                )
            ).all()
        )


async def versions_of(
    factory: SessionFactory, candidacy_ids: Sequence[uuid.UUID]
) -> list[uuid.UUID]:
    async with factory() as session:
        return list(
            (
                await session.exec(
                    select(CandidacyVersion.id).where(
                        col(CandidacyVersion.candidacy_id).in_(candidacy_ids)
                    )
                )
            ).all()
        )


async def receipts_missing(factory: SessionFactory, version_ids: Sequence[uuid.UUID]) -> int:
    return len(await missing_versions(factory, version_ids))
