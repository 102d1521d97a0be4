"""The ``aap`` command: serve, worker, migrate, seed-demo, export-schema, create-user, audit.

Production runs ``aap serve`` and ``aap worker`` as separate processes (several of each) on
PostgreSQL and Redis; ``aap dev`` (behind ``make run``) runs everything in one terminal on the
embedded default.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import signal
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from backend.core.settings import PROJECT_ROOT, get_settings

app = typer.Typer(help="aap: public calls for projects in health and AI.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")

SCHEMA_PATH = PROJECT_ROOT / "graphql_schema" / "schema.graphql"


@app.command()
def migrate() -> None:
    """Apply the database migrations up to the latest."""
    from backend.core import migrate as migrations

    settings = get_settings()
    settings.check_production()
    _ensure_sqlite_folder(settings.database_url)
    applied = migrations.upgrade(settings.database_url)
    for revision in applied:
        typer.echo(f"applied {revision}")
    if applied:
        typer.echo(f"database is now at {migrations.head_revision()} ({len(applied)} applied)")
    else:
        typer.echo(f"database was already up to date at {migrations.head_revision()}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Defaults to AAP_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Defaults to AAP_PORT.")] = None,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
) -> None:
    """Serve the API (GraphQL at /graphql, /healthz, /readyz)."""
    import uvicorn

    from backend.core.logging import configure_logging

    settings = get_settings()
    settings.check_production()
    configure_logging(settings.log_level)
    uvicorn.run(
        "backend.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_config=None,
        access_log=False,
        proxy_headers=True,
    )


class WorkerQueue(StrEnum):
    TIME_CRITICAL = "time-critical"
    HEAVY = "heavy"
    MAIL = "mail"
    ALL = "all"


@app.command()
def worker(
    queue: Annotated[
        WorkerQueue,
        typer.Option(
            help="time-critical (deadlines, sweeps, audit), heavy (receipt PDFs), mail (the "
            "outbox), or all (every queue in this process: development). Production runs "
            "each apart."
        ),
    ] = WorkerQueue.ALL,
    check: Annotated[bool, typer.Option(help="Exit 0 if the queue has a healthy worker.")] = False,
) -> None:
    """Run the arq workers of a queue; they reconnect on their own when Redis comes back."""
    from backend.core.jobs import Queue
    from workers import runner

    get_settings().check_production()
    queues = list(Queue) if queue is WorkerQueue.ALL else [Queue(queue.value)]
    if check:
        raise typer.Exit(runner.check(queues))
    runner.run(queues)


@app.command("seed-demo")
def seed_demo(
    if_empty: Annotated[bool, typer.Option(help="Only when the database has no user.")] = False,
) -> None:
    """Create the demo funders, calls and accounts (dates relative to today)."""
    from backend.core.errors import DomainError
    from backend.demo.files import DemoDataError
    from backend.demo.seed import DemoRefusedInProduction, print_accounts, seed_demo_data

    try:
        accounts = asyncio.run(_with_factory(lambda f: seed_demo_data(f, only_if_empty=if_empty)))
    except DomainError as exc:
        typer.echo(f"error: {exc.message} (is the demo already there? try --if-empty)", err=True)
        raise typer.Exit(1) from None
    except (DemoRefusedInProduction, DemoDataError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if accounts:
        print_accounts(accounts)
    else:
        typer.echo("database already has data: demo not seeded")


@app.command("export-schema")
def export_schema(
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Print the GraphQL SDL (the contract committed as graphql_schema/schema.graphql)."""
    from graphql_schema.schema import schema_sdl

    sdl = schema_sdl()
    if output is None:
        sys.stdout.write(sdl)
    else:
        output.write_text(sdl, encoding="utf-8")


@app.command("create-user")
def create_user(
    email: str,
    full_name: Annotated[str, typer.Option("--name", help="Full name.")],
    admin: Annotated[bool, typer.Option(help="Grant the platform admin role.")] = False,
    password: Annotated[
        str | None, typer.Option(help="Read from a prompt when omitted.", envvar="AAP_NEW_PASSWORD")
    ] = None,
) -> None:
    """Create an account (the first platform admin, typically)."""
    from backend.accounts.enums import Role
    from backend.accounts.services import create_user, grant_role
    from backend.core.auth import SYSTEM
    from backend.core.clock import utcnow
    from backend.core.db import unit_of_work
    from backend.core.errors import DomainError

    secret = password or getpass.getpass("Password (12 characters or more): ")

    async def create(factory: Any) -> None:
        async with unit_of_work(factory) as uow:
            now = utcnow()
            user = await create_user(
                uow.session,
                actor=SYSTEM,
                email=email,
                full_name=full_name,
                password=secret,
                now=now,
                system=True,
            )
            if admin:
                await grant_role(
                    uow.session,
                    actor=SYSTEM,
                    user_id=user.id,
                    role=Role.PLATFORM_ADMIN,
                    funder_id=None,
                    now=now,
                    system=True,
                )

    try:
        asyncio.run(_with_factory(create))
    except DomainError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"created {email}{' (platform admin)' if admin else ''}")


@audit_app.command("verify")
def audit_verify() -> None:
    """Walk the hash chain; exit 1 and list every altered, missing or truncated entry, and
    entries left unsealed too long (no worker running); say how many await sealing."""
    from backend.core.audit import Pending, pending_entries, verify_chain
    from backend.core.clock import utcnow

    async def verify(factory: Any) -> tuple[list[Any], Pending]:
        async with factory() as session:
            if get_settings().database_url.startswith("postgresql"):
                # One snapshot: a sealer committing mid-walk must not look like a truncation.
                await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            problems = await verify_chain(session, key=get_settings().secret_key, now=utcnow())
            return problems, await pending_entries(session)

    problems, pending = asyncio.run(_with_factory(verify))
    for problem in problems:
        where = "" if problem.seq is None else f"entry {problem.seq}: "
        typer.echo(f"{where}{problem.problem}", err=True)
    oldest = f", the oldest from {pending.oldest:%Y-%m-%d %H:%M:%S} UTC" if pending.oldest else ""
    typer.echo(f"pending (recorded, not sealed yet): {pending.count}{oldest}")
    if problems:
        raise typer.Exit(1)
    typer.echo("audit chain intact")


@audit_app.command("seal")
def audit_seal() -> None:
    """Seal every pending entry into the chain now (the worker does it every five seconds)."""
    from backend.core.audit import SEAL_BATCH, seal_pending
    from backend.core.db import unit_of_work

    async def seal(factory: Any) -> int:
        sealed, batch = 0, SEAL_BATCH
        while batch == SEAL_BATCH:
            async with unit_of_work(factory) as uow:
                batch = await seal_pending(uow.session, key=get_settings().secret_key)
            sealed += batch
        return sealed

    typer.echo(f"sealed: {asyncio.run(_with_factory(seal))}")


@app.command()
def dev() -> None:
    """Everything for a newcomer: migrate, embedded Redis, demo data, API and a worker."""
    from backend.core.redis import start_embedded_redis

    settings = get_settings()
    migrate()
    redis_server = None if settings.redis_url else start_embedded_redis(settings.var_dir)
    seed_demo(if_empty=True)
    worker_process = subprocess.Popen([sys.executable, "-m", "backend.cli", "worker"])
    base = f"http://{settings.host}:{settings.port}"
    web = (
        f"{base}/"
        if (settings.web_dist_dir / "index.html").is_file()
        else "not built (`make run` builds it; it needs Node.js 20+)"
    )
    typer.echo(
        f"\n  Application: {web}\n  GraphiQL:    {base}/graphql"
        f"\n  Health:      {base}/healthz  {base}/readyz\n"
    )
    # uvicorn shuts down gracefully on SIGTERM, then raises it again for the handler in place
    # before it: Python's default would end the process here, skipping the `finally` and
    # leaving the worker and the embedded Redis running (orphans a `docker stop`, systemd or
    # `timeout` would leave behind). Raising SystemExit instead runs it.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        serve(host=None, port=None, workers=1)
    finally:
        _stop(worker_process)
        if redis_server is not None:
            redis_server.shutdown()


def _exit_on_signal(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


async def _with_factory(work: Any) -> Any:
    from backend.core.db import create_engine, create_session_factory

    settings = get_settings()
    engine = create_engine(settings.database_url)
    try:
        return await work(create_session_factory(engine))
    finally:
        await engine.dispose()


def _ensure_sqlite_folder(database_url: str) -> None:
    prefix = "sqlite+aiosqlite:///"
    if database_url.startswith(prefix):
        Path(database_url[len(prefix) :]).parent.mkdir(parents=True, exist_ok=True)


BENCHMARKS_PACKAGE = "tests.benchmarks"


@app.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
def bench(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="The benchmark (`aap bench` lists them).", metavar="NAME")
    ] = None,
) -> None:
    """Run a benchmark of tests/benchmarks (in a checkout): `aap bench` lists them.

    `aap bench NAME [OPTIONS...]` hands OPTIONS to the benchmark (`aap bench NAME --help`);
    it prints a summary, then one JSON line last.
    """
    folder = _benchmarks_folder()
    available = _available_benchmarks(folder)
    if name in (None, "--help", "-h"):
        typer.echo(_bench_usage(available))
        raise typer.Exit(0 if name else 2)
    if name not in available:
        typer.echo(f"error: unknown benchmark {name!r}\n{_bench_usage(available)}", err=True)
        raise typer.Exit(2)
    raise typer.Exit(_benchmark_main(folder, name)(list(ctx.args)))


def _benchmarks_folder() -> Path:
    """``tests/benchmarks`` of the checkout this ``backend`` package runs from; exits 2 with a
    clear message when there is none (an installed package, a production image)."""
    import backend

    root = Path(backend.__file__).resolve().parent.parent
    folder = root.joinpath(*BENCHMARKS_PACKAGE.split("."))
    if not folder.is_dir():
        typer.echo(
            f"error: aap bench runs benchmarks from a checkout of the repository, and there is"
            f" no {folder} next to the backend package in use ({root / 'backend'}): run it"
            " from a clone, with aap installed from it (pip install -e .)",
            err=True,
        )
        raise typer.Exit(2)
    return folder


def _available_benchmarks(folder: Path) -> dict[str, str]:
    """Benchmark name -> the first sentence of its docstring: every module of ``folder`` that
    defines ``main`` at the top level (the contract), read without importing it; test modules
    and names starting with ``_`` are not benchmarks."""
    import ast

    found = {}
    for path in sorted(folder.glob("*.py")):
        if path.stem.startswith(("_", "test_")) or path.stem == "conftest":
            continue
        module = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == "main" for n in module.body):
            paragraph = " ".join((ast.get_docstring(module) or "").split("\n\n", 1)[0].split())
            found[path.stem] = paragraph.split(". ", 1)[0].removesuffix(".")
    return found


def _bench_usage(available: dict[str, str]) -> str:
    width = max((len(name) for name in available), default=0)
    lines = [f"  {name:{width}}  {summary}" for name, summary in available.items()]
    return "\n".join(
        ["Usage: aap bench NAME [OPTIONS...]   (aap bench NAME --help for its options)", "",
         "Benchmarks (tests/benchmarks/NAME.py):", *lines]
    )  # fmt: skip


def _benchmark_main(folder: Path, name: str) -> Any:
    """``main`` of ``tests.benchmarks.NAME``, imported from the checkout (put on sys.path)
    at run time: the production package never imports tests statically."""
    import importlib

    root = str(folder.parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    module_name = f"{BENCHMARKS_PACKAGE}.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if not (exc.name and f"{module_name}.".startswith(f"{exc.name}.")):
            raise  # the benchmark's own import failed: its traceback says more
        module = None
    if module is None or Path(module.__file__ or "").resolve().parent != folder:
        found = getattr(module, "__file__", None) or "nothing"
        typer.echo(
            f"error: importing {module_name} found {found}, not {folder}: another package"
            " named 'tests' comes first on sys.path",
            err=True,
        )
        raise typer.Exit(2)
    return module.main


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
