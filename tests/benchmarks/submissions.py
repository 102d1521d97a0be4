"""Applicants submit at once over HTTP (PostgreSQL, Redis), then the same load hits a floor.

Many applicants submit their prepared candidacies concurrently to the API, in several
processes started as in production (``aap serve``, one process per port as one per pod,
``AAP_ENVIRONMENT=prod``; ``--shared-port`` for ``aap serve --workers N`` instead). In the
same run, the same load hits the *floor*
(:mod:`tests.benchmarks.submissions_floor`): a bare FastAPI endpoint doing the same inserts
and taking the same row lock (the reference counter) with no GraphQL, no token lookup and no
checks. Both phases are verified in the database afterwards: every candidacy submitted
exactly once, one version each, references gap-free, the audit chain intact once the phase's
pending entries are sealed. See tests/benchmarks/README.md for how to run and read it.

Side effects: creates (and, unless kept, drops) its own PostgreSQL database; the API enqueues
receipt and sender jobs in Redis, which the bench then deletes; starts and stops server
processes and writes their logs under ``var/bench/``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import secrets
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.models import Candidacy, CandidacyReferenceCounter, CandidacyVersion
from backend.core import audit
from backend.core.clock import utcnow
from backend.core.db import create_engine, create_session_factory, read_session, unit_of_work
from backend.core.settings import get_settings
from backend.notifications.models import Notification
from tests.benchmarks import harness
from tests.benchmarks.harness import Shot
from tests.benchmarks.submissions_floor import SUCCESS, FloorSubmission
from tests.benchmarks.submissions_seed import Applicant, Seeded, seed

GOAL = {"throughput_per_s": 200, "p99_ms": 250, "max_ratio": 3}
FLOOR_APP = "tests.benchmarks.submissions_floor:create_floor_app"

SUBMIT_MUTATION = """
mutation Submit($id: ID!) {
  submitCandidacy(id: $id) {
    __typename
    ... on SubmitCandidacyPayload {
      reference serverTime sha256 version candidacy { id status submittedVersion }
    }
    ... on SubmissionRejectedError { problems { code field message } }
    ... on Error { code message }
  }
}"""

PROFILE_STEPS: list[harness.ProfileStep] = [
    ("backend/app.py", "get_context", "context: bearer token -> actor (1 select)"),
    ("graphql/language/parser.py", "parse", "GraphQL parse"),
    ("graphql/validation/validate.py", "validate", "GraphQL validate (+ depth, aliases)"),
    ("strawberry/schema/schema.py", "execute", "strawberry execute (parse, validate, run)"),
    ("graphql_schema/mutation_support.py", "run_mutation", "mutation: unit of work + payload"),
    ("backend/candidacies/submission.py", "submit_candidacy", "submit_candidacy service"),
    ("backend/candidacies/services.py", "editable_candidacy", "  candidacy + call (locked)"),
    ("backend/candidacies/submission.py", "load_contents", "  load contents (5 selects)"),
    ("backend/candidacies/submission.py", "check_submission", "  checks"),
    ("backend/candidacies/submission.py", "canonical_snapshot", "  snapshot"),
    ("backend/notifications/services.py", "prepare", "  receipt mail (renders it)"),
    ("backend/candidacies/submission.py", "_number_and_record", "  numbering statement (lock)"),
    ("sqlalchemy/orm/session.py", "flush", "ORM flush (all)"),
    ("sqlalchemy/orm/session.py", "commit", "ORM commit (all)"),
    ("backend/core/db.py", "run_after_commit", "after commit: Redis enqueues"),
    ("logging/__init__.py", "handle", "logging"),
    ("httptools_impl.py", "data_received", "HTTP request parsing (httptools)"),
]


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class SubmissionsOptions:
    submissions: int = 2000
    concurrency: int = 20
    api_processes: int = 2
    duration_s: float | None = None
    """Stop issuing requests after this many seconds (what was issued is verified)."""
    rate: float | None = None
    """Open loop: requests start at this rate; latency counts from the scheduled start."""
    warmup: int | None = None
    """Submissions before the measured ones, per phase; default twice the concurrency."""
    floor: bool = True
    shared_port: bool = False
    """``aap serve --workers N`` on one port, instead of N single-process servers on N ports
    with the client round-robin (as pods behind a Service). The kernel hands a burst of
    keep-alive connections to whichever worker wakes first (19 of 20 seen), so one port
    measures mostly one process: uvicorn has no SO_REUSEPORT."""
    profile: Path | None = None
    """cProfile the first API process into this file (ignores ``shared_port``)."""
    keep_database: bool = False

    @property
    def warmup_count(self) -> int:
        return self.warmup if self.warmup is not None else max(20, 2 * self.concurrency)


def _parser() -> argparse.ArgumentParser:
    parser = harness.argument_parser("submissions", __doc__)
    add = parser.add_argument
    add(
        "--submissions",
        "--applicants",
        type=harness.at_least_one,
        default=2000,
        help="measured submissions (default 2000)",
    )
    add(
        "--concurrency",
        type=harness.at_least_one,
        default=20,
        help="requests in flight, one per connection (default 20)",
    )
    add(
        "--api-processes",
        type=harness.at_least_one,
        default=2,
        help="server processes, API and floor (default 2)",
    )
    add("--duration", type=float, help="stop issuing after this many seconds")
    add("--rate", type=float, help="open loop: start requests at this rate per second")
    add("--warmup", type=int, help="unmeasured submissions first (default 2 x concurrency)")
    add(
        "--floor",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure the floor in the same run (default: yes)",
    )
    add(
        "--shared-port",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="one port with uvicorn --workers instead of a port each",
    )
    add("--profile", type=Path, help="cProfile the first API process into this file")
    add(
        "--keep-database",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="keep the bench database",
    )
    return parser  # fmt: skip


def parse_options(argv: Sequence[str]) -> SubmissionsOptions:
    """The options from the command line (a usage error exits 2, as ``argparse`` does)."""
    args = _parser().parse_args(argv)
    return SubmissionsOptions(
        submissions=args.submissions,
        concurrency=args.concurrency,
        api_processes=args.api_processes,
        duration_s=args.duration,
        rate=args.rate,
        warmup=args.warmup,
        floor=args.floor,
        shared_port=args.shared_port,
        profile=args.profile.resolve() if args.profile else None,
        keep_database=args.keep_database,
    )


# --------------------------------------------------------------------------- verification


@dataclass
class Verification:
    expected: int
    stored: int
    lost: int
    """Issued submissions with no stored version (acknowledged or not)."""
    duplicates: int
    """Extra versions, repeated references, or submissions nobody asked for."""
    acknowledged_but_missing: int
    stored_but_unacknowledged: int
    references_gap_free: bool
    counter: int

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicates == 0 and self.references_gap_free


async def verify(
    engine: AsyncEngine, call_id: uuid.UUID, expected: set[uuid.UUID], acknowledged: set[uuid.UUID]
) -> Verification:
    """Compare what the client asked and heard with what the database holds."""
    candidacies_of_call = sa.select(
        col(Candidacy.id), col(Candidacy.status), col(Candidacy.reference)
    ).where(col(Candidacy.call_id) == call_id)
    versions_per_candidacy = sa.select(
        col(CandidacyVersion.candidacy_id), sa.func.count()
    ).group_by(col(CandidacyVersion.candidacy_id))
    last_number = sa.select(col(CandidacyReferenceCounter.last_number)).where(
        col(CandidacyReferenceCounter.call_id) == call_id
    )
    async with engine.connect() as conn:
        rows = (await conn.execute(candidacies_of_call)).all()
        versions = {cid: n for cid, n in (await conn.execute(versions_per_candidacy)).all()}
        counter = (await conn.execute(last_number)).scalar_one_or_none() or 0
    submitted = {r.id for r in rows if r.status == CandidacyStatus.SUBMITTED}
    stored = {cid for cid in submitted if versions.get(cid, 0) >= 1}
    references = [r.reference for r in rows if r.reference]
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in references)
    extra_versions = sum(n - 1 for n in versions.values() if n > 1)
    orphan_versions = sum(n for cid, n in versions.items() if cid not in submitted)
    return Verification(
        expected=len(expected),
        stored=len(stored),
        lost=len(expected - stored),
        duplicates=extra_versions
        + orphan_versions
        + (len(references) - len(set(references)))
        + len(submitted - expected),
        acknowledged_but_missing=len(acknowledged - stored),
        stored_but_unacknowledged=len(stored - acknowledged),
        references_gap_free=numbers == list(range(1, len(numbers) + 1)) and counter == len(numbers),
        counter=counter,
    )


async def audit_chain_problems(url: str) -> int:
    """Seal what the phase left pending (no worker runs for the bench's database), as the
    worker's ``seal_audit`` would, then verify the whole chain; returns the problems found."""
    engine = create_engine(url)
    factory = create_session_factory(engine)
    key = get_settings().secret_key
    try:
        while True:
            async with unit_of_work(factory) as uow:
                sealed = await audit.seal_pending(uow.session, key=key)
            if sealed < audit.SEAL_BATCH:
                break
        async with read_session(factory) as session:
            problems = await audit.verify_chain(session, key=key, now=utcnow())
    finally:
        await engine.dispose()
    return len(problems)


# --------------------------------------------------------------------------- reset


async def reset_submissions(engine: AsyncEngine, call_id: uuid.UUID) -> list[uuid.UUID]:
    """Put every candidacy of the call back to DRAFT (no version, no receipt mail, counter 0);
    return the deleted versions' ids."""
    async with engine.begin() as conn:
        deleted = (
            await conn.execute(
                sa.delete(CandidacyVersion)
                .where(col(CandidacyVersion.candidacy_id).in_(
                    sa.select(col(Candidacy.id)).where(col(Candidacy.call_id) == call_id)
                ))
                .returning(col(CandidacyVersion.id))
            )
        ).scalars().all()  # fmt: skip
        await conn.execute(
            sa.update(Candidacy)
            .where(col(Candidacy.call_id) == call_id)
            .values(status=CandidacyStatus.DRAFT, reference=None, submitted_version=0,
                    last_submitted_at=None, has_unsubmitted_changes=False)
        )  # fmt: skip
        await conn.execute(
            sa.update(CandidacyReferenceCounter)
            .where(col(CandidacyReferenceCounter.call_id) == call_id)
            .values(last_number=0)
        )
        await conn.execute(
            sa.delete(Notification).where(
                col(Notification.dedupe_key).in_([f"submitted:{vid}" for vid in deleted])
            )
        )
    return list(deleted)


def enqueued_job_ids(version_ids: Sequence[uuid.UUID], window: tuple[float, float]) -> list[str]:
    """What the API enqueued after its commits: a receipt per version, a sender wake-up per
    second (``send-notifications:<epoch second>``) while the phase ran."""
    first, last = int(window[0]) - 1, int(window[1]) + 1
    return [f"receipt:{vid}" for vid in version_ids] + [
        f"send-notifications:{second}" for second in range(first, last + 1)
    ]


async def delete_jobs(redis_url: str, job_ids: Sequence[str]) -> int:
    """Remove the bench's jobs from the shared Redis: no worker of this database will run."""
    from arq.constants import default_queue_name, job_key_prefix
    from redis.asyncio import Redis

    from backend.core.jobs import QUEUE_NAMES

    queues = [default_queue_name, *QUEUE_NAMES.values()]  # the jobs went to their own queues
    redis = Redis.from_url(redis_url)
    removed = 0
    try:
        for start in range(0, len(job_ids), 500):
            chunk = job_ids[start : start + 500]
            for queue in queues:
                removed += await redis.zrem(queue, *chunk)
            await redis.delete(*(job_key_prefix + job_id for job_id in chunk))
    finally:
        await redis.aclose()
    return removed


# --------------------------------------------------------------------------- requests


def graphql_requests(applicants: Sequence[Applicant]) -> list[Shot]:
    return [
        Shot(
            a.candidacy_id,
            json.dumps(
                {"query": SUBMIT_MUTATION, "variables": {"id": _global_id(a.candidacy_id)}}
            ).encode(),
            a.token,
        )
        for a in applicants
    ]


def floor_requests(seeded: Seeded, applicants: Sequence[Applicant]) -> list[Shot]:
    return [
        Shot(
            a.candidacy_id,
            FloorSubmission(
                candidacy_id=a.candidacy_id,
                call_id=seeded.call_id,
                call_reference=seeded.call_reference,
                user_id=a.user_id,
            )
            .model_dump_json()
            .encode(),
            a.token,
        )
        for a in applicants
    ]


def _global_id(candidacy_id: uuid.UUID) -> str:
    return base64.b64encode(f"Candidacy:{candidacy_id}".encode()).decode()


def _server_commands(kind: str, options: SubmissionsOptions) -> list[list[str]]:
    """One command per port: N single-process servers, or one with N workers (shared port)."""
    per_port = options.api_processes if options.shared_port and not options.profile else 1
    ports = [harness.free_port() for _ in range(options.api_processes // per_port)]
    if kind == "floor":
        return [harness.uvicorn_command(FLOOR_APP, port, workers=per_port) for port in ports]
    return [
        harness.api_command(port, workers=per_port, profile=options.profile if i == 0 else None)
        for i, port in enumerate(ports)
    ]


# --------------------------------------------------------------------------- the benchmark


@dataclass
class Phase:
    name: str
    load: harness.LoadResult
    verification: Verification
    window: tuple[float, float]
    """Wall-clock start and end of the phase (epoch seconds)."""

    def figures(self) -> dict[str, float]:
        return {
            "throughput_per_s": round(self.load.throughput, 1),
            "p50_ms": round(self.load.percentile(50), 1),
            "p95_ms": round(self.load.percentile(95), 1),
            "p99_ms": round(self.load.percentile(99), 1),
        }

    def describe(self) -> list[str]:
        f, v, load = self.figures(), self.verification, self.load
        cpu = ", ".join(f"{k} {val}" for k, val in load.cpu.items())
        lines = [
            f"{self.name}: {load.successes} submissions in {load.wall_s:.2f} s ="
            f" {f['throughput_per_s']}/s; latency p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms,"
            f" p99 {f['p99_ms']} ms, max {max(load.latencies_ms, default=0):.1f} ms",
            f"  outcomes: {dict(load.outcomes)}",
            f"  database: {v.stored} stored of {v.expected} issued (warm-up included), lost"
            f" {v.lost}, duplicates {v.duplicates}, references gap-free"
            f" {v.references_gap_free} (counter {v.counter}), unacknowledged but stored"
            f" {v.stored_but_unacknowledged}",
            f"  cpu (average cores): {cpu}",
        ]
        lines += [f"  e.g. {k}: {text}" for k, text in load.examples.items()]
        return lines


def _phase(
    name: str,
    kind: str,
    options: SubmissionsOptions,
    env: dict[str, str],
    path: str,
    requests: tuple[list[Shot], list[Shot]],
    check: Callable[[set[uuid.UUID], set[uuid.UUID]], Verification],
) -> Phase:
    """Start the phase's servers, send the load, stop them, verify in the database."""
    warmup, measured = requests
    with harness.serving(kind, _server_commands(kind, options), env) as servers:
        started = time.time()
        load = asyncio.run(
            harness.run_load(
                servers.targets, path, warmup, measured,
                classify=harness.graphql_outcome("submitCandidacy"), success=SUCCESS,
                concurrency=options.concurrency, rate=options.rate,
                duration_s=options.duration_s, server_pids=[p.pid for p in servers.processes],
            )
        )  # fmt: skip
        window = (started, time.time())
    expected = {r.key for r in warmup} | load.issued
    acknowledged = load.acknowledged | {r.key for r in warmup}
    return Phase(name, load, check(expected, acknowledged), window)


@dataclass
class SubmissionsRun:
    options: SubmissionsOptions
    seeded: Seeded
    graphql: Phase
    floor: Phase | None
    chain_problems: int

    @property
    def correct(self) -> bool:
        """Nothing lost or doubled, references gap-free, the audit chain intact."""
        phases = [self.graphql, *([self.floor] if self.floor else [])]
        return all(p.verification.ok for p in phases) and self.chain_problems == 0

    def result(self) -> dict[str, Any]:
        """The JSON line."""
        options, graphql, floor = self.options, self.graphql, self.floor
        figures = graphql.figures()
        floor_figures = floor.figures() if floor else None
        ratio = (
            round(floor_figures["throughput_per_s"] / figures["throughput_per_s"], 2)
            if floor_figures and figures["throughput_per_s"]
            else None
        )
        errors = sum(n for k, n in graphql.load.outcomes.items() if k != SUCCESS)
        goal_met = (
            self.correct
            and errors == 0
            and figures["throughput_per_s"] >= GOAL["throughput_per_s"]
            and figures["p99_ms"] < GOAL["p99_ms"]
            and ratio is not None
            and ratio <= GOAL["max_ratio"]
        )
        phases = [graphql, *([floor] if floor else [])]
        servers = "one port, uvicorn workers" if options.shared_port and not options.profile else (
            "one process per port, client round-robin"
        )  # fmt: skip
        return {
            "name": "submissions",
            "submissions": graphql.load.successes,
            "concurrency": options.concurrency,
            "api_processes": options.api_processes,
            "servers": servers,
            **({"rate_per_s": options.rate} if options.rate else {}),
            **figures,
            "lost": sum(p.verification.lost for p in phases),
            "duplicates": sum(p.verification.duplicates for p in phases),
            "references_gap_free": all(p.verification.references_gap_free for p in phases),
            "audit_chain_ok": self.chain_problems == 0,
            "errors": errors,
            "floor": floor_figures,
            "ratio_to_floor_throughput": ratio,
            "goal": GOAL,
            "goal_met": goal_met,
            "seed_s": round(self.seeded.seconds, 1),
            "warmup": options.warmup_count,
            "cpu": {"graphql": graphql.load.cpu, "floor": floor.load.cpu if floor else None},
            "profiled": options.profile is not None,
        }


def run_submissions(options: SubmissionsOptions, progress: TextIO) -> SubmissionsRun:
    """Migrate, seed, measure both phases, drop the database (unless kept)."""
    url = harness.bench_database_url(
        os.environ.get("AAP_DATABASE_URL"), why="SQLite takes one writer at a time"
    )
    redis_url = os.environ.get("AAP_REDIS_URL") or harness.DEFAULT_REDIS_URL
    secret_key = secrets.token_urlsafe(32)
    os.environ["AAP_SECRET_KEY"] = secret_key  # the seed's audit entries share the servers' key
    get_settings.cache_clear()
    env = harness.server_env(url, redis_url, secret_key)

    def say(text: str) -> None:
        print(text, file=progress, flush=True)

    shown = make_url(url).render_as_string(hide_password=True)
    say(f"bench submissions: database {shown}, redis {redis_url}")
    with harness.migrated_database(url, keep=options.keep_database):
        seeded = asyncio.run(seed(url, applicants=options.warmup_count + options.submissions))
        say(f"seeded {len(seeded.applicants)} applicants in {seeded.seconds:.1f} s")
        graphql, floor, chain_problems = _measure(options, url, redis_url, env, seeded, say)
    return SubmissionsRun(options, seeded, graphql, floor, chain_problems)


def _measure(
    options: SubmissionsOptions,
    url: str,
    redis_url: str,
    env: dict[str, str],
    seeded: Seeded,
    say: Callable[[str], None],
) -> tuple[Phase, Phase | None, int]:
    """The GraphQL phase, a reset, the floor phase; each verified in the database."""
    warm = seeded.applicants[: options.warmup_count]
    rest = seeded.applicants[options.warmup_count :]

    def check(expected: set[uuid.UUID], acknowledged: set[uuid.UUID]) -> Verification:
        return asyncio.run(
            harness.on_database(url, lambda e: verify(e, seeded.call_id, expected, acknowledged))
        )

    asyncio.run(harness.on_database(url, harness.settle))
    mode = "on one port (--workers)" if options.shared_port else "one per port"
    say(f"graphql: {options.api_processes} API processes {mode}, {options.concurrency} in flight")
    graphql = _phase(
        "graphql", "api", options, env, "/graphql",
        (graphql_requests(warm), graphql_requests(rest)), check,
    )  # fmt: skip
    chain_problems = asyncio.run(audit_chain_problems(url))
    versions = asyncio.run(harness.on_database(url, lambda e: reset_submissions(e, seeded.call_id)))
    removed = asyncio.run(delete_jobs(redis_url, enqueued_job_ids(versions, graphql.window)))
    asyncio.run(harness.on_database(url, harness.settle))
    say(f"reset: candidacies back to DRAFT; {removed} jobs the API enqueued removed from Redis")
    floor = None
    if options.floor:
        say("floor: bare FastAPI endpoint, same inserts and locks")
        floor = _phase(
            "floor", "floor", options, env, "/floor/submit",
            (floor_requests(seeded, warm), floor_requests(seeded, rest)), check,
        )  # fmt: skip
        chain_problems += asyncio.run(audit_chain_problems(url))
    return graphql, floor, chain_problems


def _summary(run: SubmissionsRun, result: dict[str, Any]) -> list[str]:
    options = run.options
    lines = [f"seed: {result['seed_s']} s (not timed below); warm-up {result['warmup']} per phase"]
    for phase in (run.graphql, run.floor):
        if phase is not None:
            lines += phase.describe()
    if options.profile:
        served = (options.warmup_count + result["submissions"]) // options.api_processes
        lines.append(harness.profile_summary(options.profile, requests=served, steps=PROFILE_STEPS))
    lines.append(
        f"goal: >= {GOAL['throughput_per_s']}/s, p99 < {GOAL['p99_ms']} ms, within"
        f" {GOAL['max_ratio']}x of the floor (ratio {result['ratio_to_floor_throughput']}),"
        f" none lost: {'MET' if result['goal_met'] else 'NOT MET'}"
    )
    return lines


def main(argv: list[str]) -> int:
    """``aap bench submissions [OPTIONS]``: progress on stderr; summary, then the JSON line,
    on stdout.

    Exit status 1 when a check failed (a submission lost or doubled, a gap in the
    references, a broken audit chain), 2 when the bench cannot run here (SQLite, bad options);
    a missed speed goal is reported, not an error.
    """
    options = parse_options(argv)

    def run() -> int:
        done = run_submissions(options, sys.stderr)
        result = done.result()
        print("\n".join(_summary(done, result)))
        harness.print_result(result)
        return 0 if done.correct else 1

    return harness.refusals_exit(run)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
