"""An applicant prepares a candidacy with a partner (who accepts the invitation), submits
before the deadline, gets a reference, the server time and the hash; at the deadline, to the
second, it is refused."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from strawberry.relay import GlobalID

from backend.accounts.enums import OrganisationKind
from backend.calls.enums import CallStatus, QuestionKind
from backend.calls.inputs import ChoiceInput, QuestionInput
from tests.support import factories as f
from tests.support.gql import gql

CREATE = """
mutation($call: ID!, $org: ID!) {
  createCandidacy(callId: $call, organisationId: $org, title: "IA aux urgences",
                  durationMonths: 24) {
    __typename
    ... on CandidacyPayload { candidacy { id status deadlineLocal } }
    ... on Error { code message }
  }
}"""

PARTNERS = """
mutation($id: ID!, $partners: [PartnerInput!]!) {
  setCandidacyPartners(id: $id, partners: $partners) {
    __typename ... on Error { code message }
    ... on InvalidInputError { fieldErrors { field message } }
  }
}"""

ANSWERS = """
mutation($id: ID!, $answers: [AnswerInput!]!) {
  saveCandidacyAnswers(id: $id, answers: $answers) {
    __typename ... on Error { code message }
    ... on InvalidInputError { fieldErrors { field code message } }
    ... on CandidacyPayload { candidacy { answers { questionKey value } } }
  }
}"""

BUDGET = """
mutation($id: ID!, $lines: [BudgetLineInput!]!) {
  setCandidacyBudget(id: $id, lines: $lines) {
    __typename ... on Error { code message }
    ... on CandidacyPayload { candidacy { budgetTotal { cents } } }
  }
}"""

SUBMIT = """
mutation($id: ID!) {
  submitCandidacy(id: $id) {
    __typename
    ... on SubmitCandidacyPayload { reference serverTime sha256 version
      candidacy { status submittedVersion versions { number sha256 } } }
    ... on SubmissionRejectedError { problems { code field message } }
    ... on DeadlinePassedError { deadlineAt deadlineLocal serverTime }
    ... on Error { code message }
  }
}"""


def gid(type_name: str, obj) -> str:
    return str(GlobalID(type_name, str(obj.id)))


@pytest.fixture
async def world(session_factory, clock):
    now = clock.now()
    funder = await f.make_funder(session_factory, now, code="DGOS")
    programme = await f.make_programme(session_factory, now, funder)
    call = await f.make_call(
        session_factory,
        now,
        programme,
        funder,
        status=CallStatus.OPEN,
        reference="IMPACTIA-2026",
        eligibility={"required_partner_countries": [{"country": "FR"}, {"country": "DE"}]},
    )
    applicant = await f.make_user(session_factory, now)
    lead = await f.make_organisation(
        session_factory,
        now,
        applicant,
        name="AP-HP",
        kind=OrganisationKind.HEALTH_ESTABLISHMENT,
        country="FR",
        siret="26750045200011",
        finess="750712184",
        registry_id=None,
    )
    partner_owner = await f.make_user(session_factory, now)
    partner = await f.make_organisation(session_factory, now, partner_owner, name="Charité")
    return {
        "call": call,
        "lead": lead,
        "partner": partner,
        "applicant_user": applicant,
        "applicant": await f.sign_in(session_factory, now, applicant),
        "partner_owner": partner_owner,
        "partner_admin": await f.sign_in(session_factory, now, partner_owner),
    }


INVITATIONS = "query { myPartnerInvitations { edges { node { id candidacyTitle } } } }"
RESPOND = """
mutation($id: ID!) { respondToPartnerInvitation(id: $id, accept: true) {
  __typename ... on RespondToPartnerInvitationPayload { partner { status } }
} }"""


async def partner_accepts(client, w) -> None:
    """The partner's admin finds the invitation among theirs and accepts it."""
    headers = w["partner_admin"].headers
    invitations = (await gql(client, INVITATIONS, headers=headers))["data"]
    (edge,) = invitations["myPartnerInvitations"]["edges"]
    assert edge["node"]["candidacyTitle"] == "IA aux urgences"
    answer = await gql(client, RESPOND, {"id": edge["node"]["id"]}, headers=headers)
    assert answer["data"]["respondToPartnerInvitation"]["partner"]["status"] == "ACCEPTED"


async def prepare(client, w) -> str:
    headers = w["applicant"].headers
    created = await gql(
        client, CREATE, {"call": gid("Call", w["call"]), "org": gid("Organisation", w["lead"])},
        headers=headers,
    )  # fmt: skip
    payload = created["data"]["createCandidacy"]
    assert payload["__typename"] == "CandidacyPayload", payload
    candidacy_id = payload["candidacy"]["id"]
    partners = [
        {"organisationId": gid("Organisation", w["lead"]), "role": "LEAD",
         "requestedShareCents": 60_000_00},
        {"organisationId": gid("Organisation", w["partner"]), "role": "PARTNER",
         "requestedShareCents": 40_000_00},
    ]  # fmt: skip
    result = await gql(
        client, PARTNERS, {"id": candidacy_id, "partners": partners}, headers=headers
    )
    assert result["data"]["setCandidacyPartners"]["__typename"] == "CandidacyPayload", result
    await partner_accepts(client, w)
    answers = [{"questionKey": "summary", "value": "Évaluer un outil de triage."}]
    result = await gql(client, ANSWERS, {"id": candidacy_id, "answers": answers}, headers=headers)
    assert result["data"]["saveCandidacyAnswers"]["__typename"] == "CandidacyPayload", result
    lines = [
        {"organisationId": gid("Organisation", w["lead"]), "category": "STAFF",
         "amountCents": 60_000_00},
        {"organisationId": gid("Organisation", w["partner"]), "category": "EQUIPMENT",
         "amountCents": 40_000_00},
    ]  # fmt: skip
    result = await gql(client, BUDGET, {"id": candidacy_id, "lines": lines}, headers=headers)
    assert result["data"]["setCandidacyBudget"]["candidacy"]["budgetTotal"]["cents"] == 100_000_00
    return candidacy_id


async def test_applicant_submits_and_gets_reference_time_and_hash(client, world, clock):
    candidacy_id = await prepare(client, world)

    body = await gql(client, SUBMIT, {"id": candidacy_id}, headers=world["applicant"].headers)

    result = body["data"]["submitCandidacy"]
    assert result["__typename"] == "SubmitCandidacyPayload", result
    assert result["reference"] == "IMPACTIA-2026-0001"
    assert datetime.fromisoformat(result["serverTime"]) == clock.now()
    assert len(result["sha256"]) == 64
    assert result["candidacy"]["status"] == "SUBMITTED"
    assert result["candidacy"]["versions"] == [{"number": 1, "sha256": result["sha256"]}]


TYPED_QUESTIONS = [
    QuestionInput(
        key="summary",
        kind=QuestionKind.TEXT,
        label={"fr": "Résumé"},
        required=True,
        max_length=3000,
    ),
    QuestionInput(key="patients", kind=QuestionKind.NUMBER, label={"fr": "Patients"}),
    QuestionInput(key="ratio", kind=QuestionKind.NUMBER, label={"fr": "Part"}),
    QuestionInput(key="start", kind=QuestionKind.DATE, label={"fr": "Début"}),
    QuestionInput(key="ethics", kind=QuestionKind.YES_NO, label={"fr": "Avis éthique"}),
    QuestionInput(
        key="phase",
        kind=QuestionKind.CHOICE,
        label={"fr": "Phase"},
        choices=[
            ChoiceInput(value="pilot", label={"fr": "Pilote"}),
            ChoiceInput(value="trial", label={"fr": "Essai"}),
        ],
    ),
]
VERSIONS = (
    "query($id: ID!) { candidacy(id: $id) { answers { questionKey value }"
    " versions { number sha256 documentUrl } } }"
)


async def test_answers_keep_their_type_to_the_submitted_document_whose_bytes_hash_to_sha256(
    client, session_factory, clock, world
):
    """``1`` was read back as ``"1"``; and the receipt's hash could not be checked, for want
    of the hashed bytes. Both, end to end: saved, read, frozen, downloaded, hashed."""
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    call = await f.make_call(
        session_factory, now, programme, funder, status=CallStatus.OPEN,
        questions=TYPED_QUESTIONS,
        eligibility={"required_partner_countries": [{"country": "FR"}, {"country": "DE"}]},
    )  # fmt: skip
    headers = world["applicant"].headers
    candidacy_id = await prepare(client, {**world, "call": call})
    typed = {"patients": 1, "ratio": 0.25, "start": "2026-09-01", "ethics": True,
             "phase": "pilot"}  # fmt: skip
    answers = [{"questionKey": k, "value": v} for k, v in typed.items()]
    await gql(client, ANSWERS, {"id": candidacy_id, "answers": answers}, headers=headers)

    submitted = (await gql(client, SUBMIT, {"id": candidacy_id}, headers=headers))["data"]
    read = (await gql(client, VERSIONS, {"id": candidacy_id}, headers=headers))["data"]
    version = read["candidacy"]["versions"][0]
    download = await client.get(version["documentUrl"], headers=headers)

    expected = {"summary": "Évaluer un outil de triage.", **typed}
    read_back = {a["questionKey"]: a["value"] for a in read["candidacy"]["answers"]}
    assert read_back == expected
    assert type(read_back["patients"]) is int and type(read_back["ratio"]) is float
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/json"
    assert hashlib.sha256(download.content).hexdigest() == submitted["submitCandidacy"]["sha256"]
    assert version["sha256"] == submitted["submitCandidacy"]["sha256"]
    assert json.loads(download.content)["answers"] == expected
    assert b'"patients":1,' in download.content
    assert (await client.get(version["documentUrl"])).status_code == 404


async def test_submission_lists_every_problem_at_once(client, world):
    headers = world["applicant"].headers
    created = await gql(
        client, CREATE,
        {"call": gid("Call", world["call"]), "org": gid("Organisation", world["lead"])},
        headers=headers,
    )  # fmt: skip
    candidacy_id = created["data"]["createCandidacy"]["candidacy"]["id"]

    body = await gql(client, SUBMIT, {"id": candidacy_id}, headers=headers)

    result = body["data"]["submitCandidacy"]
    assert result["__typename"] == "SubmissionRejectedError"
    codes = {p["code"] for p in result["problems"]}
    assert codes == {"MISSING_ANSWER", "PARTNER_COUNTRY", "BUDGET_MISSING"}


async def test_edit_after_submission_keeps_last_version_until_resubmitted(client, world):
    headers = world["applicant"].headers
    candidacy_id = await prepare(client, world)
    first = (await gql(client, SUBMIT, {"id": candidacy_id}, headers=headers))["data"]
    answers = [{"questionKey": "summary", "value": "Version deux."}]

    await gql(client, ANSWERS, {"id": candidacy_id, "answers": answers}, headers=headers)
    second = (await gql(client, SUBMIT, {"id": candidacy_id}, headers=headers))["data"]

    assert second["submitCandidacy"]["reference"] == first["submitCandidacy"]["reference"]
    assert second["submitCandidacy"]["version"] == 2
    assert second["submitCandidacy"]["sha256"] != first["submitCandidacy"]["sha256"]


UPDATE_WITH_DURATION = """
mutation($id: ID!, $acronym: String, $months: Int) {
  updateCandidacy(id: $id, acronym: $acronym, durationMonths: $months) {
    __typename ... on Error { code message }
    ... on CandidacyPayload { candidacy { title acronym durationMonths } }
  }
}"""
UPDATE_TITLE_ONLY = """
mutation($id: ID!) {
  updateCandidacy(id: $id, title: "IA aux urgences, phase 2") {
    __typename ... on CandidacyPayload { candidacy { title acronym durationMonths } }
  }
}"""


async def test_an_edit_leaves_what_it_omits_and_clears_an_explicit_null_duration(client, world):
    # Arrange: created with a duration of 24 months, then given an acronym.
    headers = world["applicant"].headers
    candidacy_id = await prepare(client, world)
    set_acronym = {"id": candidacy_id, "acronym": "TRIAGE", "months": 24}
    await gql(client, UPDATE_WITH_DURATION, set_acronym, headers=headers)

    # Act
    title_only = await gql(client, UPDATE_TITLE_ONLY, {"id": candidacy_id}, headers=headers)
    cleared = await gql(
        client, UPDATE_WITH_DURATION, {"id": candidacy_id, "acronym": "", "months": None},
        headers=headers,
    )  # fmt: skip

    # Assert: what an edit leaves out stays; an empty acronym and a null duration clear.
    assert title_only["data"]["updateCandidacy"]["candidacy"] == {
        "title": "IA aux urgences, phase 2", "acronym": "TRIAGE", "durationMonths": 24,
    }  # fmt: skip
    assert cleared["data"]["updateCandidacy"]["candidacy"] == {
        "title": "IA aux urgences, phase 2", "acronym": None, "durationMonths": None,
    }  # fmt: skip


async def test_unknown_question_and_too_long_text_are_typed_errors(client, world):
    headers = world["applicant"].headers
    candidacy_id = await prepare(client, world)
    answers = [
        {"questionKey": "nope", "value": 1},
        {"questionKey": "summary", "value": "x" * 3001},
    ]

    body = await gql(client, ANSWERS, {"id": candidacy_id, "answers": answers}, headers=headers)

    errors = body["data"]["saveCandidacyAnswers"]["fieldErrors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("answers.nope", "UNKNOWN_QUESTION"),
        ("answers.summary", "TOO_LONG"),
    }


@pytest.mark.parametrize(
    ("deadline", "local_offset"),
    [
        # Spring forward in Paris (29 March 2026, 02:00 -> 03:00): 03:00 CEST = 01:00 UTC.
        ("2026-03-29T03:00:00+02:00", "+02:00"),
        # Fall back (25 October 2026): the second 02:30, in CET, is 01:30 UTC.
        ("2026-10-25T02:30:00+01:00", "+01:00"),
    ],
)
async def test_deadline_is_exact_to_the_second_across_dst(
    client, session_factory, world, clock, deadline, local_offset
):
    deadline_at = datetime.fromisoformat(deadline)
    async with session_factory() as session:
        call = await session.get(type(world["call"]), world["call"].id)
        call.opens_at = deadline_at - timedelta(days=60)
        call.deadline_at = deadline_at.astimezone(UTC)
        session.add(call)
        await session.commit()
    clock.set(deadline_at - timedelta(hours=1))
    world["applicant"] = await f.sign_in(session_factory, clock.now(), world["applicant_user"])
    world["partner_admin"] = await f.sign_in(session_factory, clock.now(), world["partner_owner"])
    candidacy_id = await prepare(client, world)
    headers = world["applicant"].headers

    clock.set(deadline_at)
    refused = (await gql(client, SUBMIT, {"id": candidacy_id}, headers=headers))["data"]
    clock.set(deadline_at - timedelta(seconds=1))
    accepted = (await gql(client, SUBMIT, {"id": candidacy_id}, headers=headers))["data"]

    error = refused["submitCandidacy"]
    assert error["__typename"] == "DeadlinePassedError", error
    assert error["deadlineLocal"].endswith(local_offset)
    assert datetime.fromisoformat(error["deadlineLocal"]) == deadline_at
    assert datetime.fromisoformat(error["serverTime"]) == deadline_at
    assert accepted["submitCandidacy"]["__typename"] == "SubmitCandidacyPayload"
