"""GraphiQL, served from the platform itself (no CDN), for development and demos.

strawberry's page loads React and GraphiQL from unpkg.com: on a network without internet (many
hospitals) it stays blank. We serve the same files, byte for byte, from
``graphql_schema/graphiql/`` (see its ``NOTICE.md``), each with its Subresource Integrity hash,
and the page's script from a file, so the page's Content-Security-Policy allows scripts from
this origin only. Versioned names let browsers cache the assets for a year.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

ASSETS_DIR = Path(__file__).with_name("graphiql")
ASSETS_PATH = "/graphiql/"
"""Under the GraphQL endpoint's path: ``/graphql/graphiql/<file>``."""

_MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
_SRI = re.compile(r"\{sri:([^}]+)\}")
_VERSIONED = re.compile(r"-\d+\.\d+\.\d+\.")
"""Names that carry their package's version never change: cached for a year."""

PAGE_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""GraphiQL styles elements inline; everything else comes from this origin."""


def served_assets() -> dict[str, Path]:
    """The files a browser may fetch: the page's scripts and stylesheets, nothing else."""
    return {p.name: p for p in sorted(ASSETS_DIR.iterdir()) if p.suffix in _MEDIA_TYPES}


@cache
def integrity(name: str) -> str:
    digest = hashlib.sha384((ASSETS_DIR / name).read_bytes()).digest()
    return "sha384-" + base64.b64encode(digest).decode()


@cache
def _template() -> str:
    page = (ASSETS_DIR / "index.html").read_text(encoding="utf-8")
    return _SRI.sub(lambda m: integrity(m.group(1)), page)


def graphiql_page(endpoint_path: str) -> HTMLResponse:
    """The IDE page for the endpoint at ``endpoint_path``, naming its assets beneath it."""
    assets = endpoint_path.rstrip("/") + ASSETS_PATH
    return HTMLResponse(
        _template().replace("{assets}", assets),
        headers={
            "Content-Security-Policy": PAGE_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-cache",
        },
    )


def assets_router(endpoint_path: str) -> APIRouter:
    """``GET <endpoint_path>/graphiql/<file>``: one of :func:`served_assets`, or 404."""
    router = APIRouter(include_in_schema=False)
    files = served_assets()

    @router.get(endpoint_path.rstrip("/") + ASSETS_PATH + "{name}")
    async def graphiql_asset(name: str, request: Request) -> Response:
        path = files.get(name)
        if path is None:
            raise HTTPException(404, "not found")
        return Response(
            _read(path),
            media_type=_MEDIA_TYPES[path.suffix],
            headers={
                "Cache-Control": "public, max-age=31536000, immutable"
                if _VERSIONED.search(name)
                else "no-cache",
                "X-Content-Type-Options": "nosniff",
            },
        )

    return router


@cache
def _read(path: Path) -> bytes:
    return path.read_bytes()
