"""The GraphQL schema: root types assembled from the domains, limits and error masking.

Expected failures are values of each mutation's result union; anything unexpected is masked
to "Unexpected error." before it reaches a client (and logged with the request id).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry import Schema
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from backend.core.db import is_database_unavailable
from backend.core.errors import DomainError
from backend.core.settings import Environment, Settings, get_settings
from graphql_schema.domains import mutation_types, query_types
from graphql_schema.errors import IdNotFound, InvalidArgument
from graphql_schema.execution import PlainDataExecutor
from graphql_schema.limits import cost_limiter, shape_rule
from graphql_schema.pagination import DEFAULT_PAGE_SIZE
from graphql_schema.platform import PlatformQueries
from graphql_schema.scalars import SCALAR_MAP
from graphql_schema.validation import CachedValidation, without_suggestion

QUERY_CACHE_SIZE = 512
"""Distinct query texts kept parsed and validated (front-ends send a bounded set)."""

Query = merge_types("Query", (*query_types(), PlatformQueries))
"""Every domain's root query fields (``graphql_schema.domains``), then the platform's."""
Mutation = merge_types("Mutation", mutation_types())


log = logging.getLogger("aap.graphql")


def is_client_mistake(error: GraphQLError) -> bool:
    """An error the request caused (syntax, validation, limits, bad arguments, a refused
    domain rule), as opposed to a fault of the server."""
    original = error.original_error
    return original is None or isinstance(original, GraphQLError | InvalidArgument | DomainError)


class AapSchema(Schema):
    """strawberry's Schema, logging a client's mistakes at INFO without a traceback.

    strawberry logs every error at ERROR with its traceback: 5,734 ERROR lines for 3,738
    fuzzed requests, which buried the server's real faults. ERROR is for those faults.
    """

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        for error in errors:
            if is_client_mistake(error):
                code = (error.extensions or {}).get("code")
                log.info("request refused: %s", error.message, extra={"code": code})
            elif is_database_unavailable(error.original_error or error):
                log.warning("database unavailable: %s", error.message)  # answered 503
            else:
                log.error("operation failed: %s", error.message, exc_info=error.original_error)


def should_mask(error: GraphQLError) -> bool:
    """Mask everything but validation errors and our deliberate argument errors.

    An original that is itself a GraphQLError was written for the client (graphql-core wraps
    variable coercion errors that way): masking it would hide "$first got invalid value".
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    if is_database_unavailable(original):
        return False  # the HTTP layer turns it into a 503 (graphql_schema.http)
    return not isinstance(original, InvalidArgument)


class MaskErrorsAndSuggestions(MaskErrors):
    """MaskErrors that, in production, also drops "Did you mean ...?" from what is left."""

    def __init__(self, *, hide_suggestions: bool) -> None:
        super().__init__(should_mask_error=should_mask)
        self.hide_suggestions = hide_suggestions

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        if not self.hide_suggestions:
            return processed
        return [without_suggestion(error) for error in processed]


@dataclass(frozen=True)
class SchemaLimits:
    """The settings a schema is built from: equal limits give the same schema."""

    max_depth: int
    max_aliases: int
    max_tokens: int
    max_cost: int
    is_prod: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> SchemaLimits:
        return cls(
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
            max_tokens=settings.graphql_max_tokens,
            max_cost=settings.graphql_max_cost,
            is_prod=settings.is_prod,
        )


def _limit_rules(limits: SchemaLimits) -> list[Any]:
    """The depth and alias (and in prod, introspection) rules, built once per schema.

    One rule class per schema keeps the rule set identical across requests, which is what
    lets the validation cache hit. The shape rule measures each fragment once: never add a
    rule that walks into fragment spreads afresh (see graphql_schema.limits).
    """
    rules: list[Any] = [shape_rule(max_depth=limits.max_depth, max_aliases=limits.max_aliases)]
    if limits.is_prod:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


def build_schema(settings: Settings | None = None) -> Schema:
    """The schema with its limits (tokens, depth, aliases, cost), caches (parse and
    validation, per query text) and masking.

    Building one walks every type (about 0.1 s of CPU), and a schema holds no request's
    state: apps with the same limits share one (each test builds an app).
    """
    return _schema_with(SchemaLimits.from_settings(settings or get_settings()))


@functools.lru_cache(maxsize=8)
def _schema_with(limits: SchemaLimits) -> Schema:
    rules = _limit_rules(limits)
    hide = limits.is_prod
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: ParserCache(maxsize=QUERY_CACHE_SIZE),
        lambda: AddValidationRules(rules),
        lambda: CachedValidation(hide_suggestions=hide),
        cost_limiter(max_cost=limits.max_cost, default_page_size=DEFAULT_PAGE_SIZE),
        lambda: MaskErrorsAndSuggestions(hide_suggestions=hide),
    ]
    return AapSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        exception_handlers=[IdNotFound()],
        execution_context_class=PlainDataExecutor,
        config=StrawberryConfig(auto_camel_case=True, scalar_map=dict(SCALAR_MAP)),
    )


schema = build_schema()


def schema_sdl() -> str:
    """The SDL as committed in ``graphql_schema/schema.graphql`` (always the dev schema)."""
    return build_schema(Settings(environment=Environment.DEV)).as_str() + "\n"
