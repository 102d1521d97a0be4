"""Helpers for batch loads: one statement for many keys, results grouped back per key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

K = TypeVar("K")
R = TypeVar("R")
V = TypeVar("V")


def group_by(
    rows: Iterable[R], key: Callable[[R], K], value: Callable[[R], V] | None = None
) -> dict[K, list[V]]:
    """Rows grouped under ``key(row)``, in the order the query returned them."""
    grouped: dict[K, list[V]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(value(row) if value else row)  # type: ignore[arg-type]
    return dict(grouped)


def index_by(rows: Iterable[R], key: Callable[[R], K]) -> dict[K, R]:
    return {key(row): row for row in rows}
