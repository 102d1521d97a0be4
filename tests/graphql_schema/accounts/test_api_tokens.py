"""API tokens over HTTP: their last use is recorded (at most once a minute, without a write on
most requests), their owner lists and revokes them, nobody else sees or touches them."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from strawberry.relay import GlobalID

from backend.accounts.models import AuthToken
from tests.support.gql import gql
from tests.support.worlds import (
    SIGNED_ACTORS,
    Scenario,
    build_scenario,
    database_fingerprint,
    reload,
)

CREATE_API_TOKEN = """
mutation($name: String!, $expiresAt: DateTime) {
  createApiToken(name: $name, expiresAt: $expiresAt) {
  __typename ... on ApiTokenPayload { token apiToken { id name lastUsedAt current } }
  ... on Error { code } } }"""
REVOKE_API_TOKEN = """
mutation($id: ID!) { revokeApiToken(id: $id) {
  __typename ... on RevokeApiTokenPayload { apiToken { id revokedAt current } }
  ... on Error { code } } }"""
MY_API_TOKENS = """
query { myApiTokens(first: 50) { totalCount edges { node {
  id name createdAt lastUsedAt expiresAt current } } } }"""
WHO = "query { me { email } }"


@pytest.fixture
async def world(session_factory, clock) -> Scenario:
    return await build_scenario(session_factory, clock.now())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def create_token(client, world: Scenario, actor: str, name: str, **variables) -> dict:
    body = await gql(
        client, CREATE_API_TOKEN, {"name": name, **variables}, headers=world.headers(actor)
    )
    created = body["data"]["createApiToken"]
    assert created["__typename"] == "ApiTokenPayload", created
    return created


async def counted(client, counter, query: str, headers: dict[str, str]) -> tuple[list[str], dict]:
    """The statements one request sends (authentication included) and its ``data``."""
    counter.statements.clear()
    counter.active = True
    try:
        body = await gql(client, query, headers=headers)
    finally:
        counter.active = False
    return list(counter.statements), body["data"]


def assert_same_cost(one: list[str], twenty: list[str]) -> None:
    assert len(twenty) == len(one), "\n\n".join(["1 item:", *one, "------- 20 items:", *twenty])


async def my_tokens(client, headers: dict[str, str]) -> list[dict]:
    body = await gql(client, MY_API_TOKENS, headers=headers)
    return [edge["node"] for edge in body["data"]["myApiTokens"]["edges"]]


async def last_used_at(session_factory, created: dict):
    token_id = uuid.UUID(GlobalID.from_id(created["apiToken"]["id"]).node_id)
    return (await reload(session_factory, AuthToken, token_id)).last_used_at


# --- last use ---------------------------------------------------------------------------------


async def test_api_token_last_use_recorded_at_most_once_a_minute(
    client, session_factory, clock, world, count_queries
):
    created = await create_token(client, world, "manager_a", "ci")
    assert created["apiToken"]["lastUsedAt"] is None
    headers = bearer(created["token"])

    clock.advance(timedelta(seconds=10))
    first_use = clock.now()
    first, _ = await counted(client, count_queries, WHO, headers)
    clock.advance(timedelta(seconds=59))
    within_minute, _ = await counted(client, count_queries, WHO, headers)
    session_request, _ = await counted(client, count_queries, WHO, world.headers("manager_b"))
    recorded_within_minute = await last_used_at(session_factory, created)
    clock.advance(timedelta(seconds=1))
    after_minute, _ = await counted(client, count_queries, WHO, headers)

    assert any(s.lstrip().upper().startswith("UPDATE AUTH_TOKEN") for s in first), first
    assert recorded_within_minute == first_use
    assert len(within_minute) == len(session_request), "a write on a request within the minute"
    assert not any("UPDATE" in s.upper() for s in within_minute), within_minute
    assert any(s.lstrip().upper().startswith("UPDATE AUTH_TOKEN") for s in after_minute)
    assert await last_used_at(session_factory, created) == clock.now()


# --- listing ------------------------------------------------------------------------------------


async def test_my_api_tokens_lists_own_live_tokens_with_last_use_and_current(
    client, session_factory, clock, world
):
    expires_at = clock.now() + timedelta(days=30)
    ci = await create_token(client, world, "manager_a", "ci")
    clock.advance(timedelta(minutes=1))
    nightly = await create_token(
        client, world, "manager_a", "nightly", expiresAt=expires_at.isoformat()
    )
    old = await create_token(client, world, "manager_a", "old")
    await create_token(client, world, "manager_b", "someone else's")
    await gql(
        client, REVOKE_API_TOKEN, {"id": old["apiToken"]["id"]}, headers=world.headers("manager_a")
    )
    clock.advance(timedelta(minutes=5))

    with_ci = await my_tokens(client, bearer(ci["token"]))
    with_session = await my_tokens(client, world.headers("manager_a"))

    assert with_ci == [
        {
            "id": ci["apiToken"]["id"],
            "name": "ci",
            "createdAt": (clock.now() - timedelta(minutes=6)).isoformat(),
            "lastUsedAt": clock.now().isoformat(),
            "expiresAt": None,
            "current": True,
        },
        {
            "id": nightly["apiToken"]["id"],
            "name": "nightly",
            "createdAt": (clock.now() - timedelta(minutes=5)).isoformat(),
            "lastUsedAt": None,
            "expiresAt": expires_at.isoformat(),
            "current": False,
        },
    ]
    assert [t["current"] for t in with_session] == [False, False]


@pytest.mark.parametrize("actor", SIGNED_ACTORS)
async def test_my_api_tokens_lists_only_the_actors_own_tokens(client, world, actor):
    names = {name: f"{name}'s token" for name in SIGNED_ACTORS}
    for name, token_name in names.items():
        await create_token(client, world, name, token_name)

    listed = await my_tokens(client, world.headers(actor))

    assert [t["name"] for t in listed] == [names[actor]]


async def test_my_api_tokens_anonymous_needs_authentication(client, world):
    await create_token(client, world, "manager_a", "ci")

    body = await gql(client, MY_API_TOKENS, expect_errors=True)

    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["AUTHENTICATION_REQUIRED"]


async def test_my_api_tokens_cost_the_same_for_1_and_20(
    client, session_factory, world, count_queries
):
    headers = world.headers("applicant_x")
    await create_token(client, world, "applicant_x", "token 0")
    one, data = await counted(client, count_queries, MY_API_TOKENS, headers)
    assert len(data["myApiTokens"]["edges"]) == 1

    for i in range(1, 20):
        await create_token(client, world, "applicant_x", f"token {i}")
    twenty, data = await counted(client, count_queries, MY_API_TOKENS, headers)

    assert len(data["myApiTokens"]["edges"]) == data["myApiTokens"]["totalCount"] == 20
    assert_same_cost(one, twenty)


# --- revoking ---------------------------------------------------------------------------------


async def test_revoke_api_token_anonymous_needs_authentication(client, session_factory, world):
    created = await create_token(client, world, "manager_a", "ci")
    before = await database_fingerprint(session_factory)

    body = await gql(client, REVOKE_API_TOKEN, {"id": created["apiToken"]["id"]})

    assert body["data"]["revokeApiToken"] == {
        "__typename": "AuthenticationRequiredError",
        "code": "AUTHENTICATION_REQUIRED",
    }
    assert await database_fingerprint(session_factory) == before


async def test_revoke_api_token_own_token_disappears_from_the_list(client, world):
    ci = await create_token(client, world, "manager_a", "ci")
    kept = await create_token(client, world, "manager_a", "kept")

    revoked = await gql(
        client, REVOKE_API_TOKEN, {"id": ci["apiToken"]["id"]}, headers=bearer(ci["token"])
    )
    listed = await my_tokens(client, bearer(kept["token"]))

    result = revoked["data"]["revokeApiToken"]
    assert result["__typename"] == "RevokeApiTokenPayload", result
    assert result["apiToken"]["current"] is True
    assert [t["name"] for t in listed] == ["kept"]
    response = await client.post("/graphql", json={"query": WHO}, headers=bearer(ci["token"]))
    assert response.status_code == 401
