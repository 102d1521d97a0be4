"""Plain input shapes for call services, and the validation that applies to all transports.

Validation collects every problem before raising one :class:`InvalidInput`, so a manager
fixing a form sees all that is wrong at once. Field names are the GraphQL input's camelCase
paths (``questions[2].maxLength``), the names the front-end shows errors against.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from backend.calls.eligibility import EligibilityRules
from backend.calls.enums import CHOICE_KINDS, CallKind, QuestionKind
from backend.core.bounds import check_amount, check_decimal, check_year
from backend.core.errors import FieldProblem, InvalidInput
from backend.core.i18n import Language
from backend.core.text import long_text, one_line

KEY_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,63}\Z")
REFERENCE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9-]{2,39}\Z")
MAX_TITLE = 300
MAX_DESCRIPTION = 50_000
MAX_TEXT_ANSWER = 100_000
MAX_EXPERTS = 10
SCORE_COLUMN = {"digits": 8, "places": 2}
"""``NUMERIC(8, 2)``: criteria weights, scales, steps and thresholds."""
BOUND_COLUMN = {"digits": 18, "places": 4}
"""``NUMERIC(18, 4)``: a number question's minimum and maximum."""


@dataclass(frozen=True)
class ChoiceInput:
    value: str
    label: dict[str, str]


@dataclass(frozen=True)
class QuestionInput:
    key: str
    kind: QuestionKind
    label: dict[str, str]
    help_text: dict[str, str] = field(default_factory=dict)
    required: bool = False
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    choices: list[ChoiceInput] = field(default_factory=list)


@dataclass(frozen=True)
class CriterionInput:
    key: str
    label: dict[str, str]
    weight: Decimal
    scale_min: Decimal
    scale_max: Decimal
    step: Decimal
    threshold: Decimal | None = None


@dataclass(frozen=True)
class FunderShareInput:
    funder_id: uuid.UUID
    share_cents: int


@dataclass(frozen=True)
class TimelineInput:
    timezone: str
    opens_at: datetime
    deadline_at: datetime
    review_deadline_at: datetime | None = None
    decision_date: date | None = None
    project_start_date: date | None = None


@dataclass(frozen=True)
class GridInput:
    criteria: list[CriterionInput]
    overall_threshold: Decimal | None = None
    experts_per_candidacy: int = 2
    blind_review: bool = False


@dataclass(frozen=True)
class CallInput:
    """Everything a call is made of; ``create_call`` takes it whole."""

    programme_id: uuid.UUID
    reference: str
    kind: CallKind
    title: dict[str, str]
    description: dict[str, str]
    themes: list[str]
    budget_envelope_cents: int
    cap_per_candidacy_cents: int | None
    funders: list[FunderShareInput]
    timeline: TimelineInput
    eligibility: dict[str, Any]
    questions: list[QuestionInput]
    grid: GridInput
    currency: str = "EUR"


@dataclass(frozen=True)
class CallChanges:
    """A partial edit: ``None`` leaves a part unchanged; lists replace the whole part."""

    title: dict[str, str] | None = None
    description: dict[str, str] | None = None
    themes: list[str] | None = None
    budget_envelope_cents: int | None = None
    cap_per_candidacy_cents: int | None = None
    funders: list[FunderShareInput] | None = None
    timeline: TimelineInput | None = None
    eligibility: dict[str, Any] | None = None
    questions: list[QuestionInput] | None = None
    grid: GridInput | None = None

    STRUCTURAL = (
        "budget_envelope_cents",
        "cap_per_candidacy_cents",
        "funders",
        "timeline",
        "eligibility",
        "questions",
        "grid",
    )

    def structural_fields(self) -> list[str]:
        return [name for name in self.STRUCTURAL if getattr(self, name) is not None]


def check_texts(
    problems: list[FieldProblem],
    path: str,
    texts: dict[str, str],
    *,
    limit: int,
    required: bool,
    multiline: bool = False,
) -> dict[str, str]:
    """Keep known languages, clean (:mod:`backend.core.text`: one line unless ``multiline``),
    refuse over-long texts; ``required`` wants fr or en."""
    clean: dict[str, str] = {}
    for lang, text in texts.items():
        if lang not in {language.value for language in Language}:
            problems.append(FieldProblem(f"{path}.{lang}", "language must be fr, en or de"))
            continue
        text = long_text(text) if multiline else one_line(text)
        if len(text) > limit:
            problems.append(FieldProblem(f"{path}.{lang}", f"at most {limit} characters"))
        elif text:
            clean[lang] = text
    if required and not (clean.get("fr") or clean.get("en")):
        problems.append(FieldProblem(path, "give at least a French or an English text", "REQUIRED"))
    return clean


def clean_texts(texts: dict[str, str], *, multiline: bool = False) -> dict[str, str]:
    """The texts as :func:`check_texts` keeps them (cleaned, empty ones dropped), for parts
    whose problems were reported already."""
    clean = {lang: long_text(t) if multiline else one_line(t) for lang, t in texts.items()}
    return {lang: text for lang, text in clean.items() if text}


def check_long_texts(
    problems: list[FieldProblem], path: str, texts: dict[str, str]
) -> dict[str, str]:
    """A call's description: optional, multi-line, up to :data:`MAX_DESCRIPTION` characters."""
    return check_texts(problems, path, texts, limit=MAX_DESCRIPTION, required=False, multiline=True)


def check_reference(problems: list[FieldProblem], reference: str) -> str:
    reference = reference.strip().upper()
    if not REFERENCE_PATTERN.match(reference):
        problems.append(
            FieldProblem("reference", "3 to 40 capital letters, digits or hyphens", "FORMAT")
        )
    return reference


def check_themes(problems: list[FieldProblem], themes: list[str]) -> list[str]:
    clean = sorted({t.strip().lower() for t in themes})
    for theme in clean:
        if not KEY_PATTERN.match(theme):
            problems.append(FieldProblem("themes", f"{theme!r} is not a theme code", "FORMAT"))
    if len(clean) > 20:
        problems.append(FieldProblem("themes", "at most 20 themes"))
    return clean


def check_budget(
    problems: list[FieldProblem],
    envelope: int,
    cap: int | None,
    funders: list[FunderShareInput] | None,
) -> None:
    if envelope <= 0:
        problems.append(FieldProblem("budgetEnvelopeCents", "must be positive"))
    check_amount(problems, "budgetEnvelopeCents", envelope)
    if cap is not None and not 0 < cap <= envelope:
        problems.append(
            FieldProblem("capPerCandidacyCents", "must be positive and within the envelope")
        )
    if funders is None:
        return
    if not funders:
        problems.append(FieldProblem("funders", "a call needs at least one funder", "REQUIRED"))
    if len({f.funder_id for f in funders}) != len(funders):
        problems.append(FieldProblem("funders", "a funder is listed twice", "DUPLICATE"))
    for i, share in enumerate(funders):
        if share.share_cents <= 0:
            problems.append(FieldProblem(f"funders[{i}].shareCents", "must be positive"))
    if funders and sum(f.share_cents for f in funders) != envelope:
        problems.append(
            FieldProblem("funders", "the funders' shares must add up to the envelope", "SHARES")
        )


def check_timeline(problems: list[FieldProblem], timeline: TimelineInput, *, now: datetime) -> None:
    """Check a timeline as entered at ``now``: a deadline already past is refused here, where
    it is typed, not first at publication. An opening in the past is fine: a call published
    after its opening opens at once, and so does one whose opening is moved into the past."""
    zone: ZoneInfo | None = None
    try:
        zone = ZoneInfo(timeline.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(FieldProblem("timeline.timezone", "not an IANA time zone", "TIME_ZONE"))
    instants = {
        "opensAt": timeline.opens_at,
        "deadlineAt": timeline.deadline_at,
        "reviewDeadlineAt": timeline.review_deadline_at,
    }
    days = {"decisionDate": timeline.decision_date, "projectStartDate": timeline.project_start_date}
    in_range = [check_year(problems, f"timeline.{k}", d) for k, d in (instants | days).items()]
    if not all(in_range):
        return  # comparing (and zoning) a year 1 or 9999 could overflow
    naive = {name for name, value in instants.items() if value is not None and value.tzinfo is None}
    for name in sorted(naive):
        problems.append(FieldProblem(f"timeline.{name}", "give an offset (or Z)", "NAIVE"))
    # Compare only aware instants, so a naive one does not hide the other problems.
    if not naive & {"opensAt", "deadlineAt"} and timeline.opens_at >= timeline.deadline_at:
        problems.append(FieldProblem("timeline.deadlineAt", "must come after the opening"))
    if "deadlineAt" not in naive and timeline.deadline_at <= now:
        problems.append(
            FieldProblem("timeline.deadlineAt", "the deadline has already passed", "IN_THE_PAST")
        )
    review = timeline.review_deadline_at
    if (
        review is not None
        and not naive & {"deadlineAt", "reviewDeadlineAt"}
        and review <= timeline.deadline_at
    ):
        problems.append(FieldProblem("timeline.reviewDeadlineAt", "must come after the deadline"))
    # Dates are read in the call's zone: 31 July 23:59:59 Paris is 31 July, not 1 August UTC.
    deadline_day = (
        timeline.deadline_at.astimezone(zone).date()
        if zone is not None and "deadlineAt" not in naive
        else timeline.deadline_at.date()
    )
    decision, start = timeline.decision_date, timeline.project_start_date
    if decision is not None and decision < deadline_day:
        problems.append(FieldProblem("timeline.decisionDate", "must not precede the deadline"))
    if start is not None and start < (decision or deadline_day):
        problems.append(
            FieldProblem("timeline.projectStartDate", "must not precede the decision or deadline")
        )


def check_eligibility(problems: list[FieldProblem], raw: dict[str, Any]) -> dict[str, Any]:
    try:
        return EligibilityRules.model_validate(raw).model_dump(mode="json")
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            problems.append(FieldProblem(f"eligibility.{where}".rstrip("."), error["msg"]))
        return {}


def check_questions(problems: list[FieldProblem], questions: list[QuestionInput]) -> None:
    keys = [q.key for q in questions]
    if len(set(keys)) != len(keys):
        problems.append(FieldProblem("questions", "two questions share a key", "DUPLICATE"))
    for i, q in enumerate(questions):
        path = f"questions[{i}]"
        if not KEY_PATTERN.match(q.key):
            problems.append(FieldProblem(f"{path}.key", "lower-case letters, digits, - or _"))
        check_texts(problems, f"{path}.label", q.label, limit=MAX_TITLE, required=True)
        check_texts(
            problems, f"{path}.helpText", q.help_text, limit=2000, required=False, multiline=True
        )
        _check_question_shape(problems, path, q)


def _check_question_shape(problems: list[FieldProblem], path: str, q: QuestionInput) -> None:
    if q.kind is QuestionKind.TEXT and not (q.max_length and 0 < q.max_length <= MAX_TEXT_ANSWER):
        problems.append(
            FieldProblem(f"{path}.maxLength", f"text questions need 1 to {MAX_TEXT_ANSWER}")
        )
    if q.kind is not QuestionKind.TEXT and q.max_length is not None:
        problems.append(FieldProblem(f"{path}.maxLength", "only text questions have one"))
    if q.kind in CHOICE_KINDS:
        values = [c.value for c in q.choices]
        if len(values) < 2 or len(set(values)) != len(values):
            problems.append(FieldProblem(f"{path}.choices", "at least two distinct choices"))
        for j, choice in enumerate(q.choices):
            check_texts(
                problems, f"{path}.choices[{j}].label", choice.label, limit=200, required=True
            )
    elif q.choices:
        problems.append(FieldProblem(f"{path}.choices", "only choice questions have choices"))
    bounded = q.min_value is not None or q.max_value is not None
    if bounded and q.kind is not QuestionKind.NUMBER:
        problems.append(FieldProblem(f"{path}.minValue", "only number questions have bounds"))
    if q.min_value is not None and q.max_value is not None and q.min_value > q.max_value:
        problems.append(FieldProblem(f"{path}.maxValue", "must not be below the minimum"))
    for name, bound in (("minValue", q.min_value), ("maxValue", q.max_value)):
        check_decimal(problems, f"{path}.{name}", bound, **BOUND_COLUMN)


def check_grid(problems: list[FieldProblem], grid: GridInput) -> None:
    keys = [c.key for c in grid.criteria]
    if len(set(keys)) != len(keys):
        problems.append(FieldProblem("grid.criteria", "two criteria share a key", "DUPLICATE"))
    if not 1 <= grid.experts_per_candidacy <= MAX_EXPERTS:
        problems.append(
            FieldProblem("grid.expertsPerCandidacy", f"between 1 and {MAX_EXPERTS} experts")
        )
    for i, c in enumerate(grid.criteria):
        _check_criterion(problems, f"grid.criteria[{i}]", c)
    check_decimal(problems, "grid.overallThreshold", grid.overall_threshold, **SCORE_COLUMN)
    if grid.overall_threshold is not None and grid.criteria:
        top = max(c.scale_max for c in grid.criteria)
        if not Decimal(0) <= grid.overall_threshold <= top:
            problems.append(FieldProblem("grid.overallThreshold", "must lie within the scales"))


def _check_criterion(problems: list[FieldProblem], path: str, c: CriterionInput) -> None:
    if not KEY_PATTERN.match(c.key):
        problems.append(FieldProblem(f"{path}.key", "lower-case letters, digits, - or _"))
    check_texts(problems, f"{path}.label", c.label, limit=MAX_TITLE, required=True)
    numbers = {"weight": c.weight, "scaleMin": c.scale_min, "scaleMax": c.scale_max}
    found: list[FieldProblem] = []
    for name, number in (numbers | {"step": c.step, "threshold": c.threshold}).items():
        check_decimal(found, f"{path}.{name}", number, **SCORE_COLUMN)
    if found:  # 1e40 % 1e-40 would raise InvalidOperation below
        problems.extend(found)
        return
    if c.weight <= 0:
        problems.append(FieldProblem(f"{path}.weight", "must be positive"))
    if c.scale_min >= c.scale_max:
        problems.append(FieldProblem(f"{path}.scaleMax", "must be above the minimum"))
    elif c.step <= 0 or (c.scale_max - c.scale_min) % c.step != 0:
        problems.append(FieldProblem(f"{path}.step", "must divide the scale evenly"))
    if c.threshold is not None and not c.scale_min <= c.threshold <= c.scale_max:
        problems.append(FieldProblem(f"{path}.threshold", "must lie within the scale"))


def raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise InvalidInput(problems)
