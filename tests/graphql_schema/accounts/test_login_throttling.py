"""Logging in over HTTP: no email enumeration, throttling per client address, no lock-out.

Each test runs the real app, reached from the client addresses it names (the ASGI scope's
``client``), with small throttle limits so that a few argon2 checks reach them. Addresses and
emails are new in every test (and every run): the throttle's counters live in Redis.
"""

from __future__ import annotations

import itertools
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from datetime import timedelta
from typing import Any

import httpx
import pytest

from backend.core import auth
from backend.core.settings import Settings
from tests.support import factories as f
from tests.support.gql import gql

PER_EMAIL = 3
PER_ADDRESS = 5
WINDOW = timedelta(minutes=15)
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

LOGIN = """
mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
  __typename ... on LoginPayload { token } ... on Error { code message } } }"""
LOGIN_THROTTLED = """
mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
  __typename ... on LoginPayload { token }
  ... on TooManyAttemptsError { retryAfterSeconds retryAt }
  ... on Error { code message } } }"""

# Random per run: with AAP_REDIS_URL the counters of the previous run (at the same frozen
# instants) are still in Redis for a quarter of an hour.
_RUN = secrets.randbelow(2**16)
_addresses = (f"10.{_RUN >> 8}.{_RUN & 255}.{i}" for i in itertools.count(1))
Clients = Callable[[str], httpx.AsyncClient]


def new_address() -> str:
    return next(_addresses)


def throttle_settings(settings: Settings, **changes: Any) -> Settings:
    return settings.model_copy(
        update={
            "login_throttle_per_email": PER_EMAIL,
            "login_throttle_per_address": PER_ADDRESS,
            "login_throttle_window_seconds": int(WINDOW.total_seconds()),
            **changes,
        }
    )


async def _clients(settings: Settings, clock) -> AsyncIterator[Clients]:
    """One app; ``clients(address)`` is an HTTP client calling it from ``address``."""
    from backend.app import create_app

    app = create_app(settings, clock=clock)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(app.router.lifespan_context(app))
        opened: dict[str, httpx.AsyncClient] = {}

        def clients(address: str) -> httpx.AsyncClient:
            if address not in opened:
                transport = httpx.ASGITransport(app=app, client=(address, 40000))
                opened[address] = httpx.AsyncClient(transport=transport, base_url="http://test")
                stack.push_async_callback(opened[address].aclose)
            return opened[address]

        yield clients


@pytest.fixture
async def clients(settings, clock, session_factory) -> AsyncIterator[Clients]:
    async for made in _clients(throttle_settings(settings), clock):
        yield made


async def login(client: httpx.AsyncClient, email: str, password: str, query: str = LOGIN) -> dict:
    body = await gql(client, query, {"email": email, "password": password})
    return body["data"]["login"]


@pytest.fixture
async def owner(session_factory, clock):
    return await f.make_user(session_factory, clock.now(), email=f"owner{f.n()}@example.org")


class CountingHasher:
    """The real argon2 hasher, noting the hash each verification was made against."""

    def __init__(self, hasher: Any, verified: list[str]) -> None:
        self._hasher, self._verified = hasher, verified

    def verify(self, hash_: str, password: str) -> bool:
        self._verified.append(hash_)
        return bool(self._hasher.verify(hash_, password))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hasher, name)


def ghost() -> str:
    return f"ghost{f.n()}@example.org"


# --- the same answer and the same work, known email or not ------------------------------------


async def test_login_wrong_password_answers_as_an_unknown_email_every_time(clients, owner):
    """Answer for answer, past the old lock-out (5) and past the throttle's limit."""
    tries = range(PER_EMAIL + 3)
    one, other, unknown_email = clients(new_address()), clients(new_address()), ghost()

    known = [await login(one, owner.email, "wrong password!") for _ in tries]
    unknown = [await login(other, unknown_email, "wrong password!") for _ in tries]

    assert known == unknown
    assert known[0] == {
        "__typename": "InvalidCredentialsError",
        "code": "INVALID_CREDENTIALS",
        "message": "email or password is incorrect",
    }


async def test_login_known_and_unknown_emails_cost_the_same(
    clients, owner, count_queries, monkeypatch
):
    """Same SQL statements and one argon2 verification each, even past the old lock-out."""
    verifications: list[str] = []
    monkeypatch.setattr(auth, "_hasher", CountingHasher(auth._hasher, verifications))
    unknown_email = ghost()

    async def cost(email: str) -> tuple[list[str], int]:
        verifications.clear()
        count_queries.statements.clear()
        count_queries.active = True
        try:
            await login(clients(new_address()), email, "wrong password!")
        finally:
            count_queries.active = False
        return list(count_queries.statements), len(verifications)

    for _ in range(6):  # six failures locked an account before
        known_cost, unknown_cost = await cost(owner.email), await cost(unknown_email)

        assert known_cost == unknown_cost
        assert known_cost[1] == 1


# --- throttling, per client address ------------------------------------------------------------


async def test_login_stranger_failing_cannot_lock_the_owner_out(clients, owner):
    stranger = clients(new_address())
    for _ in range(PER_EMAIL + 10):
        await login(stranger, owner.email, "guessing, guessing")

    result = await login(clients(new_address()), owner.email, f.PASSWORD)

    assert result["__typename"] == "LoginPayload", result


async def test_login_past_the_limit_for_an_email_says_when_to_retry(clients, owner, clock):
    client = clients(new_address())
    for _ in range(PER_EMAIL):
        await login(client, owner.email, "wrong password!")
        clock.advance(timedelta(minutes=1))
    retry_at = clock.now() - timedelta(minutes=PER_EMAIL) + WINDOW

    refused = await login(client, owner.email, f.PASSWORD, LOGIN_THROTTLED)
    clock.advance(retry_at - clock.now() - timedelta(seconds=1))
    last_second = await login(client, owner.email, f.PASSWORD, LOGIN_THROTTLED)
    clock.advance(timedelta(seconds=1))
    allowed = await login(client, owner.email, f.PASSWORD, LOGIN_THROTTLED)

    assert refused["__typename"] == "TooManyAttemptsError", refused
    assert refused["code"] == "TOO_MANY_ATTEMPTS"
    assert refused["retryAt"] == retry_at.isoformat()
    assert refused["retryAfterSeconds"] == (WINDOW - timedelta(minutes=PER_EMAIL)).total_seconds()
    assert last_second["__typename"] == "TooManyAttemptsError"
    assert last_second["retryAfterSeconds"] == 1
    assert allowed["__typename"] == "LoginPayload", allowed


async def test_login_throttled_address_answers_alike_for_known_and_unknown_emails(clients, owner):
    client = clients(new_address())
    unknown_email = ghost()
    for email in (owner.email, unknown_email):
        for _ in range(PER_EMAIL):
            await login(client, email, "wrong password!")

    known = await login(client, owner.email, "wrong password!", LOGIN_THROTTLED)
    unknown = await login(client, unknown_email, "wrong password!", LOGIN_THROTTLED)

    assert known["__typename"] == unknown["__typename"] == "TooManyAttemptsError"
    assert known == unknown


async def test_login_address_past_its_limit_is_refused_for_every_email(clients, owner):
    client = clients(new_address())
    for _ in range(PER_ADDRESS):
        await login(client, ghost(), "wrong password!")

    from_there = await login(client, owner.email, f.PASSWORD, LOGIN_THROTTLED)
    from_elsewhere = await login(clients(new_address()), owner.email, f.PASSWORD, LOGIN_THROTTLED)

    assert from_there["__typename"] == "TooManyAttemptsError", from_there
    assert from_elsewhere["__typename"] == "LoginPayload", from_elsewhere


async def test_login_success_keeps_the_address_counter_for_other_emails(clients, owner):
    client = clients(new_address())
    for _ in range(PER_ADDRESS - 1):
        await login(client, ghost(), "wrong password!")

    signed_in = await login(client, owner.email, f.PASSWORD)
    last_failure = await login(client, ghost(), "wrong password!")
    refused = await login(client, ghost(), "wrong password!", LOGIN_THROTTLED)

    assert signed_in["__typename"] == "LoginPayload", signed_in
    assert last_failure["__typename"] == "InvalidCredentialsError", last_failure
    assert refused["__typename"] == "TooManyAttemptsError", refused


async def test_login_success_clears_the_failures_for_its_own_email(clients, owner):
    client = clients(new_address())
    for _ in range(PER_EMAIL - 1):
        await login(client, owner.email, "wrong password!")
    await login(client, owner.email, f.PASSWORD)

    typo = [await login(client, owner.email, "wrong password!") for _ in range(PER_EMAIL - 1)]
    result = await login(client, owner.email, f.PASSWORD)

    assert {r["__typename"] for r in typo} == {"InvalidCredentialsError"}
    assert result["__typename"] == "LoginPayload", result


# --- Redis down: logins still work -------------------------------------------------------------


async def test_login_with_redis_unreachable_still_works_and_warns(
    settings, clock, session_factory, owner, caplog
):
    dead = throttle_settings(settings, redis_url=DEAD_REDIS_URL)
    caplog.set_level(logging.WARNING)

    async for clients in _clients(dead, clock):
        client = clients(new_address())
        failures = [await login(client, owner.email, "wrong password!") for _ in range(PER_EMAIL)]
        result = await login(client, owner.email, f.PASSWORD)

    assert {r["__typename"] for r in failures} == {"InvalidCredentialsError"}
    assert result["__typename"] == "LoginPayload", result
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("login throttle" in r.getMessage() for r in warnings), warnings
