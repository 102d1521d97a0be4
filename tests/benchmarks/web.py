"""The web application's pages in Chromium: the public calls, a call, a manager's 1,000 candidacies.

Builds nothing: it needs ``frontend/dist`` (``cd frontend && npm ci && npm run build``),
``frontend/node_modules`` (playwright-core) and Chromium (``make chromium``; ``AAP_CHROMIUM``
names another binary). On its own PostgreSQL database (``aap_bench_web``, created and dropped
by the run) it seeds the demo (``aap seed-demo``, as a newcomer gets it) and, with the seeding
of ``aap bench reads``, one more open call with ``--candidacies`` submitted candidacies and its
programme manager. It serves the build with ``aap serve`` (no worker: the receipts' sweep
would render a thousand PDFs during the measure), an embedded Redis beside it.

Then ``frontend/e2e/perf/measure-web.mjs`` measures, in Chromium, as ``npm run e2e:perf``
does (navigation to the page's content on screen, fonts included, caches warm), the median
of ``--rounds`` visits each: the public list of calls (``/``, its first call shown), a call's
page (its countdown shown) and the manager's list (``/manage/candidacies``: the total
announced and the first page's last row shown). With the initial JavaScript of ``/``
(gzip -9, ``npm run size``'s own script), one JSON line last.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.core.redis import start_embedded_redis
from backend.core.settings import PROJECT_ROOT
from tests.benchmarks import harness, reads

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/aap_bench_web"
FRONTEND = PROJECT_ROOT / "frontend"
DIST = FRONTEND / "dist"
MEASURE_SCRIPT = FRONTEND / "e2e" / "perf" / "measure-web.mjs"
VAR_DIR = PROJECT_ROOT / "var" / "bench-web"
# The manager's list's page (frontend/src/manage/candidacies/CandidaciesListPage.tsx).
PAGE_SIZE = 50
GOAL = {"calls_list_ms": 1000, "call_page_ms": 1000, "manager_list_ms": 2000}
"""Budgets: 1 s for the public pages (``e2e/perf/budgets.spec.ts``), 2 s for the manager's list."""


@dataclass(frozen=True)
class Options:
    candidacies: int
    rounds: int
    database_url: str
    keep_database: bool


def parse(argv: list[str]) -> Options:
    parser = harness.argument_parser("web", __doc__)
    parser.add_argument("--candidacies", type=harness.at_least_one, default=1000)
    parser.add_argument(
        "--rounds", type=harness.at_least_one, default=5, help="timed visits per page"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("AAP_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="PostgreSQL; a database name without 'bench' becomes aap_bench",
    )
    parser.add_argument("--keep-database", action="store_true")
    a = parser.parse_args(argv)
    return Options(
        candidacies=a.candidacies,
        rounds=a.rounds,
        database_url=harness.bench_database_url(a.database_url, why="as `aap bench reads`"),
        keep_database=a.keep_database,
    )


def initial_js_gzip_kb(node: str) -> float:
    """The initial JavaScript of ``/`` in gzip -9 kB, as ``npm run size`` reports it (its own
    script, so the figure is the one the budget is held to; Python's zlib packs a little
    tighter than Node's)."""
    done = subprocess.run(  # noqa: S603 - our node and script
        [node, "scripts/initial-js-size.mjs"],
        cwd=FRONTEND, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    found = re.search(r"([\d.]+) kB\s+total", done.stdout)
    if found is None:
        raise harness.BenchRefused(f"npm run size said nothing of a total:\n{done.stderr[-2000:]}")
    return float(found.group(1))


def _refuse_unless_ready() -> tuple[str, str]:
    """node and Chromium, or BenchRefused saying what to install or build."""
    if not (DIST / "index.html").is_file():
        raise harness.BenchRefused(
            "frontend/dist is missing: build it first (cd frontend && npm ci && npm run build)"
        )
    node = shutil.which("node")
    if node is None or not (FRONTEND / "node_modules" / "playwright-core").is_dir():
        raise harness.BenchRefused(
            "needs Node.js 20+ and frontend/node_modules (cd frontend && npm ci)"
        )
    chromium = os.environ.get("AAP_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        raise harness.BenchRefused(
            f"no Chromium at {chromium}: `make chromium`, or set AAP_CHROMIUM"
        )
    return node, chromium


def _server_env(url: str) -> dict[str, str]:
    """The API as ``aap dev`` runs it (dev settings, the embedded Redis of VAR_DIR), on the
    bench's PostgreSQL database, serving the build."""
    env = {k: v for k, v in os.environ.items() if k not in {"AAP_REDIS_URL", "AAP_DATABASE_URL"}}
    env.update(
        AAP_ENVIRONMENT="dev",
        AAP_DATABASE_URL=url,
        AAP_VAR_DIR=str(VAR_DIR),
        AAP_STORAGE_DIR=str(VAR_DIR / "storage"),
        AAP_WEB_DIST_DIR=str(DIST),
        PYTHONUNBUFFERED="1",
    )
    return env


def _seed(url: str, env: dict[str, str], candidacies: int) -> float:
    """The demo, then the reads benchmark's call and candidacies; returns the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "backend.cli", "seed-demo"],
        env=env, cwd=PROJECT_ROOT, check=True, capture_output=True,
    )  # fmt: skip
    seeding = reads.Options(
        candidacies=candidacies, page_size=PAGE_SIZE, small_page_size=PAGE_SIZE, rounds=1,
        one_reads=1, calls=1, database_url=url, redis_url="", keep_database=False,
    )  # fmt: skip
    asyncio.run(reads.seed(url, seeding))
    return time.perf_counter() - started


def _measure(node: str, chromium: str, port: int, options: Options) -> dict[str, Any]:
    command = [
        node, str(MEASURE_SCRIPT), "--base-url", f"http://127.0.0.1:{port}",
        "--email", reads.MANAGER_EMAIL, "--password", reads.PASSWORD,
        "--rounds", str(options.rounds),
        "--first-page-rows", str(min(PAGE_SIZE, options.candidacies)),
    ]  # fmt: skip
    done = subprocess.run(  # noqa: S603 - our node and script
        command, cwd=FRONTEND, env={**os.environ, "AAP_CHROMIUM": chromium},
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise harness.BenchRefused(f"measure-web.mjs failed:\n{done.stderr[-3000:]}")
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def run(options: Options, progress: Any) -> dict[str, Any]:
    node, chromium = _refuse_unless_ready()
    env = _server_env(options.database_url)
    with harness.migrated_database(options.database_url, keep=options.keep_database):
        print("seeding the demo and the candidacies ...", file=progress, flush=True)
        seed_s = _seed(options.database_url, env, options.candidacies)
        redis = start_embedded_redis(VAR_DIR)
        try:
            port = harness.free_port()
            with harness.serving("web", [harness.api_command(port)], env):
                print(f"measuring on :{port} ...", file=progress, flush=True)
                measured = _measure(node, chromium, port, options)
        finally:
            redis.shutdown()
    goal_met = all(measured[key] <= budget for key, budget in GOAL.items())
    return {
        "name": "web",
        "candidacies": options.candidacies,
        **{key: measured[key] for key in ("calls_list_ms", "call_page_ms", "manager_list_ms")},
        "manager_list_total": measured["manager_list_total"],
        "manager_list_rows": measured["manager_list_rows"],
        "initial_js_gzip_kb": initial_js_gzip_kb(node),
        "rounds": options.rounds,
        "samples": measured["samples"],
        "goal_ms": GOAL,
        "goal_met": goal_met,
        "seed_s": round(seed_s, 1),
    }


def main(argv: list[str]) -> int:
    """``aap bench web``: progress on stderr, a summary then the JSON line on stdout; 1 when
    the manager's list does not announce the seeded total or show its first page."""

    def measured() -> int:
        options = parse(argv)
        result = run(options, sys.stderr)
        print(
            f"web: {options.candidacies} candidacies, median of {options.rounds} visits;"
            f" initial JS of / {result['initial_js_gzip_kb']} kB gzip"
        )
        for key, name in (("calls_list_ms", "calls list"), ("call_page_ms", "call page")):
            print(f"  {name:12} {result[key]:6} ms  (budget {GOAL[key]} ms)")
        print(
            f"  manager list {result['manager_list_ms']:6} ms  (budget"
            f" {GOAL['manager_list_ms']} ms), total shown {result['manager_list_total']},"
            f" rows {result['manager_list_rows']}"
        )
        harness.print_result(result)
        complete = result["manager_list_total"] == options.candidacies and result[
            "manager_list_rows"
        ] == min(PAGE_SIZE, options.candidacies)
        return 0 if complete else 1

    return harness.refusals_exit(measured)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
