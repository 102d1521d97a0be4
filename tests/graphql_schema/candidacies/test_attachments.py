"""Uploads through the GraphQL multipart request spec; downloads only with the same rights."""

from __future__ import annotations

import hashlib
import json

import pytest
from strawberry.relay import GlobalID

from backend.calls.enums import CallStatus, QuestionKind
from backend.calls.inputs import QuestionInput
from tests.support import factories as f
from tests.support.gql import gql

UPLOAD = """
mutation($id: ID!, $key: String!, $file: Upload!) {
  uploadAttachment(candidacyId: $id, questionKey: $key, file: $file) {
    __typename
    ... on AttachmentPayload { attachment { id name sha256 sizeBytes contentType downloadUrl } }
    ... on Error { code message }
  }
}"""

CREATE = """
mutation($call: ID!, $org: ID!) {
  createCandidacy(callId: $call, organisationId: $org, title: "Étude") {
    ... on CandidacyPayload { candidacy { id } }
  }
}"""


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Lettre d'engagement</p>").write_pdf()


def gid(type_name: str, obj) -> str:
    return str(GlobalID(type_name, str(obj.id)))


@pytest.fixture
async def world(session_factory, clock, client):
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    questions = [
        QuestionInput(key="summary", kind=QuestionKind.TEXT, label={"fr": "Résumé"},
                      max_length=100),
        QuestionInput(key="letter", kind=QuestionKind.FILE, label={"fr": "Lettre"}),
    ]  # fmt: skip
    call = await f.make_call(
        session_factory, now, programme, funder, status=CallStatus.OPEN, questions=questions
    )
    owner = await f.make_user(session_factory, now)
    org = await f.make_organisation(session_factory, now, owner)
    outsider = await f.make_user(session_factory, now)
    await f.make_organisation(session_factory, now, outsider)
    signed = await f.sign_in(session_factory, now, owner)
    created = await gql(
        client, CREATE, {"call": gid("Call", call), "org": gid("Organisation", org)},
        headers=signed.headers,
    )  # fmt: skip
    return {
        "candidacy_id": created["data"]["createCandidacy"]["candidacy"]["id"],
        "owner": signed,
        "outsider": await f.sign_in(session_factory, now, outsider),
    }


async def upload(client, headers, candidacy_id, key, name, content):
    operations = {
        "query": UPLOAD,
        "variables": {"id": candidacy_id, "key": key, "file": None},
    }
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, content, "application/octet-stream")},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]["uploadAttachment"]


async def test_pdf_upload_is_stored_hashed_and_downloadable_by_members_only(
    client, world, pdf_bytes
):
    result = await upload(
        client, world["owner"].headers, world["candidacy_id"], "letter", "../../lettre.pdf",
        pdf_bytes,
    )  # fmt: skip

    attachment = result["attachment"]
    assert attachment["sha256"] == hashlib.sha256(pdf_bytes).hexdigest()
    assert attachment["name"] == "lettre.pdf"
    assert attachment["contentType"] == "application/pdf"
    download = await client.get(attachment["downloadUrl"], headers=world["owner"].headers)
    assert download.status_code == 200
    assert download.content == pdf_bytes
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment;")
    for headers in (world["outsider"].headers, {}):
        refused = await client.get(attachment["downloadUrl"], headers=headers)
        assert refused.status_code == 404


async def test_text_named_pdf_is_rejected_from_its_content(client, world):
    result = await upload(
        client, world["owner"].headers, world["candidacy_id"], "letter", "fake.pdf",
        b"hello, I am not a PDF",
    )  # fmt: skip

    assert result["__typename"] == "UploadRejectedError"
    assert result["code"] == "UNSUPPORTED_FILE_TYPE"
    assert result["message"] == (
        "this file is of type text/plain, which is not accepted here;"
        " accepted: PDF (application/pdf)"
    )


async def test_upload_to_a_text_question_or_foreign_candidacy_is_refused(client, world, pdf_bytes):
    wrong_question = await upload(
        client, world["owner"].headers, world["candidacy_id"], "summary", "a.pdf", pdf_bytes
    )
    foreign = await upload(
        client, world["outsider"].headers, world["candidacy_id"], "letter", "a.pdf", pdf_bytes
    )

    assert wrong_question["__typename"] == "InvalidInputError"
    assert foreign["__typename"] == "NotFoundError"


async def test_oversized_upload_is_refused(world, settings, clock, pdf_bytes):
    import httpx

    from backend.app import create_app

    app = create_app(settings.model_copy(update={"upload_max_bytes": 100}), clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as small,
    ):
        result = await upload(
            small, world["owner"].headers, world["candidacy_id"], "letter", "a.pdf", pdf_bytes
        )

    assert result["code"] == "UPLOAD_TOO_LARGE"
