"""A document of K fragments that each spread the previous one twice is under 1 KB at K = 39
and expands to 2^K fields. Validation must cost what the text costs, not what it expands to:
the server answers it at once, and stays responsive, in production mode too.

These run against a real ``aap serve`` process: the failure this guards against froze the
process (``/healthz`` included), which only a separate process can show without freezing the
test itself.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from backend.core.settings import Settings
from tests.conftest import _RUN_DIR as RUN_DIR
from tests.graphql_schema.test_http import prod_settings
from tests.support.live_server import live_server

BOUND_S = 5.0
"""Far above what the answer takes (milliseconds), far below the 2^K walk (K = 20: 5 s)."""


def fragment_bomb(k: int) -> str:
    lines = [f"query Bomb {{ ...F{k} }}", "fragment F0 on Query { __typename }"]
    lines += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, k + 1)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def bomb_server(database_url, embedded_redis):
    """Production settings, with a token limit that lets K = 200 reach validation."""
    settings = Settings(database_url=database_url, var_dir=RUN_DIR / "var")
    with live_server(prod_settings(settings, graphql_max_tokens=20_000)) as base_url:
        yield base_url


async def _post(client: httpx.AsyncClient, query: str) -> httpx.Response:
    return await client.post(
        "/graphql", json={"query": query}, headers={"accept": "application/graphql-response+json"}
    )


@pytest.mark.parametrize(
    ("k", "code"),
    [(39, "QUERY_TOO_COSTLY"), (200, "DOCUMENT_TOO_NESTED")],
    ids=["k39-expands-too-far", "k200-nests-too-deep"],
)
async def test_fragment_bomb_is_refused_at_once(bomb_server, k, code):
    async with httpx.AsyncClient(base_url=bomb_server, timeout=BOUND_S) as client:
        started = time.monotonic()
        response = await _post(client, fragment_bomb(k))
        elapsed = time.monotonic() - started

    assert elapsed < BOUND_S
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == code


async def test_twenty_fragment_bombs_at_once_leave_healthz_answering(bomb_server):
    async with httpx.AsyncClient(base_url=bomb_server, timeout=BOUND_S) as client:
        started = time.monotonic()
        bombs = [_post(client, fragment_bomb(39 if i % 2 else 200)) for i in range(20)]
        *answers, health = await asyncio.gather(*bombs, client.get("/healthz"))
        elapsed = time.monotonic() - started

    assert elapsed < BOUND_S
    assert health.status_code == 200
    assert {a.status_code for a in answers} == {400}


async def test_shallow_fragment_reuse_is_still_answered(bomb_server):
    async with httpx.AsyncClient(base_url=bomb_server, timeout=BOUND_S) as client:
        response = await _post(client, fragment_bomb(5))

    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}
