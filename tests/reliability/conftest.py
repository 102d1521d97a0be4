"""Fixtures of the outage tests: a redis-server of the test's own, and ``aap worker``
processes on it, all stopped before the test's tables are emptied."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reliability.processes import RedisServer, Workers


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def aap_workers(session_factory, settings, redis_server, tmp_path) -> Iterator[Workers]:
    workers = Workers(settings, redis_server, tmp_path)
    try:
        yield workers
    finally:
        workers.stop_all()
