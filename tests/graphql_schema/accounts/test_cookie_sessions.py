"""The web application's session: an HttpOnly cookie set by ``login(inCookie: true)``, usable
only by POSTs carrying the CSRF header, for downloads as plain links, ended by ``logout``
(backend/http_auth.py, graphql_schema/accounts/session_cookie.py)."""

from __future__ import annotations

import httpx
import pytest

from backend.core.session_cookie import CSRF_HEADER, SESSION_COOKIE
from tests.graphql_schema.candidacies.test_attachments import (  # noqa: F401 (fixtures)
    pdf_bytes,
    upload,
    world,
)
from tests.graphql_schema.test_http import client_for, prod_settings
from tests.support import factories as f

LOGIN = """
mutation($email: String!, $password: String!, $inCookie: Boolean!) {
  login(email: $email, password: $password, inCookie: $inCookie) {
    __typename ... on LoginPayload { token expiresAt user { email } } ... on Error { code } } }"""
LOGOUT = "mutation { logout { __typename ... on LogoutPayload { ok } ... on Error { code } } }"
WHO = "query { me { email } }"
SAME_ORIGIN = {CSRF_HEADER: "aap"}


@pytest.fixture
async def user(session_factory, clock):
    return await f.make_user(session_factory, clock.now())


async def login(client: httpx.AsyncClient, email: str, *, in_cookie: bool) -> httpx.Response:
    variables = {"email": email, "password": f.PASSWORD, "inCookie": in_cookie}
    return await client.post("/graphql", json={"query": LOGIN, "variables": variables})


async def who(client: httpx.AsyncClient, headers: dict[str, str] | None = None) -> httpx.Response:
    return await client.post("/graphql", json={"query": WHO}, headers=headers or {})


def set_cookie_header(response: httpx.Response) -> str:
    (header,) = [v for v in response.headers.get_list("set-cookie") if SESSION_COOKIE in v]
    return header


async def test_login_in_a_cookie_keeps_the_token_from_scripts(client, user):
    response = await login(client, user.email, in_cookie=True)

    payload = response.json()["data"]["login"]
    assert payload["__typename"] == "LoginPayload"
    assert payload["token"] is None  # never readable by the page
    assert payload["user"]["email"] == user.email
    header = set_cookie_header(response).lower()
    assert "httponly" in header
    assert "samesite=lax" in header
    assert "path=/" in header
    assert "max-age=" in header
    assert "secure" not in header  # local development: http://127.0.0.1
    assert client.cookies.get(SESSION_COOKIE)


async def test_a_login_without_in_cookie_sets_no_cookie(client, user):
    response = await login(client, user.email, in_cookie=False)

    assert response.json()["data"]["login"]["token"]
    assert not [v for v in response.headers.get_list("set-cookie") if SESSION_COOKIE in v]


async def test_the_cookie_signs_in_a_post_with_the_csrf_header(client, user):
    await login(client, user.email, in_cookie=True)

    assert (await who(client, SAME_ORIGIN)).json()["data"]["me"] == {"email": user.email}


@pytest.mark.parametrize(
    "method", ["post without the header", "get with the header", "multipart without the header"]
)
async def test_the_cookie_without_the_csrf_header_or_by_get_is_refused(client, user, method):
    await login(client, user.email, in_cookie=True)

    if method == "post without the header":
        response = await who(client)
    elif method == "get with the header":
        response = await client.get("/graphql", params={"query": WHO}, headers=SAME_ORIGIN)
    else:
        response = await client.post(
            "/graphql",
            data={"operations": f'{{"query": "{WHO}"}}', "map": "{}"},
            files={"x": ("x.txt", b"x")},
        )

    assert response.status_code == 403
    assert CSRF_HEADER in response.text
    assert "Traceback" not in response.text


async def test_a_bearer_header_wins_over_the_cookie(client, user, session_factory, clock):
    other = await f.make_user(session_factory, clock.now())
    signed = await f.sign_in(session_factory, clock.now(), other)
    await login(client, user.email, in_cookie=True)

    answered = await who(client, signed.headers)  # no CSRF header needed: not the cookie

    assert answered.json()["data"]["me"] == {"email": other.email}


async def test_logout_ends_the_session_and_clears_the_cookie(client, user):
    await login(client, user.email, in_cookie=True)
    stolen = client.cookies.get(SESSION_COOKIE)

    response = await client.post("/graphql", json={"query": LOGOUT}, headers=SAME_ORIGIN)

    assert response.json()["data"]["logout"] == {"__typename": "LogoutPayload", "ok": True}
    assert "max-age=0" in set_cookie_header(response).lower()
    assert client.cookies.get(SESSION_COOKIE) is None
    # The token is revoked on the server: the cookie replayed signs in nobody.
    client.cookies.set(SESSION_COOKIE, stolen)
    assert (await who(client, SAME_ORIGIN)).json()["data"]["me"] is None


async def test_an_unknown_cookie_reads_as_anonymous_not_an_error(client):
    client.cookies.set(SESSION_COOKIE, "aap_s_not-a-token")

    response = await who(client, SAME_ORIGIN)

    assert response.status_code == 200
    assert response.json()["data"]["me"] is None


async def test_in_production_the_cookie_is_secure(settings, clock, user):
    async with client_for(prod_settings(settings), clock) as client:
        response = await login(client, user.email, in_cookie=True)

    assert "secure" in set_cookie_header(response).lower()


async def test_uploads_and_downloads_within_the_cookie_session(
    client,
    world,  # noqa: F811
    pdf_bytes,  # noqa: F811
):
    owner = world["owner"]
    await login(client, owner.user.email, in_cookie=True)

    uploaded = await upload(
        client, SAME_ORIGIN, world["candidacy_id"], "letter", "lettre.pdf", pdf_bytes
    )
    link = uploaded["attachment"]["downloadUrl"]
    download = await client.get(link)  # a plain link: no header

    assert uploaded["__typename"] == "AttachmentPayload"
    assert download.status_code == 200
    assert download.content == pdf_bytes
    client.cookies.clear()
    assert (await client.get(link)).status_code in (401, 403, 404)
