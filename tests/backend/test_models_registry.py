"""``backend.domains.DOMAINS`` is the one list of domain packages: a package with tables that
is left out of it would be missing from Alembic's and the tests' metadata."""

from __future__ import annotations

import pkgutil

from sqlmodel import SQLModel

import backend
from backend.domains import DOMAINS
from backend.models_registry import DOMAIN_MODELS


def test_every_backend_package_with_tables_is_a_listed_domain():
    with_models = {
        module.name
        for module in pkgutil.iter_modules(backend.__path__)
        if module.ispkg
        and module.name != "core"
        and any(
            m.name == "models"
            for m in pkgutil.iter_modules([f"{module.module_finder.path}/{module.name}"])
        )
    }

    assert with_models == {domain.__name__.removeprefix("backend.") for domain in DOMAINS}


def test_every_listed_domains_tables_are_in_the_metadata():
    for models in DOMAIN_MODELS:
        tables = {
            value.__table__.name
            for value in vars(models).values()
            if isinstance(value, type) and hasattr(value, "__table__")
        }
        assert tables, models.__name__
        assert tables <= set(SQLModel.metadata.tables), models.__name__
