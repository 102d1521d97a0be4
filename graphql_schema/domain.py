"""What a domain's GraphQL package declares about itself, so the schema is assembled from
one list (``graphql_schema.domains.DOMAINS``) instead of central lists edited per domain.

A package declares ``DOMAIN = GraphQLDomain(...)`` in its ``domain.py``: its root query and
mutation types, how its domain errors are shown, and its ``Node`` types. Its DataLoaders need
no declaration: a :class:`~graphql_schema.loaders.DomainLoaders` subclass is built by the
request's context the first time a resolver asks for it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry import relay

from backend.core.auth import Actor
from graphql_schema.context import Context
from graphql_schema.errors import ErrorType

Fetch = Callable[[AsyncSession, Actor, Sequence[uuid.UUID]], Awaitable[Mapping[uuid.UUID, Any]]]


@dataclass(frozen=True)
class NodeKind:
    """How to read one node type by ids (only what the actor may read) and show a row."""

    fetch: Fetch
    to_node: Callable[[Any, Context], relay.Node]


@dataclass(frozen=True)
class GraphQLDomain:
    """One domain's part of the schema."""

    name: str
    queries: tuple[type, ...] = ()
    """Root query types (``@strawberry.type`` classes), merged into ``Query`` in this order."""
    mutations: tuple[type, ...] = ()
    """Root mutation types, merged into ``Mutation`` in this order."""
    error_types: tuple[ErrorType[Any], ...] = ()
    """How each of the domain's errors is shown in a mutation's result union (a test fails
    when a domain error has none)."""
    node_kinds: Mapping[str, NodeKind] = field(default_factory=dict)
    """Every type of the domain implementing ``Node``, by type name, with the read rule of
    its own root field (``node(id:)`` reads through it; a test fails on a missing one)."""
    query_order: int = 0
    """Where the domain's query fields sit in ``Query``: lower first, ties in the order of
    ``DOMAINS``. The SDL is a published contract whose field order predates the list."""
