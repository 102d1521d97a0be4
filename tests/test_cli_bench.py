"""``aap bench NAME``: benchmarks found by module name in tests/benchmarks, options handed over.

Runs nothing heavy: the benchmarks themselves have their smoke tests in tests/benchmarks.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import backend
from backend.cli import app

HELPERS = ("harness", "submissions_seed", "submissions_floor", "test_bench_smoke")


def _bench(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["bench", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(("args", "status"), [((), 2), (("--help",), 0)])
def test_bench_lists_the_benchmarks_without_their_helpers(args, status):
    exit_code, output = _bench(*args)

    assert exit_code == status
    listed = [line.split()[0] for line in output.splitlines() if line.startswith("  ")]
    assert {"submissions", "receipts"} <= set(listed)
    assert not set(listed) & set(HELPERS)


def test_bench_lists_them_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    exit_code, output = _bench("--help")

    assert exit_code == 0
    assert "  receipts" in output


@pytest.mark.parametrize("name", ["nope", "harness", "submissions_seed"])
def test_bench_refuses_a_name_that_is_no_benchmark_and_lists_them(name):
    exit_code, output = _bench(name)

    assert exit_code == 2
    assert f"unknown benchmark {name!r}" in output
    assert "  submissions" in output


def test_bench_hands_the_options_to_the_benchmark():
    exit_code, output = _bench("receipts", "--renders", "0")

    assert exit_code == 2
    assert "aap bench receipts: error: argument --renders: must be >= 1" in output


def test_bench_outside_a_checkout_says_it_needs_one(tmp_path, monkeypatch):
    monkeypatch.setattr(backend, "__file__", str(tmp_path / "backend" / "__init__.py"))

    exit_code, output = _bench("receipts")

    assert exit_code == 2
    assert "checkout of the repository" in output
