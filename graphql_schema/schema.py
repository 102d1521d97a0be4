"""The GraphQL schema: root types, limits and error masking.

Expected failures are values of each mutation's result union; anything unexpected is masked
to "Unexpected error." before it reaches a client (and logged with the request id).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry import Schema
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from backend.core.settings import Environment, Settings, get_settings
from graphql_schema.accounts.mutations import AccountMutations
from graphql_schema.accounts.queries import AccountQueries
from graphql_schema.calls.mutations import CallMutations
from graphql_schema.calls.queries import CallQueries
from graphql_schema.candidacies.mutations import CandidacyMutations
from graphql_schema.candidacies.queries import CandidacyQueries
from graphql_schema.errors import InvalidArgument
from graphql_schema.scalars import SCALAR_MAP

Query = merge_types("Query", (CallQueries, CandidacyQueries, AccountQueries))
Mutation = merge_types("Mutation", (AccountMutations, CallMutations, CandidacyMutations))


def should_mask(error: GraphQLError) -> bool:
    """Mask everything but validation errors and our deliberate argument errors.

    An original that is itself a GraphQLError was written for the client (graphql-core wraps
    variable coercion errors that way): masking it would hide "$first got invalid value".
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not isinstance(original, InvalidArgument)


def build_schema(settings: Settings | None = None) -> Schema:
    settings = settings or get_settings()
    extensions: list[Any] = [
        lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        lambda: MaskErrors(should_mask_error=should_mask),
    ]
    if settings.is_prod:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True, scalar_map=dict(SCALAR_MAP)),
    )


schema = build_schema()


def schema_sdl() -> str:
    """The SDL as committed in ``graphql_schema/schema.graphql`` (always the dev schema)."""
    return build_schema(Settings(environment=Environment.DEV)).as_str() + "\n"
