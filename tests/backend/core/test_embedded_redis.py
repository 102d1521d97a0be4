"""The embedded redis-server (``aap dev``, ``make run``): started, answering, and a refused
first ping (the socket file exists a moment before the server listens) is waited out."""

from __future__ import annotations

import pytest
from redis.exceptions import BusyLoadingError
from redis.exceptions import ConnectionError as RedisConnectionError

from backend.core.redis import start_embedded_redis, wait_until_answering


def test_a_refused_or_loading_server_is_pinged_again_until_it_answers():
    answers = [RedisConnectionError("refused"), BusyLoadingError("loading"), True]
    pings = []

    def ping():
        pings.append(1)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    wait_until_answering(ping, timeout_s=5)

    assert len(pings) == 3


def test_a_server_that_never_answers_is_reported_after_the_timeout():
    def ping():
        raise RedisConnectionError("refused")

    with pytest.raises(RedisConnectionError):
        wait_until_answering(ping, timeout_s=0.2)


def test_the_embedded_server_starts_and_answers(tmp_path):
    server = start_embedded_redis(tmp_path / "var")
    try:
        assert server.ping()
        assert server.set("aap:probe", "1") and server.get("aap:probe") == b"1"
    finally:
        server.shutdown()
