"""Root query fields about the platform itself: the server clock and object identification."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from graphql_schema.errors import FieldProblem, InvalidArgument
from graphql_schema.nodes import resolve_nodes


@strawberry.type
class PlatformQueries:
    @strawberry.field(
        description="The server clock, the one every deadline is judged by: count down from it,"
        " not from the device's clock."
    )
    def server_time(self, info: strawberry.Info) -> datetime:
        return info.context.clock.now()

    @strawberry.field(
        description="Any object by its global ID (Relay), if you may read it: null when it does"
        " not exist, is not yours to read, or the id is malformed or of another kind, exactly"
        " as the object's own field (call, candidacy, organisation...) would answer."
    )
    async def node(self, info: strawberry.Info, id: strawberry.ID) -> relay.Node | None:
        (found,) = await resolve_nodes(info.context, [id])
        return found

    @strawberry.field(
        description="Several objects by global ID, in order, each as node(id:) answers it"
        " (at most the maximum page size, 100, at once)."
    )
    async def nodes(
        self, info: strawberry.Info, ids: list[strawberry.ID]
    ) -> list[relay.Node | None]:
        maximum = info.context.settings.graphql_max_page_size
        if len(ids) > maximum:
            problem = FieldProblem(
                field="ids", message=f"at most {maximum} ids at once", code="TOO_MANY_IDS"
            )
            raise InvalidArgument([problem])
        return await resolve_nodes(info.context, ids)
