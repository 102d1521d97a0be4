"""The plain-data executor gives exactly what graphql-core gives, and goes back to it for
anything that is not plain (graphql_schema/execution.py)."""

from __future__ import annotations

import asyncio
import enum
from datetime import UTC, datetime
from typing import Any

import pytest
import strawberry
from strawberry import relay
from strawberry.extensions import ParserCache

from graphql_schema import execution
from graphql_schema.execution import PlainDataExecutor


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Line:
    label: str
    amount: int
    colour: Colour
    note: str | None = None


@strawberry.type
class Part(relay.Node):
    id: relay.NodeID[str]
    name: str
    lines: list[Line]
    at: datetime


class SelfResolvingPart(Part):
    """A node that resolves its own id: the plan leaves it to strawberry."""

    @classmethod
    def resolve_id(cls, root: Any, *, info: strawberry.Info) -> str:
        return f"own-{root.id}"


async def _later(value: Any) -> Any:
    await asyncio.sleep(0)
    return value


class Awaitable:
    """A value still to be awaited, as graphql_schema.reading.Pending is."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __await__(self) -> Any:
        return _later(self.value).__await__()


@strawberry.type
class Whole:
    title: str
    parts: list[Part]
    maybe: Part | None = None
    tags: list[str | None] = strawberry.field(default_factory=list)

    @strawberry.field
    def shouted(self) -> str:
        return self.title.upper()


def _part(number: int, **overrides: Any) -> Part:
    values: dict[str, Any] = {
        "id": str(number),
        "name": f"part {number}",
        "lines": [Line(label=f"l{i}", amount=i * 10, colour=Colour.RED) for i in range(3)],
        "at": datetime(2026, 12, 3, 12, number % 60, tzinfo=UTC),
    }
    return Part(**(values | overrides))


def _schemas(
    wholes: list[Any], extensions: list[Any] | None = None
) -> tuple[strawberry.Schema, strawberry.Schema]:
    @strawberry.type
    class Query:
        @strawberry.field
        def wholes(self) -> list[Whole]:
            return wholes

        @strawberry.field
        def whole(self) -> Whole:
            return wholes[0]

    types = [Part]
    return (
        strawberry.Schema(
            query=Query,
            types=types,
            extensions=extensions or [],
            execution_context_class=PlainDataExecutor,
        ),
        strawberry.Schema(query=Query, types=types),
    )


def _same(wholes: list[Any], query: str, variables: dict[str, Any] | None = None) -> Any:
    """Runs the query on both executors and returns the plain one's result."""
    plain, stock = _schemas(wholes)

    async def run(schema: strawberry.Schema) -> Any:
        return await schema.execute(query, variable_values=variables)

    ours, theirs = asyncio.run(run(plain)), asyncio.run(run(stock))
    assert ours.data == theirs.data
    assert [(e.message, e.path) for e in ours.errors or []] == [
        (e.message, e.path) for e in theirs.errors or []
    ]
    return ours


FULL = """
query Q($loud: Boolean!) {
  wholes {
    __typename
    title
    loud: shouted @include(if: $loud)
    tags
    parts { ...P }
    maybe { id name }
  }
}
fragment P on Part { id __typename name at lines { label amount colour note } first: name }
"""


def test_plain_objects_complete_as_graphql_core_does() -> None:
    wholes = [
        Whole(title="w", parts=[_part(1), _part(2)], maybe=_part(3), tags=["a", None]),
        Whole(title="v", parts=[], maybe=None),
    ]
    result = _same(wholes, FULL, {"loud": True})
    assert result.data["wholes"][0]["parts"][1]["lines"][2] == {
        "label": "l2",
        "amount": 20,
        "colour": "RED",
        "note": None,
    }
    _same(wholes, FULL, {"loud": False})


def test_plain_parts_below_a_resolver_go_through_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    completed: list[str] = []
    complete = execution._ObjectPlan.complete

    def counting(plan: execution._ObjectPlan, source: Any) -> Any:
        completed.append(plan.type_name)
        return complete(plan, source)

    monkeypatch.setattr(execution._ObjectPlan, "complete", counting)
    _same([Whole(title="w", parts=[_part(1)])], "{ wholes { shouted parts { id name } } }")
    assert completed == ["Part"]  # Whole has a resolver (shouted): graphql-core completes it


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(lambda: _part(1, name=None), id="null in a non-null field"),
        pytest.param(lambda: _part(1, lines=[None]), id="null item in a non-null list"),
        pytest.param(lambda: _part(1, lines=(x for x in [])), id="a generator"),
        pytest.param(lambda: _part(1, lines=[object()]), id="not the declared type"),
        pytest.param(lambda: _part(1, name=ValueError("boom")), id="an exception as a value"),
        pytest.param(lambda: _part(1, name=Awaitable("later")), id="a value to await"),
        pytest.param(lambda: _part(1, lines=Awaitable([])), id="a list to await"),
        pytest.param(lambda: _part(1, name=3.5), id="a leaf that does not coerce"),
        pytest.param(lambda: "not a part", id="an object is_type_of refuses"),
        pytest.param(lambda: SelfResolvingPart(**vars(_part(1))), id="a node's own resolve_id"),
    ],
)
def test_anything_not_plain_is_left_to_graphql_core(broken: Any) -> None:
    wholes = [Whole(title="w", parts=[_part(1), broken()])]
    _same(wholes, "{ wholes { parts { id name lines { label colour } } } }")


def test_plans_are_shared_by_requests_running_the_same_operation() -> None:
    plain, _ = _schemas([Whole(title="w", parts=[_part(1)])], [lambda: ParserCache(maxsize=16)])
    query = "{ wholes { parts { id name } } }"
    execution._shared_plans.clear()
    first = asyncio.run(plain.execute(query))
    (_operation, plans), *_ = execution._shared_plans.values()
    assert plans
    built = dict(plans)
    again = asyncio.run(plain.execute(query))  # the same nodes, from the parser cache
    assert again.data == first.data
    assert len(execution._shared_plans) == 1
    assert plans == built  # nothing built again


def test_a_directive_on_a_variable_keeps_plans_to_one_request() -> None:
    wholes = [Whole(title="w", parts=[_part(1)])]
    query = "query Q($n: Boolean!) { wholes { parts { id name @include(if: $n) } } }"
    execution._shared_plans.clear()
    with_name = _same(wholes, query, {"n": True})
    without = _same(wholes, query, {"n": False})
    assert with_name.data["wholes"][0]["parts"][0]["name"] == "part 1"
    assert "name" not in without.data["wholes"][0]["parts"][0]
    assert all(plans is None for _, plans in execution._shared_plans.values())
