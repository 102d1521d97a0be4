"""What every sweep does with its items: each on its own, the job failing at the end if any did.

A sweep is the safety net under deferred jobs (a call to close, a receipt to render): one
item that fails must not leave the others undone, yet the job must fail so that arq reports
it and the next run tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class SweepIncomplete(Exception):
    """Some items or steps of the sweep failed (each is logged); the others were done."""


async def each_on_its_own(
    items: Sequence[T], run: Callable[[T], Awaitable[int]], *, what: str
) -> int:
    """``run`` every item, a failure logged and the next item run anyway; the sum of the
    results. Raises :class:`SweepIncomplete` at the end when any failed."""
    done = failures = 0
    for item in items:
        try:
            done += await run(item)
        except Exception:
            failures += 1
            log.exception("a sweep item failed", extra={"what": what, "item": str(item)})
    if failures:
        raise SweepIncomplete(f"{failures} of {len(items)} {what} failed")
    return done
