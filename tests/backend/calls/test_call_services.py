"""Call services: validation, lifecycle, frozen structure, deadlines, opening, listing."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import select

from backend.calls import queries
from backend.calls import services as calls
from backend.calls.enums import (
    ALLOWED_TRANSITIONS,
    CallKind,
    CallStatus,
    QuestionKind,
)
from backend.calls.errors import CallReferenceTaken, CallStructureFrozen, InvalidTransition
from backend.calls.inputs import (
    CallChanges,
    ChoiceInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
    TimelineInput,
)
from backend.calls.models import (
    Call,
    CallFunder,
    CallTheme,
    EvaluationCriterion,
    FormQuestion,
    Funder,
    Programme,
)
from backend.calls.presentation import render_markdown
from backend.calls.queries import CallFilter
from backend.core.audit import AuditEntry, AuditHead
from backend.core.auth import ANONYMOUS, Actor
from backend.core.clock import FrozenClock
from backend.core.db import SessionFactory, unit_of_work
from backend.core.errors import InvalidInput, NotFound, PermissionDenied
from backend.core.i18n import Language
from backend.lifecycle import calls as lifecycle
from tests.support.audit import seal_all, sealed_chain, sealed_entries
from tests.support.factories import call_input, make_call, make_funder, make_programme

ADMIN = Actor(is_platform_admin=True)
PARIS = ZoneInfo("Europe/Paris")
COUNTED_TABLES = (Call, CallFunder, CallTheme, FormQuestion, EvaluationCriterion, AuditEntry)


@dataclass
class World:
    factory: SessionFactory
    clock: FrozenClock
    funder: Funder
    programme: Programme

    @property
    def now(self) -> datetime:
        return self.clock.now()

    async def call(self, status: CallStatus = CallStatus.DRAFT, **kw) -> Call:
        return await make_call(
            self.factory, self.now, self.programme, self.funder, status=status, **kw
        )

    def input(self, **kw):
        return call_input(self.programme, self.funder, self.now, **kw)

    def upcoming(self, days: int = 1) -> TimelineInput:
        """A timeline opening in ``days`` days: published, such a call is not open yet."""
        return TimelineInput(
            "Europe/Paris", self.now + timedelta(days=days), self.now + timedelta(days=30)
        )


@pytest.fixture
async def world(session_factory, clock) -> World:
    funder = await make_funder(session_factory, clock.now())
    programme = await make_programme(session_factory, clock.now(), funder)
    return World(session_factory, clock, funder, programme)


async def _counts(factory: SessionFactory) -> dict[str, int]:
    async with factory() as session:
        return {
            table.__tablename__: await session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in COUNTED_TABLES
        }


async def _audit_state(factory: SessionFactory) -> tuple[int, int, str]:
    """Entries, and the chain's head once everything pending is sealed."""
    await seal_all(factory)
    async with factory() as session:
        entries = await session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
        head = (await session.exec(select(AuditHead))).one()
    return entries, head.seq, head.hash


async def _load(factory: SessionFactory, call_id) -> Call:
    async with factory() as session:
        return await session.get(Call, call_id)


async def _last_entry(factory: SessionFactory) -> AuditEntry:
    return (await sealed_entries(factory))[-1]


async def _run(world: World, service, **kw):
    async with unit_of_work(world.factory) as uow:
        return await service(uow.session, now=world.now, **kw)


def _text_question(key: str) -> QuestionInput:
    return QuestionInput(key=key, kind=QuestionKind.TEXT, label={"fr": key}, max_length=100)


def _criterion(key: str = "impact", **kw) -> CriterionInput:
    values = {
        "key": key,
        "label": {"fr": "Impact"},
        "weight": Decimal(1),
        "scale_min": Decimal(0),
        "scale_max": Decimal(5),
        "step": Decimal(1),
    }
    return CriterionInput(**(values | kw))


# --- funders and programmes ----------------------------------------------------------------


async def test_create_funder_invalid_input_lists_every_problem(session_factory, clock):
    # Act
    with pytest.raises(InvalidInput) as caught:
        async with unit_of_work(session_factory) as uow:
            await calls.create_funder(
                uow.session, actor=ADMIN, code="", name="  ", country="XX", now=clock.now()
            )

    # Assert
    assert {p.field for p in caught.value.problems} == {"code", "name", "country"}
    async with session_factory() as session:
        assert (await session.exec(select(Funder))).all() == []


@pytest.mark.parametrize("country", ["FRA", "fr1", ""])
async def test_create_funder_bad_country_is_input_error(session_factory, clock, country):
    # Act / Assert
    with pytest.raises(InvalidInput):
        async with unit_of_work(session_factory) as uow:
            await calls.create_funder(
                uow.session, actor=ADMIN, code="ANR", name="ANR", country=country, now=clock.now()
            )


async def test_create_funder_code_longer_than_column_is_input_error(session_factory, clock):
    # Act / Assert
    with pytest.raises(InvalidInput):
        async with unit_of_work(session_factory) as uow:
            await calls.create_funder(
                uow.session, actor=ADMIN, code="F" * 33, name="F", country="FR", now=clock.now()
            )


async def test_create_funder_duplicate_code_refused(session_factory, clock):
    # Arrange
    await make_funder(session_factory, clock.now(), code="ANR")

    # Act
    with pytest.raises(InvalidInput) as caught:
        await make_funder(session_factory, clock.now(), code="anr")

    # Assert
    assert caught.value.problems[0].code == "TAKEN"


async def test_create_funder_not_admin_refused(session_factory, clock):
    # Act / Assert
    with pytest.raises(PermissionDenied):
        async with unit_of_work(session_factory) as uow:
            await calls.create_funder(
                uow.session, actor=ANONYMOUS, code="ANR", name="ANR", country="FR", now=clock.now()
            )


async def test_create_programme_code_longer_than_column_is_input_error(world):
    # Act / Assert
    with pytest.raises(InvalidInput):
        await _run(
            world,
            calls.create_programme,
            actor=ADMIN,
            funder_id=world.funder.id,
            code="P" * 33,
            name="Programme",
        )


async def test_create_programme_name_longer_than_column_is_input_error(world):
    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(
            world,
            calls.create_programme,
            actor=ADMIN,
            funder_id=world.funder.id,
            code="PROG-LONG",
            name="N" * 301,
        )

    # Assert
    assert [p.field for p in caught.value.problems] == ["name"]


async def test_create_programme_manager_of_other_funder_refused(world):
    # Arrange
    other = await make_funder(world.factory, world.now)

    # Act / Assert
    with pytest.raises(PermissionDenied):
        await _run(
            world,
            calls.create_programme,
            actor=Actor(managed_funder_ids=frozenset({other.id})),
            funder_id=world.funder.id,
            code="PROG-X",
            name="Programme",
        )


# --- create_call validation -----------------------------------------------------------------


async def test_create_call_invalid_input_lists_every_problem_and_writes_nothing(world):
    # Arrange
    now = world.now
    data = world.input(
        reference="x",
        title={"fr": "   "},
        budget_envelope_cents=1_000_000,
        cap_per_candidacy_cents=2_000_000,
        funders=[FunderShareInput(world.funder.id, 400_000)],
        timeline=TimelineInput(
            timezone="Europe/Atlantis",
            opens_at=now + timedelta(days=10),
            deadline_at=now + timedelta(days=5),
            review_deadline_at=datetime(2026, 6, 1, 12, 0),
        ),
        questions=[
            _text_question("summary"),
            _text_question("summary"),
            QuestionInput(key="abstract", kind=QuestionKind.TEXT, label={"fr": "Résumé"}),
            QuestionInput(
                key="field",
                kind=QuestionKind.CHOICE,
                label={"fr": "Domaine"},
                choices=[ChoiceInput("cardiology", {"fr": "Cardiologie"})],
            ),
        ],
        grid=GridInput(
            criteria=[
                _criterion("impact", step=Decimal(2)),
                _criterion("quality", threshold=Decimal(7)),
            ]
        ),
        eligibility={
            "min_duration_months": 24,
            "max_duration_months": 12,
            "required_partner_countries": [{"country": "XX"}],
            "required_document_keys": ["summary"],
        },
    )
    before = await _counts(world.factory)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(world, calls.create_call, actor=ADMIN, data=data)

    # Assert
    fields = {p.field for p in caught.value.problems}
    codes = {p.code for p in caught.value.problems}
    assert "reference" in fields
    assert "title" in fields
    assert "SHARES" in codes
    assert "capPerCandidacyCents" in fields
    assert "timeline.deadlineAt" in fields
    assert "NAIVE" in codes
    assert "timeline.reviewDeadlineAt" in fields
    assert "TIME_ZONE" in codes
    assert "DUPLICATE" in codes
    assert "questions[2].maxLength" in fields
    assert "questions[3].choices" in fields
    assert "grid.criteria[0].step" in fields
    assert "grid.criteria[1].threshold" in fields
    assert any("duration" in p.field + p.message for p in caught.value.problems)
    assert any("country" in p.field and "XX" in p.message for p in caught.value.problems)
    assert "UNKNOWN_DOCUMENT" in codes
    assert await _counts(world.factory) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"reference": "no spaces allowed"}, "reference", id="reference"),
        pytest.param({"title": {}}, "title", id="title-missing"),
        pytest.param({"title": {"it": "Titolo", "fr": "Titre"}}, "title.it", id="title-language"),
        pytest.param({"themes": ["Not A Code!"]}, "themes", id="theme"),
        pytest.param({"budget_envelope_cents": 0, "funders": []}, "budgetEnvelopeCents", id="zero"),
        pytest.param({"currency": "USD"}, "currency", id="currency"),
        pytest.param(
            {"eligibility": {"min_partners": 5, "max_partners": 2}}, "eligibility", id="partners"
        ),
        pytest.param({"eligibility": {"surprise": True}}, "eligibility.surprise", id="extra-rule"),
    ],
)
async def test_create_call_single_problem_refused(world, change, field):
    # Arrange
    data = world.input(**change)
    before = await _counts(world.factory)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(world, calls.create_call, actor=ADMIN, data=data)

    # Assert
    assert any(p.field.startswith(field) for p in caught.value.problems), caught.value.problems
    assert await _counts(world.factory) == before


async def test_create_call_unknown_funder_refused(world):
    # Arrange
    other = await make_funder(world.factory, world.now)
    unknown = FunderShareInput(world.programme.id, 1)  # an id that is no funder
    data = world.input(
        budget_envelope_cents=3,
        cap_per_candidacy_cents=None,
        funders=[
            FunderShareInput(world.funder.id, 1),
            FunderShareInput(other.id, 1),
            unknown,
        ],
    )

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(world, calls.create_call, actor=ADMIN, data=data)

    # Assert
    assert [p.field for p in caught.value.problems] == ["funders[2].funderId"]


async def test_create_call_manager_of_another_funder_refused(world):
    # Arrange
    other = await make_funder(world.factory, world.now)
    manager = Actor(user_id=None, managed_funder_ids=frozenset({other.id}))

    # Act / Assert
    with pytest.raises(PermissionDenied):
        await _run(world, calls.create_call, actor=manager, data=world.input())


async def test_create_call_valid_input_creates_draft_with_children(world):
    # Arrange
    manager = Actor(managed_funder_ids=frozenset({world.funder.id}))
    data = world.input(reference="aap-ia-2026", themes=["Radiology", "oncology", "radiology"])

    # Act
    call = await _run(world, calls.create_call, actor=manager, data=data)

    # Assert
    assert call.status is CallStatus.DRAFT
    assert call.reference == "AAP-IA-2026"
    async with world.factory() as session:
        themes = (await queries.themes_by_call(session, [call.id]))[call.id]
        questions = (await queries.questions_by_call(session, [call.id]))[call.id]
        criteria = (await queries.criteria_by_call(session, [call.id]))[call.id]
        shares = (await queries.call_funders_by_call(session, [call.id]))[call.id]
    assert themes == ["oncology", "radiology"]
    assert [q.key for q in questions] == ["summary"]
    assert [c.key for c in criteria] == ["impact"]
    assert [(s.funder_id, s.share_cents) for s in shares] == [(world.funder.id, 1_000_000_00)]
    entry = await _last_entry(world.factory)
    assert (entry.action, entry.object_id) == ("call.created", str(call.id))


async def test_create_call_duplicate_reference_raises_reference_taken(world):
    # Arrange
    await world.call(reference="AAP-2026-01")
    before = await _counts(world.factory)

    # Act / Assert
    with pytest.raises(CallReferenceTaken):
        await _run(world, calls.create_call, actor=ADMIN, data=world.input(reference="aap-2026-01"))
    assert await _counts(world.factory) == before


# --- lifecycle ------------------------------------------------------------------------------

ALLOWED = [(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets]
DISALLOWED = [(a, b) for a, b in itertools.product(CallStatus, CallStatus) if (a, b) not in ALLOWED]


# A manager asking to close a call stored PUBLISHED takes the deadline's path (such a call was
# OPEN by the clock): refused before the deadline, opened then closed after it
# (tests/backend/lifecycle). The status write itself refuses that pair like every other.
MANAGER_DISALLOWED = [p for p in DISALLOWED if p != (CallStatus.PUBLISHED, CallStatus.CLOSED)]


@pytest.mark.parametrize(("current", "target"), ALLOWED, ids=lambda s: s.value)
async def test_transition_call_allowed_step_moves_and_audits(world, current, target):
    # Arrange
    call = await world.call(current)
    if target is CallStatus.CLOSED:  # a call closes at its deadline, not before
        world.clock.set(call.deadline_at)

    # Act
    moved = await _run(world, lifecycle.move_call, actor=ADMIN, call_id=call.id, to=target)

    # Assert
    assert moved.status is target
    assert (await _load(world.factory, call.id)).status is target
    entry = await _last_entry(world.factory)
    assert entry.action == f"call.{target.value.lower()}"
    assert (entry.before, entry.after) == ({"status": current.value}, {"status": target.value})


@pytest.mark.parametrize(("current", "target"), MANAGER_DISALLOWED, ids=lambda s: s.value)
async def test_transition_call_disallowed_pair_raises_and_changes_nothing(world, current, target):
    # Arrange
    call = await world.call(current)
    audit_before = await _audit_state(world.factory)

    # Act
    with pytest.raises(InvalidTransition) as caught:
        await _run(world, lifecycle.move_call, actor=ADMIN, call_id=call.id, to=target)

    # Assert
    assert (caught.value.current, caught.value.requested) == (current, target)
    assert caught.value.message == f"a {current.value} call cannot become {target.value}"
    assert (await _load(world.factory, call.id)).status is current
    assert await _audit_state(world.factory) == audit_before


async def test_transition_call_draft_hidden_from_other_manager(world):
    # Arrange
    call = await world.call()
    stranger = Actor(managed_funder_ids=frozenset({world.programme.id}))

    # Act / Assert
    with pytest.raises(NotFound):
        await _run(
            world, lifecycle.move_call, actor=stranger, call_id=call.id, to=CallStatus.PUBLISHED
        )


async def test_transition_call_viewer_may_read_but_not_manage(world):
    # Arrange
    call = await world.call()
    viewer = Actor(viewed_funder_ids=frozenset({world.funder.id}))

    # Act / Assert
    with pytest.raises(PermissionDenied):
        await _run(
            world, lifecycle.move_call, actor=viewer, call_id=call.id, to=CallStatus.PUBLISHED
        )


async def test_publish_call_past_deadline_refused(world):
    # Arrange
    call = await world.call()
    world.clock.advance(timedelta(days=31))
    audit_before = await _audit_state(world.factory)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(world, lifecycle.publish_call, actor=ADMIN, call_id=call.id)

    # Assert
    assert [p.code for p in caught.value.problems] == ["PAST"]
    assert (await _load(world.factory, call.id)).status is CallStatus.DRAFT
    assert await _audit_state(world.factory) == audit_before


async def test_publish_call_without_questions_or_criteria_refused(world):
    # Arrange
    call = await world.call(questions=[], grid=GridInput(criteria=[]))

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(world, lifecycle.publish_call, actor=ADMIN, call_id=call.id)

    # Assert
    assert {p.field for p in caught.value.problems} == {"questions", "grid.criteria"}


async def test_publish_call_sets_published_at(world):
    # Arrange
    call = await world.call()

    # Act
    await _run(world, lifecycle.publish_call, actor=ADMIN, call_id=call.id)

    # Assert
    back = await _load(world.factory, call.id)
    assert back.status is CallStatus.PUBLISHED
    assert back.published_at == world.now


# --- frozen structure -----------------------------------------------------------------------


def _structural_changes(funder: Funder, now: datetime) -> dict[str, CallChanges]:
    return {
        "budget_envelope_cents": CallChanges(budget_envelope_cents=2_000_000_00),
        "cap_per_candidacy_cents": CallChanges(cap_per_candidacy_cents=1_00),
        "funders": CallChanges(funders=[FunderShareInput(funder.id, 1_000_000_00)]),
        "timeline": CallChanges(
            timeline=TimelineInput("Europe/Paris", now, now + timedelta(days=90))
        ),
        "eligibility": CallChanges(eligibility={"min_partners": 2}),
        "questions": CallChanges(questions=[_text_question("other")]),
        "grid": CallChanges(grid=GridInput(criteria=[_criterion("novelty")])),
    }


@pytest.mark.parametrize("part", CallChanges.STRUCTURAL)
@pytest.mark.parametrize("status", [CallStatus.OPEN, CallStatus.CLOSED], ids=lambda s: s.value)
async def test_update_call_structure_frozen_once_open(world, part, status):
    # Arrange
    call = await world.call(status)
    changes = _structural_changes(world.funder, world.now)[part]
    audit_before = await _audit_state(world.factory)

    # Act
    with pytest.raises(CallStructureFrozen) as caught:
        await _run(world, calls.update_call, actor=ADMIN, call_id=call.id, changes=changes)

    # Assert
    assert caught.value.fields == [part]
    assert await _audit_state(world.factory) == audit_before


@pytest.mark.parametrize("part", CallChanges.STRUCTURAL)
async def test_update_call_structure_editable_while_published(world, part):
    # Arrange: published, not yet open (from its opening on, the clock freezes it)
    call = await world.call(CallStatus.PUBLISHED, timeline=world.upcoming())
    changes = _structural_changes(world.funder, world.now)[part]
    if part == "budget_envelope_cents":
        changes = replace(changes, funders=[FunderShareInput(world.funder.id, 2_000_000_00)])

    # Act
    updated = await _run(world, calls.update_call, actor=ADMIN, call_id=call.id, changes=changes)

    # Assert
    assert updated.status is CallStatus.PUBLISHED
    assert (await _last_entry(world.factory)).action == "call.updated"


async def test_update_call_zero_envelope_refused(world):
    # Arrange
    call = await world.call()
    audit_before = await _audit_state(world.factory)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(
            world,
            calls.update_call,
            actor=ADMIN,
            call_id=call.id,
            changes=CallChanges(budget_envelope_cents=0),
        )

    # Assert
    assert "budgetEnvelopeCents" in {p.field for p in caught.value.problems}
    assert (await _load(world.factory, call.id)).budget_envelope_cents == 1_000_000_00
    assert await _audit_state(world.factory) == audit_before


async def test_update_call_invalid_structure_lists_problems_and_changes_nothing(world):
    # Arrange
    call = await world.call(CallStatus.PUBLISHED, timeline=world.upcoming())
    changes = CallChanges(
        eligibility={"min_duration_months": 24, "max_duration_months": 12},
        questions=[_text_question("dup"), _text_question("dup")],
        timeline=TimelineInput("Mars/Olympus", world.now, world.now - timedelta(days=1)),
    )
    audit_before = await _audit_state(world.factory)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(world, calls.update_call, actor=ADMIN, call_id=call.id, changes=changes)

    # Assert
    fields = {p.field for p in caught.value.problems}
    assert {"timeline.timezone", "timeline.deadlineAt", "questions"} <= fields
    assert any(f.startswith("eligibility") for f in fields)
    back = await _load(world.factory, call.id)
    assert (back.deadline_at, back.eligibility) == (call.deadline_at, call.eligibility)
    assert await _audit_state(world.factory) == audit_before


@pytest.mark.parametrize(
    "status",
    [CallStatus.OPEN, CallStatus.CLOSED, CallStatus.IN_EVALUATION, CallStatus.DECIDED],
    ids=lambda s: s.value,
)
async def test_update_call_texts_and_themes_editable_after_open(world, status):
    # Arrange
    call = await world.call(status)
    changes = CallChanges(
        title={"fr": "Titre corrigé", "en": "Fixed title"},
        description={"fr": "Nouvelle description"},
        themes=["oncology"],
    )

    # Act
    await _run(world, calls.update_call, actor=ADMIN, call_id=call.id, changes=changes)

    # Assert
    back = await _load(world.factory, call.id)
    assert back.title == {"fr": "Titre corrigé", "en": "Fixed title"}
    assert back.description == {"fr": "Nouvelle description"}
    async with world.factory() as session:
        assert (await queries.themes_by_call(session, [call.id]))[call.id] == ["oncology"]
    entry = await _last_entry(world.factory)
    assert entry.action == "call.updated"
    assert entry.before["title"] == {"fr": "Études d'impact de l'IA", "en": "AI impact studies"}
    assert entry.after["title"] == {"fr": "Titre corrigé", "en": "Fixed title"}


async def test_update_call_archived_refuses_even_texts(world):
    # Arrange
    call = await world.call(CallStatus.ARCHIVED)

    # Act / Assert
    with pytest.raises(CallStructureFrozen):
        await _run(
            world,
            calls.update_call,
            actor=ADMIN,
            call_id=call.id,
            changes=CallChanges(title={"fr": "Trop tard"}),
        )


# --- deadline extension ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [CallStatus.PUBLISHED, CallStatus.OPEN], ids=lambda s: s.value)
async def test_extend_deadline_later_moves_deadline_and_audits(world, status):
    # Arrange
    call = await world.call(status)
    old = call.deadline_at
    new = (old + timedelta(days=7)).astimezone(PARIS)

    # Act
    await _run(world, calls.extend_deadline, actor=ADMIN, call_id=call.id, new_deadline=new)

    # Assert
    back = await _load(world.factory, call.id)
    assert back.deadline_at == new
    assert back.status is status
    entry = await _last_entry(world.factory)
    assert entry.action == "call.deadline_extended"
    assert datetime.fromisoformat(entry.before["deadline_at"]) == old
    assert datetime.fromisoformat(entry.after["deadline_at"]) == new
    assert entry.after["deadline_at"] == str(back.deadline_at)  # stored UTC, like "before"
    assert await sealed_chain(world.factory) == []


async def test_extend_deadline_keeps_its_reason_in_the_audit_entry(world):
    # Arrange
    call = await world.call(CallStatus.OPEN)
    new = call.deadline_at + timedelta(days=7)

    # Act
    await _run(
        world,
        calls.extend_deadline,
        actor=ADMIN,
        call_id=call.id,
        new_deadline=new,
        reason="  Strike at the\npost office ",
    )

    # Assert
    entry = await _last_entry(world.factory)
    assert entry.after["reason"] == "Strike at the post office"


async def test_extend_deadline_too_long_reason_refused(world):
    # Arrange
    call = await world.call(CallStatus.OPEN)
    audit_before = await _audit_state(world.factory)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(
            world,
            calls.extend_deadline,
            actor=ADMIN,
            call_id=call.id,
            new_deadline=call.deadline_at + timedelta(days=7),
            reason="x" * 501,
        )

    # Assert
    assert (caught.value.problems[0].field, caught.value.problems[0].code) == ("reason", "TOO_LONG")
    assert await _audit_state(world.factory) == audit_before


@pytest.mark.parametrize("delta", [timedelta(0), -timedelta(days=1)], ids=["same", "earlier"])
async def test_extend_deadline_not_later_refused(world, delta):
    # Arrange
    call = await world.call(CallStatus.OPEN)
    audit_before = await _audit_state(world.factory)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(
            world,
            calls.extend_deadline,
            actor=ADMIN,
            call_id=call.id,
            new_deadline=call.deadline_at + delta,
        )

    # Assert
    assert caught.value.problems[0].code == "NOT_LATER"
    assert (await _load(world.factory, call.id)).deadline_at == call.deadline_at
    assert await _audit_state(world.factory) == audit_before


@pytest.mark.parametrize(
    "status",
    [CallStatus.DRAFT, CallStatus.CLOSED, CallStatus.IN_EVALUATION, CallStatus.ARCHIVED],
    ids=lambda s: s.value,
)
async def test_extend_deadline_outside_published_or_open_refused(world, status):
    # Arrange
    call = await world.call(status)

    # Act / Assert
    with pytest.raises(InvalidTransition):
        await _run(
            world,
            calls.extend_deadline,
            actor=ADMIN,
            call_id=call.id,
            new_deadline=call.deadline_at + timedelta(days=7),
        )
    assert (await _load(world.factory, call.id)).deadline_at == call.deadline_at


async def test_extend_deadline_naive_refused(world):
    # Arrange
    call = await world.call(CallStatus.OPEN)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(
            world,
            calls.extend_deadline,
            actor=ADMIN,
            call_id=call.id,
            new_deadline=datetime(2027, 1, 1, 12, 0),
        )

    # Assert
    assert caught.value.problems[0].code == "NAIVE"


async def test_extend_deadline_past_review_deadline_refused(world):
    # Arrange
    now = world.now
    timeline = TimelineInput(
        "Europe/Paris",
        now - timedelta(days=1),
        now + timedelta(days=30),
        review_deadline_at=now + timedelta(days=40),
    )
    call = await world.call(CallStatus.OPEN, timeline=timeline)

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _run(
            world,
            calls.extend_deadline,
            actor=ADMIN,
            call_id=call.id,
            new_deadline=now + timedelta(days=45),
        )

    # Assert
    assert caught.value.problems[0].code == "AFTER_REVIEW"


# --- open_due_calls -------------------------------------------------------------------------


async def test_open_due_calls_opens_due_published_calls_once(world):
    # Arrange
    now = world.now
    due = await world.call(CallStatus.PUBLISHED)
    later = await world.call(
        CallStatus.PUBLISHED,
        timeline=TimelineInput("Europe/Paris", now + timedelta(days=5), now + timedelta(days=30)),
    )
    draft = await world.call(CallStatus.DRAFT)

    # Act
    first = await _run(world, lifecycle.open_due_calls)
    second = await _run(world, lifecycle.open_due_calls)

    # Assert
    assert [c.id for c in first] == [due.id]
    assert second == []
    assert (await _load(world.factory, due.id)).status is CallStatus.OPEN
    assert (await _load(world.factory, later.id)).status is CallStatus.PUBLISHED
    assert (await _load(world.factory, draft.id)).status is CallStatus.DRAFT
    async with world.factory() as session:
        opened = (
            await session.exec(select(AuditEntry).where(AuditEntry.action == "call.open"))
        ).all()
    assert [(e.object_id, e.actor_user_id) for e in opened] == [(str(due.id), None)]


async def test_open_due_calls_opens_later_call_when_its_time_comes(world):
    # Arrange
    now = world.now
    later = await world.call(
        CallStatus.PUBLISHED,
        timeline=TimelineInput("Europe/Paris", now + timedelta(days=5), now + timedelta(days=30)),
    )
    world.clock.advance(timedelta(days=5))

    # Act
    opened = await _run(world, lifecycle.open_due_calls)

    # Assert
    assert [c.id for c in opened] == [later.id]


async def test_open_due_calls_skips_call_whose_deadline_passed(world):
    # Arrange
    await world.call(CallStatus.PUBLISHED)
    world.clock.advance(timedelta(days=31))

    # Act
    opened = await _run(world, lifecycle.open_due_calls)

    # Assert
    assert opened == []


# --- listing: visibility, filters, pagination ----------------------------------------------


async def _ids(world: World, actor: Actor, flt: CallFilter = CallFilter()) -> set:
    async with world.factory() as session:
        stmt = queries.filtered(queries.visible_calls(actor), flt, actor=actor, now=world.now)
        return {c.id for c in (await session.exec(stmt)).all()}


async def test_visible_calls_drafts_only_for_their_funders(world):
    # Arrange
    draft = await world.call()
    published = await world.call(CallStatus.PUBLISHED)
    other_funder = await make_funder(world.factory, world.now)

    # Act
    seen = {
        "anonymous": await _ids(world, ANONYMOUS),
        "manager": await _ids(world, Actor(managed_funder_ids=frozenset({world.funder.id}))),
        "viewer": await _ids(world, Actor(viewed_funder_ids=frozenset({world.funder.id}))),
        "stranger": await _ids(world, Actor(managed_funder_ids=frozenset({other_funder.id}))),
        "admin": await _ids(world, ADMIN),
    }

    # Assert
    assert seen["anonymous"] == {published.id}
    assert seen["stranger"] == {published.id}
    assert seen["manager"] == seen["viewer"] == seen["admin"] == {draft.id, published.id}


async def test_filtered_calls_by_kind_theme_funder_language_open_now(world):
    # Arrange
    now = world.now
    second = await make_funder(world.factory, now)
    aap = await world.call(CallStatus.OPEN, themes=["radiology"])
    ami = await world.call(
        CallStatus.PUBLISHED,
        timeline=world.upcoming(),
        kind=CallKind.AMI,
        themes=["oncology"],
        title={"fr": "Seulement en français"},
    )
    joint = await world.call(
        CallStatus.PUBLISHED,
        timeline=world.upcoming(),
        kind=CallKind.JOINT,
        themes=["radiology", "oncology"],
        title={"fr": "Appel franco-allemand", "de": "Deutsch-französischer Aufruf"},
        cap_per_candidacy_cents=None,
        funders=[
            FunderShareInput(world.funder.id, 500_000_00),
            FunderShareInput(second.id, 500_000_00),
        ],
    )

    # Act
    by_kind = await _ids(world, ANONYMOUS, CallFilter(kind=CallKind.AMI))
    by_theme = await _ids(world, ANONYMOUS, CallFilter(theme="oncology"))
    by_funder = await _ids(world, ANONYMOUS, CallFilter(funder_id=second.id))
    by_english = await _ids(world, ANONYMOUS, CallFilter(language=Language.EN))
    by_german = await _ids(world, ANONYMOUS, CallFilter(language=Language.DE))
    open_now = await _ids(world, ANONYMOUS, CallFilter(open_now=True))
    not_open = await _ids(world, ANONYMOUS, CallFilter(open_now=False))
    combined = await _ids(
        world, ANONYMOUS, CallFilter(theme="radiology", funder_id=world.funder.id, open_now=False)
    )

    # Assert
    assert by_kind == {ami.id}
    assert by_theme == {ami.id, joint.id}
    assert by_funder == {joint.id}
    assert by_english == {aap.id}
    assert by_german == {joint.id}
    assert open_now == {aap.id}
    assert not_open == {ami.id, joint.id}
    assert combined == {joint.id}


async def test_filtered_calls_open_now_false_after_deadline(world):
    # Arrange
    call = await world.call(CallStatus.OPEN)
    world.clock.advance(timedelta(days=30))

    # Act
    open_now = await _ids(world, ANONYMOUS, CallFilter(open_now=True))

    # Assert
    assert call.id not in open_now


async def test_page_of_calls_keyset_pages_return_every_call_once_in_deadline_order(world):
    # Arrange: 25 calls, deadlines shared by several calls so the id breaks ties.
    now = world.now
    for i in range(25):
        deadline = now + timedelta(days=10 + (i * 7) % 5, hours=i % 2)
        timeline = TimelineInput("Europe/Paris", now - timedelta(days=1), deadline)
        await world.call(CallStatus.PUBLISHED, timeline=timeline)

    # Act
    pages, after = [], None
    async with world.factory() as session:
        while True:
            page = await queries.page_of_calls(
                session, ANONYMOUS, CallFilter(), now=now, first=10, after=after
            )
            pages.append(page)
            if not page.has_next_page:
                break
            after = page.cursors[-1]

    # Assert
    items = [c for p in pages for c in p.items]
    assert [len(p.items) for p in pages] == [10, 10, 5]
    assert [p.has_previous_page for p in pages] == [False, True, True]
    assert len({c.id for c in items}) == 25
    assert [(c.deadline_at, c.id) for c in items] == sorted((c.deadline_at, c.id) for c in items)


async def test_page_of_calls_bad_cursor_is_input_error(world):
    # Act / Assert
    async with world.factory() as session:
        with pytest.raises(InvalidInput) as caught:
            await queries.page_of_calls(
                session, ANONYMOUS, CallFilter(), now=world.now, first=10, after="not-a-cursor"
            )
    assert caught.value.problems[0].code == "INVALID_CURSOR"


# --- markdown ---------------------------------------------------------------------------------


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The real elements of ``html`` (escaped text is not an element)."""
    collector = _TagCollector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "Texte <script>alert(1)</script> au milieu",
        "[cliquez](javascript:alert(1))",
        "[cliquez](JaVaScRiPt:alert(1))",
        "<javascript:alert(1)>",
        '<a href="javascript:alert(1)">lien</a>',
        "![image](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ],
)
def test_render_markdown_strips_scripts_and_unsafe_links(source):
    # Act
    tags = _tags(render_markdown(source))

    # Assert
    names = [name for name, _ in tags]
    attributes = [(key, (value or "").strip().lower()) for _, attrs in tags for key, value in attrs]
    assert "script" not in names
    assert "img" not in names
    assert not [key for key, _ in attributes if key.startswith("on")]
    assert not [v for k, v in attributes if k in {"href", "src"} and not v.startswith("http")]


def test_render_markdown_keeps_safe_formatting_and_links():
    # Act
    html = render_markdown("Un **appel** : [site](https://example.org)")

    # Assert
    assert "<strong>appel</strong>" in html
    link = dict(next(attrs for name, attrs in _tags(html) if name == "a"))
    assert link["href"] == "https://example.org"
    assert "noopener" in (link["rel"] or "")
