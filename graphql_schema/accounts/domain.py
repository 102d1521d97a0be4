"""The accounts domain's part of the schema: sign-in, users, roles, organisations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry import relay

from backend.accounts import queries
from backend.core.auth import Actor
from graphql_schema.accounts.errors import ERROR_TYPES
from graphql_schema.accounts.mutations import AccountMutations
from graphql_schema.accounts.queries import AccountQueries
from graphql_schema.accounts.types import (
    ApiTokenType,
    OrganisationType,
    PublicOrganisationType,
    UserType,
)
from graphql_schema.context import Context
from graphql_schema.domain import GraphQLDomain, NodeKind


async def _public_organisations(
    session: AsyncSession, actor: Actor, ids: Sequence[uuid.UUID]
) -> Any:
    """Public fields of any organisation, for signed-in callers, as ``organisationSearch``."""
    if actor.user_id is None:
        return {}
    return await queries.organisations_by_id(session, ids)


def _api_token(token: Any, context: Context) -> relay.Node:
    return ApiTokenType.from_model(token, current_token_id=context.actor.token_id)


DOMAIN = GraphQLDomain(
    name="accounts",
    queries=(AccountQueries,),
    mutations=(AccountMutations,),
    error_types=ERROR_TYPES,
    node_kinds={
        "Organisation": NodeKind(
            queries.visible_organisations_by_id, lambda r, _: OrganisationType.from_model(r)
        ),
        "PublicOrganisation": NodeKind(
            _public_organisations, lambda r, _: PublicOrganisationType.from_model(r)
        ),
        "User": NodeKind(queries.readable_users_by_id, lambda r, _: UserType.from_model(r)),
        "ApiToken": NodeKind(queries.own_api_tokens_by_id, _api_token),
    },
    query_order=1,  # me, organisations... have always come after calls' and candidacies'
)
