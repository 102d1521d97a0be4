"""Sliding-window attempt limits kept in Redis, so that every API process counts together.

Each limit is a sorted set of attempts scored by their instant (the caller's ``now``, so tests
move a fake clock). An attempt is admitted only if every one of its limits has room, and it is
then counted in all of them, by one Lua script: concurrent requests cannot all pass the check
before any of them is counted. A refusal says when the oldest attempt in the way leaves its
window, the instant a new attempt would be admitted.

Redis trouble fails open: the attempt is admitted uncounted and a WARNING is logged, because a
Redis outage must not refuse everyone. Every call is bounded by a short timeout.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

REDIS_TIMEOUT_S = 0.5
"""Longest wait on Redis per call: a slow Redis costs a login half a second, not the socket's
own (longer) timeout."""

# KEYS: one sorted set per limit. ARGV: now (ms), the attempt's id, then (limit, window ms)
# per key. Returns 0 once counted everywhere, else the instant (ms) it would be admitted.
_ADMIT = """
local now = tonumber(ARGV[1])
local retry_at = 0
for i, key in ipairs(KEYS) do
  local limit, window = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local counted = redis.call('ZCARD', key)
  if counted >= limit then
    local oldest = redis.call('ZRANGE', key, counted - limit, counted - limit, 'WITHSCORES')
    retry_at = math.max(retry_at, tonumber(oldest[2]) + window)
  end
end
if retry_at > 0 then
  return retry_at
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, ARGV[2 + 2 * i])
end
return 0
"""


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` attempts under ``key`` in any span of ``window``."""

    key: str
    limit: int
    window: timedelta


@dataclass(frozen=True)
class Admission:
    """The answer for one attempt: admitted (and counted, unless Redis failed) or refused."""

    attempt_id: str
    retry_at: datetime | None = None
    """When refused: the instant an attempt would be admitted."""

    @property
    def admitted(self) -> bool:
        return self.retry_at is None


class SlidingWindowLimiter:
    """Counts attempts against :class:`Limit` s in Redis; ``name`` labels its log lines."""

    def __init__(self, redis: Redis, *, name: str, timeout_s: float = REDIS_TIMEOUT_S) -> None:
        self._redis = redis
        self._name = name
        self._timeout_s = timeout_s

    async def admit(self, limits: Sequence[Limit], *, now: datetime) -> Admission:
        """Count an attempt in every limit, or refuse it without counting it anywhere."""
        attempt_id = secrets.token_hex(8)
        args: list[int | str] = [_ms(now), attempt_id]
        for limit in limits:
            args += [limit.limit, limit.window // timedelta(milliseconds=1)]
        try:
            async with asyncio.timeout(self._timeout_s):
                script = self._redis.register_script(_ADMIT)  # EVALSHA, EVAL if unknown
                retry_at_ms = int(await script(keys=[lim.key for lim in limits], args=args))
        except (RedisError, OSError, TimeoutError) as exc:
            log.warning("%s: Redis unavailable, attempt admitted uncounted (%r)", self._name, exc)
            return Admission(attempt_id)
        if retry_at_ms == 0:
            return Admission(attempt_id)
        return Admission(attempt_id, retry_at=_EPOCH + timedelta(milliseconds=retry_at_ms))

    async def settle(
        self, admission: Admission, *, uncount_in: Sequence[str] = (), clear: Sequence[str] = ()
    ) -> None:
        """After an attempt that should not weigh: drop it from ``uncount_in`` and empty the
        ``clear`` keys altogether, in one round trip. Redis trouble is logged, not raised."""
        try:
            async with asyncio.timeout(self._timeout_s):
                async with self._redis.pipeline(transaction=False) as pipe:
                    for key in uncount_in:
                        pipe.zrem(key, admission.attempt_id)
                    if clear:
                        pipe.delete(*clear)
                    await pipe.execute()
        except (RedisError, OSError, TimeoutError) as exc:
            log.warning("%s: Redis unavailable, attempt left counted (%r)", self._name, exc)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _ms(instant: datetime) -> int:
    return (instant - _EPOCH) // timedelta(milliseconds=1)
