"""Candidacies, asked by every kind of actor: the lead organisation's members edit, the
members of a partner that accepted its invitation read, the call's funders' staff read (their
managers screen), admins read everything; nobody else even learns that a candidacy exists,
the members of an organisation only invited included (tests/graphql_schema/candidacies/
test_partner_invitations.py).

Refusals return the exact error type and leave every row of every table as it was; each
refusal has an allowed counterpart, so nothing passes because an operation is broken for all.
Downloads (attachments, receipts) follow the same rule as the candidacy they belong to.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import select

from backend.candidacies.models import Candidacy, CandidacyVersion
from backend.core.audit import AuditEntry
from backend.core.db import read_session, unit_of_work
from backend.core.storage import storage_from_settings
from backend.notifications.models import Notification
from tests.support.gql import gql
from tests.support.worlds import (
    ANONYMOUS,
    CANDIDACY_ACTORS,
    LEAD_SHARE,
    PARTNER_SHARE,
    CandidacyScenario,
    build_candidacy_scenario,
    database_fingerprint,
    gid,
    row_count,
)

CANDIDACY_NAMES = ("x_a", "x_b", "y_a", "x_closed")
X_MEMBERS = {"applicant_x", "member_x"}

# Who reads which candidacy: the lead organisation's members, the members of a partner that
# accepted (Z, in x_a), the staff of the call's funders (managers and viewers), platform admins.
READABLE: dict[str, set[str]] = {
    ANONYMOUS: set(),
    "admin": set(CANDIDACY_NAMES),
    "manager_a": {"x_a", "y_a", "x_closed"},
    "manager_b": {"x_b"},
    "viewer_a": {"x_a", "y_a", "x_closed"},
    "expert": set(),
    "applicant_x": {"x_a", "x_b", "x_closed"},
    "member_x": {"x_a", "x_b", "x_closed"},
    "applicant_y": {"y_a"},
    "applicant_z": {"x_a"},
}
# Who reads what a candidacy says (title, answers, partners, budget, files): among its readers,
# the consortium's members (the lead's, and an accepted partner's: Z in x_a) always; the others
# once a version has been submitted (x_b, x_closed), not while it is a draft (x_a, y_a): they
# see its status and counts only.
DRAFTS = {"x_a", "y_a"}
CONSORTIUM_MEMBERS = X_MEMBERS | {"applicant_y", "applicant_z"}
CONTENTS: dict[str, set[str]] = {
    actor: readable if actor in CONSORTIUM_MEMBERS else readable - DRAFTS
    for actor, readable in READABLE.items()
}


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


def cid(world: CandidacyScenario, name: str) -> str:
    return gid("Candidacy", world.candidacy(name))


async def ask(client, world, actor: str, query: str, variables=None, **kw) -> dict[str, Any]:
    return await gql(client, query, variables, headers=world.headers(actor), **kw)


async def mutate(client, world, actor: str, query: str, variables=None) -> dict[str, Any]:
    (result,) = (await ask(client, world, actor, query, variables))["data"].values()
    return result


def test_the_tables_name_every_actor():
    assert READABLE.keys() == CONTENTS.keys() == set(CANDIDACY_ACTORS)
    assert all(CONTENTS[a] <= READABLE[a] for a in CANDIDACY_ACTORS)
    assert EDIT_REFUSALS.keys() | X_MEMBERS == set(CANDIDACY_ACTORS)
    assert MANAGE_REFUSALS.keys() | MANAGERS == set(CANDIDACY_ACTORS)
    assert not EDIT_REFUSALS.keys() & X_MEMBERS
    assert not MANAGE_REFUSALS.keys() & MANAGERS


# --- queries ----------------------------------------------------------------------------------

CANDIDACY = """
query($id: ID!) { candidacy(id: $id) {
  id status title acronym durationMonths leadOrganisation { name }
  partners { organisation { name } } answers { questionKey } budget { category }
  budgetTotal { cents } budgetToken attachments { name }
  counts { answers partners attachments budgetLines }
} }"""
CONTENT_FIELDS = (
    "title", "acronym", "durationMonths", "partners", "answers", "budget", "budgetTotal",
    "budgetToken", "attachments",
)  # fmt: skip
CANDIDACIES = """
query($filter: CandidacyFilter, $first: Int, $after: String) {
  candidacies(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}"""
SUBMISSION_CHECK = "query($id: ID!) { submissionCheck(candidacyId: $id) { code field } }"

# Each filter, and the candidacies it matches before the actor's scope applies.
FILTERS: dict[str, tuple[Callable[[CandidacyScenario], dict | None], set[str]]] = {
    "none": (lambda w: None, set(CANDIDACY_NAMES)),
    "call open_a": (lambda w: {"callId": gid("Call", w.open_a)}, {"x_a", "y_a"}),
    "call open_b": (lambda w: {"callId": gid("Call", w.open_b)}, {"x_b"}),
    "call closed_a": (lambda w: {"callId": gid("Call", w.closed_a)}, {"x_closed"}),
    "call draft_b": (lambda w: {"callId": gid("Call", w.call("draft_b"))}, set()),
    "status DRAFT": (lambda w: {"status": "DRAFT"}, {"x_a", "y_a"}),
    "status SUBMITTED": (lambda w: {"status": "SUBMITTED"}, {"x_b", "x_closed"}),
    "status WITHDRAWN": (lambda w: {"status": "WITHDRAWN"}, set()),
    "organisation X": (
        lambda w: {"organisationId": gid("Organisation", w.organisation("org_x"))},
        {"x_a", "x_b", "x_closed"},
    ),
    "organisation Y": (
        lambda w: {"organisationId": gid("Organisation", w.organisation("org_y"))},
        {"y_a"},
    ),
    "organisation Z (a partner)": (
        lambda w: {"organisationId": gid("Organisation", w.organisation("org_z"))},
        set(),
    ),
    "organisation X and call open_a": (
        lambda w: {
            "organisationId": gid("Organisation", w.organisation("org_x")),
            "callId": gid("Call", w.open_a),
        },
        {"x_a"},
    ),
    "status and call": (
        lambda w: {"status": "DRAFT", "callId": gid("Call", w.open_b)},
        set(),
    ),
    "an id of another type": (lambda w: {"callId": gid("Funder", w.base.funder_a)}, set()),
}


async def listed(client, world, actor: str, flt: dict | None, first: int | None) -> list[str]:
    """Every candidacy id the actor gets, following the cursors page after page; every page's
    ``totalCount`` is the whole list's (same filter and permissions, whatever the page)."""
    ids: list[str] = []
    totals: set[int] = set()
    after = None
    while True:
        variables = {"filter": flt, "first": first, "after": after}
        page = (await ask(client, world, actor, CANDIDACIES, variables))["data"]["candidacies"]
        ids += [edge["node"]["id"] for edge in page["edges"]]
        totals.add(page["totalCount"])
        if not page["pageInfo"]["hasNextPage"]:
            assert totals == {len(ids)}, (actor, flt, first, totals)
            return ids
        after = page["pageInfo"]["endCursor"]
        assert len(ids) <= len(CANDIDACY_NAMES), "the pages never end"


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_candidacies_lists_only_readable_candidacies_under_every_filter(client, world, actor):
    by_id = {cid(world, name): name for name in CANDIDACY_NAMES}

    for label, (flt, matching) in FILTERS.items():
        for first in (None, 1):
            ids = await listed(client, world, actor, flt(world), first)

            assert len(ids) == len(set(ids)), (label, first)
            assert {by_id[i] for i in ids} == READABLE[actor] & matching, (label, first)


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_candidacy_by_id_is_null_unless_readable(client, world, actor):
    for name in CANDIDACY_NAMES:
        data = (await ask(client, world, actor, CANDIDACY, {"id": cid(world, name)}))["data"]

        if name in READABLE[actor]:
            assert data["candidacy"]["id"] == cid(world, name)
            assert data["candidacy"]["leadOrganisation"] is not None
        else:
            assert data["candidacy"] is None, (actor, name)


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_a_drafts_contents_are_null_outside_the_lead_until_submitted(client, world, actor):
    """Managers read applicants' drafts: now they see that a draft exists, its status, lead
    and counts; what it says stays the applicants' until a version is submitted."""
    for name in READABLE[actor]:
        data = (await ask(client, world, actor, CANDIDACY, {"id": cid(world, name)}))["data"]
        node = data["candidacy"]

        if name in CONTENTS[actor]:
            assert node["title"] == world.candidacy(name).title, (actor, name)
            assert None not in (node["partners"], node["answers"], node["budget"])
        else:
            assert {k: node[k] for k in CONTENT_FIELDS} == dict.fromkeys(CONTENT_FIELDS)
        assert node["counts"]["partners"] == (2 if name == "x_a" else 1), (actor, name)
        assert node["counts"]["budgetLines"] == (0 if name == "y_a" else 2 if name == "x_a" else 1)


LEAD_MEMBERS = "query($id: ID!) { candidacy(id: $id) { leadOrganisation { members { email } } } }"
LEAD_MEMBER_READERS = {"x": X_MEMBERS | {"admin"}, "y": {"applicant_y", "admin"}}


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_the_lead_members_are_listed_only_to_its_own_members(client, world, actor):
    """A candidacy's readers reach its lead organisation (managers, an accepted partner):
    only the lead's own members (and platform admins) get its members' names and addresses."""
    for name in READABLE[actor]:
        data = (await ask(client, world, actor, LEAD_MEMBERS, {"id": cid(world, name)}))["data"]
        members = data["candidacy"]["leadOrganisation"]["members"]

        assert (members is not None) == (actor in LEAD_MEMBER_READERS[name[0]]), (actor, name)


async def test_candidacy_by_an_id_of_another_type_is_null(client, world):
    # The candidacy's own UUID, wrapped as a call's id.
    wrong = gid("Call", world.candidacy("x_a"))

    data = (await ask(client, world, "admin", CANDIDACY, {"id": wrong}))["data"]

    assert data["candidacy"] is None


async def test_accepted_partner_members_read_the_candidacy_they_take_part_in(client, world):
    """Z accepted to take part in x_a: its admin reads x_a and its consortium as X's members
    do, draft included; the call's staff see only that the draft exists and its counts."""
    for actor in ("applicant_x", "applicant_z"):
        data = (await ask(client, world, actor, CANDIDACY, {"id": cid(world, "x_a")}))["data"]
        partners = {p["organisation"]["name"] for p in data["candidacy"]["partners"]}
        assert partners == {"Org X", "Org Z"}, actor
    data = (await ask(client, world, "manager_a", CANDIDACY, {"id": cid(world, "x_a")}))["data"]
    assert data["candidacy"]["partners"] is None  # a draft: its consortium is not shown yet
    assert data["candidacy"]["counts"]["partners"] == 2

    z_filter = {"organisationId": gid("Organisation", world.organisation("org_z"))}
    assert await listed(client, world, "applicant_z", z_filter, None) == []
    assert await listed(client, world, "applicant_z", None, None) == [cid(world, "x_a")]


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_submission_check_only_for_readers(client, world, actor):
    for name in CANDIDACY_NAMES:
        body = await ask(
            client, world, actor, SUBMISSION_CHECK, {"id": cid(world, name)}, expect_errors=True
        )

        if name in CONTENTS[actor]:
            assert "errors" not in body, body
            codes = {p["code"] for p in body["data"]["submissionCheck"]}
            expected = {
                "y_a": {"MISSING_ANSWER", "BUDGET_MISSING"}, "x_closed": {"DEADLINE_PASSED"}
            }.get(name, set())  # fmt: skip
            assert codes == expected, (actor, name)
        elif name in READABLE[actor]:  # a draft: its checks read its contents
            (error,) = body["errors"]
            assert error["extensions"]["code"] == "PERMISSION_DENIED", (actor, name, error)
        else:  # null, as candidacy(id:) answers: nothing tells hidden from missing
            assert body == {"data": {"submissionCheck": None}}, (actor, name)


# --- mutations of the lead organisation's members ---------------------------------------------

CANDIDACY_RESULT = (
    "__typename ... on CandidacyPayload { candidacy { id status } } ... on Error { code }"
)
UPDATE = f"""
mutation($id: ID!, $title: String) {{ updateCandidacy(id: $id, title: $title) {{
  {CANDIDACY_RESULT} }} }}"""
PARTNERS = f"""
mutation($id: ID!, $partners: [PartnerInput!]!) {{ setCandidacyPartners(id: $id,
  partners: $partners) {{ {CANDIDACY_RESULT} }} }}"""
ANSWERS = f"""
mutation($id: ID!, $answers: [AnswerInput!]!) {{ saveCandidacyAnswers(id: $id,
  answers: $answers) {{ {CANDIDACY_RESULT} }} }}"""
BUDGET = f"""
mutation($id: ID!, $lines: [BudgetLineInput!]!, $token: String) {{ setCandidacyBudget(id: $id,
  lines: $lines, expectedBudgetToken: $token) {{ {CANDIDACY_RESULT} }} }}"""
BUDGET_TOKEN = "query($id: ID!) { candidacy(id: $id) { budgetToken } }"
SUBMIT = """
mutation($id: ID!) { submitCandidacy(id: $id) {
  __typename ... on SubmitCandidacyPayload { reference candidacy { id status } }
  ... on Error { code } } }"""
WITHDRAW = f"mutation($id: ID!) {{ withdrawCandidacy(id: $id) {{ {CANDIDACY_RESULT} }} }}"
UPLOAD = """
mutation($id: ID!, $key: String!, $file: Upload!) {
  uploadAttachment(candidacyId: $id, questionKey: $key, file: $file) {
    __typename
    ... on AttachmentPayload { attachment { id sha256 downloadUrl } candidacy { id status } }
    ... on Error { code }
  }
}"""


PARTNER_RESULT = """__typename
  ... on PartnerPayload { partner { id status canEdit } candidacy { id status } }
  ... on Error { code }"""
INVITE = f"""
mutation($id: ID!, $org: ID!) {{ invitePartner(candidacyId: $id, organisationId: $org,
  role: PARTNER, requestedShareCents: 1000) {{ {PARTNER_RESULT} }} }}"""
WITHDRAW_PARTNER = f"""
mutation($id: ID!) {{ withdrawPartnerInvitation(id: $id) {{ {CANDIDACY_RESULT} }} }}"""
SET_CAN_EDIT = f"""
mutation($id: ID!) {{ setPartnerCanEdit(id: $id, canEdit: true) {{ {PARTNER_RESULT} }} }}"""
PARTNER_IDS = "query($id: ID!) { candidacy(id: $id) { partners { id organisation { name } } } }"
INVITE_BY_EMAIL = """
mutation($id: ID!) { inviteEmailPartner(candidacyId: $id, input: {email: "contact@labo.example",
  role: PARTNER, requestedShareCents: 1000, organisation: {name: "Labo", kind: ACADEMIC_LAB,
  country: "DE", registryId: "HRB 4242"}}) { __typename
  ... on EmailInvitationPayload { invitation { id status } candidacy { id status } }
  ... on Error { code } } }"""

UNAUTHENTICATED = "HTTP 401"


def blank_pdf() -> bytes:
    """A one-page PDF that passes the upload checks (parsed, not encrypted, has a page)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


async def upload(
    client,
    headers: dict[str, str],
    candidacy_id: str,
    key: str,
    content: bytes,
    *,
    name: str = "a.pdf",
    query: str = UPLOAD,
) -> dict[str, Any]:
    """``uploadAttachment`` as a browser sends it (GraphQL multipart request spec)."""
    operations = {"query": query, "variables": {"id": candidacy_id, "key": key, "file": None}}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, content, "application/pdf")},
        headers=headers,
    )
    if response.status_code == 401:  # a stranger's upload is refused before it is read
        return {"__typename": UNAUTHENTICATED}
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["uploadAttachment"]


def _org(world: CandidacyScenario, name: str) -> str:
    return gid("Organisation", world.organisation(name))


def partner(world: CandidacyScenario, org: str, role: str, cents: int) -> dict[str, Any]:
    return {"organisationId": _org(world, org), "role": role, "requestedShareCents": cents}


def line(world: CandidacyScenario, org: str, category: str, cents: int) -> dict[str, Any]:
    return {"organisationId": _org(world, org), "category": category, "amountCents": cents}


Operation = Callable[[Any, CandidacyScenario, str], Awaitable[dict[str, Any]]]


def _graphql(query: str, variables: Callable[[CandidacyScenario], dict]) -> Operation:
    async def run(client, world: CandidacyScenario, actor: str) -> dict[str, Any]:
        return await mutate(client, world, actor, query, variables(world))

    return run


async def partner_id(client, world: CandidacyScenario, candidacy: str, org_name: str) -> str:
    """The id of ``org_name``'s place in a candidacy's consortium, as the lead reads it (a
    draft's consortium is its applicants' own)."""
    data = await ask(client, world, "applicant_x", PARTNER_IDS, {"id": cid(world, candidacy)})
    (found,) = [
        p["id"]
        for p in data["data"]["candidacy"]["partners"]
        if p["organisation"]["name"] == org_name
    ]
    return found


def _with_budget_token(query: str, variables: Callable[[CandidacyScenario], dict]) -> Operation:
    """The mutation sent with x_a's current budget token, as the lead reads it: a refusal is
    for who is asking, never for a token that no longer matches."""

    async def run(client, world: CandidacyScenario, actor: str) -> dict[str, Any]:
        read = await ask(client, world, "applicant_x", BUDGET_TOKEN, {"id": cid(world, "x_a")})
        token = read["data"]["candidacy"]["budgetToken"]
        return await mutate(client, world, actor, query, {**variables(world), "token": token})

    return run


def _on_z_in_x_a(query: str) -> Operation:
    async def run(client, world: CandidacyScenario, actor: str) -> dict[str, Any]:
        z = await partner_id(client, world, "x_a", "Org Z")
        return await mutate(client, world, actor, query, {"id": z})

    return run


async def _upload_letter(client, world: CandidacyScenario, actor: str) -> dict[str, Any]:
    return await upload(client, world.headers(actor), cid(world, "x_a"), "letter", blank_pdf())


# Each edit of x_a (X leads it, Z is a partner), with arguments that succeed for X's members.
EDIT_OPERATIONS: dict[str, Operation] = {
    "updateCandidacy": _graphql(UPDATE, lambda w: {"id": cid(w, "x_a"), "title": "Détourné"}),
    "setCandidacyPartners": _graphql(
        PARTNERS,
        lambda w: {
            "id": cid(w, "x_a"),
            "partners": [
                partner(w, "org_x", "LEAD", LEAD_SHARE),
                partner(w, "org_y", "PARTNER", PARTNER_SHARE),
            ],
        },
    ),
    "saveCandidacyAnswers": _graphql(
        ANSWERS,
        lambda w: {"id": cid(w, "x_a"), "answers": [{"questionKey": "summary", "value": "Autre"}]},
    ),
    "setCandidacyBudget": _with_budget_token(
        BUDGET,
        lambda w: {
            "id": cid(w, "x_a"),
            "lines": [
                line(w, "org_x", "EQUIPMENT", LEAD_SHARE),
                line(w, "org_z", "STAFF", PARTNER_SHARE),
            ],
        },
    ),
    "submitCandidacy": _graphql(SUBMIT, lambda w: {"id": cid(w, "x_a")}),
    "withdrawCandidacy": _graphql(WITHDRAW, lambda w: {"id": cid(w, "x_a")}),
    "uploadAttachment": _upload_letter,
    "invitePartner": _graphql(INVITE, lambda w: {"id": cid(w, "x_a"), "org": _org(w, "org_y")}),
    "withdrawPartnerInvitation": _on_z_in_x_a(WITHDRAW_PARTNER),
    "setPartnerCanEdit": _on_z_in_x_a(SET_CAN_EDIT),
    "inviteEmailPartner": _graphql(INVITE_BY_EMAIL, lambda w: {"id": cid(w, "x_a")}),
}
EDIT_PAYLOAD = {
    "submitCandidacy": "SubmitCandidacyPayload",
    "uploadAttachment": "AttachmentPayload",
    "invitePartner": "PartnerPayload",
    "setPartnerCanEdit": "PartnerPayload",
    "inviteEmailPartner": "EmailInvitationPayload",
}

# Those who may read x_a but not edit it (Z, a partner the lead has not let edit) are refused;
# the others are told it does not exist.
EDIT_REFUSALS = {
    ANONYMOUS: "NotFoundError",
    "admin": "PermissionDeniedError",
    "manager_a": "PermissionDeniedError",
    "viewer_a": "PermissionDeniedError",
    "manager_b": "NotFoundError",
    "expert": "NotFoundError",
    "applicant_y": "NotFoundError",
    "applicant_z": "PermissionDeniedError",
}


def stored_objects(settings) -> set[str]:
    root = settings.storage_dir
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


async def refusals(
    client, session_factory, settings, world, operation: Operation, actors: Iterable[str]
) -> dict[str, str]:
    """Each actor's result type; the database and the file store unchanged after each."""
    got: dict[str, str] = {}
    for actor in actors:
        before, files = await database_fingerprint(session_factory), stored_objects(settings)
        got[actor] = (await operation(client, world, actor))["__typename"]
        assert await database_fingerprint(session_factory) == before, actor
        assert stored_objects(settings) == files, actor
    return got


@pytest.mark.parametrize("operation", EDIT_OPERATIONS)
async def test_candidacy_edit_refused_to_all_but_the_lead_members(
    client, session_factory, settings, world, operation
):
    expected = EDIT_REFUSALS
    if operation == "uploadAttachment":
        expected = {**EDIT_REFUSALS, ANONYMOUS: UNAUTHENTICATED}

    got = await refusals(
        client, session_factory, settings, world, EDIT_OPERATIONS[operation], expected
    )

    assert got == expected


@pytest.mark.parametrize("operation", EDIT_OPERATIONS)
@pytest.mark.parametrize("actor", sorted(X_MEMBERS))
async def test_candidacy_edit_allowed_to_every_member_of_the_lead(
    client, session_factory, world, operation, actor
):
    audit_before = await row_count(session_factory, AuditEntry)

    result = await EDIT_OPERATIONS[operation](client, world, actor)

    assert result["__typename"] == EDIT_PAYLOAD.get(operation, "CandidacyPayload"), result
    assert result["candidacy"]["id"] == cid(world, "x_a")
    assert await row_count(session_factory, AuditEntry) == audit_before + 1


# --- creating a candidacy ---------------------------------------------------------------------

CREATE = """
mutation($call: ID!, $org: ID!) {
  createCandidacy(callId: $call, organisationId: $org, title: "Nouvelle candidature") {
    __typename
    ... on CandidacyPayload { candidacy { id status leadOrganisation { name } } }
    ... on InvalidInputError { fieldErrors { field code } }
    ... on Error { code }
  }
}"""


def _create(call: str, org: str) -> Operation:
    async def run(client, world: CandidacyScenario, actor: str) -> dict[str, Any]:
        variables = {"call": gid("Call", world.call(call)), "org": _org(world, org)}
        return await mutate(client, world, actor, CREATE, variables)

    return run


CREATE_FOR_X_REFUSALS = {
    ANONYMOUS: "AuthenticationRequiredError",
    **{
        actor: "InvalidInputError"
        for actor in CANDIDACY_ACTORS
        if actor not in X_MEMBERS and actor != ANONYMOUS
    },
}


async def test_create_candidacy_for_an_organisation_one_is_not_in_is_refused(
    client, session_factory, settings, world
):
    operation = _create("open_a", "org_x")

    got = await refusals(client, session_factory, settings, world, operation, CREATE_FOR_X_REFUSALS)

    assert got == CREATE_FOR_X_REFUSALS
    result = await operation(client, world, "applicant_z")
    assert result["fieldErrors"] == [{"field": "organisationId", "code": "NOT_MEMBER"}]


# Drafts are secret outside their funder: applying to one is applying to nothing.
CREATE_ON_DRAFT_REFUSALS = [
    ("manager_a", "draft_b", "org_x"),
    ("manager_b", "draft_a", "org_y"),
    ("applicant_x", "draft_a", "org_x"),
    ("applicant_x", "draft_b", "org_x"),
    ("member_x", "draft_b", "org_x"),
    ("applicant_y", "draft_a", "org_y"),
]


@pytest.mark.parametrize(("actor", "call", "org"), CREATE_ON_DRAFT_REFUSALS)
async def test_create_candidacy_for_a_draft_call_of_another_funder_is_not_found(
    client, session_factory, settings, world, actor, call, org
):
    got = await refusals(client, session_factory, settings, world, _create(call, org), [actor])

    assert got == {actor: "NotFoundError"}


@pytest.mark.parametrize(
    ("actor", "org"), [("applicant_x", "org_x"), ("member_x", "org_x"), ("applicant_y", "org_y")]
)
async def test_create_candidacy_allowed_to_members_for_their_organisation(
    client, session_factory, world, actor, org
):
    before = await row_count(session_factory, Candidacy)

    result = await _create("open_a", org)(client, world, actor)

    assert result["__typename"] == "CandidacyPayload", result
    assert result["candidacy"]["status"] == "DRAFT"
    assert result["candidacy"]["leadOrganisation"]["name"] == world.organisation(org).name
    assert await row_count(session_factory, Candidacy) == before + 1
    members = X_MEMBERS if org == "org_x" else {"applicant_y"}
    readers = set()
    for reader in CANDIDACY_ACTORS:
        data = await ask(client, world, reader, CANDIDACY, {"id": result["candidacy"]["id"]})
        if data["data"]["candidacy"] is not None:
            readers.add(reader)
    assert readers == members | {"admin", "manager_a", "viewer_a"}


# --- what the call's managers do --------------------------------------------------------------

MANAGE_RESULT = """__typename
  ... on CandidacyPayload { candidacy { id extendedDeadlineAt eligibility { decision } } }
  ... on Error { code }"""
EXTEND = f"""
mutation($id: ID!, $until: DateTime!) {{ grantCandidacyExtension(id: $id, until: $until) {{
  {MANAGE_RESULT} }} }}"""
ELIGIBILITY = f"""
mutation($id: ID!, $decision: EligibilityDecision!, $reason: String!) {{
  recordEligibility(id: $id, decision: $decision, reason: $reason) {{ {MANAGE_RESULT} }} }}"""


def _extend(name: str) -> Operation:
    def variables(w: CandidacyScenario) -> dict:
        until = w.call("open_b" if name == "x_b" else "open_a").deadline_at + timedelta(days=7)
        return {"id": cid(w, name), "until": until.isoformat()}

    return _graphql(EXTEND, variables)


def _screen(name: str) -> Operation:
    return _graphql(
        ELIGIBILITY, lambda w: {"id": cid(w, name), "decision": "ELIGIBLE", "reason": ""}
    )


# The extension goes to X's draft on A's open call; eligibility to X's submission on A's
# closed call: the states in which each succeeds.
MANAGE_OPERATIONS: dict[str, Operation] = {
    "grantCandidacyExtension": _extend("x_a"),
    "recordEligibility": _screen("x_closed"),
}
MANAGE_REFUSALS = {
    ANONYMOUS: "NotFoundError",
    "manager_b": "NotFoundError",
    "expert": "NotFoundError",
    "applicant_y": "NotFoundError",
    "applicant_z": "NotFoundError",
    "viewer_a": "PermissionDeniedError",
    "applicant_x": "PermissionDeniedError",
    "member_x": "PermissionDeniedError",
}
MANAGERS = {"manager_a", "admin"}


@pytest.mark.parametrize("operation", MANAGE_OPERATIONS)
async def test_candidacy_management_refused_to_all_but_the_call_managers(
    client, session_factory, settings, world, operation
):
    expected = MANAGE_REFUSALS
    if operation == "grantCandidacyExtension":  # on x_a, which Z reads as a partner
        expected = {**MANAGE_REFUSALS, "applicant_z": "PermissionDeniedError"}

    got = await refusals(
        client, session_factory, settings, world, MANAGE_OPERATIONS[operation], expected
    )

    assert got == expected


@pytest.mark.parametrize("operation", MANAGE_OPERATIONS)
@pytest.mark.parametrize("actor", sorted(MANAGERS))
async def test_candidacy_management_allowed_to_the_call_managers(
    client, session_factory, world, operation, actor
):
    notifications_before = await row_count(session_factory, Notification)

    result = await MANAGE_OPERATIONS[operation](client, world, actor)

    assert result["__typename"] == "CandidacyPayload", result
    if operation == "recordEligibility":
        assert result["candidacy"]["eligibility"]["decision"] == "ELIGIBLE"
    else:
        assert result["candidacy"]["extendedDeadlineAt"] is not None
    # Both tell the lead organisation's two members, and nobody else.
    assert await row_count(session_factory, Notification) == notifications_before + 2


async def test_each_manager_manages_only_the_calls_of_their_funder(
    client, session_factory, settings, world
):
    allowed = await _extend("x_b")(client, world, "manager_b")
    refused = await refusals(
        client, session_factory, settings, world, _extend("x_b"), ["manager_a"]
    )

    assert allowed["__typename"] == "CandidacyPayload", allowed
    assert refused == {"manager_a": "NotFoundError"}


# --- downloads --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "resubmit", "readers"),
    [
        ("x_a", False, lambda name: {a for a in CANDIDACY_ACTORS if name in CONTENTS[a]}),
        ("x_b", True, lambda name: {a for a in CANDIDACY_ACTORS if name in CONTENTS[a]}),
        ("x_b", False, lambda name: X_MEMBERS),
    ],
    ids=["a draft's file", "a submitted file", "a file added since the submission"],
)
async def test_attachment_download_follows_the_candidacy_contents_rule(
    client, world, name, resubmit, readers
):
    """A draft's (x_a) files are its applicants' alone; once submitted (x_b), the call's staff
    read them too, but not a file added to the new draft since. Everyone else gets the 404 of
    a file that does not exist."""
    uploaded = await upload(
        client, world.headers("member_x"), cid(world, name), "letter", blank_pdf()
    )
    url = uploaded["attachment"]["downloadUrl"]
    if resubmit:
        submitted = await mutate(client, world, "member_x", SUBMIT, {"id": cid(world, name)})
        assert submitted["__typename"] == "SubmitCandidacyPayload", submitted

    statuses = {
        actor: (await client.get(url, headers=world.headers(actor))).status_code
        for actor in CANDIDACY_ACTORS
    }

    assert statuses == {a: 200 if a in readers(name) else 404 for a in CANDIDACY_ACTORS}


async def test_outside_the_lead_a_submitted_candidacy_reads_as_submitted_not_as_edited_since(
    client, world
):
    """x_b is edited after its submission: its lead's members see the edits, the call's
    managers the version that counts (title, answers, budget and files as submitted)."""
    x_b = cid(world, "x_b")
    await mutate(client, world, "member_x", UPDATE, {"id": x_b, "title": "Brouillon v2"})
    await mutate(client, world, "member_x", ANSWERS, {
        "id": x_b, "answers": [{"questionKey": "summary", "value": "Pas encore soumis"}]
    })  # fmt: skip
    await upload(client, world.headers("member_x"), x_b, "letter", blank_pdf())
    await mutate(client, world, "member_x", BUDGET, {"id": x_b, "lines": []})

    query = CANDIDACY.replace("answers { questionKey }", "answers { questionKey value }")
    member = (await ask(client, world, "member_x", query, {"id": x_b}))["data"]["candidacy"]
    manager = (await ask(client, world, "manager_b", query, {"id": x_b}))["data"]["candidacy"]

    assert member["title"] == "Brouillon v2"
    assert manager["title"] == world.candidacy("x_b").title
    assert member["answers"] == [{"questionKey": "summary", "value": "Pas encore soumis"}]
    assert manager["answers"] != member["answers"]
    assert manager["attachments"] == [] and len(member["attachments"]) == 1
    assert member["budget"] == [] and len(manager["budget"]) == 1
    assert manager["budgetTotal"]["cents"] > member["budgetTotal"]["cents"] == 0
    assert [p["organisation"]["name"] for p in manager["partners"]] == ["Org X"]
    assert manager["counts"]["attachments"] == 0 and member["counts"]["attachments"] == 1
    checks = {
        actor: {p["code"] for p in (await ask(client, world, actor, SUBMISSION_CHECK, {"id": x_b}))[
            "data"]["submissionCheck"]}
        for actor in ("member_x", "manager_b")
    }  # fmt: skip
    assert "BUDGET_MISSING" in checks["member_x"]
    assert checks["manager_b"] == set()  # the version that counts, as submitted


async def test_receipt_download_follows_the_candidacy_read_rule(
    client, session_factory, settings, world
):
    """What the worker does once it has rendered x_b's receipt, then each actor asks for it."""
    storage = storage_from_settings(settings)
    try:
        await storage.put("receipts/x_b-v1", b"%PDF-1.7 receipt", content_type="application/pdf")
    finally:
        await storage.aclose()
    async with unit_of_work(session_factory) as uow:
        version = (
            await uow.session.exec(
                select(CandidacyVersion).where(
                    CandidacyVersion.candidacy_id == world.candidacy("x_b").id
                )
            )
        ).one()
        version.receipt_storage_key = "receipts/x_b-v1"
        uow.session.add(version)
    url = f"/files/receipts/{version.id}"

    statuses = {
        actor: (await client.get(url, headers=world.headers(actor))).status_code
        for actor in CANDIDACY_ACTORS
    }

    assert statuses == {a: 200 if "x_b" in READABLE[a] else 404 for a in CANDIDACY_ACTORS}
    receipt = await ask(client, world, "manager_b", CANDIDACY_RECEIPT, {"id": cid(world, "x_b")})
    assert receipt["data"]["candidacy"]["versions"] == [{"receiptUrl": url}]


CANDIDACY_RECEIPT = "query($id: ID!) { candidacy(id: $id) { versions { receiptUrl } } }"


async def test_version_document_download_follows_the_candidacy_read_rule(
    client, session_factory, world
):
    """The submitted version's canonical JSON: the lead's members and the call's funders'
    staff (and admins) get the hashed bytes; everyone else a 404, as for a missing file."""
    async with unit_of_work(session_factory) as uow:
        version = (
            await uow.session.exec(
                select(CandidacyVersion).where(
                    CandidacyVersion.candidacy_id == world.candidacy("x_b").id
                )
            )
        ).one()
    url = f"/files/versions/{version.id}"

    responses = {
        actor: await client.get(url, headers=world.headers(actor)) for actor in CANDIDACY_ACTORS
    }

    statuses = {actor: r.status_code for actor, r in responses.items()}
    assert statuses == {a: 200 if "x_b" in READABLE[a] else 404 for a in CANDIDACY_ACTORS}
    assert hashlib.sha256(responses["applicant_x"].content).hexdigest() == version.sha256
    listed = await ask(client, world, "manager_b", CANDIDACY_DOCUMENT, {"id": cid(world, "x_b")})
    assert listed["data"]["candidacy"]["versions"] == [{"documentUrl": url}]


CANDIDACY_DOCUMENT = "query($id: ID!) { candidacy(id: $id) { versions { documentUrl } } }"


# --- signed download links --------------------------------------------------------------------

SIGN = """
mutation($url: String!) { signDownloadLink(url: $url) {
  __typename ... on DownloadLinkPayload { url expiresAt } ... on Error { code } } }"""


async def _version_url(session_factory, world: CandidacyScenario, name: str) -> str:
    async with read_session(session_factory) as session:
        version = (
            await session.exec(
                select(CandidacyVersion).where(
                    CandidacyVersion.candidacy_id == world.candidacy(name).id
                )
            )
        ).one()
    return f"/files/versions/{version.id}"


async def test_signed_links_are_refused_to_whoever_may_not_download_the_file(
    client, session_factory, world
):
    """The same rights as the download: x_b's document to its readers, x_a's draft file to X's
    members only; to anyone else the file does not exist, and nothing changes."""
    document = await _version_url(session_factory, world, "x_b")
    draft_file = (
        await upload(client, world.headers("member_x"), cid(world, "x_a"), "letter", blank_pdf())
    )["attachment"]["downloadUrl"]
    before = await database_fingerprint(session_factory)

    outcomes = {
        (actor, url): (await mutate(client, world, actor, SIGN, {"url": url}))["__typename"]
        for actor in CANDIDACY_ACTORS
        for url in (document, draft_file)
    }

    refused = "NotFoundError"
    assert outcomes == {
        (actor, url): (
            "AuthenticationRequiredError" if actor == ANONYMOUS
            else "DownloadLinkPayload" if name in CONTENTS[actor]
            else refused
        )
        for actor in CANDIDACY_ACTORS
        for url, name in ((document, "x_b"), (draft_file, "x_a"))
    }  # fmt: skip
    assert await database_fingerprint(session_factory) == before


async def test_signed_links_are_issued_to_whoever_may_download_the_file(
    client, session_factory, world, clock
):
    document = await _version_url(session_factory, world, "x_b")

    for actor in sorted(CONTENTS):
        if "x_b" not in CONTENTS[actor]:
            continue
        result = await mutate(client, world, actor, SIGN, {"url": document})
        assert result["__typename"] == "DownloadLinkPayload", (actor, result)
        assert result["url"].startswith(document + "?")
        assert result["expiresAt"] == (clock.now() + timedelta(seconds=300)).isoformat()
        assert (await client.get(result["url"])).status_code == 200, actor
