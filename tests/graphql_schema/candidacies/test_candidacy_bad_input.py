"""Bad input at every candidacy mutation: the typed error naming each problem, and nothing
written (every row of every table, and the file store, as they were).

One world per mutation serves all its cases: each case checks that it changed nothing, so the
next one starts from the same state. Every case's outcome is gathered before asserting, so a
failure lists all the cases that went wrong at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from strawberry.relay import GlobalID

from backend.accounts import services as accounts
from backend.accounts.enums import Role
from backend.calls import services as calls
from backend.calls import status as call_status
from backend.calls.enums import CallStatus, QuestionKind
from backend.calls.inputs import ChoiceInput, QuestionInput, TimelineInput
from backend.calls.models import Call
from backend.candidacies import services as candidacy_services
from backend.candidacies import submission
from backend.candidacies.models import Candidacy
from backend.core.auth import Actor
from backend.core.db import SessionFactory, unit_of_work
from backend.lifecycle import calls as lifecycle
from tests.graphql_schema.candidacies.test_candidacy_authorization import (
    blank_pdf,
    stored_objects,
    upload,
)
from tests.support import factories as f
from tests.support.factories import (
    applicant,
    make_organisation,
    make_signed_user,
    open_call,
    prepare_candidacy,
)
from tests.support.gql import gql
from tests.support.worlds import LEAD_SHARE, PARTNER_SHARE, database_fingerprint, gid


def _choices(*values: str) -> list[ChoiceInput]:
    return [ChoiceInput(value, {"fr": value}) for value in values]


QUESTIONS = [
    QuestionInput(
        key="summary", kind=QuestionKind.TEXT, label={"fr": "Résumé"}, required=True, max_length=100
    ),
    QuestionInput(
        key="patients",
        kind=QuestionKind.NUMBER,
        label={"fr": "Patients inclus"},
        min_value=Decimal(1),
        max_value=Decimal(500),
    ),
    QuestionInput(key="cost", kind=QuestionKind.NUMBER, label={"fr": "Coût par patient"}),
    QuestionInput(key="start", kind=QuestionKind.DATE, label={"fr": "Début"}),
    QuestionInput(
        key="phase",
        kind=QuestionKind.CHOICE,
        label={"fr": "Phase"},
        choices=_choices("pilot", "trial"),
    ),
    QuestionInput(
        key="sites",
        kind=QuestionKind.MULTI_CHOICE,
        label={"fr": "Sites"},
        choices=_choices("paris", "lyon", "lille"),
    ),
    QuestionInput(key="ethics", kind=QuestionKind.YES_NO, label={"fr": "Avis éthique"}),
    QuestionInput(key="letter", kind=QuestionKind.FILE, label={"fr": "Lettre"}),
]


@dataclass
class World:
    """Calls of one funder in every state that matters, and candidacies in each of them.

    Calls: ``open``; ``published`` (opens tomorrow); ``late`` (still OPEN, its deadline passed
    an hour ago and the closing job has not run); ``closed_early`` (stored CLOSED before its
    deadline, its draft unsettled: no public path does this any more, since only the lifecycle
    closes a call, at its deadline; written with the status primitive so the candidacies' own
    refusal of such a call stays tested); ``closed`` (closed at its deadline);
    ``foreign_draft`` (a DRAFT of another funder). Candidacies, all led by ``lead`` (the
    applicant's): ``draft`` (complete, with ``partner``), ``incomplete``, ``withdrawn``,
    ``submitted`` on the open call; ``late``; ``closed_early``; ``screenable`` (submitted in
    time) and ``expired`` (a draft turned NOT_SUBMITTED) on the closed call. ``outsider`` takes
    part in nothing.
    """

    now: datetime
    users: dict[str, f.Signed]
    orgs: dict[str, Any]
    calls: dict[str, Call]
    candidacies: dict[str, Candidacy]

    def cid(self, name: str) -> str:
        return gid("Candidacy", self.candidacies[name])

    def org(self, name: str) -> str:
        return gid("Organisation", self.orgs[name])

    def call(self, name: str) -> str:
        return gid("Call", self.calls[name])


async def build_world(factory: SessionFactory, now: datetime) -> World:
    admin = Actor(is_platform_admin=True)
    past = now - timedelta(days=20)
    in_the_past = {"opens_at": past - timedelta(days=1), "deadline_at": now - timedelta(hours=1)}
    async with unit_of_work(factory) as uow:
        s = uow.session
        funder, other = [
            await calls.create_funder(
                s, actor=admin, code=f"F-{f.n()}", name="Funder", country="FR", now=now
            )
            for _ in range(2)
        ]
        programme, other_programme = [
            await calls.create_programme(
                s, actor=admin, funder_id=x.id, code=f"P-{f.n()}", name="P", now=now
            )
            for x in (funder, other)
        ]
        users = {name: await make_signed_user(s, now, name) for name in ("applicant", "manager")}
        stranger = await make_signed_user(s, now, "stranger")
        await accounts.grant_role(
            s,
            actor=admin,
            user_id=users["manager"].user.id,
            role=Role.PROGRAMME_MANAGER,
            funder_id=funder.id,
            now=now,
        )
        orgs = {
            "lead": await make_organisation(s, now, users["applicant"].user, name="Lead"),
            "partner": await make_organisation(s, now, stranger.user, name="Partner"),
            "outsider": await make_organisation(s, now, stranger.user, name="Outsider"),
        }
        lead, partner = orgs["lead"], orgs["partner"]
        actor = applicant(users["applicant"].user, lead)
        opened = {
            "open": await open_call(s, now, programme, funder, questions=QUESTIONS),
            "late": await open_call(s, past, programme, funder, **in_the_past),
            "closed_early": await open_call(s, now, programme, funder),
            "closed": await open_call(s, past, programme, funder, **in_the_past),
        }
        published = await calls.create_call(
            s,
            actor=admin,
            data=f.call_input(
                programme,
                funder,
                now,
                timeline=TimelineInput(
                    "Europe/Paris", now + timedelta(days=1), now + timedelta(days=30)
                ),
            ),
            now=now,
        )
        await lifecycle.publish_call(s, actor=admin, call_id=published.id, now=now)
        foreign_draft = await calls.create_call(
            s, actor=admin, data=f.call_input(other_programme, other, now), now=now
        )

        def prepare(call: str, when: datetime = now) -> Awaitable[Candidacy]:
            return prepare_candidacy(s, when, actor, opened[call], lead, partner)

        async def create(call: str, when: datetime = now) -> Candidacy:
            return await candidacy_services.create_candidacy(
                s, actor=actor, call_id=opened[call].id, organisation_id=lead.id, title="T",
                now=when,
            )  # fmt: skip

        candidacies = {
            "draft": await prepare("open"),
            "incomplete": await create("open"),
            "withdrawn": await prepare("open"),
            "submitted": await prepare("open"),
            "late": await prepare("late", past),
            "closed_early": await prepare("closed_early"),
            "screenable": await prepare("closed", past),
            "expired": await create("closed", past),
        }
        for name, when in (("submitted", now), ("screenable", past)):
            await submission.submit_candidacy(
                s, actor=actor, candidacy_id=candidacies[name].id, now=when
            )
        await submission.withdraw_candidacy(
            s, actor=actor, candidacy_id=candidacies["withdrawn"].id, now=now
        )
        await call_status.write_status(
            s, opened["closed_early"], CallStatus.CLOSED, actor=admin, now=now
        )
        await lifecycle.close_call(s, call_id=opened["closed"].id, now=now - timedelta(minutes=30))
        for candidacy in candidacies.values():
            await s.refresh(candidacy)
    assert candidacies["expired"].status.value == "NOT_SUBMITTED"
    return World(
        now=now,
        users=users,
        orgs=orgs,
        calls={**opened, "published": published, "foreign_draft": foreign_draft},
        candidacies=candidacies,
    )


@pytest.fixture
async def world(session_factory, clock) -> World:
    return await build_world(session_factory, clock.now())


FRAGMENT = """
fragment E on Error { code message
  ... on InvalidInputError { fieldErrors { field code message } } }
"""

Problems = set[tuple[str, str]]
Runner = Callable[[Any, World], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Case:
    name: str
    run: Runner
    expected: str
    problems: Problems | None = None
    """For an InvalidInputError: exactly the (field, code) pairs it must list."""


def graphql(query: str, who: str, variables: Callable[[World], dict]) -> Runner:
    async def run(client, w: World) -> dict[str, Any]:
        body = await gql(client, query + FRAGMENT, variables(w), headers=w.users[who].headers)
        (result,) = body["data"].values()
        return result

    return run


def invalid(name: str, run: Runner, *problems: tuple[str, str]) -> Case:
    return Case(name, run, "InvalidInputError", set(problems))


# --- createCandidacy --------------------------------------------------------------------------

CREATE = """
mutation($call: ID!, $org: ID!, $title: String!, $acronym: String, $months: Int) {
  createCandidacy(callId: $call, organisationId: $org, title: $title, acronym: $acronym,
                  durationMonths: $months) { __typename ...E } }"""


def create(call: str = "open", org: str = "lead", **kw: Any) -> Runner:
    return graphql(
        CREATE,
        "applicant",
        lambda w: {
            "call": w.call(call) if call in w.calls else call,
            "org": w.org(org),
            "title": "Titre",
            **kw,
        },
    )


CREATE_CASES = [
    invalid("empty title", create(title="   "), ("title", "INVALID")),
    invalid(
        "acronym too long and duration 0",
        create(acronym="A" * 41, months=0),
        ("acronym", "INVALID"),
        ("durationMonths", "INVALID"),
    ),
    invalid("duration over 120", create(months=121), ("durationMonths", "INVALID")),
    invalid(
        "an organisation one is not in", create(org="outsider"), ("organisationId", "NOT_MEMBER")
    ),
    Case("a draft call of another funder", create(call="foreign_draft"), "NotFoundError"),
    Case("an id that is no call's", create(call=str(GlobalID("Funder", "1"))), "NotFoundError"),
    Case("a call not open yet", create(call="published"), "CallNotOpenError"),
    Case("a call closed before its deadline", create(call="closed_early"), "CallNotOpenError"),
    Case("a call whose deadline passed", create(call="late"), "DeadlinePassedError"),
    Case("a closed call", create(call="closed"), "DeadlinePassedError"),
]

# --- updateCandidacy --------------------------------------------------------------------------

UPDATE = """
mutation($id: ID!, $title: String, $acronym: String, $months: Int) {
  updateCandidacy(id: $id, title: $title, acronym: $acronym, durationMonths: $months) {
    __typename ...E } }"""


def update(candidacy: str = "draft", **kw: Any) -> Runner:
    return graphql(UPDATE, "applicant", lambda w: {"id": w.cid(candidacy), **kw})


NOT_EDITABLE = [
    ("withdrawn", "CandidacyNotEditableError"),
    # After the deadline, the deadline is the reason, whether or not the closing job has
    # settled the draft (NOT_SUBMITTED) yet.
    ("expired", "DeadlinePassedError"),
    ("late", "DeadlinePassedError"),
    ("closed_early", "CallNotOpenError"),
    ("screenable", "DeadlinePassedError"),
]


def refused_states(make: Callable[[str], Runner]) -> list[Case]:
    """The same, valid, edit on candidacies that may no longer change, each with its reason."""
    return [Case(f"{name} candidacy", make(name), expected) for name, expected in NOT_EDITABLE]


UPDATE_CASES = [
    invalid("empty title", update(title=""), ("title", "INVALID")),
    invalid("title over 300 characters", update(title="T" * 301), ("title", "INVALID")),
    invalid("acronym over 40 characters", update(acronym="A" * 41), ("acronym", "INVALID")),
    invalid("negative duration", update(months=-1), ("durationMonths", "INVALID")),
    *refused_states(lambda name: update(name, title="Nouveau titre")),
]

# --- setCandidacyPartners ---------------------------------------------------------------------

PARTNERS = """
mutation($id: ID!, $partners: [PartnerInput!]!) {
  setCandidacyPartners(id: $id, partners: $partners) { __typename ...E } }"""


def partners(*rows: tuple[str, str, int], candidacy: str = "draft") -> Runner:
    def variables(w: World) -> dict:
        return {
            "id": w.cid(candidacy),
            "partners": [
                {
                    "organisationId": w.org(org) if org in w.orgs else org,
                    "role": role,
                    "requestedShareCents": cents,
                }
                for org, role, cents in rows
            ],
        }

    return graphql(PARTNERS, "applicant", variables)


LEAD = ("lead", "LEAD", LEAD_SHARE)
PARTNER = ("partner", "PARTNER", PARTNER_SHARE)
NOBODY = str(GlobalID("Organisation", "00000000-0000-4000-8000-000000000000"))

PARTNERS_CASES = [
    invalid("a partner listed twice", partners(LEAD, PARTNER, PARTNER), ("partners", "DUPLICATE")),
    invalid("the lead listed twice", partners(LEAD, LEAD), ("partners", "DUPLICATE")),
    invalid(
        "a negative share",
        partners(LEAD, ("partner", "PARTNER", -1)),
        ("partners[1].requestedShareCents", "INVALID"),
    ),
    invalid(
        "the lead as a mere partner",
        partners(("lead", "PARTNER", LEAD_SHARE), PARTNER),
        ("partners[0].role", "LEAD"),
    ),
    invalid(
        "another organisation as lead",
        partners(LEAD, ("partner", "LEAD", PARTNER_SHARE)),
        ("partners[1].role", "LEAD"),
    ),
    invalid(
        "an organisation that does not exist",
        partners(LEAD, (NOBODY, "PARTNER", 1)),
        ("partners[1].organisationId", "UNKNOWN"),
    ),
    invalid(
        "every problem at once",
        partners(("lead", "PARTNER", -5), ("partner", "LEAD", 1), ("partner", "PARTNER", 1)),
        ("partners", "DUPLICATE"),
        ("partners[0].requestedShareCents", "INVALID"),
        ("partners[0].role", "LEAD"),
        ("partners[1].role", "LEAD"),
    ),
    *refused_states(lambda name: partners(LEAD, PARTNER, candidacy=name)),
]

# --- saveCandidacyAnswers ---------------------------------------------------------------------

ANSWERS = """
mutation($id: ID!, $answers: [AnswerInput!]!) {
  saveCandidacyAnswers(id: $id, answers: $answers) { __typename ...E } }"""


def answers(candidacy: str = "draft", **values: Any) -> Runner:
    return graphql(
        ANSWERS,
        "applicant",
        lambda w: {
            "id": w.cid(candidacy),
            "answers": [{"questionKey": k, "value": v} for k, v in values.items()],
        },
    )


def wrong(key: str, value: Any, code: str = "INVALID_ANSWER") -> Case:
    return invalid(f"{key} = {value!r}"[:80], answers(**{key: value}), (f"answers.{key}", code))


ANSWERS_CASES = [
    wrong("summary", 42),
    wrong("summary", ["a list"]),
    wrong("summary", "x" * 101, "TOO_LONG"),
    wrong("patients", "many"),
    wrong("patients", True),
    wrong("patients", [12]),
    wrong("patients", {"value": 12}),
    wrong("patients", 0, "OUT_OF_RANGE"),
    wrong("patients", "500.01", "OUT_OF_RANGE"),
    wrong("patients", "NaN"),
    wrong("cost", "Infinity"),
    wrong("cost", "-inf"),
    wrong("cost", "1e999999999", "OUT_OF_RANGE"),  # was an Overflow: "Unexpected error."
    wrong("cost", "1e999999", "OUT_OF_RANGE"),  # was stored as a million digits
    wrong("cost", "1e-999999", "OUT_OF_RANGE"),
    wrong("cost", "0.1234567890123456", "OUT_OF_RANGE"),  # 16 digits: not the same as a double
    wrong("cost", 1234567890.123456789, "OUT_OF_RANGE"),
    wrong("start", 20260901),  # was taken for 1 September 2026
    wrong("start", "20260901"),
    wrong("start", "2026-W36-2"),
    wrong("start", "2026-02-30"),
    wrong("start", "01/09/2026"),
    wrong("start", "2026-09-01T10:00:00"),
    wrong("start", True),
    wrong("phase", "phase-3", "UNKNOWN_CHOICE"),
    wrong("phase", ["pilot"], "UNKNOWN_CHOICE"),
    wrong("phase", 1, "UNKNOWN_CHOICE"),
    wrong("sites", "paris"),
    wrong("sites", [1, 2]),
    wrong("sites", ["paris", "rome"], "UNKNOWN_CHOICE"),
    wrong("ethics", "yes"),
    wrong("ethics", 1),
    wrong("ethics", "true"),
    wrong("letter", "lettre.pdf", "FILE_QUESTION"),
    wrong("nope", "anything", "UNKNOWN_QUESTION"),
    invalid(
        "good and bad answers together: nothing of it kept",
        answers(summary="Bien", patients=501, start="demain", ethics=True, sites=["lyon", "x"]),
        ("answers.patients", "OUT_OF_RANGE"),
        ("answers.start", "INVALID_ANSWER"),
        ("answers.sites", "UNKNOWN_CHOICE"),
    ),
    *refused_states(lambda name: answers(name, summary="Autre résumé")),
]

# --- setCandidacyBudget -----------------------------------------------------------------------

BUDGET = """
mutation($id: ID!, $lines: [BudgetLineInput!]!, $token: String) {
  setCandidacyBudget(id: $id, lines: $lines, expectedBudgetToken: $token) { __typename ...E } }"""


def budget(
    *rows: tuple[str, int], label: str = "", candidacy: str = "draft", token: str | None = None
) -> Runner:
    def variables(w: World) -> dict:
        return {
            "id": w.cid(candidacy),
            "token": token,
            "lines": [
                {
                    "organisationId": w.org(org) if org in w.orgs else org,
                    "category": "STAFF",
                    "amountCents": cents,
                    "label": label,
                }
                for org, cents in rows
            ],
        }

    return graphql(BUDGET, "applicant", variables)


BUDGET_CASES = [
    invalid(
        "a line for an organisation outside the consortium",
        budget(("lead", 1), ("outsider", 100)),
        ("lines[1].organisationId", "NOT_PARTNER"),
    ),
    invalid(
        "a line for an organisation that does not exist",
        budget((NOBODY, 100)),
        ("lines[0].organisationId", "NOT_PARTNER"),
    ),
    invalid("a negative amount", budget(("lead", -100)), ("lines[0].amountCents", "INVALID")),
    invalid("a zero amount", budget(("partner", 0)), ("lines[0].amountCents", "INVALID")),
    invalid(
        "a label over 300 characters",
        budget(("lead", 100), label="L" * 301),
        ("lines[0].label", "INVALID"),
    ),
    invalid(
        "lines whose total a JavaScript client cannot read exactly (above 2^53 - 1)",
        budget(("lead", 2**52), ("partner", 2**52)),
        ("lines", "TOO_LARGE"),
    ),
    Case(
        "lines edited over a budget that changed since (a token that no longer matches)",
        budget(("lead", 100), token="0" * 64),
        "EditConflictError",
    ),
    *refused_states(lambda name: budget(("lead", 100), candidacy=name)),
]

# --- submitCandidacy and withdrawCandidacy ----------------------------------------------------

SUBMIT = """
mutation($id: ID!) { submitCandidacy(id: $id) { __typename ...E
  ... on SubmissionRejectedError { problems { code field } } } }"""
WITHDRAW = "mutation($id: ID!) { withdrawCandidacy(id: $id) { __typename ...E } }"


def on(query: str, candidacy: str, who: str = "applicant") -> Runner:
    return graphql(query, who, lambda w: {"id": w.cid(candidacy)})


SUBMIT_CASES = [
    Case("an incomplete candidacy", on(SUBMIT, "incomplete"), "SubmissionRejectedError"),
    *refused_states(lambda name: on(SUBMIT, name)),
]
WITHDRAW_CASES = refused_states(lambda name: on(WITHDRAW, name))

# --- uploadAttachment -------------------------------------------------------------------------

UPLOAD = """
mutation($id: ID!, $key: String!, $file: Upload!) {
  uploadAttachment(candidacyId: $id, questionKey: $key, file: $file) { __typename ...E } }"""


def attach(key: str = "letter", content: bytes | None = None, candidacy: str = "draft") -> Runner:
    async def run(client, w: World) -> dict[str, Any]:
        return await upload(
            client,
            w.users["applicant"].headers,
            w.cid(candidacy),
            key,
            blank_pdf() if content is None else content,
            query=UPLOAD + FRAGMENT,
        )

    return run


UPLOAD_CASES = [
    invalid("to a text question", attach("summary"), ("questionKey", "NOT_FILE")),
    invalid("to no question at all", attach("nope"), ("questionKey", "NOT_FILE")),
    Case("a text file named .pdf", attach(content=b"not a PDF at all"), "UploadRejectedError"),
    Case("a broken PDF", attach(content=b"%PDF-1.7\nbroken"), "UploadRejectedError"),
    *refused_states(lambda name: attach(candidacy=name)),
]

# --- invitePartner, withdrawPartnerInvitation, setPartnerCanEdit ------------------------------

INVITE = """
mutation($id: ID!, $org: ID!, $role: PartnerRole!, $cents: BigInt!) {
  invitePartner(candidacyId: $id, organisationId: $org, role: $role,
                requestedShareCents: $cents) { __typename ...E } }"""
WITHDRAW_PARTNER = """
mutation($id: ID!) { withdrawPartnerInvitation(id: $id) { __typename ...E } }"""
SET_CAN_EDIT = """
mutation($id: ID!) { setPartnerCanEdit(id: $id, canEdit: true) { __typename ...E } }"""
PARTNER_ROWS = "query($id: ID!) { candidacy(id: $id) { partners { id role } } }"


def invite(
    candidacy: str = "draft", org: str = "outsider", role: str = "PARTNER", cents: int = 100
) -> Runner:
    return graphql(
        INVITE,
        "applicant",
        lambda w: {
            "id": w.cid(candidacy),
            "org": w.org(org) if org in w.orgs else org,
            "role": role,
            "cents": cents,
        },
    )


def on_partner(query: str, candidacy: str = "draft", role: str = "PARTNER") -> Runner:
    """``query`` on the consortium row of ``role`` in ``candidacy`` (or on a made-up id)."""

    async def run(client, w: World) -> dict[str, Any]:
        if role == "NOBODY":
            row = str(GlobalID("CandidacyPartner", "00000000-0000-4000-8000-000000000000"))
        else:
            read = await gql(
                client, PARTNER_ROWS, {"id": w.cid(candidacy)}, headers=w.users["applicant"].headers
            )
            (row,) = [p["id"] for p in read["data"]["candidacy"]["partners"] if p["role"] == role]
        return await graphql(query, "applicant", lambda _: {"id": row})(client, w)

    return run


INVITE_CASES = [
    invalid("the lead itself", invite(org="lead"), ("organisationId", "LEAD")),
    invalid("as LEAD", invite(role="LEAD"), ("role", "LEAD")),
    invalid("a negative share", invite(cents=-1), ("requestedShareCents", "INVALID")),
    invalid("no such organisation", invite(org=NOBODY), ("organisationId", "UNKNOWN")),
    invalid("a partner already", invite(org="partner"), ("organisationId", "ALREADY_INVITED")),
    Case(
        "an id that is no organisation's", invite(org=str(GlobalID("Funder", "1"))), "NotFoundError"
    ),
    *refused_states(lambda name: invite(name)),
]
WITHDRAW_PARTNER_CASES = [
    invalid("the lead's place", on_partner(WITHDRAW_PARTNER, role="LEAD"), ("id", "LEAD")),
    Case("no such partner", on_partner(WITHDRAW_PARTNER, role="NOBODY"), "NotFoundError"),
    # The lead's place: every candidacy has one, and the state is judged first.
    *refused_states(lambda name: on_partner(WITHDRAW_PARTNER, name, "LEAD")),
]
SET_CAN_EDIT_CASES = [
    invalid("the lead's place", on_partner(SET_CAN_EDIT, role="LEAD"), ("id", "LEAD")),
    Case("no such partner", on_partner(SET_CAN_EDIT, role="NOBODY"), "NotFoundError"),
    *refused_states(lambda name: on_partner(SET_CAN_EDIT, name, "LEAD")),
]

INVITE_BY_EMAIL = """
mutation($id: ID!, $email: String!, $role: PartnerRole!, $cents: BigInt!,
         $org: CreateOrganisationInput!) {
  inviteEmailPartner(candidacyId: $id, input: {email: $email, role: $role,
    requestedShareCents: $cents, organisation: $org}) { __typename ...E } }"""
LAB = {"name": "Labo", "kind": "ACADEMIC_LAB", "country": "DE", "registryId": "HRB 777"}


def invite_by_email(
    candidacy: str = "draft",
    email: str = "contact@labo.example",
    role: str = "PARTNER",
    cents: int = 100,
    **organisation: Any,
) -> Runner:
    return graphql(
        INVITE_BY_EMAIL,
        "applicant",
        lambda w: {
            "id": w.cid(candidacy),
            "email": email,
            "role": role,
            "cents": cents,
            "org": {**LAB, **organisation},
        },
    )


INVITE_BY_EMAIL_CASES = [
    invalid("not an address", invite_by_email(email="contact@"), ("email", "INVALID_EMAIL")),
    invalid("as LEAD", invite_by_email(role="LEAD"), ("role", "LEAD")),
    invalid("a negative share", invite_by_email(cents=-1), ("requestedShareCents", "INVALID")),
    invalid(
        "a French organisation without SIRET",
        invite_by_email(country="FR", registryId=None),
        ("organisation.siret", "REQUIRED"),
    ),
    invalid("no country code", invite_by_email(country="XX"), ("organisation.country", "COUNTRY")),
    *refused_states(lambda name: invite_by_email(name)),
]

# --- what the call's managers do --------------------------------------------------------------

EXTEND = """
mutation($id: ID!, $until: DateTime!, $reason: String! = "") {
  grantCandidacyExtension(id: $id, until: $until, reason: $reason) { __typename ...E } }"""


def extend(
    until: Callable[[World, datetime], str], candidacy: str = "draft", reason: str = ""
) -> Runner:
    def variables(w: World) -> dict:
        call = w.calls["late" if candidacy == "late" else "open"]
        return {"id": w.cid(candidacy), "until": until(w, call.deadline_at), "reason": reason}

    return graphql(EXTEND, "manager", variables)


def _later(w: World, deadline: datetime) -> str:
    return (deadline + timedelta(days=3)).isoformat()


EXTEND_CASES = [
    invalid(
        "earlier than the deadline",
        extend(lambda w, d: (d - timedelta(days=1)).isoformat()),
        ("until", "NOT_LATER"),
    ),
    invalid("the deadline itself", extend(lambda w, d: d.isoformat()), ("until", "NOT_LATER")),
    invalid(
        "after the passed deadline, but already past",
        extend(lambda w, d: (w.now - timedelta(minutes=1)).isoformat(), "late"),
        ("until", "NOT_LATER"),
    ),
    invalid(
        "without an offset",
        extend(lambda w, d: (d + timedelta(days=3)).replace(tzinfo=None).isoformat()),
        ("until", "NAIVE"),
    ),
    invalid(
        "in the year 9998 (a typing mistake, and near Python's last year)",
        extend(lambda w, d: "9998-12-31T23:00:00-14:00"),
        ("until", "OUT_OF_RANGE"),
    ),
    invalid(
        "a reason over 2000 characters", extend(_later, reason="r" * 2001), ("reason", "TOO_LONG")
    ),
    Case("a withdrawn candidacy", extend(_later, "withdrawn"), "CandidacyNotEditableError"),
]

ELIGIBILITY = """
mutation($id: ID!, $decision: EligibilityDecision!, $reason: String!) {
  recordEligibility(id: $id, decision: $decision, reason: $reason) { __typename ...E } }"""


def screen(decision: str, reason: str = "", candidacy: str = "screenable") -> Runner:
    return graphql(
        ELIGIBILITY,
        "manager",
        lambda w: {"id": w.cid(candidacy), "decision": decision, "reason": reason},
    )


ELIGIBILITY_CASES = [
    invalid("INELIGIBLE without a reason", screen("INELIGIBLE"), ("reason", "REQUIRED")),
    invalid("INELIGIBLE with a blank reason", screen("INELIGIBLE", " \n "), ("reason", "REQUIRED")),
    invalid("PENDING is not a decision", screen("PENDING"), ("decision", "INVALID")),
    invalid(
        "a reason over 2000 characters", screen("ELIGIBLE", "r" * 2001), ("reason", "TOO_LONG")
    ),
    invalid(
        "a submission to a call still OPEN",
        screen("ELIGIBLE", candidacy="submitted"),
        ("decision", "CALL_NOT_CLOSED"),
    ),
    Case("a draft", screen("ELIGIBLE", candidacy="draft"), "CandidacyNotEditableError"),
    Case(
        "a withdrawn candidacy",
        screen("ELIGIBLE", candidacy="withdrawn"),
        "CandidacyNotEditableError",
    ),
    Case(
        "a NOT_SUBMITTED candidacy",
        screen("INELIGIBLE", "late", "expired"),
        "CandidacyNotEditableError",
    ),
]

CASES: dict[str, list[Case]] = {
    "createCandidacy": CREATE_CASES,
    "updateCandidacy": UPDATE_CASES,
    "setCandidacyPartners": PARTNERS_CASES,
    "saveCandidacyAnswers": ANSWERS_CASES,
    "setCandidacyBudget": BUDGET_CASES,
    "submitCandidacy": SUBMIT_CASES,
    "withdrawCandidacy": WITHDRAW_CASES,
    "uploadAttachment": UPLOAD_CASES,
    "grantCandidacyExtension": EXTEND_CASES,
    "recordEligibility": ELIGIBILITY_CASES,
    "invitePartner": INVITE_CASES,
    "withdrawPartnerInvitation": WITHDRAW_PARTNER_CASES,
    "setPartnerCanEdit": SET_CAN_EDIT_CASES,
    "inviteEmailPartner": INVITE_BY_EMAIL_CASES,
}


def _outcome(result: dict[str, Any]) -> tuple[str, Problems | None]:
    problems = result.get("fieldErrors")
    return result["__typename"], {(p["field"], p["code"]) for p in problems} if problems else None


@pytest.mark.parametrize("mutation", CASES)
async def test_candidacy_mutation_bad_input_is_a_typed_error_and_writes_nothing(
    client, session_factory, settings, world, mutation
):
    wrong_outcomes: dict[str, Any] = {}
    for case in CASES[mutation]:
        before, files = await database_fingerprint(session_factory), stored_objects(settings)

        result = await case.run(client, world)

        got = _outcome(result)
        if got != (case.expected, case.problems) or not (result.get("code") and result["message"]):
            wrong_outcomes[case.name] = result
        assert await database_fingerprint(session_factory) == before, case.name
        assert stored_objects(settings) == files, case.name

    assert wrong_outcomes == {}


def test_every_candidacy_mutation_has_bad_input_cases():
    from tests.graphql_schema.candidacies import test_candidacy_authorization as authz

    mutations = {"createCandidacy", *authz.EDIT_OPERATIONS, *authz.MANAGE_OPERATIONS}

    assert CASES.keys() == mutations
    assert all(CASES.values())


# --- the same mutations succeed when the input is right (so the refusals above mean something)


async def test_a_valid_answer_of_every_kind_is_stored_in_canonical_form(client, world):
    query = ANSWERS.replace(
        "__typename ...E",
        "__typename ...E ... on CandidacyPayload { candidacy { answers { questionKey value } } }",
    )
    values = {
        "summary": "Bien",
        "patients": "12.50",
        "cost": 1e20,
        "start": "2026-09-01",
        "phase": "trial",
        "sites": ["lille", "paris"],
        "ethics": False,
    }

    result = await graphql(query, "applicant", lambda w: {
        "id": w.cid("draft"), "answers": [{"questionKey": k, "value": v} for k, v in values.items()]
    })(client, world)  # fmt: skip

    assert result["__typename"] == "CandidacyPayload", result
    stored = {a["questionKey"]: a["value"] for a in result["candidacy"]["answers"]}
    assert stored == {
        **values,
        "patients": 12.5,
        "cost": 100000000000000000000,
        "sites": ["paris", "lille"],  # in the call's order
    }


@pytest.mark.parametrize(
    ("sent", "read"),
    [(1, 1), (12.5, 12.5), ("12.50", 12.5), ("7", 7), (2.0, 2), (0.1, 0.1), ("-0", 0)],
)
async def test_a_number_answer_is_read_back_as_the_json_number_sent(client, world, sent, read):
    """``1`` was read back as ``"1"``: a number stays a number, an int an int."""
    query = ANSWERS.replace(
        "__typename ...E",
        "__typename ...E ... on CandidacyPayload { candidacy { answers { questionKey value } } }",
    )

    result = await graphql(query, "applicant", lambda w: {
        "id": w.cid("draft"), "answers": [{"questionKey": "cost", "value": sent}]
    })(client, world)  # fmt: skip

    stored = {a["questionKey"]: a["value"] for a in result["candidacy"]["answers"]}
    assert stored["cost"] == read
    assert type(stored["cost"]) is type(read)


GOOD_INPUT = [
    ("createCandidacy", create(), "CandidacyPayload"),
    ("updateCandidacy", update(title="Nouveau", acronym="NEW", months=36), "CandidacyPayload"),
    ("setCandidacyPartners", partners(LEAD, PARTNER), "CandidacyPayload"),
    ("setCandidacyBudget", budget(("lead", 100), ("partner", 200)), "CandidacyPayload"),
    ("submitCandidacy", on(SUBMIT, "draft"), "SubmitCandidacyPayload"),
    ("withdrawCandidacy", on(WITHDRAW, "submitted"), "CandidacyPayload"),
    ("uploadAttachment", attach(), "AttachmentPayload"),
    ("grantCandidacyExtension", extend(_later), "CandidacyPayload"),
    ("grantCandidacyExtension on the late one", extend(_later, "late"), "CandidacyPayload"),
    ("recordEligibility", screen("INELIGIBLE", "Hors champ"), "CandidacyPayload"),
    ("invitePartner", invite(), "PartnerPayload"),
    ("withdrawPartnerInvitation", on_partner(WITHDRAW_PARTNER), "CandidacyPayload"),
    ("setPartnerCanEdit", on_partner(SET_CAN_EDIT), "PartnerPayload"),
    ("inviteEmailPartner", invite_by_email(), "EmailInvitationPayload"),
]


@pytest.mark.parametrize(("name", "run", "expected"), GOOD_INPUT, ids=[g[0] for g in GOOD_INPUT])
async def test_the_same_mutation_with_good_input_succeeds(client, world, name, run, expected):
    result = await run(client, world)

    assert result["__typename"] == expected, result
