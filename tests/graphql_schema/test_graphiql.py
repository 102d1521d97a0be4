"""GraphiQL works without internet: every script and stylesheet it needs comes from the platform.

strawberry's page loaded React and GraphiQL from unpkg.com, so on a hospital network without
internet the IDE stayed blank. The page must name only same-origin assets, each served here
with the bytes its integrity hash promises.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from graphql_schema import ide
from tests.graphql_schema.test_http import client_for, prod_settings

# The hashes strawberry-graphql's own page pins for the CDN copies of these files: ours must be
# the very same bytes (an upgrade changes names and this table together).
STRAWBERRY_PINNED = {
    "react-18.2.0.production.min.js": (
        "sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8"
    ),
    "react-dom-18.2.0.production.min.js": (
        "sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh"
    ),
    "graphiql-3.8.3.min.css": (
        "sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM"
    ),
    "graphiql-3.8.3.min.js": (
        "sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie"
    ),
    "plugin-explorer-1.0.2.css": (
        "sha384-5DFJlDPW2tSATRbM8kzoP1j194jexLswuNmClWoRr2Q0x7R68JIQzPHZ02Faktwi"
    ),
    "plugin-explorer-1.0.2.umd.js": (
        "sha384-2oonKe47vfHIZnmB6ZZ10vl7T0Y+qrHQF2cmNTaFDuPshpKqpUMGMc9jgj9MLDZ9"
    ),
}


class _References(HTMLParser):
    """Every URL the page makes the browser fetch, with its integrity attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        url = named.get("src") or (named.get("href") if tag == "link" else None)
        if url is not None:
            self.found.append((url, named.get("integrity")))
        self._in_script = tag == "script" and "src" not in named

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _sri(body: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()


async def _page(client) -> tuple[str, _References]:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    parser = _References()
    parser.feed(response.text)
    return response.headers["content-security-policy"], parser


async def test_the_page_names_only_assets_of_this_server_each_with_its_hash(client):
    # Act
    policy, page = await _page(client)

    # Assert
    urls = [url for url, _ in page.found if not url.startswith("data:")]
    assert urls, "the page names no assets"
    assert all(url.startswith("/graphql/graphiql/") for url in urls), urls
    assert all(integrity for url, integrity in page.found if not url.startswith("data:"))
    assert page.inline_scripts == 0
    assert "script-src 'self';" in policy
    assert not re.search(r"https?://", policy)


async def test_every_asset_is_served_with_the_bytes_its_integrity_promises(client):
    # Arrange
    _, page = await _page(client)

    # Act / Assert
    for url, integrity in page.found:
        if url.startswith("data:"):
            continue
        response = await client.get(url)
        assert response.status_code == 200, url
        assert _sri(response.content) == integrity, url
        assert response.headers["content-type"].split(";")[0] in {"text/javascript", "text/css"}
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_vendored_files_are_the_ones_strawberry_pins():
    for name, pinned in STRAWBERRY_PINNED.items():
        assert ide.integrity(name) == pinned, name
    assert set(STRAWBERRY_PINNED) <= set(ide.served_assets())


async def test_only_the_pages_assets_are_served(client):
    for name in ("index.html", "NOTICE.md", "../ide.py", "licenses/react.LICENSE", "nope.js"):
        response = await client.get(f"/graphql/graphiql/{name}")

        assert response.status_code == 404, name


async def test_versioned_assets_are_cached_for_a_year_the_page_script_is_revalidated(client):
    versioned = await client.get("/graphql/graphiql/graphiql-3.8.3.min.js")
    start = await client.get("/graphql/graphiql/start.js")

    assert "immutable" in versioned.headers["cache-control"]
    assert start.headers["cache-control"] == "no-cache"


async def test_no_ide_and_no_assets_in_prod(settings, clock, session_factory):
    async with client_for(prod_settings(settings), clock) as prod:
        response = await prod.get("/graphql/graphiql/graphiql-3.8.3.min.js")

    assert response.status_code == 404
