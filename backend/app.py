"""Composition root: the FastAPI app with /graphql, /healthz and /readyz.

The one module of ``backend`` that imports ``graphql_schema``. Everything the app holds for
its life (engine, session factory, Redis client, clock) is built here and handed to requests
through the GraphQL context.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from sqlalchemy import text
from strawberry.fastapi import GraphQLRouter

from backend import downloads
from backend.accounts.throttle import LoginThrottle
from backend.body_limits import BodyLimitMiddleware
from backend.core import migrate
from backend.core.clock import Clock, SystemClock
from backend.core.db import SessionFactory, create_engine, create_session_factory, read_session
from backend.core.gc_tuning import tune_for_server
from backend.core.jobs import ArqJobQueue
from backend.core.logging import request_id_var
from backend.core.pdf import pdf_engine_info
from backend.core.redis import redis_settings
from backend.core.settings import Settings, get_settings
from backend.core.storage import Storage, storage_from_settings
from backend.http_auth import actor_from_request, refuse_anonymous_upload
from backend.http_errors import add_error_handlers
from backend.request_context import RequestContextMiddleware
from backend.web_application import mount_web_application
from graphql_schema import ide
from graphql_schema.context import Context
from graphql_schema.domains import ERROR_TYPES
from graphql_schema.http import GraphQLOverHTTPRouter
from graphql_schema.schema import build_schema

log = logging.getLogger("aap.http")
READINESS_TIMEOUT_S = 2.0


@dataclass
class AppState:
    settings: Settings
    clock: Clock
    session_factory: SessionFactory
    redis: Redis
    jobs: ArqJobQueue
    storage: Storage
    migration_head: str | None


def _redis_client(settings: Settings) -> Redis:
    rs = redis_settings(settings.redis_url, settings.var_dir, timeout_s=READINESS_TIMEOUT_S)
    if rs.unix_socket_path:
        return Redis(unix_socket_path=rs.unix_socket_path, socket_timeout=READINESS_TIMEOUT_S)
    return Redis(
        host=str(rs.host),
        port=rs.port,
        db=rs.database,
        password=rs.password,
        socket_timeout=READINESS_TIMEOUT_S,
        socket_connect_timeout=READINESS_TIMEOUT_S,
    )


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    settings = settings or get_settings()
    settings.check_production()
    engine = create_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )
    state = AppState(
        settings=settings,
        clock=clock or SystemClock(),
        session_factory=create_session_factory(engine),
        redis=_redis_client(settings),
        jobs=ArqJobQueue(
            redis_settings(
                settings.redis_url, settings.var_dir, timeout_s=settings.redis_timeout_seconds
            )
        ),
        storage=storage_from_settings(settings),
        migration_head=migrate.head_revision(),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        tune_for_server(young_threshold=settings.gc_young_threshold)
        yield
        await state.jobs.close()
        await state.storage.aclose()
        await state.redis.aclose()
        await engine.dispose()

    app = FastAPI(
        title="aap",
        lifespan=lifespan,
        docs_url=None if settings.is_prod else "/docs",
        redoc_url=None,
        openapi_url=None if settings.is_prod else "/openapi.json",
    )
    app.state.aap = state
    add_error_handlers(app)

    async def get_context(request: Request) -> Context:
        actor = await actor_from_request(state.session_factory, state.clock, request)
        refuse_anonymous_upload(request, actor)
        return Context(
            actor=actor,
            clock=state.clock,
            received_at=getattr(request.state, "received_at", None),
            session_factory=state.session_factory,
            settings=settings,
            request_id=request_id_var.get() or "",
            login_throttle=LoginThrottle.from_settings(state.redis, settings),
            client_address=request.client.host if request.client else None,
            error_types=ERROR_TYPES,
            jobs=state.jobs,
            storage=state.storage,
        )

    router: GraphQLRouter[Any, Any] = GraphQLOverHTTPRouter(
        build_schema(settings),
        context_getter=get_context,
        graphql_ide=None if settings.is_prod else "graphiql",
        allow_queries_via_get=True,
        # Uploads (GraphQL multipart request spec). CSRF: a request signed in by the web
        # application's session cookie must be a POST with the X-Requested-With header, which
        # a cross-site form cannot send (backend.http_auth); bearer tokens are never cookies.
        multipart_uploads_enabled=True,
        max_concurrent_operations=settings.graphql_max_concurrent_operations,
        time_limit_s=settings.graphql_operation_timeout_seconds,
        upload_time_limit_s=settings.upload_timeout_seconds,
        clock=state.clock,
    )
    app.include_router(router, prefix="/graphql")
    if not settings.is_prod:
        app.include_router(ide.assets_router("/graphql"))
    app.include_router(downloads.router)
    _add_health_routes(app, state)
    mount_web_application(app, settings.web_dist_dir)  # last: API routes answer first
    app.add_middleware(
        BodyLimitMiddleware,
        json_max_bytes=settings.graphql_max_body_bytes,
        upload_max_bytes=settings.upload_max_bytes,
    )
    app.add_middleware(RequestContextMiddleware)  # outermost: refusals get an id and a log line
    return app


def _add_health_routes(app: FastAPI, state: AppState) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        """The process is alive (no dependency is checked: restart only dead processes)."""
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        """Ready (200) when the database answers at the code's schema: what serving needs.

        Redis only carries the jobs asked for after a commit (receipts, mail wake-ups,
        deadline jobs); without it requests are still served and the workers' sweeps catch
        up once it is back. So a Redis outage makes the API "degraded", still 200, rather
        than pulling every pod out of service. ``details.pdf`` names the PDF engine and
        whether fonts are subset with HarfBuzz (fast) or fontTools (slow).
        """
        database, migrations, redis = await asyncio.gather(
            _within_timeout(_database_ok(state)),
            _within_timeout(_migrations_ok(state)),
            _within_timeout(_redis_ok(state)),
        )
        checks = {"database": database, "migrations": migrations, "redis": redis}
        ready = database and migrations
        status = "unavailable" if not ready else "ok" if redis else "degraded"
        body = {
            "status": status,
            "checks": {name: "ok" if ok else "failed" for name, ok in checks.items()},
            "details": {"pdf": pdf_engine_info()},
        }
        return JSONResponse(body, status_code=200 if ready else 503)


async def _within_timeout(check: Coroutine[Any, Any, bool]) -> bool:
    """A check that has not answered within the readiness timeout has failed."""
    try:
        return await asyncio.wait_for(check, READINESS_TIMEOUT_S)
    except TimeoutError:
        return False


async def _database_ok(state: AppState) -> bool:
    try:
        async with read_session(state.session_factory) as session:
            await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
        return True
    except Exception:
        log.warning("readiness: database unavailable", exc_info=True)
        return False


async def _migrations_ok(state: AppState) -> bool:
    """The database is at the code's migration head (a pod must not serve an older schema)."""
    try:
        async with read_session(state.session_factory) as session:
            current = (
                (
                    await session.exec(text("SELECT version_num FROM alembic_version"))  # type: ignore[call-overload]
                )
                .scalars()
                .all()
            )
        return list(current) == [state.migration_head]
    except Exception:
        log.warning("readiness: migration state unknown", exc_info=True)
        return False


async def _redis_ok(state: AppState) -> bool:
    try:
        return bool(await state.redis.ping())
    except Exception:
        log.warning("readiness: redis unavailable", exc_info=True)
        return False
