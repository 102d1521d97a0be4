"""The backend's domain packages, in dependency order: the one list a new domain joins.

Each package keeps its tables in ``models.py`` (and, when it has expected failures, its
``DomainError`` classes in ``errors.py``). :mod:`backend.models_registry` imports every
domain's models from this list, so Alembic and the tests know every table; the tests check
that every domain error is shown by the API (``tests/graphql_schema/test_domains.py``).
"""

from __future__ import annotations

from types import ModuleType

from backend import accounts, calls, candidacies, notifications, registration

DOMAINS: tuple[ModuleType, ...] = (
    accounts,
    calls,
    candidacies,
    notifications,
    registration,
)
