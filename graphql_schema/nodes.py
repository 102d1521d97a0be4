"""Relay object identification: any object by its global ID, under the rule of its own reads.

``node(id:)`` answers what ``call(id:)``, ``candidacy(id:)``... would answer: the object if
the actor may read it, otherwise ``null``, exactly as for an id that never existed, a malformed
id or an id of a type that is not a node. Nothing tells "hidden" from "missing". Each domain
declares its node types (``GraphQLDomain.node_kinds``); :data:`NODE_KINDS` gathers them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from strawberry import relay
from strawberry.relay import GlobalID, GlobalIDValueError

from backend.core.db import read_session
from graphql_schema.context import Context
from graphql_schema.domain import NodeKind
from graphql_schema.domains import NODE_KINDS

__all__ = ["NODE_KINDS", "NodeKind", "parse_node_id", "resolve_nodes"]


def parse_node_id(value: str) -> tuple[str, uuid.UUID] | None:
    """The type name and UUID behind a global ID; None when malformed or of no node type."""
    try:
        global_id = GlobalID.from_id(value)
        row_id = uuid.UUID(global_id.node_id)
    except (GlobalIDValueError, ValueError, TypeError):
        return None
    return (global_id.type_name, row_id) if global_id.type_name in NODE_KINDS else None


async def resolve_nodes(context: Context, ids: Sequence[str]) -> list[relay.Node | None]:
    """The nodes behind ``ids``, in order, ``None`` for each the actor may not read; one read
    session and one batched read per node type asked for, however many ids."""
    wanted = [parse_node_id(value) for value in ids]
    by_kind: dict[str, set[uuid.UUID]] = {}
    for parsed in wanted:
        if parsed is not None:
            by_kind.setdefault(parsed[0], set()).add(parsed[1])
    found: dict[str, Mapping[uuid.UUID, Any]] = {}
    if by_kind:
        async with read_session(context.session_factory) as session:
            for kind, row_ids in by_kind.items():
                found[kind] = await NODE_KINDS[kind].fetch(session, context.actor, list(row_ids))
    return [_shown(context, found, parsed) for parsed in wanted]


def _shown(
    context: Context,
    found: Mapping[str, Mapping[uuid.UUID, Any]],
    parsed: tuple[str, uuid.UUID] | None,
) -> relay.Node | None:
    if parsed is None:
        return None
    kind, row_id = parsed
    row = found[kind].get(row_id)
    return NODE_KINDS[kind].to_node(row, context) if row is not None else None
