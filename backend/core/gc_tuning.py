"""The cyclic garbage collector tuned for a long-lived server process.

A read of a page of candidacies allocates hundreds of thousands of short-lived objects (rows,
GraphQL results, JSON). At Python's default young-generation threshold (700 allocations) that
meant thousands of young collections and about six full ones per read of 1,000 candidacies,
each full one walking every object the process holds. A higher threshold makes young
collections rarer and larger, so short-lived objects die young instead of being promoted and
walked again: measured by ``aap bench reads`` (see docs/PERFORMANCE.md), no full collection
per read and about 30 % less CPU.

``gc.freeze()`` after start-up was measured too: it paid alone (about 14 %) but nothing on
top of the higher threshold, so it is not done.

Done once per process, whatever the number of apps it builds (the tests build many).
"""

from __future__ import annotations

import gc

_tuned = False


def tune_for_server(*, young_threshold: int) -> None:
    """Set the young-generation threshold once per process; 0 keeps Python's default."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    if young_threshold:
        _, middle, old = gc.get_threshold()
        gc.set_threshold(young_threshold, middle, old)
