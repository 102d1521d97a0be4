"""Import every table module so ``SQLModel.metadata`` knows all tables (Alembic, tests).

The tables of ``backend.core`` (the audit chain), and each domain's ``models.py`` for every
package of :data:`backend.domains.DOMAINS`: a new domain's tables come with its line there.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from backend.core import audit
from backend.domains import DOMAINS

DOMAIN_MODELS: tuple[ModuleType, ...] = tuple(
    import_module(f"{domain.__name__}.models") for domain in DOMAINS
)

__all__ = ["DOMAIN_MODELS", "audit"]
