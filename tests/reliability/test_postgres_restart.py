"""PostgreSQL restarts under the API: while it is down every request gets 503 with
Retry-After and a typed error (never 500 "Unexpected error."); once it is back, the same
process serves again without a restart of its own (its pool replaces the dead connections)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from backend.app import create_app
from backend.core import migrate
from tests.support.pg_process import postgres_process

QUERY = {"query": "{ calls { edges { cursor } } }"}
LOGIN = {"query": 'mutation { login(email: "a@example.org", password: "x") { __typename } }'}


@pytest.fixture(scope="module")
def own_postgres():
    with postgres_process() as server:
        migrate.upgrade(server.url)
        yield server


async def test_postgres_restart_gives_503_then_service_resumes(own_postgres, settings, clock):
    app = create_app(settings.model_copy(update={"database_url": own_postgres.url}), clock=clock)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c,
    ):
        before = await c.post("/graphql", json=QUERY)  # the pool now holds a live connection
        await asyncio.to_thread(own_postgres.stop)
        try:
            during = [await c.post("/graphql", json=body) for body in (QUERY, LOGIN, QUERY)]
            ready_during = await c.get("/readyz")
        finally:
            await asyncio.to_thread(own_postgres.start)
        after = await c.post("/graphql", json=QUERY)
        ready_after = await c.get("/readyz")

    assert before.status_code == 200, before.text
    for response in during:
        assert response.status_code == 503, response.text
        assert response.headers["retry-after"] == "5"
        assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert ready_during.status_code == 503
    assert after.status_code == 200, after.text
    assert after.json() == {"data": {"calls": {"edges": []}}}
    assert ready_after.status_code == 200
