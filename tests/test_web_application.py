"""The built web application is served at / after the API routes, with index.html for the
application's own paths (backend/web_application.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from backend.core.settings import Settings

INDEX = "<!doctype html><html lang=fr><title>aap</title><div id=root></div>"


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "index.html").write_text(INDEX)
    (built / "assets" / "index-3f2a1b.js").write_text("console.log('aap')")
    (built / "favicon.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("not part of the build")
    return built


@pytest.fixture
async def web(settings: Settings, clock, dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    from backend.app import create_app

    app = create_app(settings.model_copy(update={"web_dist_dir": dist}), clock=clock)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        yield client


@pytest.mark.parametrize("path", ["/", "/calls", "/calls/Q2FsbDox", "/manager/calls/new"])
async def test_the_applications_own_paths_get_index_html(web, path):
    response = await web.get(path)

    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


async def test_built_files_are_served_and_hashed_assets_cached_for_good(web):
    asset = await web.get("/assets/index-3f2a1b.js")
    icon = await web.get("/favicon.svg")

    assert asset.status_code == 200
    assert asset.text == "console.log('aap')"
    assert "immutable" in asset.headers["cache-control"]
    assert icon.status_code == 200
    assert icon.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path", ["/assets/gone-1234.js", "/missing.css", "/../secret.txt", "/%2e%2e/secret.txt"]
)
async def test_a_missing_file_or_one_outside_the_build_is_a_404(web, path):
    response = await web.get(path)

    assert response.status_code == 404
    assert "not part of the build" not in response.text


async def test_the_api_routes_answer_first(web):
    graphql = await web.post("/graphql", json={"query": "{ serverTime }"})
    health = await web.get("/healthz")

    assert graphql.json()["data"]["serverTime"]
    assert health.json() == {"status": "ok"}


async def test_without_a_build_nothing_is_served_at_the_root(settings, clock, tmp_path):
    from backend.app import create_app

    app = create_app(settings.model_copy(update={"web_dist_dir": tmp_path / "none"}), clock=clock)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        assert (await client.get("/")).status_code == 404
