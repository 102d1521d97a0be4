"""The cyclic garbage collector tuned for a long-lived server process.

A read of a page of candidacies allocates hundreds of thousands of short-lived objects (rows,
GraphQL results, JSON); with Python's default young-generation threshold (700 allocations)
that triggers thousands of young collections and several full ones a read, each full one
walking every object the process holds: modules, the schema, SQLAlchemy's metadata and
caches, none of which will ever be garbage. Two changes, each measured by ``aap bench reads``
(see docs/PERFORMANCE.md):

- ``gc.freeze()`` once start-up is over: what exists then (imports, the app, the schema)
  moves to a permanent generation that collections no longer walk;
- a higher young-generation threshold: fewer, larger young collections, so fewer objects
  survive long enough to be promoted and walked by the full collections.

Done once per process, whatever the number of apps it builds (the tests build many).
"""

from __future__ import annotations

import gc

_tuned = False


def tune_for_server(*, young_threshold: int, freeze: bool) -> None:
    """Apply the server's collector settings once per process; ``young_threshold`` 0 keeps
    Python's default."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    if young_threshold:
        _, middle, old = gc.get_threshold()
        gc.set_threshold(young_threshold, middle, old)
    if freeze:
        gc.collect()  # what is garbage now goes first, so that only live objects are frozen
        gc.freeze()
