"""GraphQL over HTTP: the strawberry router, extended where the specification asks more."""

from __future__ import annotations

from typing import Any

from strawberry.fastapi import GraphQLRouter


class GraphQLOverHTTPRouter(GraphQLRouter[Any, Any]):
    """Placeholder subclass; see the GraphQL over HTTP work for the media-type handling."""
