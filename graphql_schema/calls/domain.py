"""The calls domain's part of the schema: funders, programmes and calls."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls import queries
from backend.core.auth import Actor
from graphql_schema.calls.errors import ERROR_TYPES
from graphql_schema.calls.mutations import CallMutations
from graphql_schema.calls.queries import CallQueries
from graphql_schema.calls.types import CallType, FunderType, ProgrammeType
from graphql_schema.domain import GraphQLDomain, NodeKind


async def _public_funders(session: AsyncSession, _: Actor, ids: Sequence[uuid.UUID]) -> Any:
    return await queries.funders_by_id(session, ids)


async def _public_programmes(session: AsyncSession, _: Actor, ids: Sequence[uuid.UUID]) -> Any:
    return await queries.programmes_by_id(session, ids)


DOMAIN = GraphQLDomain(
    name="calls",
    queries=(CallQueries,),
    mutations=(CallMutations,),
    error_types=ERROR_TYPES,
    node_kinds={
        "Call": NodeKind(queries.readable_calls_by_id, lambda r, _: CallType.from_model(r)),
        "Funder": NodeKind(_public_funders, lambda r, _: FunderType.from_model(r)),
        "Programme": NodeKind(_public_programmes, lambda r, _: ProgrammeType.from_model(r)),
    },
)
