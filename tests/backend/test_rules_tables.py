"""Every predicate of a ``backend/<domain>/rules.py`` is used, and has its table test.

A predicate is a public function of the module returning ``bool``. Its table is a test named
``test_<predicate>`` in the domain's ``tests/backend/<domain>/test_*_rules.py``, parametrized,
that calls it. So a new domain (or a new predicate) cannot land without its table, and a
predicate that nothing calls any more shows up here instead of lingering.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ["backend", "graphql_schema", "workers"]


def rules_modules() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "backend").glob("*/rules.py"))


def predicates(domain: str) -> dict[str, Callable[..., bool]]:
    module = importlib.import_module(f"backend.{domain}.rules")
    return {
        name: fn
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__
        and not name.startswith("_")
        and typing.get_type_hints(fn).get("return") is bool
    }


def all_predicates() -> Iterator[tuple[str, str]]:
    for domain in rules_modules():
        for name in predicates(domain):
            yield domain, name


def table_tests(domain: str) -> dict[str, ast.FunctionDef]:
    """The domain's parametrized tests, by name."""
    files = sorted((ROOT / "tests" / "backend" / domain).glob("test_*rules.py"))
    assert len(files) == 1, f"tests/backend/{domain}/ needs one test_*_rules.py, has {files}"
    tree = ast.parse(files[0].read_text())
    return {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any("parametrize" in ast.unparse(d) for d in node.decorator_list)
    }


def calls_of(function: ast.FunctionDef) -> set[str]:
    return {
        node.func.id
        for node in ast.walk(function)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def test_every_domain_with_rules_has_predicates_to_table():
    assert {"accounts", "calls", "candidacies"} <= {d for d, _ in all_predicates()}


@pytest.mark.parametrize(("domain", "name"), list(all_predicates()))
def test_predicate_has_a_table_test(domain, name):
    test = table_tests(domain).get(f"test_{name}")

    assert test is not None, f"no parametrized test_{name} in tests/backend/{domain}/"
    assert name in calls_of(test), f"test_{name} does not call {name}"


@functools.cache
def names_used_in_production() -> frozenset[str]:
    """Every name the production code reads (``f(...)``, ``rules.f(...)``, ``key=f``): an
    import or a docstring that names a predicate is not a use."""
    used = set()
    for package in PRODUCTION:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                    used.add(node.id)
                elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                    used.add(node.attr)
    return frozenset(used)


@pytest.mark.parametrize(("domain", "name"), list(all_predicates()))
def test_predicate_is_used(domain, name):
    assert name in names_used_in_production(), (
        f"backend.{domain}.rules.{name} is called nowhere: use it or remove it"
    )
