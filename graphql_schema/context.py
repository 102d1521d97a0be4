"""The per-request context: who is asking, the clock, sessions and fresh DataLoaders.

Sibling resolvers run concurrently, so the context holds a session *factory*, never a shared
session: each root resolver and each DataLoader batch opens its own short read session, and
each mutation runs in one unit of work.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar, cast

from strawberry.fastapi import BaseContext

from backend.accounts.throttle import LoginThrottle
from backend.core.auth import Actor
from backend.core.clock import Clock
from backend.core.db import SessionFactory
from backend.core.errors import DomainError
from backend.core.jobs import JobQueue
from backend.core.settings import Settings
from backend.core.storage import Storage
from graphql_schema.errors import Error, ErrorTypes, to_error
from graphql_schema.loaders import DomainLoaders

L = TypeVar("L", bound=DomainLoaders)

current_context: ContextVar[Context] = ContextVar("current_context")
"""The request's context, for the rare value that GraphQL resolves without ``info``: a field
that is plain data on an object built with its read, and an awaitable that loads it on an
object built without (:class:`graphql_schema.reading.Pending`). Set when the context is made,
in the request's task, which then executes the operation."""


@dataclass
class Context(BaseContext):
    actor: Actor
    clock: Clock
    session_factory: SessionFactory
    settings: Settings
    request_id: str
    login_throttle: LoginThrottle
    client_address: str | None
    """The ASGI scope's client host (see backend.accounts.throttle on proxies)."""
    error_types: ErrorTypes
    """How each domain error is shown (``graphql_schema.domains.ERROR_TYPES``: the schema's
    domains, handed in by the app, which assembles both)."""
    jobs: JobQueue | None = None
    """Where services' after-commit jobs go (arq in the app; None in tests that skip it)."""
    storage: Storage | None = None
    received_at: datetime | None = None
    """When the request was received (its body in); the clock's now when not given."""
    _loaders: dict[type[DomainLoaders], DomainLoaders] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()
        if self.received_at is None:
            self.received_at = self.clock.now()
        current_context.set(self)

    @property
    def now(self) -> datetime:
        """The instant a mutation acts at: the request's receipt, so a deadline is judged
        when the request came, not when its turn to run came."""
        assert self.received_at is not None
        return self.received_at

    def loaders(self, kind: type[L]) -> L:
        """This request's loaders of one domain, built the first time a resolver asks."""
        found = self._loaders.get(kind)
        if found is None:
            found = self._loaders[kind] = kind(self.session_factory, self.actor)
        return cast(L, found)

    def reset_loaders(self) -> None:
        """After a mutation, drop cached rows so the payload shows the new state."""
        self._loaders.clear()

    def to_error(self, exc: DomainError) -> Error:
        """The GraphQL value for an expected failure (an unmapped one is re-raised)."""
        return to_error(exc, self.error_types)
