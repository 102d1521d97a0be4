"""Relay cursor connections built from backend keyset pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import relay

from backend.core.pagination import Page, check_page_size

N = TypeVar("N", bound=relay.Node)
DEFAULT_PAGE_SIZE = 20

FirstArg = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 100).")
]


def page_size(context: Any, first: int | None) -> int:
    """Validate ``first`` against the configured maximum (an input error beyond it)."""
    maximum = context.settings.graphql_max_page_size
    return check_page_size(first, default=DEFAULT_PAGE_SIZE, maximum=maximum)


def connection_from_page(page: Page[Any], to_node: Callable[[Any], N]) -> relay.Connection[N]:
    edges = [
        relay.Edge(cursor=cursor, node=to_node(item))
        for item, cursor in zip(page.items, page.cursors, strict=True)
    ]
    return relay.Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        ),
    )
