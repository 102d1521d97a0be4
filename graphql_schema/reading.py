"""The read pattern's GraphQL side (see backend.candidacies.reads for the loading side).

A root field loads its page's relations itself, only those the query selects
(:func:`selected_under`), and builds each object with its fields as plain data (strawberry's
default resolver: no per-field resolver machinery). An object built elsewhere (a mutation's
payload, ``node``) has no data yet: those fields hold a :class:`Pending` awaitable that loads
it, batched by a DataLoader, and are declared :func:`loadable` so the query-count test still
finds them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

import strawberry
from strawberry.types.nodes import SelectedField, Selection

T = TypeVar("T")

Tree = dict[str, "Tree"]
"""Field names (not aliases) to what is selected under each."""


def _merge(into: Tree, other: Tree) -> Tree:
    for name, below in other.items():
        _merge(into.setdefault(name, {}), below)
    return into


def selection_tree(selections: Iterable[Selection]) -> Tree:
    tree: Tree = {}
    for selection in selections:
        if isinstance(selection, SelectedField):
            _merge(tree.setdefault(selection.name, {}), selection_tree(selection.selections))
        else:  # a fragment, spread or inline: its fields are the parent's
            _merge(tree, selection_tree(selection.selections))
    return tree


def selected_under(info: strawberry.Info, *path: str) -> Tree:
    """What the current field selects at ``path`` below it (``"edges", "node"`` for the
    nodes of a connection); empty when nothing is."""
    tree: Tree = {}
    for field in info.selected_fields:  # the current field, once per alias
        _merge(tree, selection_tree(field.selections))
    for name in path:
        tree = tree.get(name, {})
    return tree


async def _after(value: Awaitable[Any], pick: Callable[[Any], T]) -> T:
    return pick(await value)


class Pending:
    """A field's value on an object built without its read (a mutation's payload, ``node``),
    where the object built with it holds plain data: GraphQL's default resolver returns the
    attribute, and awaits it (only when the query asks for that field). ``load`` loads the
    read, batched through the request's DataLoader; ``pick`` takes the field's value from it.
    Plain data on the other path spares strawberry's per-field resolver machinery."""

    __slots__ = ("_load", "_pick")

    def __init__(self, load: Callable[[], Awaitable[Any]], pick: Callable[[Any], Any]) -> None:
        self._load = load
        self._pick = pick

    def __await__(self) -> Any:
        return _after(self._load(), self._pick).__await__()


def loadable(description: str | None = None) -> Any:
    """A plain-data field that may hold a :class:`Pending` (so the query-count test still
    counts it as going to the database: the ``may_load`` metadata)."""
    return strawberry.field(description=description, default=None, metadata={"may_load": True})
