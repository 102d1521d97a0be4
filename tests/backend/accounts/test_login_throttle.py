"""The login throttle on the run's real Redis: sliding windows per (address, email) and per
address, atomic admission, retry instants from the service's clock, and failing open.

Addresses and emails are new in every test (and every run): the counters outlive a test in
Redis.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from redis.asyncio import Redis

from backend.accounts import services as accounts
from backend.accounts.errors import InvalidCredentials, TooManyAttempts
from backend.accounts.throttle import LoginThrottle, client_key
from backend.core import auth
from backend.core.db import unit_of_work
from backend.core.ratelimit import REDIS_TIMEOUT_S, SlidingWindowLimiter
from backend.core.redis import redis_settings
from tests.support.factories import PASSWORD, make_user, n

PER_EMAIL = 3
PER_ADDRESS = 5
WINDOW = timedelta(minutes=15)
# Random per run: with AAP_REDIS_URL the counters of the previous run (at the same frozen
# instants) are still in Redis for a quarter of an hour.
_RUN = secrets.randbelow(2**16)
_addresses = (f"10.{_RUN >> 8}.{_RUN & 255}.{i}" for i in itertools.count(1))


def ipv6_64() -> str:
    """A /64 of its own, as a prefix: append ``:<interface id>``."""
    return f"2001:db8:{_RUN:x}:{next(_addresses).rsplit('.', 1)[1]}:"


def new_address() -> str:
    return next(_addresses)


def email() -> str:
    return f"someone{n()}@example.org"


def redis_client(settings) -> Redis:
    rs = redis_settings(settings.redis_url, settings.var_dir)
    if rs.unix_socket_path:
        return Redis(unix_socket_path=rs.unix_socket_path)
    return Redis(host=str(rs.host), port=rs.port, db=rs.database, password=rs.password)


def throttle_on(redis: Redis) -> LoginThrottle:
    return LoginThrottle(
        limiter=SlidingWindowLimiter(redis, name="login throttle"),
        per_email=PER_EMAIL,
        per_address=PER_ADDRESS,
        window=WINDOW,
    )


@pytest.fixture
async def throttle(settings) -> AsyncIterator[LoginThrottle]:
    redis = redis_client(settings)
    yield throttle_on(redis)
    await redis.aclose()


async def admitted(throttle: LoginThrottle, address: str, email: str, now) -> bool:
    try:
        await throttle.admit(address=address, email=email, now=now)
    except TooManyAttempts:
        return False
    return True


async def _login(session_factory, throttle, *, address: str, email: str, password: str, now):
    """The issued token, or the domain error raised."""
    try:
        async with unit_of_work(session_factory) as uow:
            return await accounts.login(
                uow.session,
                throttle=throttle,
                address=address,
                email=email,
                password=password,
                now=now,
            )
    except (InvalidCredentials, TooManyAttempts) as exc:
        return exc


# --- windows ------------------------------------------------------------------------------------


async def test_admit_per_email_limit_then_refused_until_the_oldest_attempt_leaves(throttle, clock):
    address, someone = new_address(), email()
    first_at = clock.now()
    for _ in range(PER_EMAIL):
        assert await admitted(throttle, address, someone, clock.now())
        clock.advance(timedelta(minutes=1))

    with pytest.raises(TooManyAttempts) as refused:
        await throttle.admit(address=address, email=someone, now=clock.now())
    clock.set(first_at + WINDOW)
    after_the_first_left = await admitted(throttle, address, someone, clock.now())
    with pytest.raises(TooManyAttempts) as refused_again:
        await throttle.admit(address=address, email=someone, now=clock.now())

    assert refused.value.retry_at == first_at + WINDOW
    assert refused.value.retry_after_seconds == (WINDOW - timedelta(minutes=3)).total_seconds()
    assert after_the_first_left
    assert refused_again.value.retry_at == first_at + timedelta(minutes=1) + WINDOW


async def test_admit_other_address_and_other_email_unaffected(throttle, clock):
    address, someone = new_address(), email()
    for _ in range(PER_EMAIL):
        await throttle.admit(address=address, email=someone, now=clock.now())

    assert not await admitted(throttle, address, someone, clock.now())
    assert await admitted(throttle, new_address(), someone, clock.now())
    assert await admitted(throttle, address, email(), clock.now())


async def test_admit_per_address_limit_covers_every_email(throttle, clock):
    address = new_address()
    for _ in range(PER_ADDRESS):
        assert await admitted(throttle, address, email(), clock.now())

    assert not await admitted(throttle, address, email(), clock.now())
    assert await admitted(throttle, new_address(), email(), clock.now())


async def test_admit_refused_attempts_are_not_counted(throttle, clock):
    """Hammering a refused address does not push its retry instant back."""
    address, someone = new_address(), email()
    for _ in range(PER_EMAIL):
        await throttle.admit(address=address, email=someone, now=clock.now())
    retry_at = clock.now() + WINDOW

    for _ in range(10):
        clock.advance(timedelta(minutes=1))
        assert not await admitted(throttle, address, someone, clock.now())
    clock.set(retry_at)

    assert await admitted(throttle, address, someone, clock.now())


async def test_admit_concurrent_attempts_never_pass_the_limit(throttle, clock):
    """Check and count are one script: a burst cannot all pass before any is counted."""
    address, someone = new_address(), email()

    results = await asyncio.gather(
        *(admitted(throttle, address, someone, clock.now()) for _ in range(20))
    )

    assert results.count(True) == PER_EMAIL


async def test_succeeded_forgets_the_failures_for_its_email(throttle, clock):
    address, owner = new_address(), email()
    for _ in range(PER_EMAIL - 1):
        await throttle.admit(address=address, email=owner, now=clock.now())

    await throttle.succeeded(await throttle.admit(address=address, email=owner, now=clock.now()))

    assert [await admitted(throttle, address, owner, clock.now()) for _ in range(PER_EMAIL)] == [
        True
    ] * PER_EMAIL


async def test_succeeded_keeps_the_address_failures_for_other_emails(throttle, clock):
    address, owner = new_address(), email()
    for _ in range(PER_ADDRESS - 1):
        await throttle.admit(address=address, email=email(), now=clock.now())

    await throttle.succeeded(await throttle.admit(address=address, email=owner, now=clock.now()))

    assert await admitted(throttle, address, email(), clock.now())
    assert not await admitted(throttle, address, email(), clock.now())


# --- client addresses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        (None, "unknown"),
        ("testclient", "testclient"),
    ],
)
def test_client_key_groups_an_ipv6_subscriber_by_its_64(address, key):
    assert client_key(address) == key


async def test_admit_addresses_of_one_ipv6_64_share_a_window(throttle, clock):
    someone, prefix = email(), ipv6_64()
    for i in range(PER_EMAIL):
        await throttle.admit(address=f"{prefix}:{i}", email=someone, now=clock.now())

    assert not await admitted(throttle, f"{prefix}:ffff", someone, clock.now())


# --- login, the service -----------------------------------------------------------------------


async def test_login_throttled_before_any_password_check(
    session_factory, throttle, clock, monkeypatch
):
    user = await make_user(session_factory, clock.now())
    address = new_address()
    for _ in range(PER_EMAIL):
        await _login(
            session_factory,
            throttle,
            address=address,
            email=user.email,
            password="nope",
            now=clock.now(),
        )
    verified: list[str] = []
    real = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda h, p: verified.append(p) or real(h, p))

    result = await _login(
        session_factory,
        throttle,
        address=address,
        email=user.email,
        password=PASSWORD,
        now=clock.now(),
    )

    assert isinstance(result, TooManyAttempts)
    assert verified == []


async def test_login_email_case_shares_one_window(session_factory, throttle, clock):
    user = await make_user(session_factory, clock.now())
    address = new_address()
    for spelling in (user.email.upper(), f" {user.email} ", user.email.title()):
        await _login(
            session_factory,
            throttle,
            address=address,
            email=spelling,
            password="nope",
            now=clock.now(),
        )

    result = await _login(
        session_factory,
        throttle,
        address=address,
        email=user.email,
        password=PASSWORD,
        now=clock.now(),
    )

    assert isinstance(result, TooManyAttempts)


# --- Redis trouble: fail open -----------------------------------------------------------------


async def test_login_redis_refusing_connections_admits_and_warns(session_factory, clock, caplog):
    user = await make_user(session_factory, clock.now())
    redis = Redis(host="127.0.0.1", port=1, socket_connect_timeout=1)
    throttle = throttle_on(redis)
    caplog.set_level(logging.WARNING, logger="backend.core.ratelimit")

    results = [
        await _login(
            session_factory,
            throttle,
            address=new_address(),
            email=user.email,
            password=p,
            now=clock.now(),
        )
        for p in ["nope"] * (PER_EMAIL + 1) + [PASSWORD]
    ]
    await redis.aclose()

    assert all(isinstance(r, InvalidCredentials) for r in results[:-1])
    assert isinstance(results[-1], accounts.IssuedToken)
    # One warning per attempt admitted uncounted, one for the success left counted.
    assert [r.levelno for r in caplog.records] == [logging.WARNING] * (len(results) + 1)
    assert "login throttle: Redis unavailable" in caplog.records[0].getMessage()


async def test_admit_redis_not_answering_gives_up_after_the_short_timeout(clock, caplog):
    """A Redis that accepts connections and never answers costs a login half a second."""

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(-1)

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    redis = Redis(host="127.0.0.1", port=port, socket_timeout=30)
    caplog.set_level(logging.WARNING, logger="backend.core.ratelimit")

    started = time.monotonic()
    attempt = await throttle_on(redis).admit(address=new_address(), email=email(), now=clock.now())
    elapsed = time.monotonic() - started
    await redis.aclose()
    server.close()

    assert attempt.admission.admitted
    assert REDIS_TIMEOUT_S <= elapsed < REDIS_TIMEOUT_S + 1
    assert "Redis unavailable" in caplog.records[0].getMessage()
