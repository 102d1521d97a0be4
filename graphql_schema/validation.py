"""Validation with a cache per query text, and no field suggestions in production.

graphql-core can leave "Did you mean ...?" out of its validation messages
(``validate(..., hide_suggestions=True)``) but strawberry never asks it to, and its
``ValidationCache`` calls strawberry's own ``validate_document``. In production, suggestions
tell an outsider the names of fields and arguments that introspection (disabled there) would
have told: this extension validates with ``hide_suggestions`` and keeps the same per-text
cache. Execution errors (variable coercion: an enum value or an input field misspelt) get
their suggestion removed by :func:`without_suggestion`, since graphql-core's ``execute`` is
not given the option by strawberry either.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, validate
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import MaybeNullValidationRule, OneOfInputValidationRule

SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?\s*$")
NESTING_ABORT = "Validation aborted."
"""What graphql-core says when a document nests fragments or selections past its recursion
guard (200 levels); nothing in it tells a client what to change."""
DOCUMENT_TOO_NESTED = "DOCUMENT_TOO_NESTED"


@lru_cache(maxsize=512)
def _validate(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[Any, ...],
    hide_suggestions: bool,
) -> list[GraphQLError]:
    """graphql-core's validation plus the two rules strawberry always adds."""
    all_rules = (*rules, MaybeNullValidationRule, OneOfInputValidationRule)
    errors = validate(schema, document, all_rules, hide_suggestions=hide_suggestions)
    return [_explained(error) for error in errors]


def _explained(error: GraphQLError) -> GraphQLError:
    if error.message != NESTING_ABORT:
        return error
    return GraphQLError(
        "Validation aborted: the document nests fragments or selections too deeply.",
        extensions={"code": DOCUMENT_TOO_NESTED},
    )


class CachedValidation(SchemaExtension):
    """Validate each distinct document once (per rule set), hiding suggestions when asked."""

    def __init__(self, *, hide_suggestions: bool) -> None:
        self.hide_suggestions = hide_suggestions

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None
        rules: Collection[Any] = context.validation_rules
        context.pre_execution_errors = _validate(
            context.schema._schema,
            context.graphql_document,
            tuple(rules),
            self.hide_suggestions,
        )
        yield


def without_suggestion(error: GraphQLError) -> GraphQLError:
    """The same error without a trailing "Did you mean ...?" (the error itself if none)."""
    message = SUGGESTION.sub("", error.message)
    if message == error.message:
        return error
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=error.extensions,
    )
