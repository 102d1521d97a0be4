"""The one list of the schema's domains: a new domain adds its ``graphql_schema/<domain>/``
package and its line here, and nothing else in ``graphql_schema`` changes.

Everything the schema needs per domain is gathered from :data:`DOMAINS`: the root ``Query``
and ``Mutation`` fields (``graphql_schema.schema``), how domain errors are shown
(:data:`ERROR_TYPES`), and the ``Node`` types that ``node(id:)`` reads (:data:`NODE_KINDS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from graphql_schema.accounts import domain as accounts
from graphql_schema.calls import domain as calls
from graphql_schema.candidacies import domain as candidacies
from graphql_schema.domain import GraphQLDomain, NodeKind
from graphql_schema.errors import CORE_ERROR_TYPES, ErrorTypes, error_types
from graphql_schema.registration import domain as registration

DOMAINS: tuple[GraphQLDomain, ...] = (
    accounts.DOMAIN,
    calls.DOMAIN,
    candidacies.DOMAIN,
    registration.DOMAIN,
)
"""In dependency order: the order of their mutation fields in the SDL."""


def query_types(domains: tuple[GraphQLDomain, ...] = DOMAINS) -> tuple[type, ...]:
    """The domains' root query types, in the order their fields appear in ``Query``."""
    ordered = sorted(domains, key=lambda domain: domain.query_order)  # stable: ties keep order
    return tuple(query for domain in ordered for query in domain.queries)


def mutation_types(domains: tuple[GraphQLDomain, ...] = DOMAINS) -> tuple[type, ...]:
    """The domains' root mutation types, in the order of :data:`DOMAINS`."""
    return tuple(mutation for domain in domains for mutation in domain.mutations)


def _node_kinds(domains: tuple[GraphQLDomain, ...]) -> Mapping[str, NodeKind]:
    kinds: dict[str, NodeKind] = {}
    for domain in domains:
        for name, kind in domain.node_kinds.items():
            if name in kinds:
                raise ValueError(f"node type {name} is declared twice")
            kinds[name] = kind
    return MappingProxyType(kinds)


ERROR_TYPES: ErrorTypes = error_types(CORE_ERROR_TYPES, *(domain.error_types for domain in DOMAINS))
"""How every domain error the API shows is built (``Context.to_error``)."""

NODE_KINDS: Mapping[str, NodeKind] = _node_kinds(DOMAINS)
"""Every type implementing ``Node``, with the read rule of its own root field."""
