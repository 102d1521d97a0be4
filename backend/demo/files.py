"""The demo's data files (``backend/demo/data/*.yaml``): their shape, read and checked whole.

One file per concern: ``people.yaml`` (people and organisations), ``funders.yaml`` (funders
and programmes), ``calls.yaml`` (calls with their forms, grids, rules and translations),
``candidacies.yaml``. Files name each other's things by readable keys (a person's ``key``, an
organisation's ``key``, a funder's or programme's ``code``, a call's ``reference`` prefix).

Everything is checked before the database is touched: the shape of each file (unknown or
misspelt keys are refused), then every reference across files. A mistake raises
:class:`DemoDataError` naming the file, where in it, and the offending key, so a person adding
to the demo fixes the data without reading the loader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    JsonValue,
    Tag,
    ValidationError,
    field_validator,
)

from backend.accounts.enums import FUNDER_SCOPED_ROLES, OrganisationKind, Role
from backend.calls.eligibility import EligibilityRules
from backend.calls.enums import CallKind, CallStatus, QuestionKind
from backend.candidacies.enums import BudgetCategory, PartnerRole
from backend.core.i18n import Language
from backend.demo.dates import TimelineData, TimelineField

DATA = files("backend.demo") / "data"
"""Shipped with the package (``tool.setuptools.package-data``), so an installed wheel seeds."""

DEMO_STATUSES = (CallStatus.DRAFT, CallStatus.PUBLISHED, CallStatus.OPEN)
"""The statuses a demo call may be left in (``loader.move_call_to`` walks it there)."""


class DemoDataError(ValueError):
    """A demo data file is malformed or names something that does not exist."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("demo data: " + "; ".join(problems))
        self.problems = problems


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Texts = dict[Language, str]
"""A text in French, English and German: ``{fr: ..., en: ..., de: ...}``."""


def texts(value: Texts) -> dict[str, str]:
    """The plain ``{"fr": ...}`` mapping the services take."""
    return {language.value: text for language, text in value.items()}


# --- people.yaml ------------------------------------------------------------------------------


class GrantData(_Data):
    role: Role
    funder: str | None = None


class PersonData(_Data):
    key: str
    name: str
    language: Language
    role: str
    """How the terminal's table of logins describes them (their roles are ``grants``)."""
    hint: str
    grants: list[GrantData] = Field(default_factory=list)


class OrganisationData(_Data):
    key: str
    name: str
    kind: OrganisationKind
    country: str
    siret: str | None = None
    finess: str | None = None
    registry_id: str | None = None
    admin: str
    members: list[str] = Field(default_factory=list)


class PeopleFile(_Data):
    people: list[PersonData]
    organisations: list[OrganisationData] = Field(default_factory=list)


# --- funders.yaml -----------------------------------------------------------------------------


class ProgrammeData(_Data):
    code: str
    name: str
    manager: str


class FunderData(_Data):
    code: str
    name: str
    country: str
    programmes: list[ProgrammeData] = Field(default_factory=list)


class FundersFile(_Data):
    funders: list[FunderData]


# --- calls.yaml -------------------------------------------------------------------------------


class ChoiceData(_Data):
    value: str
    label: Texts


class QuestionData(_Data):
    key: str
    kind: QuestionKind
    label: Texts
    help_text: Texts = Field(default_factory=dict)
    required: bool = False
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    choices: list[ChoiceData] = Field(default_factory=list)


class IncludeQuestions(_Data):
    """``- include: ami_common``: a shared question set, in place."""

    include: str


def _question_or_include(value: Any) -> str:
    is_include = isinstance(value, IncludeQuestions) or (
        isinstance(value, dict) and "include" in value
    )
    return "include" if is_include else "question"


QuestionItem = Annotated[
    Annotated[QuestionData, Tag("question")] | Annotated[IncludeQuestions, Tag("include")],
    Discriminator(_question_or_include),
]


class ScaleData(_Data):
    min: Decimal
    max: Decimal
    step: Decimal


class CriterionData(_Data):
    key: str
    label: Texts
    weight: Decimal
    threshold: Decimal | None = None


class GridData(_Data):
    scale: ScaleData
    """The scale every criterion of the grid is scored on."""
    criteria: list[CriterionData]
    overall_threshold: Decimal | None = None
    experts_per_candidacy: int = 2
    blind_review: bool = False


class ShareData(_Data):
    funder: str
    eur: int
    accepted_by: str | None = None
    """The co-funder's manager who accepts the share before the call is published."""


class CallData(_Data):
    reference: str
    """The call's key: its reference without the year (``IMPACT-IA``)."""
    reference_year_of: TimelineField
    programme: str
    status: CallStatus
    kind: CallKind
    title: Texts
    description: Texts
    then: list[str] = Field(default_factory=list)
    """Shared ``texts`` appended to the description, in order."""
    themes: list[str] = Field(default_factory=list)
    budget_eur: int
    cap_per_candidacy_eur: int | None = None
    funders: list[ShareData]
    timeline: TimelineData
    eligibility: EligibilityRules = Field(default_factory=EligibilityRules)
    questions: list[QuestionItem]
    grid: GridData | str
    """A grid, or the name of a shared one."""

    @field_validator("status")
    @classmethod
    def _reachable(cls, value: CallStatus) -> CallStatus:
        if value not in DEMO_STATUSES:
            raise ValueError(f"a demo call is left {', '.join(DEMO_STATUSES)}, not {value}")
        return value


class CallsFile(_Data):
    notice: Texts
    """Ends every description: the demo's amounts and dates are illustrative."""
    texts: dict[str, Texts] = Field(default_factory=dict)
    question_sets: dict[str, list[QuestionData]] = Field(default_factory=dict)
    grids: dict[str, GridData] = Field(default_factory=dict)
    calls: list[CallData]

    def description(self, call: CallData) -> dict[str, str]:
        """The call's own text, then its shared texts, then the demo notice."""
        parts = [call.description, *(self.texts[name] for name in call.then)]
        return {
            language.value: "\n\n".join(
                [*(part[language].strip() for part in parts), self.notice[language]]
            )
            for language in call.description
        }

    def questions(self, call: CallData) -> list[QuestionData]:
        """The call's questions with shared sets spliced in where they are included."""
        out: list[QuestionData] = []
        for item in call.questions:
            out += (
                self.question_sets[item.include] if isinstance(item, IncludeQuestions) else [item]
            )
        return out

    def grid(self, call: CallData) -> GridData:
        return self.grids[call.grid] if isinstance(call.grid, str) else call.grid


# --- candidacies.yaml -------------------------------------------------------------------------


class PartnerData(_Data):
    organisation: str
    role: PartnerRole
    requested_eur: int
    accepted_by: str | None = None
    """The partner organisation's member who accepts the lead's invitation."""


class BudgetLineData(_Data):
    organisation: str
    category: BudgetCategory
    eur: int
    label: str = ""


class CandidacyData(_Data):
    call: str
    lead: str
    """The lead organisation's key; its admin creates and fills in the DRAFT."""
    title: str
    acronym: str | None = None
    duration_months: int | None = None
    partners: list[PartnerData] = Field(default_factory=list)
    budget: list[BudgetLineData] = Field(default_factory=list)
    answers: dict[str, JsonValue] = Field(default_factory=dict)


class CandidaciesFile(_Data):
    candidacies: list[CandidacyData] = Field(default_factory=list)


# --- The whole demo ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoData:
    """Every demo file, each checked, with every cross-file reference resolved."""

    people: PeopleFile
    funders: FundersFile
    calls: CallsFile
    candidacies: CandidaciesFile

    def organisation(self, key: str) -> OrganisationData:
        return next(o for o in self.people.organisations if o.key == key)

    def call(self, reference: str) -> CallData:
        return next(c for c in self.calls.calls if c.reference == reference)


@cache
def demo_data() -> DemoData:
    """The shipped demo, read once per process."""
    return load_demo_data(DATA)


def load_demo_data(directory: Traversable) -> DemoData:
    """Read and check every file of ``directory``; :class:`DemoDataError` lists what is wrong."""
    data = DemoData(
        people=_read(directory, "people.yaml", PeopleFile),
        funders=_read(directory, "funders.yaml", FundersFile),
        calls=_read(directory, "calls.yaml", CallsFile),
        candidacies=_read(directory, "candidacies.yaml", CandidaciesFile),
    )
    problems = _References(data).problems()
    if problems:
        raise DemoDataError(problems)
    return data


_File = TypeVar("_File", bound=_Data)


def _read(directory: Traversable, name: str, shape: type[_File]) -> _File:
    try:
        raw = yaml.safe_load((directory / name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError([f"{name}: missing"]) from None
    except yaml.YAMLError as exc:
        raise DemoDataError([f"{name}: not valid YAML: {exc}"]) from None
    try:
        return shape.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        raise DemoDataError(
            [f"{name}: {_where(error['loc'])}: {error['msg']}" for error in exc.errors()]
        ) from None


def _where(loc: Iterable[int | str]) -> str:
    """``("calls", 2, "title")`` as ``calls[2].title``, the way the file is read."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "(top level)"


class _References:
    """Every key a file names must exist where it points; keys must be unique where defined."""

    def __init__(self, data: DemoData) -> None:
        self.data = data
        self.found: list[str] = []
        people, funders, calls = data.people, data.funders.funders, data.calls
        self.known = {
            "person": self._keys("people.yaml", "people", [p.key for p in people.people]),
            "organisation": self._keys(
                "people.yaml", "organisations", [o.key for o in people.organisations]
            ),
            "funder": self._keys("funders.yaml", "funders", [f.code for f in funders]),
            "programme": self._keys(
                "funders.yaml", "programmes", [p.code for f in funders for p in f.programmes]
            ),
            "call": self._keys("calls.yaml", "calls", [c.reference for c in calls.calls]),
            "text": set(calls.texts),
            "question set": set(calls.question_sets),
            "grid": set(calls.grids),
        }

    def problems(self) -> list[str]:
        self._check_people()
        self._check_funders()
        self._check_calls()
        self._check_candidacies()
        return self.found

    def _keys(self, file: str, what: str, keys: list[str]) -> set[str]:
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                self.found.append(f"{file}: {what}: the key {key!r} is given twice")
            seen.add(key)
        return seen

    def _ref(self, file: str, where: str, key: str | None, kind: str) -> None:
        if key is not None and key not in self.known[kind]:
            self.found.append(f"{file}: {where}: no {kind} has the key {key!r}")

    def _check_people(self) -> None:
        people = self.data.people.people
        if not people or [g.role for g in people[0].grants] != [Role.PLATFORM_ADMIN]:
            self.found.append(
                "people.yaml: people[0]: the first person must be the platform admin "
                "(grants: [{role: PLATFORM_ADMIN}] only): it creates the others"
            )
        for i, person in enumerate(people):
            for j, grant in enumerate(person.grants):
                where = f"people[{i}].grants[{j}]"
                if (grant.funder is None) == (grant.role in FUNDER_SCOPED_ROLES):
                    self.found.append(
                        f"people.yaml: {where}: {grant.role} "
                        + ("needs a funder" if grant.funder is None else "takes no funder")
                    )
                self._ref("people.yaml", f"{where}.funder", grant.funder, "funder")
        for i, org in enumerate(self.data.people.organisations):
            self._ref("people.yaml", f"organisations[{i}].admin", org.admin, "person")
            for j, member in enumerate(org.members):
                self._ref("people.yaml", f"organisations[{i}].members[{j}]", member, "person")

    def _check_funders(self) -> None:
        for i, funder in enumerate(self.data.funders.funders):
            for j, programme in enumerate(funder.programmes):
                where = f"funders[{i}].programmes[{j}].manager"
                self._ref("funders.yaml", where, programme.manager, "person")

    def _check_calls(self) -> None:
        file = "calls.yaml"
        for i, call in enumerate(self.data.calls.calls):
            where = f"calls[{i}]"
            self._ref(file, f"{where}.programme", call.programme, "programme")
            for j, name in enumerate(call.then):
                self._ref(file, f"{where}.then[{j}]", name, "text")
            for j, share in enumerate(call.funders):
                self._ref(file, f"{where}.funders[{j}].funder", share.funder, "funder")
                self._ref(file, f"{where}.funders[{j}].accepted_by", share.accepted_by, "person")
            for j, item in enumerate(call.questions):
                if isinstance(item, IncludeQuestions):
                    self._ref(file, f"{where}.questions[{j}].include", item.include, "question set")
            if isinstance(call.grid, str):
                self._ref(file, f"{where}.grid", call.grid, "grid")

    def _check_candidacies(self) -> None:
        file = "candidacies.yaml"
        for i, candidacy in enumerate(self.data.candidacies.candidacies):
            where = f"candidacies[{i}]"
            self._ref(file, f"{where}.call", candidacy.call, "call")
            self._ref(file, f"{where}.lead", candidacy.lead, "organisation")
            for j, partner in enumerate(candidacy.partners):
                at = f"{where}.partners[{j}]"
                self._ref(file, f"{at}.organisation", partner.organisation, "organisation")
                self._ref(file, f"{at}.accepted_by", partner.accepted_by, "person")
            for j, line in enumerate(candidacy.budget):
                self._ref(
                    file, f"{where}.budget[{j}].organisation", line.organisation, "organisation"
                )
