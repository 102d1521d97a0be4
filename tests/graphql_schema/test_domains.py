"""The schema is assembled from ``graphql_schema.domains.DOMAINS``: every domain error is
shown by a GraphQL type, every domain's root fields are in the schema (and no field comes
from nowhere), and a GraphQL domain package left out of the list is noticed."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

import strawberry
from strawberry.tools import merge_types

import backend
import graphql_schema
from backend.core import signed_links
from backend.core.errors import DomainError
from graphql_schema.domain import GraphQLDomain
from graphql_schema.domains import DOMAINS, ERROR_TYPES, mutation_types, query_types
from graphql_schema.platform import PlatformQueries
from graphql_schema.schema import schema

SHOWN_OVER_HTTP_ONLY = {signed_links.LinkInvalid, signed_links.LinkExpired}
"""Raised only by the download routes (``backend.downloads``), answered there as HTTP 404."""


def _import_backend() -> None:
    """Every module of ``backend`` (but the migrations), so an error class declared
    anywhere (a domain, core, a layer above the domains) is seen."""
    for module in pkgutil.walk_packages(backend.__path__, "backend."):
        if not module.name.startswith("backend.migrations"):
            importlib.import_module(module.name)


def _all_subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _all_subclasses(sub)
    return found


def _field_names(types: tuple[type, ...]) -> list[str]:
    converter = schema.config.name_converter
    return [
        converter.get_graphql_name(field)
        for root in types
        for field in root.__strawberry_definition__.fields  # type: ignore[attr-defined]
    ]


def _root_fields(name: str) -> list[str]:
    return list(schema._schema.get_type(name).fields)  # type: ignore[union-attr]


def test_every_domain_error_is_shown_by_a_graphql_type():
    # Arrange
    _import_backend()

    # Act
    unmapped = {
        cls.__qualname__
        for cls in _all_subclasses(DomainError) - SHOWN_OVER_HTTP_ONLY
        if cls.__module__.startswith("backend.")
        and not any(ancestor in ERROR_TYPES for ancestor in cls.__mro__)  # as to_error looks
    }

    # Assert
    assert unmapped == set(), (
        f"domain errors with no GraphQL type: {sorted(unmapped)}; declare them in the"
        " domain's graphql_schema/<domain>/errors.py ERROR_TYPES"
    )


def test_the_schema_has_every_domains_root_fields_and_no_other():
    for domain in DOMAINS:
        assert set(_field_names(domain.queries)) <= set(_root_fields("Query")), domain.name
        assert set(_field_names(domain.mutations)) <= set(_root_fields("Mutation")), domain.name

    assert _root_fields("Query") == _field_names((*query_types(), PlatformQueries))
    assert _root_fields("Mutation") == _field_names(mutation_types())


def test_every_graphql_domain_package_is_in_the_list():
    packages = {
        module.name
        for module in pkgutil.iter_modules(graphql_schema.__path__)
        if module.ispkg
        and importlib.util.find_spec(f"graphql_schema.{module.name}.domain") is not None
    }

    assert packages == {domain.name for domain in DOMAINS}


def test_a_new_domains_fields_join_the_root_types_in_list_order():
    @strawberry.type
    class EvaluationQueries:
        reviews_count: int = 0

    @strawberry.type
    class EvaluationMutations:
        submit_review: bool = False

    evaluation = GraphQLDomain(
        name="evaluation", queries=(EvaluationQueries,), mutations=(EvaluationMutations,)
    )
    domains = (*DOMAINS, evaluation)

    query = merge_types("Query", (*query_types(domains), PlatformQueries))
    mutation = merge_types("Mutation", mutation_types(domains))
    extended = strawberry.Schema(query=query, mutation=mutation, config=schema.config)

    query_fields = list(extended._schema.query_type.fields)  # type: ignore[union-attr]
    mutation_fields = list(extended._schema.mutation_type.fields)  # type: ignore[union-attr]
    assert mutation_fields[-1] == "submitReview"
    assert mutation_fields[:-1] == _root_fields("Mutation")
    # ordered by query_order (accounts' fields come last among the domains'), then the platform's
    assert query_fields.index("reviewsCount") < query_fields.index("me")
    assert query_fields.index("candidacy") < query_fields.index("reviewsCount")
