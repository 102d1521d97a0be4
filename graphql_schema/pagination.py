"""Relay cursor connections built from backend keyset pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import relay

from backend.core.db import read_session
from backend.core.pagination import Page, check_page_size, count_listed

N = TypeVar("N", bound=relay.Node)
DEFAULT_PAGE_SIZE = 20

FirstArg = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 100).")
]


def page_size(context: Any, first: int | None) -> int:
    """Validate ``first`` against the configured maximum (an input error beyond it)."""
    maximum = context.settings.graphql_max_page_size
    return check_page_size(first, default=DEFAULT_PAGE_SIZE, maximum=maximum)


@strawberry.type(name="Connection", description="A page of a list, with its size in full.")
class Connection(relay.Connection[relay.NodeType]):
    """strawberry's relay connection plus ``totalCount``, counted only when it is asked for.

    Any root field that returns ``Connection[SomeType]`` built by :func:`connection_from_page`
    gets it: the page keeps the statement it was cut from, and the count runs in its own short
    session, so a list that does not ask for the total pays nothing.
    """

    page: strawberry.Private[Page[Any]]

    @strawberry.field(
        description="How many items the whole list holds (same filter and permissions as the"
        " list, whatever page this is)."
    )
    async def total_count(self, info: strawberry.Info) -> int:
        async with read_session(info.context.session_factory) as session:
            return await count_listed(session, self.page)


def connection_from_page(page: Page[Any], to_node: Callable[[Any], N]) -> Connection[N]:
    edges = [
        relay.Edge(cursor=cursor, node=to_node(item))
        for item, cursor in zip(page.items, page.cursors, strict=True)
    ]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        ),
        page=page,
    )
