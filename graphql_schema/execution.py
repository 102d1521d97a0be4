"""Completing plain-data objects without graphql-core's per-field machinery.

The read pattern (``graphql_schema/reading.py``) hands strawberry objects whose fields are
plain attributes. graphql-core still executes each of them like a resolver: a path, a resolve
info, the resolver call, two awaitable checks and a chain of ``complete_value`` calls per
field, which is most of a list read's time (91,050 field executions for a manager's 1,000
candidacies). :class:`PlainDataExecutor` completes such objects in one tight pass instead.

For each object type and selection (memoized per request, like graphql-core's own field
collection) it builds a :class:`_ObjectPlan` once, when every field selected below is plain:
strawberry's default resolver (an attribute), ``__typename``, leaves, lists and objects whose
own selections are plain in turn; no ``@defer`` or ``@stream``, no middleware. Completing a
value along a plan reads attributes and coerces leaves exactly as graphql-core would.

Anything unusual raises :class:`_NotPlain` and the whole object is completed again by
graphql-core, which then produces the same result or error it always did: a ``None`` in a
non-null field, a value still to be awaited (a :class:`~graphql_schema.reading.Pending`), an
exception as a value, a failed coercion, an iterable that is not a list or tuple, an object
``is_type_of`` refuses. Reading an attribute has no side effect, so going again is safe.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from graphql import (
    FragmentSpreadNode,
    GraphQLField,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    Undefined,
    VariableNode,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList, FragmentDetails
from strawberry import relay
from strawberry.relay import GlobalID
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

Complete = Callable[[Any], Any]
"""Completes one field's value (raises :class:`_NotPlain` when graphql-core must do it)."""

_LEAF_CLASSES = frozenset({str, int, float, bool})
"""Values that are never awaitable: the awaitable check is skipped for them."""

_KNOWN_DIRECTIVES = frozenset({"skip", "include"})
"""Directives field collection has already applied; any other one is left to graphql-core."""


class _NotPlain(Exception):
    """This value needs graphql-core's own completion."""


class _ObjectPlan:
    """How to complete one object type under one selection."""

    __slots__ = ("fields", "is_type_of", "type_name")

    def __init__(self, object_type: GraphQLObjectType) -> None:
        self.type_name = object_type.name
        self.is_type_of = object_type.is_type_of
        self.fields: list[tuple[str, Callable[[Any], Any] | None, Complete]] = []
        """(response key, reads the value from the source or None for ``__typename``,
        completes the value)."""

    def complete(self, source: Any) -> dict[str, Any]:
        if isinstance(source, Exception) or hasattr(source, "__await__"):
            raise _NotPlain
        is_type_of = self.is_type_of
        if is_type_of is not None and is_type_of(source, None) is not True:  # type: ignore[arg-type]
            raise _NotPlain  # refused, or awaitable: graphql-core decides
        result: dict[str, Any] = {}
        for key, read, complete in self.fields:
            result[key] = self.type_name if read is None else complete(read(source))
        return result


class PlainDataExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing plain-data objects along a plan (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[FieldDetailsList, Any]] = {}
        self._shared_plans = _shared_plans_of(self.operation, self.fragments)
        manager = self.middleware_manager  # strawberry passes one, empty without resolve hooks
        self._has_middleware = manager is not None and bool(manager.middlewares)

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        if position_context is None and not self._has_middleware:
            plan = self._plan(return_type, field_details_list)
            if plan is not None:
                try:
                    return plan.complete(result)
                except Exception:  # noqa: S110 (graphql-core goes again and reports it)
                    pass
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plan(
        self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> _ObjectPlan | None:
        """The plan for this type and selection, or None when something below is not plain.
        Memoized on the selection's identity, as graphql-core's ``collect_subfields`` is
        (the list is kept alive with the plan so its id is not reused)."""
        key = (object_type, id(field_details_list))
        cached = self._plans.get(key)
        if cached is not None:
            return cached[1]
        self._plans[key] = (field_details_list, None)  # a cycle is never plain
        shared = self._shared_plans
        if shared is None:
            plan = self._build_plan(object_type, field_details_list)
        else:
            shared_key = (object_type, tuple(id(detail.node) for detail in field_details_list))
            if shared_key in shared:
                plan = shared[shared_key]
            else:
                plan = shared[shared_key] = self._build_plan(object_type, field_details_list)
        self._plans[key] = (field_details_list, plan)
        return plan

    def _build_plan(
        self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> _ObjectPlan | None:
        grouped, new_defer_usages, forbidden = self.collect_subfields(
            object_type, field_details_list
        )
        if new_defer_usages or forbidden:
            return None
        plan = _ObjectPlan(object_type)
        for key, details in grouped.items():
            if any(_deferred_or_unknown(detail.defer_usage, detail.node) for detail in details):
                return None
            field_name = details[0].node.name.value
            if field_name == "__typename":
                plan.fields.append((key, None, _identity))
                continue
            field_def = self.schema.get_field(object_type, field_name)
            if field_def is None:
                continue  # graphql-core leaves it out of the result too
            read = _attribute_reader(field_def) or _relay_id_reader(field_def, object_type.name)
            complete = self._completer(field_def.type, details)
            if read is None or complete is None:
                return None
            plan.fields.append((key, read, complete))
        return plan

    def _completer(
        self, return_type: GraphQLOutputType, details: FieldDetailsList
    ) -> Complete | None:
        """How to complete a value of ``return_type``, or None when it is not plain."""
        if is_non_null_type(return_type):
            inner = self._completer(return_type.of_type, details)  # type: ignore[attr-defined]
            return None if inner is None else _non_null(inner)
        if is_list_type(return_type):
            item = self._completer(return_type.of_type, details)  # type: ignore[attr-defined]
            return None if item is None else _nullable(_list_of(item))
        if is_leaf_type(return_type):
            return _nullable(_leaf(return_type))  # type: ignore[arg-type]
        if is_object_type(return_type):
            plan = self._plan(return_type, details)
            return None if plan is None else _nullable(plan.complete)
        return None  # interfaces and unions: graphql-core resolves the runtime type


SHARED_PLANS_KEPT = 512
"""Operations whose plans are kept across requests (as many as the parser cache keeps
documents: the same query text comes back as the same nodes)."""

_shared_plans: OrderedDict[int, tuple[OperationDefinitionNode, dict[Any, Any] | None]] = (
    OrderedDict()
)


def _shared_plans_of(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDetails]
) -> dict[Any, Any] | None:
    """The plans of this operation shared by every request that runs it, keyed by object type
    and field nodes; None when a plan could differ between requests (a directive's argument
    is a variable, so field collection depends on the request). The operation is kept with
    its plans, so the ids of its nodes are not reused while the plans are kept."""
    entry = _shared_plans.get(id(operation))
    if entry is not None and entry[0] is operation:
        _shared_plans.move_to_end(id(operation))
        return entry[1]
    plans: dict[Any, Any] | None = None if _depends_on_variables(operation, fragments) else {}
    _shared_plans[id(operation)] = (operation, plans)
    while len(_shared_plans) > SHARED_PLANS_KEPT:
        _shared_plans.popitem(last=False)
    return plans


def _depends_on_variables(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDetails]
) -> bool:
    """Whether a directive in the operation or its fragments takes a variable (``@include(if:
    $x)``), or a fragment has variables of its own."""
    if any(fragment.variable_signatures for fragment in fragments.values()):
        return True
    nodes: list[Any] = [operation, *(fragment.definition for fragment in fragments.values())]
    while nodes:
        node = nodes.pop()
        for directive in getattr(node, "directives", None) or ():
            if any(isinstance(argument.value, VariableNode) for argument in directive.arguments):
                return True
        if getattr(node, "arguments", None) and isinstance(node, FragmentSpreadNode):
            return True
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            nodes.extend(selection_set.selections)
    return False


def _attribute_reader(field_def: GraphQLField) -> Callable[[Any], Any] | None:
    """Reads a field strawberry resolves with its default resolver (an attribute, no info,
    no arguments, no permission, no extension), or None for any other field."""
    if not getattr(field_def.resolve, "_is_default", False):
        return None
    strawberry_field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if strawberry_field is None or not strawberry_field.is_basic_field:
        return None
    default_resolver = strawberry_field.default_resolver
    name = strawberry_field.python_name
    return lambda source: default_resolver(source, name)


_NODE_ID_RESOLVER = relay.Node._id.__func__  # type: ignore[attr-defined]
_DEFAULT_RESOLVE_ID = relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
_DEFAULT_RESOLVE_TYPENAME = relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
_ID_ATTRIBUTES: dict[type, str | None] = {}
"""Each node class's ``NodeID`` attribute, or None when the class resolves its id itself."""


def _id_attribute(node_class: type) -> str | None:
    if node_class not in _ID_ATTRIBUTES:
        resolves_itself = (
            node_class.resolve_id.__func__ is not _DEFAULT_RESOLVE_ID  # type: ignore[attr-defined]
            or node_class.resolve_typename.__func__ is not _DEFAULT_RESOLVE_TYPENAME  # type: ignore[attr-defined]
        )
        _ID_ATTRIBUTES[node_class] = None if resolves_itself else node_class.resolve_id_attr()  # type: ignore[attr-defined]
    return _ID_ATTRIBUTES[node_class]


def _relay_id_reader(field_def: GraphQLField, type_name: str) -> Callable[[Any], Any] | None:
    """Reads a relay node's ``id`` as strawberry's ``Node._id`` does (the GraphQL type's name
    and the ``NodeID`` attribute), for node classes that keep the default ``resolve_id`` and
    ``resolve_typename``; None for any other field."""
    strawberry_field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    resolver = getattr(strawberry_field, "base_resolver", None)
    wrapped = getattr(getattr(resolver, "wrapped_func", None), "__func__", None)
    if wrapped is not _NODE_ID_RESOLVER or strawberry_field is None or strawberry_field.extensions:
        return None

    def read_id(source: Any) -> GlobalID:
        if not isinstance(source, relay.Node):
            raise _NotPlain
        attribute = _id_attribute(source.__class__)
        if attribute is None:
            raise _NotPlain
        node_id = getattr(source, attribute)
        if node_id is None or hasattr(node_id, "__await__"):
            raise _NotPlain
        return GlobalID(type_name=type_name, node_id=str(node_id))

    return read_id


def _identity(value: Any) -> Any:
    return value


def _deferred_or_unknown(defer_usage: Any, node: Any) -> bool:
    """A selection under ``@defer`` or with a directive other than skip/include (``@stream``):
    graphql-core's incremental delivery handles those."""
    if defer_usage is not None:
        return True
    return any(directive.name.value not in _KNOWN_DIRECTIVES for directive in node.directives or ())


def _not_awaitable(value: Any) -> None:
    if value.__class__ in _LEAF_CLASSES:
        return
    if isinstance(value, Exception) or hasattr(value, "__await__"):
        raise _NotPlain


def _nullable(complete: Complete) -> Complete:
    def complete_nullable(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        return complete(value)

    return complete_nullable


def _non_null(inner: Complete) -> Complete:
    def complete_non_null(value: Any) -> Any:
        completed = inner(value)
        if completed is None:
            raise _NotPlain  # graphql-core raises the field error, with its path
        return completed

    return complete_non_null


def _leaf(leaf_type: GraphQLLeafType) -> Complete:
    coerce = leaf_type.coerce_output_value

    def complete_leaf(value: Any) -> Any:
        _not_awaitable(value)
        try:
            coerced = coerce(value)
        except Exception as error:
            raise _NotPlain from error
        if coerced is None or coerced is Undefined:
            raise _NotPlain
        return coerced

    return complete_leaf


def _list_of(item: Complete) -> Complete:
    def complete_list(value: Any) -> list[Any]:
        if value.__class__ is not list and value.__class__ is not tuple:
            raise _NotPlain  # generators, async iterables, awaitables, wrong types
        return [item(element) for element in value]

    return complete_list
