"""Fuzz the GraphQL API with schemathesis's GraphQL mode against a real server on the demo.

    .venv/bin/python -m tests.fuzz.run_fuzz --requests 10000      # make fuzz
    .venv/bin/python -m tests.fuzz.run_fuzz --requests 400        # make fuzz-short (CI)

It starts ``aap serve`` on a fresh SQLite database seeded with ``aap seed-demo`` (and an
embedded redis-server), signs in as demo accounts, then has schemathesis (through
hypothesis-graphql) generate queries and mutations for every root field of the committed
``schema.graphql``: valid documents with random arguments (positive mode) and documents that
break the schema's types (negative mode), for anonymous callers and each demo token in turn,
asking for either response media type. Custom scalars get strategies that mix valid values
with hostile ones (years 1 and 9999, NaN, 2^53 and beyond, deep JSON).

A failure is an answer with status 5xx, or any answer whose body holds "Unexpected error."
(a masked exception: the server did not expect the input). The last line printed is a JSON
summary; the exit status is 1 when either count is above zero, 2 when the server could not
be started. Failing examples go to ``var/fuzz-failures.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "graphql_schema" / "schema.graphql"
AAP = (sys.executable, "-m", "backend.cli")
"""Run from ROOT, so a worktree serves its own code."""
FAILURES = ROOT / "var" / "fuzz-failures.json"
UNEXPECTED = "Unexpected error."
DEMO_PASSWORD = "demo-password-2026"
DEMO_ACCOUNTS = (
    "admin@demo.aap.example",
    "manager@demo.aap.example",
    "applicant.aphp@demo.aap.example",
    "expert1@demo.aap.example",
)
SIGNED_OUT_ONLY = frozenset({"Mutation.logout"})
"""Sent without a token: ``logout`` would revoke the token the next requests rely on."""
KEPT_FAILURES = 25
ACCEPT = ("application/json", "application/graphql-response+json")
"""Both media types: request errors are 200s in the first, 400s in the second."""


@dataclass
class Tally:
    requests: int = 0
    server_errors: int = 0
    unexpected_errors: int = 0
    transport_errors: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def record(self, label: str, body: str, response: requests.Response) -> None:
        self.requests += 1
        self.statuses[response.status_code] += 1
        server_error = response.status_code >= 500
        unexpected = UNEXPECTED in response.text
        self.server_errors += server_error
        self.unexpected_errors += unexpected
        if (server_error or unexpected) and len(self.failures) < KEPT_FAILURES:
            self.failures.append(
                {
                    "operation": label,
                    "status": response.status_code,
                    "query": body[:2000],
                    "response": response.text[:1000],
                }
            )

    def transport_error(self, label: str, body: str, exc: Exception) -> None:
        self.requests += 1
        self.transport_errors += 1
        if len(self.failures) < KEPT_FAILURES:
            self.failures.append({"operation": label, "query": body[:2000], "error": repr(exc)})


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def demo_server(workdir: Path, database_url: str | None = None) -> Iterator[str]:
    """``aap serve`` on a fresh SQLite database (or ``database_url``, which must be empty),
    migrated and seeded with the demo; yields the GraphQL URL."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AAP_") or key == "AAP_LOG_LEVEL"
    }
    port = free_port()
    env.update(
        AAP_ENVIRONMENT="dev",
        AAP_DATABASE_URL=database_url or f"sqlite+aiosqlite:///{workdir / 'fuzz.sqlite3'}",
        AAP_VAR_DIR=str(workdir / "var"),
        AAP_STORAGE_DIR=str(workdir / "storage"),
        AAP_PORT=str(port),
    )
    redis = _start_redis(workdir / "var")
    log = (workdir / "server.log").open("w")
    server = None
    try:
        for command in (["migrate"], ["seed-demo"]):
            subprocess.run(  # noqa: S603 - our own command, fixed arguments
                [*AAP, *command], cwd=ROOT, env=env, check=True, capture_output=True
            )
        server = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            [*AAP, "serve"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, server)
        yield f"{base}/graphql"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        log.close()
        redis.shutdown()


def _start_redis(var_dir: Path, attempts: int = 3) -> Any:
    """The embedded redis-server; on a loaded machine it may not answer its first connect."""
    from redis.exceptions import ConnectionError as RedisDown

    from backend.core.redis import start_embedded_redis

    for attempt in range(1, attempts + 1):
        try:
            return start_embedded_redis(var_dir)
        except RedisDown as exc:
            if attempt == attempts:
                raise RuntimeError(f"the embedded redis-server did not start: {exc}") from exc
            time.sleep(attempt)
    raise AssertionError("unreachable")


def _wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"aap serve exited with {server.returncode}")
        with contextlib.suppress(requests.ConnectionError):
            if requests.get(f"{base}/healthz", timeout=2).ok:
                return
        time.sleep(0.2)
    raise RuntimeError("aap serve did not answer /healthz in time")


def sign_in(url: str) -> list[dict[str, str]]:
    """Header sets to rotate through: anonymous, then one per demo account."""
    login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) {"
    login += " ... on LoginPayload { token } } }"
    headers: list[dict[str, str]] = [{}]
    for email in DEMO_ACCOUNTS:
        answer = requests.post(
            url, json={"query": login, "variables": {"e": email, "p": DEMO_PASSWORD}}, timeout=30
        ).json()
        headers.append({"Authorization": f"Bearer {answer['data']['login']['token']}"})
    return headers


# --------------------------------------------------------------------------- generation


def register_scalars() -> None:
    """Strategies for the schema's custom scalars: valid values mixed with hostile ones."""
    import graphql
    import schemathesis
    from hypothesis import strategies as st
    from schemathesis.graphql import nodes

    text = st.text(max_size=30)
    dates = st.one_of(
        st.dates().map(str),
        st.sampled_from(["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2026-02-30"]),
        text,
    )
    offsets = st.sampled_from(["Z", "+14:00", "-12:00", "+01:00", ""])
    times = st.times().map(lambda t: t.isoformat())
    date_times = st.one_of(
        st.builds(lambda d, t, o: f"{d}T{t}{o}", st.dates(), times, offsets),
        st.sampled_from(["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"]),
        text,
    )
    big = st.one_of(
        st.integers(min_value=-(2**53), max_value=2**53),
        st.integers(),
        st.integers(min_value=10**20, max_value=10**80),
    )
    decimals = st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
        st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999999999", "1E-999999", "sNaN"]),
        text,
    )
    json_values = st.recursive(
        st.one_of(
            st.just(graphql.NullValueNode()),
            st.booleans().map(nodes.Boolean),
            st.integers().map(nodes.Int),
            text.map(nodes.String),
        ),
        lambda children: st.lists(children, max_size=3).map(nodes.List),
        max_leaves=40,
    )
    schemathesis.graphql.scalar("Date", dates.map(nodes.String))
    schemathesis.graphql.scalar("DateTime", date_times.map(nodes.String))
    schemathesis.graphql.scalar("BigInt", st.one_of(big.map(nodes.Int), text.map(nodes.String)))
    schemathesis.graphql.scalar("Decimal", decimals.map(nodes.String))
    schemathesis.graphql.scalar("JSON", json_values)
    schemathesis.graphql.scalar("Upload", text.map(nodes.String))


def operations() -> list[Any]:
    import schemathesis

    schema = schemathesis.graphql.from_path(SCHEMA)
    return [result.ok() for result in schema.get_all_operations()]


def fuzz_operation(
    operation: Any,
    mode: Any,
    examples: int,
    seed: int,
    url: str,
    headers: list[dict[str, str]],
    tally: Tally,
) -> None:
    """Send ``examples`` generated cases of one root field (fewer when hypothesis runs out of
    distinct ones), rotating through the header sets."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    session = requests.Session()
    label = operation.label

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode))
    def send(case: Any) -> None:
        turn = tally.requests
        auth = {} if label in SIGNED_OUT_ONLY else headers[turn % len(headers)]
        auth = {**auth, "Accept": ACCEPT[turn // len(headers) % len(ACCEPT)]}
        body = case.body if isinstance(case.body, str) else json.dumps(case.body)
        try:
            response = session.post(url, json={"query": body}, headers=auth, timeout=60)
        except requests.RequestException as exc:
            tally.transport_error(label, body, exc)
            return
        tally.record(label, body, response)

    send()


def run(target: int, seed: int, url: str, headers: list[dict[str, str]]) -> Tally:
    from schemathesis.generation import GenerationMode

    register_scalars()
    tally = Tally()
    ops = operations()
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    round_number = 0
    while tally.requests < target:
        left = target - tally.requests
        per_case = max(1, math.ceil(left / (len(ops) * len(modes))))
        before = tally.requests
        for operation in ops:
            for mode in modes:
                fuzz_operation(operation, mode, per_case, seed + round_number, url, headers, tally)
        round_number += 1
        if tally.requests == before:
            break
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="at least this many")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument(
        "--database-url", help="an empty database to use instead of a fresh SQLite file"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="aap-fuzz-") as tmp:
        workdir = Path(tmp)
        try:
            with demo_server(workdir, args.database_url) as url:
                tally = run(args.requests, args.seed, url, sign_in(url))
        except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
            print(f"fuzz: could not start the demo server: {exc}", file=sys.stderr)
            return 2
        server_log = (workdir / "server.log").read_text(errors="replace")
    failed = tally.server_errors or tally.unexpected_errors or tally.transport_errors
    _report_failures(tally, server_log if failed else "")
    summary = {
        "requests": tally.requests,
        "server_errors": tally.server_errors,
        "unexpected_errors": tally.unexpected_errors,
        "transport_errors": tally.transport_errors,
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "operations": len(operations()),
        "seed": args.seed,
        "duration_s": round(time.monotonic() - started, 1),
    }
    print(json.dumps(summary))
    return 1 if failed else 0


def _report_failures(tally: Tally, server_log: str) -> None:
    """Keep the failing examples (and the server's errors) where a developer will look."""
    if not tally.failures:
        return
    FAILURES.parent.mkdir(parents=True, exist_ok=True)
    errors = [line for line in server_log.splitlines() if '"level": "ERROR"' in line]
    FAILURES.write_text(
        json.dumps({"failures": tally.failures, "server_errors": errors[:50]}, indent=1)
    )
    for failure in tally.failures[:5]:
        print(f"FAIL {failure['operation']}: {json.dumps(failure)[:600]}", file=sys.stderr)
    print(f"fuzz: {len(tally.failures)} failing examples kept in {FAILURES}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
