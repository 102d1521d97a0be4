"""The database away (a restart, a failover): every request gets 503 with Retry-After and a
typed error, never 500 "Unexpected error."."""

from __future__ import annotations

import pytest

from backend.core.db import is_database_unavailable
from tests.graphql_schema.test_http import MODERN, client_for, post

UNREACHABLE = {
    "sqlite": "sqlite+aiosqlite:///{tmp}/no/such/dir/db.sqlite3",
    "postgresql": "postgresql+asyncpg://postgres@127.0.0.1:1/test",  # nothing listens on 1
}


@pytest.fixture(params=sorted(UNREACHABLE))
def unreachable(request, settings, tmp_path):
    url = UNREACHABLE[request.param].format(tmp=tmp_path)
    return settings.model_copy(update={"database_url": url})


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "5"
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "Unexpected error" not in response.text


@pytest.mark.parametrize("accept", [MODERN, "application/json"])
async def test_a_query_without_the_database_gets_503(unreachable, clock, accept):
    async with client_for(unreachable, clock) as c:
        response = await post(c, "{ calls { edges { cursor } } }", accept=accept)

    assert_unavailable(response)


async def test_a_mutation_without_the_database_gets_503(unreachable, clock):
    mutation = 'mutation { login(email: "a@example.org", password: "x") { __typename } }'
    async with client_for(unreachable, clock) as c:
        response = await post(c, mutation)

    assert_unavailable(response)


async def test_a_signed_in_request_without_the_database_gets_503(
    unreachable, clock, session_factory
):
    # The bearer token is looked up before anything runs: that lookup fails first.
    async with client_for(unreachable, clock) as c:
        response = await post(
            c, "{ __typename }", authorization="Bearer some-token-of-forty-characters-or-so"
        )

    assert_unavailable(response)


async def test_a_download_without_the_database_gets_503(unreachable, clock):
    async with client_for(unreachable, clock) as c:
        response = await c.get(
            "/files/receipts/00000000-0000-0000-0000-000000000000",
            headers={"authorization": "Bearer some-token-of-forty-characters-or-so"},
        )

    assert_unavailable(response)


def test_an_ordinary_bug_is_not_taken_for_an_outage():
    assert not is_database_unavailable(ValueError("a bug"))
    assert not is_database_unavailable(KeyError("x"))
