"""What one GraphQL operation may ask: depth, aliases and cost, measured in linear time.

Why this module exists: strawberry's ``QueryDepthLimiter`` and ``MaxAliasesLimiter`` walk into
a fragment afresh at every spread. A document of K fragments that each spread the previous one
twice (``fragment F1 on Query { ...F0 ...F0 }``) is under 1 KB, yet they walk it 2^K times:
K = 20 took 5 s and K = 39 never ended, freezing the event loop (``/healthz`` included).

Here every fragment is measured once per document (per request for the cost, which depends on
the variables) and its measure reused at each spread, so the work grows with the document's
size, never with its expansion. The expansion itself still counts: a fragment spread twice
costs twice, so the K-fragment document is refused for its cost, quickly. Any new rule that
walks into fragments must do the same (see docs/DESIGN.md, "GraphQL limits").

- Depth and aliases are validation rules: they depend on the text only, so strawberry's
  validation cache keeps their verdict per query text.
- Cost (fields times the page sizes asked for) depends on ``$first``, so it is computed before
  execution, with the request's variables, by :class:`OperationCostLimiter`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
)
from graphql.type import GraphQLInterfaceType, GraphQLObjectType
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import PreExecutionError

PAGE_SIZE_ARGUMENTS = ("first", "last")
QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
TOO_MANY_ALIASES = "TOO_MANY_ALIASES"


@dataclass(frozen=True)
class Shape:
    """The depth and alias count of a selection set, fragments expanded."""

    depth: int
    aliases: int

    def __add__(self, other: Shape) -> Shape:
        return Shape(depth=max(self.depth, other.depth), aliases=self.aliases + other.aliases)


EMPTY = Shape(depth=0, aliases=0)


def _fragments(definitions: Any) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}


class _ShapeMeter:
    """Measures selection sets; each fragment once, whatever the number of its spreads.

    A fragment that spreads itself (directly or not) counts as empty inside its own
    measure: graphql-core's ``NoFragmentCyclesRule`` refuses such a document anyway.
    """

    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.measured: dict[str, Shape] = {}
        self.in_progress: set[str] = set()

    def selection_set(self, selections: SelectionSetNode | None) -> Shape:
        shape = EMPTY
        for selection in selections.selections if selections else ():
            shape = shape + self.selection(selection)
        return shape

    def selection(self, node: Any) -> Shape:
        if isinstance(node, FieldNode):
            inner = self.selection_set(node.selection_set)
            alias = 1 if node.alias else 0
            if node.name.value.startswith("__") or node.selection_set is None:
                # Introspection is not nested data: like strawberry's limiter, no depth.
                return Shape(depth=0, aliases=alias + inner.aliases)
            return Shape(depth=1 + inner.depth, aliases=alias + inner.aliases)
        if isinstance(node, InlineFragmentNode):
            return self.selection_set(node.selection_set)
        if isinstance(node, FragmentSpreadNode):
            return self.fragment(node.name.value)
        return EMPTY

    def fragment(self, name: str) -> Shape:
        if name in self.measured:
            return self.measured[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return EMPTY
        self.in_progress.add(name)
        shape = self.selection_set(definition.selection_set)
        self.in_progress.discard(name)
        self.measured[name] = shape
        return shape


def _operations(definitions: Any) -> Iterator[OperationDefinitionNode]:
    return (d for d in definitions if isinstance(d, OperationDefinitionNode))


def _operation_name(operation: OperationDefinitionNode) -> str:
    return operation.name.value if operation.name else "anonymous"


def shape_rule(*, max_depth: int, max_aliases: int) -> type[ValidationRule]:
    """A validation rule refusing operations deeper than ``max_depth`` or with more than
    ``max_aliases`` aliases (counted over the whole document, fragments expanded)."""

    class OperationShapeRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            meter = _ShapeMeter(_fragments(definitions))
            aliases = 0
            for operation in _operations(definitions):
                try:
                    shape = meter.selection_set(operation.selection_set)
                except RecursionError:  # nesting past the interpreter's stack: too deep
                    shape = Shape(depth=max_depth + 1, aliases=0)
                aliases += shape.aliases
                if shape.depth > max_depth:
                    context.report_error(
                        GraphQLError(
                            f"'{_operation_name(operation)}' exceeds maximum operation depth "
                            f"of {max_depth}",
                            operation,
                            extensions={"code": QUERY_TOO_DEEP, "maxDepth": max_depth},
                        )
                    )
            if aliases > max_aliases:
                context.report_error(
                    GraphQLError(
                        f"{aliases} aliases found. Allowed: {max_aliases}",
                        extensions={"code": TOO_MANY_ALIASES, "maxAliases": max_aliases},
                    )
                )

    return OperationShapeRule


# --- Cost --------------------------------------------------------------------------------------


class _CostMeter:
    """Cost of a selection set: each field counts 1, plus its children's cost times the page
    size it asks for (``first`` or ``last``; the default page size when a paginated field is
    given neither). Fragments are costed once per parent type and reused at each spread.

    An integer that grows without bound is fine: Python's integers do not overflow, and the
    comparison with the limit is what matters.
    """

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        default_page_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.default_page_size = default_page_size
        self.costed: dict[str, int] = {}
        self.in_progress: set[str] = set()

    def selection_set(self, selections: SelectionSetNode | None, parent: Any) -> int:
        if selections is None:
            return 0
        return sum(self.selection(node, parent) for node in selections.selections)

    def selection(self, node: Any, parent: Any) -> int:
        if isinstance(node, FieldNode):
            return self.field(node, parent)
        if isinstance(node, InlineFragmentNode):
            condition = node.type_condition
            inner = self.schema.get_type(condition.name.value) if condition else parent
            return self.selection_set(node.selection_set, inner)
        if isinstance(node, FragmentSpreadNode):
            return self.fragment(node.name.value)
        return 0

    def field(self, node: FieldNode, parent: Any) -> int:
        definition = _field_definition(parent, node.name.value)
        if definition is None or node.selection_set is None:
            return 1
        inner = get_named_type(definition.type)
        children = self.selection_set(node.selection_set, inner)
        return 1 + self.page_size(node, definition) * children

    def page_size(self, node: FieldNode, definition: Any) -> int:
        """The page size a field asks for; 1 for a field that takes no page size."""
        if not any(name in definition.args for name in PAGE_SIZE_ARGUMENTS):
            return 1
        asked = [self._int_argument(node, name) for name in PAGE_SIZE_ARGUMENTS]
        given = [value for value in asked if value is not None]
        return max(given) if given else self.default_page_size

    def _int_argument(self, node: FieldNode, name: str) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value: Any = argument.value
            if isinstance(value, IntValueNode):
                return _non_negative(value.value)
            if isinstance(value, VariableNode):
                return _non_negative(self.variables.get(value.name.value))
        return None

    def fragment(self, name: str) -> int:
        if name in self.costed:
            return self.costed[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return 0
        self.in_progress.add(name)
        parent = self.schema.get_type(definition.type_condition.name.value)
        cost = self.selection_set(definition.selection_set, parent)
        self.in_progress.discard(name)
        self.costed[name] = cost
        return cost


def _field_definition(parent: GraphQLNamedType | None, name: str) -> Any:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return parent.fields.get(name)
    return None


def _non_negative(raw: Any) -> int | None:
    """A page size as asked; anything that is not a whole number is left to the field's own
    validation (which answers a typed error), and costs as the default meanwhile."""
    try:
        value = int(raw)
    except (TypeError, ValueError, OverflowError):
        return None
    return max(value, 0) if not isinstance(raw, bool) else None


def operation_cost(
    schema: GraphQLSchema,
    document: Any,
    *,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    default_page_size: int,
) -> int:
    """The cost of the operation a request runs (the only one, or the one it names)."""
    definitions = document.definitions
    meter = _CostMeter(schema, _fragments(definitions), variables or {}, default_page_size)
    total = 0
    for operation in _operations(definitions):
        if operation_name is not None and _operation_name(operation) != operation_name:
            continue
        root = schema.get_root_type(operation.operation)
        total += meter.selection_set(operation.selection_set, root)
    return total


def cost_limiter(*, max_cost: int, default_page_size: int) -> Callable[[], SchemaExtension]:
    """A factory for :class:`OperationCostLimiter` with these limits (strawberry wants one)."""

    def build() -> SchemaExtension:
        return OperationCostLimiter(max_cost=max_cost, default_page_size=default_page_size)

    return build


class OperationCostLimiter(SchemaExtension):
    """Refuses, before anything executes, an operation whose cost exceeds ``max_cost``.

    The refusal is a request error (HTTP 400 with ``application/graphql-response+json``) with
    ``extensions.code = QUERY_TOO_COSTLY``, the cost found and the limit, so a client can see
    how far over it asked.
    """

    def __init__(self, *, max_cost: int, default_page_size: int) -> None:
        self.max_cost = max_cost
        self.default_page_size = default_page_size

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.result:
            variables = context.variables if isinstance(context.variables, Mapping) else {}
            try:
                cost = operation_cost(
                    context.schema._schema,
                    document,
                    operation_name=context.operation_name,
                    variables=variables,
                    default_page_size=self.default_page_size,
                )
            except RecursionError:  # nesting past the interpreter's stack: beyond any limit
                cost = self.max_cost + 1
            if cost > self.max_cost:
                context.result = PreExecutionError(data=None, errors=[self._refusal(cost)])
        yield

    def _refusal(self, cost: int) -> GraphQLError:
        shown = str(cost) if cost < 10**15 else f"more than {10**15}"
        return GraphQLError(
            f"The operation would cost {shown} (fields times page sizes); "
            f"the limit is {self.max_cost}. Ask for smaller pages or fewer fields.",
            extensions={"code": QUERY_TOO_COSTLY, "cost": shown, "maxCost": self.max_cost},
        )
