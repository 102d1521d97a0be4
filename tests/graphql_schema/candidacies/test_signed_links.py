"""Signed download links, as a browser or a mail client uses them: no Authorization header;
the link opens its one file for its user until it expires, and only while that user still
may download it. Every refusal has one JSON shape."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlmodel import col, delete, select

from backend.accounts.models import Membership, User
from backend.candidacies.models import CandidacyVersion
from backend.core.db import read_session, unit_of_work
from tests.support.gql import gql
from tests.support.worlds import CandidacyScenario, build_candidacy_scenario

SIGN = """
mutation($url: String!) { signDownloadLink(url: $url) {
  __typename ... on DownloadLinkPayload { url expiresAt } ... on Error { code message }
  ... on InvalidInputError { fieldErrors { field code } } } }"""


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


async def versions_of(session_factory, world, name: str) -> list[CandidacyVersion]:
    async with read_session(session_factory) as session:
        return list(
            (
                await session.exec(
                    select(CandidacyVersion).where(
                        CandidacyVersion.candidacy_id == world.candidacy(name).id
                    )
                )
            ).all()
        )


async def signed(client, world, actor: str, url: str) -> str:
    body = await gql(client, SIGN, {"url": url}, headers=world.headers(actor))
    result = body["data"]["signDownloadLink"]
    assert result["__typename"] == "DownloadLinkPayload", result
    return result["url"]


def refusal(response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code


def altered(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    return f"{parts.path}?{urlencode({**query, **changes})}"


async def test_a_signed_link_opens_the_file_without_a_header_until_it_expires(
    client, session_factory, world, clock
):
    (version,) = await versions_of(session_factory, world, "x_b")
    url = await signed(client, world, "member_x", f"/files/versions/{version.id}")

    opened = await client.get(url)
    upper = await client.get(url.replace(str(version.id), str(version.id).upper()))
    clock.advance(timedelta(seconds=299))
    still = await client.get(url)
    clock.advance(timedelta(seconds=1))
    expired = await client.get(url)

    assert opened.status_code == upper.status_code == still.status_code == 200
    assert hashlib.sha256(opened.content).hexdigest() == version.sha256
    assert "Bearer" not in url and "token" not in url
    refusal(expired, 403, "LINK_EXPIRED")


async def test_an_altered_link_or_another_files_signature_is_invalid(
    client, session_factory, world
):
    (x_b,) = await versions_of(session_factory, world, "x_b")
    (x_closed,) = await versions_of(session_factory, world, "x_closed")
    url = await signed(client, world, "member_x", f"/files/versions/{x_b.id}")
    other = urlsplit(url).query

    refusal(await client.get(altered(url, signature="0" * 64)), 403, "LINK_INVALID")
    refusal(await client.get(altered(url, expires="99999999999")), 403, "LINK_INVALID")
    refusal(
        await client.get(altered(url, user=str(world.user("applicant_x").id))), 403, "LINK_INVALID"
    )
    refusal(await client.get(f"/files/versions/{x_closed.id}?{other}"), 403, "LINK_INVALID")
    refusal(await client.get(f"/files/receipts/{x_b.id}?{other}"), 403, "LINK_INVALID")


async def test_a_link_opens_nothing_once_its_user_lost_access_or_was_deactivated(
    client, session_factory, world
):
    (version,) = await versions_of(session_factory, world, "x_b")
    path = f"/files/versions/{version.id}"
    member_link = await signed(client, world, "member_x", path)
    applicant_link = await signed(client, world, "applicant_x", path)

    async with unit_of_work(session_factory) as uow:
        await uow.session.exec(
            delete(Membership).where(col(Membership.user_id) == world.user("member_x").id)
        )
        applicant = await uow.session.get(User, world.user("applicant_x").id)
        assert applicant is not None
        applicant.is_active = False
        uow.session.add(applicant)

    refusal(await client.get(member_link), 404, "NOT_FOUND")
    refusal(await client.get(applicant_link), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "url",
    [
        "/graphql",
        "",
        "/files/receipts/not-a-uuid",
        "/files/exports/8a1b7f0e-4a43-4b4e-9f43-1d3c3f2a9a10",
        "https://elsewhere.example/files/receipts/8a1b7f0e-4a43-4b4e-9f43-1d3c3f2a9a10",
        "/files/receipts/8a1b7f0e-4a43-4b4e-9f43-1d3c3f2a9a10/more",
    ],
)
async def test_a_url_that_names_no_file_is_a_typed_error(client, world, url):
    body = await gql(client, SIGN, {"url": url}, headers=world.headers("member_x"))

    result = body["data"]["signDownloadLink"]
    assert result["__typename"] == "InvalidInputError"
    assert result["fieldErrors"] == [{"field": "url", "code": "NOT_A_DOWNLOAD"}]
