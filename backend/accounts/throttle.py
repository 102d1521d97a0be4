"""Login throttling per client address, instead of locking accounts.

Two sliding windows count the attempts that did not succeed: per (client address, email) and
per client address whatever the email. Locking an *account* after failures let anyone lock
anyone out; throttling the *address* only slows whoever is failing, so the owner, elsewhere,
still gets in. The limits hold whether or not the email has an account, so a refusal says
nothing about which emails exist.

The client address is the ASGI scope's ``client`` host. Behind a reverse proxy it is the
proxy's address unless uvicorn is told to trust the proxy's ``X-Forwarded-For``
(``--proxy-headers`` and ``--forwarded-allow-ips``, or ``FORWARDED_ALLOW_IPS``); without that,
every user shares one per-address window.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from redis.asyncio import Redis

from backend.accounts.errors import TooManyAttempts
from backend.core.ratelimit import Admission, Limit, SlidingWindowLimiter
from backend.core.settings import Settings

log = logging.getLogger(__name__)

KEY_PREFIX = "aap:login:"
IPV6_PREFIX_LENGTH = 64
"""One IPv6 subscriber usually holds a whole /64: counting single addresses would let one
client rotate through billions of them."""


def client_key(address: str | None) -> str:
    """The address as throttled: IPv6 by /64, IPv4-mapped IPv6 as IPv4, anything else as is."""
    if not address:
        return "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_PREFIX_LENGTH), strict=False))
    return str(ip)


@dataclass(frozen=True)
class LoginAttempt:
    """An admitted attempt and the windows it was counted in."""

    admission: Admission
    client: str
    """The address as throttled (see :func:`client_key`)."""
    address_key: str
    email_key: str


@dataclass(frozen=True)
class LoginThrottle:
    limiter: SlidingWindowLimiter
    per_email: int
    per_address: int
    window: timedelta

    @classmethod
    def from_settings(cls, redis: Redis, settings: Settings) -> LoginThrottle:
        return cls(
            limiter=SlidingWindowLimiter(redis, name="login throttle"),
            per_email=settings.login_throttle_per_email,
            per_address=settings.login_throttle_per_address,
            window=timedelta(seconds=settings.login_throttle_window_seconds),
        )

    async def admit(self, *, address: str | None, email: str, now: datetime) -> LoginAttempt:
        """Count this attempt, or raise :class:`TooManyAttempts` saying when to retry.

        ``email`` must be normalised; it reaches Redis only hashed, with the address.
        """
        client = client_key(address)
        address_key = f"{KEY_PREFIX}address:{client}"
        digest = hashlib.sha256(f"{client}\0{email}".encode()).hexdigest()[:32]
        email_key = f"{KEY_PREFIX}email:{digest}"
        admission = await self.limiter.admit(
            [
                Limit(email_key, self.per_email, self.window),
                Limit(address_key, self.per_address, self.window),
            ],
            now=now,
        )
        if admission.retry_at is not None:
            log.warning("login throttled for %s until %s", client, admission.retry_at.isoformat())
            raise TooManyAttempts(admission.retry_at, now=now)
        return LoginAttempt(admission, client, address_key=address_key, email_key=email_key)

    async def succeeded(self, attempt: LoginAttempt) -> None:
        """A success weighs nothing: it leaves the address's window, and the earlier failures
        for this email from this address (the owner's typos) are forgotten. The address's
        failures for other emails stay counted."""
        await self.limiter.settle(
            attempt.admission, uncount_in=[attempt.address_key], clear=[attempt.email_key]
        )
