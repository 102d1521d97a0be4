"""``make test-pg``'s first step: PostgreSQL and Redis must answer, or the run stops at once.

The suite on PostgreSQL runs the code paths production uses and the embedded default never
does (the one-statement submission, the outbox's PostgreSQL insert, row locks). It starts
nothing: it uses the servers named by ``AAP_DATABASE_URL`` and ``AAP_REDIS_URL``, and says what
to start, or how to point at other servers, when one does not answer, before pytest spends a
minute collecting and then fails on every test.

Run as ``python -m tests.support.require_services``; exits 0, or 2 with one message per
missing service on stderr.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys

from sqlalchemy.engine import make_url

TIMEOUT_S = 3.0
HOW_TO_POINT = (
    "Or point at other servers: make test-pg"
    " AAP_DATABASE_URL=postgresql+asyncpg://USER@HOST:PORT/DB AAP_REDIS_URL=redis://HOST:PORT/N"
    " (the suite empties that database: give it one of its own)."
)


def _reason(exc: BaseException) -> str:
    return str(exc).rstrip(".") or type(exc).__name__


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


async def postgres_problem(url: str) -> str | None:
    """Why the suite cannot run on ``url``, or None when PostgreSQL answers there."""
    if not url.startswith("postgresql"):
        return f"AAP_DATABASE_URL={url!r} is not a PostgreSQL URL (make test runs on SQLite)."
    import asyncpg

    parsed = make_url(url)
    try:
        connection = await asyncpg.connect(
            host=parsed.host or "127.0.0.1",
            port=parsed.port or 5432,
            user=parsed.username,
            password=parsed.password,
            database=parsed.database,
            timeout=TIMEOUT_S,
        )
    except asyncpg.InvalidCatalogNameError:
        return (
            f"PostgreSQL answers but has no database {parsed.database!r} ({shown(url)}).\n"
            f"  Create it: createdb -h {parsed.host} -p {parsed.port or 5432}"
            f" -U {parsed.username} {parsed.database}"
        )
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        return (
            f"PostgreSQL cannot be reached at {shown(url)}: {_reason(exc)}.\n"
            "  Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql)"
            " main start; or a container: docker run -d -p 5432:5432"
            " -e POSTGRES_HOST_AUTH_METHOD=trust postgres), and create its database."
        )
    await connection.close()
    return None


async def redis_problem(url: str) -> str | None:
    """Why the suite cannot use Redis at ``url``, or None when it answers PING."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return f"AAP_REDIS_URL={url!r} is not a Redis URL."
    from redis.asyncio import Redis
    from redis.exceptions import RedisError

    client = Redis.from_url(url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S)
    try:
        await client.ping()
    except (OSError, RedisError) as exc:
        return (
            f"Redis does not answer at {shown(url)}: {_reason(exc)}.\n"
            "  Start it (redis-server --daemonize yes --port 6379 --save ''; or a container:"
            " docker run -d -p 6379:6379 redis)."
        )
    finally:
        await client.aclose()
    return None


async def problems(database_url: str, redis_url: str) -> list[str]:
    found = await asyncio.gather(postgres_problem(database_url), redis_problem(redis_url))
    return [problem for problem in found if problem is not None]


def main() -> int:
    database_url = os.environ.get("AAP_DATABASE_URL", "")
    redis_url = os.environ.get("AAP_REDIS_URL", "")
    found = asyncio.run(problems(database_url, redis_url))
    for problem in found:
        print(f"make test-pg: {problem}", file=sys.stderr)
    if found:
        print(HOW_TO_POINT, file=sys.stderr)
        print("make test-pg starts nothing and skips nothing: no test was run.", file=sys.stderr)
        return 2
    print(f"make test-pg: PostgreSQL at {shown(database_url)}, Redis at {shown(redis_url)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
