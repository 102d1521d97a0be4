"""POST/GET /graphql against the GraphQL over HTTP specification (draft), MUSTs and SHOULDs.

https://graphql.github.io/graphql-over-http/draft/ : media type negotiation, status codes per
media type, 405/406/415, GraphQL-shaped refusals, masked errors, GraphiQL only in dev.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import strawberry
from fastapi import FastAPI
from strawberry.extensions import SchemaExtension

from backend.core.clock import Clock
from backend.core.settings import Environment, Settings
from graphql_schema.http import GraphQLOverHTTPRouter, negotiate_media_type
from tests.support import factories as f

MODERN = "application/graphql-response+json"
LEGACY = "application/json"
LOGIN_MUTATION = 'mutation { login(email: "a@example.org", password: "x") { __typename } }'
# A field error once execution has begun (anonymous callers have no API tokens to list; a
# malformed id is no longer one: it is not found, see test_not_found).
PARTIAL_QUERY = "{ __typename myApiTokens { totalCount } }"


def prod_settings(settings: Settings, **overrides: Any) -> Settings:
    """Production settings that pass ``check_production`` on the test database and Redis."""
    redis_url = os.environ.get("AAP_REDIS_URL") or "unix://" + str(settings.var_dir / "redis.sock")
    values: dict[str, Any] = {
        "environment": Environment.PROD,
        "secret_key": "x" * 40,
        "database_url": settings.database_url,
        "allow_sqlite_in_prod": True,
        "redis_url": redis_url,
        "var_dir": settings.var_dir,
        "storage_dir": settings.storage_dir,
    }
    return Settings(**{**values, **overrides})


@asynccontextmanager
async def client_for(settings: Settings, clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app built from ``settings``, for tests that need other than the default."""
    from backend.app import create_app

    app = create_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


async def post(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    accept: str | None = MODERN,
    **extra: Any,
) -> httpx.Response:
    """POST a JSON GraphQL request; ``accept=None`` keeps httpx's default ``*/*``."""
    headers = {"accept": accept} if accept is not None else {}
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return await client.post("/graphql", json=body, headers={**headers, **extra})


def media_type(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def assert_no_trace(response: httpx.Response) -> None:
    assert "Traceback" not in response.text
    assert 'File "' not in response.text


# --- Accept negotiation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, LEGACY),
        ("", LEGACY),
        ("*/*", LEGACY),
        ("application/*", LEGACY),
        (LEGACY, LEGACY),
        (MODERN, MODERN),
        (f"{MODERN}; charset=utf-8", MODERN),
        (f"{MODERN}, {LEGACY}", MODERN),
        (f"{LEGACY}, {MODERN}", MODERN),
        (f"{MODERN}; charset=utf-8, {LEGACY}; charset=utf-8", MODERN),
        (f"{MODERN}, {LEGACY};q=0.9", MODERN),
        (f"{LEGACY}, {MODERN};q=0.9", LEGACY),
        (f"{LEGACY};q=0.5, {MODERN};q=0.8", MODERN),
        (f"{MODERN}, */*;q=0.1", MODERN),
        (f"*/*;q=0.1, {LEGACY}", LEGACY),
        (f"text/html, {MODERN};q=0.9", MODERN),
        (f"{MODERN};q=0, {LEGACY};q=0.1", LEGACY),
        (f"{MODERN}; charset=latin-1, {LEGACY};q=0.5", LEGACY),
        ("text/html", None),
        ("text/html, application/xhtml+xml", None),
        (f"{MODERN};q=0, {LEGACY};q=0", None),
        (f"{LEGACY}; charset=iso-8859-1", None),
    ],
)
def test_negotiate_media_type_follows_accept(accept, expected):
    assert negotiate_media_type(accept) == expected


async def test_response_is_graphql_response_json_when_accepted_explicitly(client):
    response = await post(client, "{ __typename }", accept=MODERN)

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{MODERN}; charset=utf-8"
    assert response.json() == {"data": {"__typename": "Query"}}
    assert "accept" in response.headers["vary"].lower()


async def test_response_is_graphql_response_json_when_preferred_by_q_values(client):
    response = await post(client, "{ __typename }", accept=f"{LEGACY};q=0.5, {MODERN};q=0.9")

    assert media_type(response) == MODERN


async def test_response_is_json_when_json_preferred_by_q_values(client):
    response = await post(client, "{ __typename }", accept=f"{MODERN};q=0.5, {LEGACY}")

    assert media_type(response) == LEGACY


async def test_response_is_json_when_accept_is_wildcard(client):
    response = await post(client, "{ __typename }", accept="*/*")

    assert response.status_code == 200
    assert media_type(response) == LEGACY


async def test_response_is_json_when_accept_is_missing(client):
    request = client.build_request("POST", "/graphql", json={"query": "{ nope }"})
    del request.headers["accept"]

    response = await client.send(request)

    assert response.status_code == 200
    assert media_type(response) == LEGACY
    assert response.json()["data"] is None


async def test_post_returns_406_when_accept_lists_neither(client):
    response = await post(client, "{ __typename }", accept="text/html")

    assert response.status_code == 406
    assert media_type(response) == LEGACY
    assert response.json()["errors"][0]["message"].startswith("Not Acceptable")


async def test_get_query_returns_406_when_accept_is_html_only(client):
    response = await client.get(
        "/graphql", params={"query": "{ __typename }"}, headers={"accept": "text/html"}
    )

    assert response.status_code == 406


# --- Status codes and body shape per media type ---------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{", None),
        ("{ noSuchField }", None),
        ("query($first: Int) { calls(first: $first) { edges { cursor } } }", {"first": "ten"}),
        ("query($id: ID!) { call(id: $id) { id } }", {}),
    ],
    ids=["syntax", "unknown-field", "variable-type", "variable-missing"],
)
async def test_request_error_returns_400_without_data_when_graphql_response_json(
    client, query, variables
):
    response = await post(client, query, variables, accept=MODERN)

    assert response.status_code == 400
    assert media_type(response) == MODERN
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["message"] != "Unexpected error."


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{", None),
        ("{ noSuchField }", None),
        ("query($first: Int) { calls(first: $first) { edges { cursor } } }", {"first": "ten"}),
    ],
    ids=["syntax", "unknown-field", "variable-type"],
)
async def test_request_error_returns_200_with_null_data_when_json(client, query, variables):
    response = await post(client, query, variables, accept=LEGACY)

    assert response.status_code == 200
    assert media_type(response) == LEGACY
    body = response.json()
    assert body["data"] is None
    assert body["errors"]


async def test_invalid_variables_message_names_the_variable_when_graphql_response_json(client):
    response = await post(
        client,
        "query($first: Int) { calls(first: $first) { edges { cursor } } }",
        {"first": "ten"},
    )

    assert response.status_code == 400
    assert "$first" in response.json()["errors"][0]["message"]


async def test_unknown_operation_name_is_request_error_per_media_type(client):
    body = {"query": "query A { __typename }", "operationName": "B"}

    modern = await client.post("/graphql", json=body, headers={"accept": MODERN})
    legacy = await client.post("/graphql", json=body, headers={"accept": LEGACY})

    assert modern.status_code == 400
    assert "data" not in modern.json()
    assert legacy.status_code == 200
    assert legacy.json()["data"] is None


async def test_field_error_returns_200_with_data_when_graphql_response_json(client):
    response = await post(client, PARTIAL_QUERY, accept=MODERN)

    assert response.status_code == 200
    body = response.json()
    assert "data" in body and body["data"] is None  # the non-null field took its parent
    assert body["errors"][0]["path"] == ["myApiTokens"]


async def test_unparseable_body_returns_400_when_json(client):
    response = await client.post(
        "/graphql",
        content=b'{"query":',
        headers={"content-type": LEGACY, "accept": LEGACY},
    )

    assert response.status_code == 400
    assert media_type(response) == LEGACY
    assert response.json()["errors"][0]["message"]


async def test_unparseable_body_returns_400_without_data_when_graphql_response_json(client):
    response = await client.post(
        "/graphql", content=b"NONSENSE", headers={"content-type": LEGACY, "accept": MODERN}
    )

    assert response.status_code == 400
    assert media_type(response) == MODERN
    assert "data" not in response.json()


async def test_missing_query_returns_400_when_json(client):
    response = await client.post(
        "/graphql", json={"qeury": "{ __typename }"}, headers={"accept": LEGACY}
    )

    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "No GraphQL query found in the request"}]}


async def test_variables_not_an_object_returns_400_when_json(client):
    response = await client.post(
        "/graphql", json={"query": "{ __typename }", "variables": [7]}, headers={"accept": LEGACY}
    )

    assert response.status_code == 400


# --- Methods and request content types ------------------------------------------------------


async def test_query_via_get_returns_200(client):
    response = await client.get(
        "/graphql", params={"query": "{ __typename }"}, headers={"accept": MODERN}
    )

    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_mutation_via_get_returns_405_with_allow_post(client):
    response = await client.get(
        "/graphql", params={"query": LOGIN_MUTATION}, headers={"accept": MODERN}
    )

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert media_type(response) == MODERN
    assert "data" not in response.json()


async def test_mutation_via_post_executes(client):
    response = await post(client, LOGIN_MUTATION)

    assert response.status_code == 200
    assert response.json()["data"]["login"]["__typename"]


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/graphql", None],
)
async def test_post_returns_415_when_content_type_is_not_json(client, content_type):
    headers = {"accept": MODERN} | ({"content-type": content_type} if content_type else {})

    response = await client.post("/graphql", content=b'{"query":"{__typename}"}', headers=headers)

    assert response.status_code == 415
    assert media_type(response) == MODERN
    assert "data" not in response.json()


async def test_post_returns_415_when_json_charset_is_not_utf8(client):
    response = await client.post(
        "/graphql",
        content=b'{"query":"{__typename}"}',
        headers={"content-type": "application/json; charset=latin-1"},
    )

    assert response.status_code == 415


async def test_post_accepts_json_when_charset_is_utf8(client):
    response = await client.post(
        "/graphql",
        content=b'{"query":"{__typename}"}',
        headers={"content-type": "application/json; charset=UTF-8", "accept": MODERN},
    )

    assert response.status_code == 200


async def test_multipart_post_is_executed_as_graphql(client, session_factory, clock):
    """Uploads are on (the GraphQL multipart request spec); a member's multipart query still
    executes (a stranger's is refused before its parts are read: tests/test_body_limits.py)."""
    signed = await f.sign_in(
        session_factory, clock.now(), await f.make_user(session_factory, clock.now())
    )
    response = await client.post(
        "/graphql",
        files={"operations": (None, '{"query": "{ __typename }"}'), "map": (None, "{}")},
        headers={"accept": MODERN, "authorization": f"Bearer {signed.token}"},
    )

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


# --- Errors never leak -----------------------------------------------------------------------


async def test_resolver_exception_returns_unexpected_error_without_trace(client, monkeypatch):
    async def explode(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("SELECT password_hash FROM users")

    monkeypatch.setattr("backend.calls.queries.page_of_funders", explode)

    response = await post(client, "{ __typename funders { edges { cursor } } }")

    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["message"] == "Unexpected error."
    assert "password_hash" not in response.text
    assert_no_trace(response)


@strawberry.type
class _TinyQuery:
    ok: bool = True


class _CrashOutsideResolvers(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        raise RuntimeError("SELECT secret FROM sessions")
        yield  # pragma: no cover


@pytest.mark.parametrize("accept", [MODERN, LEGACY])
async def test_crash_outside_resolvers_returns_500_unexpected_error(accept):
    schema = strawberry.Schema(query=_TinyQuery, extensions=[_CrashOutsideResolvers])
    app = FastAPI()
    app.include_router(GraphQLOverHTTPRouter(schema), prefix="/graphql")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as tiny:
        response = await post(tiny, "{ ok }", accept=accept)

    assert response.status_code == 500
    assert media_type(response) == accept
    assert response.json() == {"errors": [{"message": "Unexpected error."}]}
    assert "secret" not in response.text


# --- Authentication refusals ------------------------------------------------------------------


@pytest.mark.parametrize("accept", [MODERN, LEGACY])
async def test_invalid_bearer_token_returns_401_graphql_error(client, accept):
    response = await post(
        client, "{ __typename }", accept=accept, authorization="Bearer not-a-real-token"
    )

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert media_type(response) == accept
    assert response.json() == {"errors": [{"message": "invalid or expired token"}]}


async def test_malformed_authorization_returns_401_graphql_error_with_challenge(client):
    response = await post(client, "{ __typename }", authorization="Basic dXNlcjpwYXNz")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert set(body) == {"errors"}
    assert "Bearer" in body["errors"][0]["message"]


async def test_invalid_bearer_token_returns_json_401_when_accept_lists_neither(client):
    response = await post(client, "{ __typename }", accept="text/html", authorization="Bearer x")

    assert response.status_code == 401
    assert media_type(response) == LEGACY
    assert "errors" in response.json()


# --- GraphiQL ----------------------------------------------------------------------------------


async def test_graphiql_served_when_dev_and_accept_html(client):
    response = await client.get("/graphql", headers={"accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()


async def test_graphiql_returns_404_when_prod(settings, clock, session_factory):
    async with client_for(prod_settings(settings), clock) as prod:
        response = await prod.get("/graphql", headers={"accept": "text/html"})

    assert response.status_code == 404
    assert "graphiql" not in response.text.lower()
    assert response.json()["errors"][0]["message"] == "Not Found"


async def test_queries_still_served_when_prod(settings, clock, session_factory):
    async with client_for(prod_settings(settings), clock) as prod:
        response = await post(prod, "{ __typename }")

    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}
