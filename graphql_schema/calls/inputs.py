"""GraphQL inputs for calls and their translation to backend input shapes (no rules here)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry import relay

from backend.accounts.enums import OrganisationKind
from backend.calls import inputs as backend_inputs
from backend.calls.enums import CallKind, CallStatus, QuestionKind
from backend.core.i18n import Language
from graphql_schema.i18n import LocalizedTextInput
from graphql_schema.mutation_support import node_uuid
from graphql_schema.scalars import BigInt


@strawberry.input
class CallFilter:
    kind: CallKind | None = None
    status: CallStatus | None = strawberry.field(
        default=None, description="The status by the clock, as `Call.status` shows it."
    )
    theme: str | None = None
    funder_id: strawberry.ID | None = None
    language: Language | None = strawberry.field(
        default=None, description="Calls published in this language."
    )
    open_now: bool | None = strawberry.field(
        default=None, description="Accepting candidacies now (true) or not (false)."
    )
    search: str | None = strawberry.field(
        default=None,
        description="Words each found in the reference, or in a title or description in any"
        " language, in any order; ignores case and accents (at most 200 characters).",
    )
    as_staff: bool | None = strawberry.field(
        default=None,
        description="Calls you work on as staff (true): funded by a funder you manage or"
        " view for, whose candidacies you read; every call for a platform administrator."
        " false: the others you may read (other funders' public calls).",
    )


@strawberry.input
class ChoiceInput:
    value: str
    label: LocalizedTextInput


@strawberry.input
class QuestionInput:
    key: str
    kind: QuestionKind
    label: LocalizedTextInput
    help_text: LocalizedTextInput | None = None
    required: bool = False
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    choices: list[ChoiceInput] | None = None

    def to_backend(self) -> backend_inputs.QuestionInput:
        return backend_inputs.QuestionInput(
            key=self.key,
            kind=self.kind,
            label=self.label.to_dict(),
            help_text=self.help_text.to_dict() if self.help_text else {},
            required=self.required,
            max_length=self.max_length,
            min_value=self.min_value,
            max_value=self.max_value,
            choices=[
                backend_inputs.ChoiceInput(c.value, c.label.to_dict()) for c in self.choices or []
            ],
        )


@strawberry.input
class CriterionInput:
    key: str
    label: LocalizedTextInput
    weight: Decimal
    scale_min: Decimal
    scale_max: Decimal
    step: Decimal
    threshold: Decimal | None = None

    def to_backend(self) -> backend_inputs.CriterionInput:
        return backend_inputs.CriterionInput(
            key=self.key,
            label=self.label.to_dict(),
            weight=self.weight,
            scale_min=self.scale_min,
            scale_max=self.scale_max,
            step=self.step,
            threshold=self.threshold,
        )


@strawberry.input
class GridInput:
    criteria: list[CriterionInput]
    overall_threshold: Decimal | None = None
    experts_per_candidacy: int = 2
    blind_review: bool = False

    def to_backend(self) -> backend_inputs.GridInput:
        return backend_inputs.GridInput(
            criteria=[c.to_backend() for c in self.criteria],
            overall_threshold=self.overall_threshold,
            experts_per_candidacy=self.experts_per_candidacy,
            blind_review=self.blind_review,
        )


@strawberry.input
class FunderShareInput:
    funder_id: relay.GlobalID
    share_cents: BigInt

    def to_backend(self) -> backend_inputs.FunderShareInput:
        return backend_inputs.FunderShareInput(
            funder_id=node_uuid(self.funder_id, "Funder"), share_cents=int(self.share_cents)
        )


@strawberry.input
class TimelineInput:
    timezone: str = strawberry.field(description="IANA zone, e.g. Europe/Paris or Europe/Berlin.")
    opens_at: datetime
    deadline_at: datetime = strawberry.field(description="An instant with its offset.")
    review_deadline_at: datetime | None = None
    decision_date: date | None = None
    project_start_date: date | None = None

    def to_backend(self) -> backend_inputs.TimelineInput:
        return backend_inputs.TimelineInput(
            timezone=self.timezone,
            opens_at=self.opens_at,
            deadline_at=self.deadline_at,
            review_deadline_at=self.review_deadline_at,
            decision_date=self.decision_date,
            project_start_date=self.project_start_date,
        )


@strawberry.input
class PartnerCountryRuleInput:
    country: str
    min_partners: int = 1


@strawberry.input
class EligibilityInput:
    required_partner_countries: list[PartnerCountryRuleInput] | None = None
    allowed_organisation_kinds: list[OrganisationKind] | None = None
    required_document_keys: list[str] | None = None
    min_duration_months: int | None = None
    max_duration_months: int | None = None
    min_partners: int | None = None
    max_partners: int | None = None

    def to_backend(self) -> dict:
        return {
            "required_partner_countries": [
                {"country": r.country, "min_partners": r.min_partners}
                for r in self.required_partner_countries or []
            ],
            "allowed_organisation_kinds": [k.value for k in self.allowed_organisation_kinds or []],
            "required_document_keys": list(self.required_document_keys or []),
            "min_duration_months": self.min_duration_months,
            "max_duration_months": self.max_duration_months,
            "min_partners": self.min_partners,
            "max_partners": self.max_partners,
        }


@strawberry.input
class CreateCallInput:
    programme_id: relay.GlobalID
    reference: str
    kind: CallKind
    title: LocalizedTextInput
    description: LocalizedTextInput | None = None
    themes: list[str] | None = None
    budget_envelope_cents: BigInt
    cap_per_candidacy_cents: BigInt | None = None
    funders: list[FunderShareInput]
    timeline: TimelineInput
    eligibility: EligibilityInput | None = None
    questions: list[QuestionInput]
    grid: GridInput

    def to_backend(self) -> backend_inputs.CallInput:
        return backend_inputs.CallInput(
            programme_id=node_uuid(self.programme_id, "Programme"),
            reference=self.reference,
            kind=self.kind,
            title=self.title.to_dict(),
            description=self.description.to_dict() if self.description else {},
            themes=list(self.themes or []),
            budget_envelope_cents=int(self.budget_envelope_cents),
            cap_per_candidacy_cents=(
                int(self.cap_per_candidacy_cents)
                if self.cap_per_candidacy_cents is not None
                else None
            ),
            funders=[f.to_backend() for f in self.funders],
            timeline=self.timeline.to_backend(),
            eligibility=self.eligibility.to_backend() if self.eligibility else {},
            questions=[q.to_backend() for q in self.questions],
            grid=self.grid.to_backend(),
        )


@strawberry.input(description="Only the parts given change; lists replace the whole part.")
class UpdateCallInput:
    title: LocalizedTextInput | None = None
    description: LocalizedTextInput | None = None
    themes: list[str] | None = None
    budget_envelope_cents: BigInt | None = None
    cap_per_candidacy_cents: BigInt | None = None
    funders: list[FunderShareInput] | None = None
    timeline: TimelineInput | None = None
    eligibility: EligibilityInput | None = None
    questions: list[QuestionInput] | None = None
    grid: GridInput | None = None

    def to_backend(self) -> backend_inputs.CallChanges:
        return backend_inputs.CallChanges(
            title=self.title.to_dict() if self.title else None,
            description=self.description.to_dict() if self.description else None,
            themes=list(self.themes) if self.themes is not None else None,
            budget_envelope_cents=_opt_int(self.budget_envelope_cents),
            cap_per_candidacy_cents=_opt_int(self.cap_per_candidacy_cents),
            funders=[f.to_backend() for f in self.funders] if self.funders is not None else None,
            timeline=self.timeline.to_backend() if self.timeline else None,
            eligibility=self.eligibility.to_backend() if self.eligibility else None,
            questions=(
                [q.to_backend() for q in self.questions] if self.questions is not None else None
            ),
            grid=self.grid.to_backend() if self.grid else None,
        )


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]
