"""/healthz says the process lives; /readyz says whether the API can serve (the database at
the code's schema) and names what is degraded (Redis) and the PDF engine."""

from __future__ import annotations

import httpx

from backend.app import create_app
from backend.core.settings import Settings


async def _get(settings: Settings, clock, path: str) -> httpx.Response:
    app = create_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(path)


async def test_healthz_answers_ok(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_ready_when_database_and_redis_answer(client):
    response = await client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "redis": "ok"}


async def test_readyz_stays_ready_but_degraded_when_redis_is_down(settings, clock):
    # Submissions go on without Redis: a readiness probe must not pull every pod out.
    down = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    response = await _get(down, clock, "/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "redis": "failed"}


async def test_readyz_details_name_the_pdf_engine(client):
    response = await client.get("/readyz")

    pdf = response.json()["details"]["pdf"]
    assert pdf["font_subsetter"] in {"harfbuzz", "fonttools"}
    assert pdf["weasyprint"]


async def test_readyz_names_database_when_it_is_down(settings, clock, tmp_path):
    missing = f"sqlite+aiosqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'db.sqlite3'}"
    down = settings.model_copy(update={"database_url": missing})
    response = await _get(down, clock, "/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed"


async def test_responses_carry_a_request_id(client):
    response = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    generated = await client.get("/healthz")
    assert len(generated.headers["X-Request-ID"]) == 32


async def test_readyz_names_migrations_when_the_schema_is_behind(settings, clock, tmp_path):
    import asyncio

    from backend.core import migrate

    behind = f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    await asyncio.to_thread(migrate.upgrade, behind, "0001")
    response = await _get(settings.model_copy(update={"database_url": behind}), clock, "/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["migrations"] == "failed"
