"""GraphQL types for funders, programmes and calls. Relations go through DataLoaders."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import relay

from backend.accounts.enums import OrganisationKind
from backend.calls import models
from backend.calls.enums import CallKind, CallStatus, CoFundingStatus, QuestionKind
from backend.calls.presentation import in_zone, render_markdown
from backend.calls.rules import effective_status, is_open
from backend.core.i18n import Language, pick_text
from graphql_schema.calls.loaders import CallLoaders
from graphql_schema.i18n import LocalizedText
from graphql_schema.scalars import BigInt

CallKindEnum = strawberry.enum(CallKind, name="CallKind")
CallStatusEnum = strawberry.enum(CallStatus, name="CallStatus")
QuestionKindEnum = strawberry.enum(QuestionKind, name="QuestionKind")
CoFundingStatusEnum = strawberry.enum(CoFundingStatus, name="CoFundingStatus")
OrganisationKindEnum = strawberry.enum(OrganisationKind, name="OrganisationKind")


@strawberry.type(name="Money", description="An amount in integer cents with its currency.")
class MoneyType:
    cents: BigInt
    currency: str


@strawberry.type(name="Funder")
class FunderType(relay.Node):
    id: relay.NodeID[str]
    code: str
    name: str
    country: str

    @classmethod
    def from_model(cls, funder: models.Funder) -> FunderType:
        return cls(id=str(funder.id), code=funder.code, name=funder.name, country=funder.country)


@strawberry.type(name="Programme")
class ProgrammeType(relay.Node):
    id: relay.NodeID[str]
    code: str
    name: str
    funder_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def funder(self, info: strawberry.Info) -> FunderType | None:
        funder = await CallLoaders.of(info).funder.load(self.funder_id)
        return FunderType.from_model(funder) if funder else None

    @classmethod
    def from_model(cls, programme: models.Programme) -> ProgrammeType:
        return cls(
            id=str(programme.id),
            code=programme.code,
            name=programme.name,
            funder_id=programme.funder_id,
        )


@strawberry.type(name="CallFunder")
class CallFunderType:
    share: MoneyType
    status: CoFundingStatusEnum = strawberry.field(  # type: ignore[valid-type]
        description="The funder's answer: a co-funder is a funder of the call (rights, mails)"
        " once ACCEPTED; the programme's own funder is ACCEPTED from the start."
    )
    responded_at: datetime | None
    funder_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def funder(self, info: strawberry.Info) -> FunderType | None:
        funder = await CallLoaders.of(info).funder.load(self.funder_id)
        return FunderType.from_model(funder) if funder else None


@strawberry.type(name="Timeline")
class TimelineType:
    timezone: str = strawberry.field(description="IANA zone in which the call's dates are read.")
    opens_at: datetime
    deadline_at: datetime = strawberry.field(description="The deadline instant, in UTC.")
    deadline_local: datetime = strawberry.field(
        description="The same instant in the call's zone, with its offset."
    )
    review_deadline_at: datetime | None
    decision_date: date | None
    project_start_date: date | None


@strawberry.type(name="PartnerCountryRule")
class PartnerCountryRuleType:
    country: str
    min_partners: int


@strawberry.type(name="EligibilityRules")
class EligibilityRulesType:
    required_partner_countries: list[PartnerCountryRuleType]
    allowed_organisation_kinds: list[OrganisationKindEnum]  # type: ignore[valid-type]
    required_document_keys: list[str]
    min_duration_months: int | None
    max_duration_months: int | None
    min_partners: int | None
    max_partners: int | None

    @classmethod
    def from_json(cls, raw: dict) -> EligibilityRulesType:
        return cls(
            required_partner_countries=[
                PartnerCountryRuleType(country=r["country"], min_partners=r["min_partners"])
                for r in raw.get("required_partner_countries", [])
            ],
            allowed_organisation_kinds=[
                OrganisationKind(k) for k in raw.get("allowed_organisation_kinds", [])
            ],
            required_document_keys=list(raw.get("required_document_keys", [])),
            min_duration_months=raw.get("min_duration_months"),
            max_duration_months=raw.get("max_duration_months"),
            min_partners=raw.get("min_partners"),
            max_partners=raw.get("max_partners"),
        )


@strawberry.type(name="QuestionChoice")
class QuestionChoiceType:
    value: str
    label: LocalizedText


@strawberry.type(name="FormQuestion")
class FormQuestionType:
    key: str
    kind: QuestionKindEnum  # type: ignore[valid-type]
    label: LocalizedText
    help_text: LocalizedText
    required: bool
    max_length: int | None
    min_value: Decimal | None
    max_value: Decimal | None
    choices: list[QuestionChoiceType]

    @classmethod
    def from_model(cls, q: models.FormQuestion) -> FormQuestionType:
        return cls(
            key=q.key,
            kind=q.kind,
            label=LocalizedText.of(q.label),
            help_text=LocalizedText.of(q.help_text),
            required=q.required,
            max_length=q.max_length,
            min_value=q.min_value,
            max_value=q.max_value,
            choices=[
                QuestionChoiceType(value=c["value"], label=LocalizedText.of(c["label"]))
                for c in q.choices
            ],
        )


@strawberry.type(name="EvaluationCriterion")
class CriterionType:
    key: str
    label: LocalizedText
    weight: Decimal
    scale_min: Decimal
    scale_max: Decimal
    step: Decimal
    threshold: Decimal | None

    @classmethod
    def from_model(cls, c: models.EvaluationCriterion) -> CriterionType:
        return cls(
            key=c.key,
            label=LocalizedText.of(c.label),
            weight=c.weight,
            scale_min=c.scale_min,
            scale_max=c.scale_max,
            step=c.step,
            threshold=c.threshold,
        )


@strawberry.type(name="EvaluationGrid")
class EvaluationGridType:
    overall_threshold: Decimal | None
    experts_per_candidacy: int
    blind_review: bool
    call_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def criteria(self, info: strawberry.Info) -> list[CriterionType]:
        rows = await CallLoaders.of(info).call_criteria.load(self.call_id)
        return [CriterionType.from_model(c) for c in rows]


LanguageArg = Annotated[
    Language | None,
    strawberry.argument(description="Preferred language; falls back to fr, then en, then de."),
]


@strawberry.type(name="Call")
class CallType(relay.Node):
    id: relay.NodeID[str]
    reference: str
    kind: CallKindEnum  # type: ignore[valid-type]
    titles: LocalizedText
    descriptions: LocalizedText = strawberry.field(description="Markdown source per language.")
    budget_envelope: MoneyType
    cap_per_candidacy: MoneyType | None
    timeline: TimelineType
    eligibility: EligibilityRulesType
    grid: EvaluationGridType
    published_at: datetime | None
    model: strawberry.Private[models.Call]

    @strawberry.field
    def title(self, language: LanguageArg = None) -> str:
        return pick_text(self.model.title, language) or self.model.reference

    @strawberry.field(description="Sanitised HTML rendered from the Markdown description.")
    def description_html(self, language: LanguageArg = None) -> str:
        return render_markdown(pick_text(self.model.description, language) or "")

    @strawberry.field(description="Languages the call is published in.")
    def languages(self) -> list[Language]:
        return [lang for lang in Language if self.model.title.get(lang.value)]

    @strawberry.field(
        description="The status when the request was received, by the server clock: a"
        " published call is OPEN from its opening and CLOSED from its deadline, to the second,"
        " whether or not the platform's scheduled jobs have run yet."
    )
    def status(self, info: strawberry.Info) -> CallStatusEnum:  # type: ignore[valid-type]
        return effective_status(self.model, now=info.context.now)

    @strawberry.field(description="Accepting candidacies at this instant (server clock).")
    def is_open_now(self, info: strawberry.Info) -> bool:
        return is_open(self.model, now=info.context.now)

    @strawberry.field
    async def programme(self, info: strawberry.Info) -> ProgrammeType | None:
        programme = await CallLoaders.of(info).programme.load(self.model.programme_id)
        return ProgrammeType.from_model(programme) if programme else None

    @strawberry.field
    async def funders(self, info: strawberry.Info) -> list[CallFunderType]:
        rows = await CallLoaders.of(info).call_funders.load(self.model.id)
        return [
            CallFunderType(
                share=MoneyType(cents=r.share_cents, currency=self.model.currency),
                status=r.consent,
                responded_at=r.responded_at,
                funder_id=r.funder_id,
            )
            for r in rows
        ]

    @strawberry.field
    async def themes(self, info: strawberry.Info) -> list[str]:
        return list(await CallLoaders.of(info).call_themes.load(self.model.id))

    @strawberry.field
    async def questions(self, info: strawberry.Info) -> list[FormQuestionType]:
        rows = await CallLoaders.of(info).call_questions.load(self.model.id)
        return [FormQuestionType.from_model(q) for q in rows]

    @classmethod
    def from_model(cls, call: models.Call) -> CallType:
        money = lambda cents: MoneyType(cents=cents, currency=call.currency)  # noqa: E731
        return cls(
            id=str(call.id),
            reference=call.reference,
            kind=call.kind,
            titles=LocalizedText.of(call.title),
            descriptions=LocalizedText.of(call.description),
            budget_envelope=money(call.budget_envelope_cents),
            cap_per_candidacy=(
                money(call.cap_per_candidacy_cents) if call.cap_per_candidacy_cents else None
            ),
            timeline=TimelineType(
                timezone=call.timezone,
                opens_at=call.opens_at,
                deadline_at=call.deadline_at,
                deadline_local=in_zone(call.deadline_at, call.timezone),
                review_deadline_at=call.review_deadline_at,
                decision_date=call.decision_date,
                project_start_date=call.project_start_date,
            ),
            eligibility=EligibilityRulesType.from_json(call.eligibility),
            grid=EvaluationGridType(
                overall_threshold=call.overall_threshold,
                experts_per_candidacy=call.experts_per_candidacy,
                blind_review=call.blind_review,
                call_id=call.id,
            ),
            published_at=call.published_at,
            model=call,
        )
