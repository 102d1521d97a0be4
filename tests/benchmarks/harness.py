"""What every benchmark shares: its own database, servers started as production starts them,
a load driver, CPU accounting, a CPU profiler, and the output's shape.

A benchmark is a module ``tests/benchmarks/<name>.py`` with ``main(argv) -> int``: it parses
its own options (:func:`argument_parser`), prints a human summary, then one JSON line last
(:func:`print_result`), and returns the exit status. ``aap bench NAME [OPTIONS...]`` finds it
by its module name; this module has no ``main``, so it is not one.

``python -m tests.benchmarks.harness profile OUT.prof MODULE [ARGS...]`` runs ``python -m
MODULE ARGS`` under the CPU profiler (how a benchmark profiles a server it starts).

Side effects, when a benchmark asks: creates and drops PostgreSQL databases whose name says
``bench``; starts and stops server processes, with their logs under ``var/bench/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from backend.core.db import create_engine
from backend.core.settings import PROJECT_ROOT

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/aap_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
LOG_DIR = PROJECT_ROOT / "var" / "bench"
READY_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 30.0

T = TypeVar("T")


class BenchRefused(RuntimeError):
    """The benchmark cannot run with this configuration (SQLite, a server that never came up,
    ...): :func:`refusals_exit` prints it and exits 2."""


# --------------------------------------------------------------------------- options and output


def argument_parser(name: str, doc: str | None) -> argparse.ArgumentParser:
    """A parser named ``aap bench NAME``, described by the first paragraph of ``doc``."""
    description = (doc or "").strip().split("\n\n", 1)[0]
    return argparse.ArgumentParser(prog=f"aap bench {name}", description=description)


def at_least_one(text: str) -> int:
    """An ``argparse`` type: an integer >= 1 (a usage error, exit 2, otherwise)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, not {value}")
    return value


def refusals_exit(run: Callable[[], int]) -> int:
    """``run()``'s status, or 2 with ``error: ...`` on stderr when it raised BenchRefused."""
    try:
        return run()
    except BenchRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def print_result(result: dict[str, Any], out: TextIO | None = None) -> None:
    """The benchmark's JSON line: the last line it prints, what scripts and tests read."""
    print(json.dumps(result), file=out or sys.stdout, flush=True)


# --------------------------------------------------------------------------- database


def bench_database_url(configured: str | None, *, why: str = "") -> str:
    """The bench's own PostgreSQL database, on the server ``configured`` points at.

    The database is dropped and recreated, so a name without ``bench`` in it is replaced by
    ``aap_bench``: pointing AAP_DATABASE_URL at a real database never wipes it. ``why`` says
    why SQLite is refused, for the message.
    """
    raw = configured or DEFAULT_DATABASE_URL
    if raw.startswith("sqlite"):
        raise BenchRefused(
            f"the benchmark measures PostgreSQL{': ' + why if why else ''}."
            " Set AAP_DATABASE_URL=postgresql+asyncpg://USER@HOST:5432/aap_bench (or unset it"
            f" for {DEFAULT_DATABASE_URL})"
        )
    url = make_url(raw)
    if not url.drivername.startswith("postgresql"):
        raise BenchRefused(f"the benchmark needs PostgreSQL, not {url.drivername}")
    name = url.database if "bench" in (url.database or "") else "aap_bench"
    bench_url = url.set(drivername="postgresql+asyncpg", database=name)
    rendered = bench_url.render_as_string(hide_password=False)
    bench_database_name(rendered)
    return rendered


def bench_database_name(url: str) -> str:
    """The database name, refused unless it is a bench database and safe to quote."""
    name = make_url(url).database or ""
    if "bench" not in name or not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise BenchRefused(f"refusing to drop or create database {name!r}")
    return name


async def _on_server(url: str, statement: str) -> None:
    """Run ``statement`` outside any transaction, on the server's ``postgres`` database."""
    engine = create_async_engine(
        make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool
    )
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text(statement))
    finally:
        await engine.dispose()


async def drop_database(url: str) -> None:
    """Drop the bench database, closing its connections (PostgreSQL 13+)."""
    await _on_server(url, f'DROP DATABASE IF EXISTS "{bench_database_name(url)}" WITH (FORCE)')


async def recreate_database(url: str) -> None:
    await drop_database(url)
    await _on_server(url, f'CREATE DATABASE "{bench_database_name(url)}"')


@contextmanager
def migrated_database(url: str, *, keep: bool) -> Iterator[None]:
    """A fresh database at the migrations' head for the ``with`` block; dropped afterwards
    unless ``keep``."""
    from backend.core import migrate

    asyncio.run(recreate_database(url))
    try:
        migrate.upgrade(url)
        yield
    finally:
        if not keep:
            asyncio.run(drop_database(url))


async def settle(engine: AsyncEngine) -> None:
    """VACUUM ANALYZE and CHECKPOINT, so each phase starts from the same kind of database."""
    async with engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(sa.text("VACUUM ANALYZE"))
        with suppress(sa.exc.DBAPIError):  # needs superuser; it only lowers the variance
            await conn.execute(sa.text("CHECKPOINT"))


async def on_database(url: str, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """``work(engine)`` on a short-lived engine."""
    engine = create_engine(url)
    try:
        return await work(engine)
    finally:
        await engine.dispose()


# --------------------------------------------------------------------------- servers


def server_env(url: str, redis_url: str, secret_key: str) -> dict[str, str]:
    """The environment of a server started as production starts it, on the bench's services."""
    env = dict(os.environ)
    env.update(
        AAP_ENVIRONMENT="prod",
        AAP_SECRET_KEY=secret_key,
        AAP_DATABASE_URL=url,
        AAP_REDIS_URL=redis_url,
        PYTHONUNBUFFERED="1",
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def api_command(port: int, *, workers: int = 1, profile: Path | None = None) -> list[str]:
    """``aap serve`` on ``port``; under the CPU profiler (:func:`profile_module`) into
    ``profile`` when given."""
    serve = ["backend.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    serve += ["--workers", str(workers)]
    if profile is None:
        return [sys.executable, "-m", *serve]
    return [sys.executable, "-m", "tests.benchmarks.harness", "profile", str(profile), *serve]


def uvicorn_command(app_factory: str, port: int, *, workers: int = 1) -> list[str]:
    """A bare app (a floor) served by uvicorn: ``app_factory`` is ``module:function``."""
    command = [sys.executable, "-m", "uvicorn", app_factory, "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    return [*command, "--no-access-log", "--log-level", "warning"]


@dataclass
class Servers:
    processes: list[subprocess.Popen[bytes]]
    targets: list[tuple[str, int]]
    logs: list[Path]


def start_servers(kind: str, commands: Sequence[list[str]], env: dict[str, str]) -> Servers:
    """Start each command (it names its ``--port``) from the checkout, logs in
    ``var/bench/KIND-i.log``; return once every one answers ``/readyz`` with 200."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    servers = Servers([], [], [])
    for i, command in enumerate(commands):
        log_path = LOG_DIR / f"{kind}-{i}.log"
        with log_path.open("wb") as log_file:
            servers.processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                    command, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                    start_new_session=True, cwd=PROJECT_ROOT,
                )
            )  # fmt: skip
        servers.targets.append(("127.0.0.1", int(command[command.index("--port") + 1])))
        servers.logs.append(log_path)
    try:
        _wait_ready(servers)
    except BaseException:
        stop_servers(servers)
        raise
    return servers


def _wait_ready(servers: Servers) -> None:
    import httpx

    deadline = time.monotonic() + READY_TIMEOUT_S
    for (host, port), process, log_path in zip(
        servers.targets, servers.processes, servers.logs, strict=True
    ):
        while True:
            if process.poll() is not None:
                raise BenchRefused(f"server on :{port} exited:\n{_tail(log_path)}")
            try:
                if httpx.get(f"http://{host}:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise BenchRefused(f"server on :{port} not ready:\n{_tail(log_path)}")
            time.sleep(0.2)


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop_servers(servers: Servers) -> None:
    """SIGINT (a graceful uvicorn shutdown, which also lets cProfile write its file)."""
    for process in servers.processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    for process in servers.processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def serving(kind: str, commands: Sequence[list[str]], env: dict[str, str]) -> Iterator[Servers]:
    servers = start_servers(kind, commands, env)
    try:
        yield servers
    finally:
        stop_servers(servers)


# --------------------------------------------------------------------------- HTTP load


class Connection:
    """One keep-alive HTTP/1.1 connection: a few microseconds per request, unlike a full
    client, so the load generator leaves the two cores to the servers as far as it can."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, token: str) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Content-Type: application/json\r\n"
            "Accept: application/graphql-response+json, application/json\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self._writer.write(head.encode() + body)
        status, headers = await self._read_head(self._reader)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            payload = await self._read_chunked(self._reader)
        else:
            payload = await self._reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, payload

    @staticmethod
    async def _read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
        lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        return int(lines[0].split(" ", 2)[1]), headers

    @staticmethod
    async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        return b"".join(parts)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None


@dataclass(frozen=True)
class Shot:
    """One request to send: the object it acts on (what the database check looks for), its
    body, and the bearer token it carries."""

    key: uuid.UUID
    body: bytes
    token: str


Classify = Callable[[int, bytes], str]
"""(HTTP status, body) -> the outcome's name, e.g. a GraphQL payload's ``__typename``."""


@dataclass
class LoadResult:
    success: str
    """The outcome that counts as a success."""
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    acknowledged: set[uuid.UUID] = field(default_factory=set)
    issued: set[uuid.UUID] = field(default_factory=set)
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    examples: dict[str, str] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def successes(self) -> int:
        return self.outcomes[self.success]

    @property
    def throughput(self) -> float:
        return self.successes / self.wall_s if self.wall_s else 0.0

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def graphql_outcome(field_name: str) -> Classify:
    """The ``__typename`` of ``data.<field_name>``, else what went wrong at the HTTP level."""

    def classify(status: int, payload: bytes) -> str:
        try:
            body = json.loads(payload)
            result = (body.get("data") or {}).get(field_name)
            if result:
                return str(result.get("__typename"))
            if body.get("errors"):
                return f"HTTP {status} errors"
        except (ValueError, AttributeError):
            pass
        return f"HTTP {status}"

    return classify


async def _drive(
    connections: list[Connection],
    path: str,
    requests: Sequence[Shot],
    *,
    classify: Classify,
    rate: float | None,
    duration_s: float | None,
    result: LoadResult | None,
) -> float:
    """Send every request, one in flight per connection; returns the wall time in seconds."""
    position = 0
    started = time.perf_counter()
    finished = started
    stop_at = started + duration_s if duration_s else math.inf

    async def worker(conn: Connection) -> None:
        nonlocal position, finished
        while position < len(requests) and time.perf_counter() < stop_at:
            index, position = position, position + 1
            request = requests[index]
            begin = started + index / rate if rate else time.perf_counter()
            if (delay := begin - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            if result is not None:
                result.issued.add(request.key)
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT_S):
                    status, payload = await conn.post(path, request.body, request.token)
                outcome = classify(status, payload)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
                await conn.close()
                outcome, payload = f"client {type(exc).__name__}", str(exc).encode()
            end = time.perf_counter()
            finished = max(finished, end)
            if result is None:
                continue
            result.latencies_ms.append((end - begin) * 1000)
            result.outcomes[outcome] += 1
            if outcome == result.success:
                result.acknowledged.add(request.key)
            else:
                result.examples.setdefault(outcome, payload[:300].decode("utf-8", "replace"))

    await asyncio.gather(*(worker(conn) for conn in connections))
    return finished - started


async def run_load(
    targets: Sequence[tuple[str, int]],
    path: str,
    warmup: Sequence[Shot],
    measured: Sequence[Shot],
    *,
    classify: Classify,
    success: str,
    concurrency: int,
    rate: float | None = None,
    duration_s: float | None = None,
    server_pids: Sequence[int] = (),
) -> LoadResult:
    """Warm up (not recorded), then the measured load on the same connections.

    ``concurrency`` connections, spread round-robin over ``targets``, each with one request
    in flight. Closed loop by default; with ``rate``, requests are scheduled at that rate and
    a late start counts in the latency (no coordinated omission).
    """
    connections = [Connection(*targets[i % len(targets)]) for i in range(concurrency)]
    try:
        await _drive(
            connections, path, warmup, classify=classify, rate=None, duration_s=None, result=None
        )
        result = LoadResult(success)
        before, client_before = cpu_sample(server_pids), time.process_time()
        result.wall_s = await _drive(
            connections, path, measured, classify=classify, rate=rate, duration_s=duration_s,
            result=result,
        )  # fmt: skip
        result.client_cpu_s = time.process_time() - client_before
        result.cpu = cpu_cores(before, cpu_sample(server_pids), result.wall_s, result.client_cpu_s)
    finally:
        for conn in connections:
            await conn.close()
    return result


# --------------------------------------------------------------------------- CPU accounting


def _processes() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command name, CPU seconds) for every process we may read."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        found[int(entry.name)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / ticks)
    return found


def _machine_busy_s() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    total = sum(values[:8])
    return (total - values[3] - values[4]) / ticks, total / ticks


@dataclass(frozen=True)
class CpuSample:
    servers: float
    postgres: float
    busy: float
    total: float


def cpu_sample(server_pids: Sequence[int]) -> CpuSample | None:
    """CPU seconds of the server process trees, of PostgreSQL and of the machine (Linux)."""
    try:
        procs = _processes()
        busy, total = _machine_busy_s()
    except (OSError, ValueError):
        return None
    tree, frontier = set(server_pids), list(server_pids)
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _, _) in procs.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    return CpuSample(
        servers=sum(procs[p][2] for p in tree if p in procs),
        postgres=sum(cpu for _, name, cpu in procs.values() if name.startswith("postgres")),
        busy=busy,
        total=total,
    )


def cpu_cores(
    before: CpuSample | None, after: CpuSample | None, wall: float, client_s: float
) -> dict[str, float]:
    """Average cores used during ``wall`` seconds by the client, the servers, PostgreSQL and
    everything else on the machine (other work competing for the same cores)."""
    if before is None or after is None or wall <= 0:
        return {}
    servers, postgres = after.servers - before.servers, after.postgres - before.postgres
    busy = after.busy - before.busy
    return {
        "client_cores": round(client_s / wall, 2),
        "server_cores": round(servers / wall, 2),
        "postgres_cores": round(postgres / wall, 2),
        "other_cores": round(max(0.0, busy - servers - postgres - client_s) / wall, 2),
        "machine_busy_pct": round(100 * busy / (after.total - before.total), 1),
    }


# --------------------------------------------------------------------------- profile


def profile_module(out: Path, module: str, args: Sequence[str]) -> None:
    """``python -m module args`` under cProfile timed in CPU seconds, written to ``out``.

    Not wall time: on a busy machine wall time charges the wait for a core to whatever was
    running, mostly the socket send that woke PostgreSQL. With a CPU timer a coroutine's
    cumulative time is the CPU of its running stretches, so it is meaningful too.
    """
    import cProfile
    import runpy

    profiler = cProfile.Profile(time.process_time)
    sys.argv = [module, *args]
    profiler.enable()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except (SystemExit, KeyboardInterrupt):
        pass
    finally:
        profiler.disable()
        profiler.dump_stats(str(out))


ProfileStep = tuple[str, str, str]
"""(file name suffix, function name, label): a step of a request, for :func:`profile_summary`."""


def _package_of(filename: str) -> str:
    if filename == "~":
        return "builtins"
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    for ours in ("/backend/", "/graphql_schema/"):
        if ours in filename:
            return ours.strip("/")
    if "/lib/python3" in filename:
        rest = filename.split("/lib/python3", 1)[1].split("/", 2)
        return "stdlib:" + (rest[1].removesuffix(".py") if len(rest) > 1 else "?")
    return filename


def _is_idle(name: str) -> bool:
    return "poll" in name and "epoll" in name


def profile_summary(
    path: Path, *, requests: int, steps: Sequence[ProfileStep] = (), top: int = 20
) -> str:
    """CPU by package and by file, the inclusive CPU of a request's ``steps``, the costliest
    functions."""
    import pstats

    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    busy = sum(v[2] for (_, _, name), v in stats.items() if not _is_idle(name))
    by_package: Counter[str] = Counter()
    by_file: Counter[str] = Counter()
    for (filename, _, name), (_, _, own, _, _) in stats.items():
        if not _is_idle(name):
            by_package[_package_of(filename)] += own
            by_file[f"{_package_of(filename)}:{Path(filename).name}"] += own
    per_request = 1000 * busy / requests if requests else 0
    lines = [f"profile {path} (CPU time): {busy:.2f} s for ~{requests} requests"
             f" = {per_request:.2f} ms CPU per request in the profiled process"]  # fmt: skip

    def share(seconds: float) -> str:
        ms = 1000 * seconds / requests if requests else 0
        return f"{100 * seconds / busy:5.1f}%  {ms:6.2f} ms/req"

    lines.append("own CPU by package:")
    lines += [f"  {share(own)}  {pkg}" for pkg, own in by_package.most_common(12)]
    lines.append("own CPU by file:")
    lines += [f"  {share(own)}  {name}" for name, own in by_file.most_common(12)]
    lines.append("inclusive CPU of the request's steps:")
    for suffix, function, label in steps:
        total = sum(v[3] for (f, _, n), v in stats.items() if f.endswith(suffix) and n == function)
        if total:
            lines.append(f"  {share(total)}  {label}")
    lines.append("costliest functions (own CPU; calls):")
    ranked = sorted(
        ((k, v) for k, v in stats.items() if not _is_idle(k[2])), key=lambda kv: -kv[1][2]
    )
    for (filename, line, name), (_, calls_n, own, _, _) in ranked[:top]:
        where = f"{_package_of(filename)}:{Path(filename).name}:{line}({name})"
        lines.append(f"  {share(own)}  {calls_n:>8}  {where}")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "profile":
        profile_module(Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
    else:
        sys.exit("usage: python -m tests.benchmarks.harness profile OUT.prof MODULE [ARGS...]")
