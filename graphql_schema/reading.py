"""The read pattern's GraphQL side (see backend.candidacies.reads for the loading side).

A root field loads its page's relations itself, only those the query selects
(:func:`selected_under`), and builds each object with its fields as plain data (strawberry's
default resolver: no per-field resolver machinery). An object built elsewhere (a mutation's
payload, ``node``) has no data yet: those fields hold a :class:`Pending` awaitable that loads
it, batched by a DataLoader, and are declared :func:`loadable` so the query-count test still
finds them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import strawberry
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

T = TypeVar("T")

Tree = dict[str, "Tree"]
"""Field names (not aliases) to what is selected under each."""


SELECTIONS_KEPT = 1024
"""Root fields whose selection trees are kept (per field nodes of a parsed document)."""

_trees: OrderedDict[tuple[int, ...], tuple[tuple[FieldNode, ...], Tree]] = OrderedDict()


def _merge(into: Tree, other: Tree) -> Tree:
    for name, below in other.items():
        _merge(into.setdefault(name, {}), below)
    return into


def _tree_of(
    selection_set: SelectionSetNode | None, fragments: Mapping[str, FragmentDefinitionNode]
) -> Tree:
    tree: Tree = {}
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            below = _tree_of(selection.selection_set, fragments)
            _merge(tree.setdefault(selection.name.value, {}), below)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            _merge(tree, _tree_of(fragment.selection_set if fragment else None, fragments))
        elif isinstance(selection, InlineFragmentNode):
            _merge(tree, _tree_of(selection.selection_set, fragments))
    return tree


def selected_under(info: strawberry.Info, *path: str) -> Tree:
    """What the current field selects at ``path`` below it (``"edges", "node"`` for the
    nodes of a connection), by field name, fragments merged; empty when nothing is. Read-only.

    Read from the parsed document's nodes, once per document (the parser cache hands the
    same nodes to every request with the same text; they are kept with the tree so their ids
    are not reused): strawberry's ``selected_fields`` converted the whole subtree, arguments
    and directives included, on every request.
    """
    raw = info._raw_info
    nodes = tuple(raw.field_nodes)
    key = tuple(map(id, nodes))
    kept = _trees.get(key)
    if kept is not None and all(a is b for a, b in zip(kept[0], nodes, strict=True)):
        _trees.move_to_end(key)
        tree = kept[1]
    else:
        tree = {}
        for node in nodes:  # the current field, once per alias
            _merge(tree, _tree_of(node.selection_set, raw.fragments))
        _trees[key] = (nodes, tree)
        while len(_trees) > SELECTIONS_KEPT:
            _trees.popitem(last=False)
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
