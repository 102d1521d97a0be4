"""The committed SDL is the contract with front-ends: it must equal what the code exports."""

from __future__ import annotations

from backend.cli import SCHEMA_PATH
from graphql_schema.schema import schema_sdl


def test_committed_schema_matches_code():
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == schema_sdl(), (
        "graphql_schema/schema.graphql is stale: run `make schema` and review the diff"
    )
