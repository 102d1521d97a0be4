"""Structured eligibility rules of a call, stored as JSON on the call.

They are data, not code, so the submission check (a later issue) and the public call page read
the same rules: for the Franco-German call, ``required_partner_countries`` holds FR >= 1 and
DE >= 1.
"""

from __future__ import annotations

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from backend.accounts.enums import OrganisationKind
from backend.core.countries import is_country_code


class CountryRequirement(BaseModel):
    model_config = ConfigDict(frozen=True)

    country: str
    min_partners: int = Field(default=1, ge=1, le=50)

    @field_validator("country")
    @classmethod
    def _iso_country(cls, value: str) -> str:
        value = value.strip().upper()
        if not is_country_code(value):
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
        return value


class EligibilityRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    required_partner_countries: list[CountryRequirement] = Field(default_factory=list)
    allowed_organisation_kinds: list[OrganisationKind] = Field(default_factory=list)
    """Empty means every kind may apply."""
    required_document_keys: list[str] = Field(default_factory=list)
    """Keys of the call's FILE questions that must carry a document."""
    min_duration_months: int | None = Field(default=None, ge=1, le=120)
    max_duration_months: int | None = Field(default=None, ge=1, le=120)
    min_partners: int | None = Field(default=None, ge=1, le=100)
    max_partners: int | None = Field(default=None, ge=1, le=100)

    @field_validator("max_duration_months", "max_partners")
    @classmethod
    def _bounds_in_order(cls, value: int | None, info: ValidationInfo) -> int | None:
        """A field check (not a model one), so it is reported even when another rule is wrong."""
        low_name = info.field_name.replace("max_", "min_") if info.field_name else ""
        low = info.data.get(low_name)
        if value is not None and low is not None and low > value:
            raise ValueError(f"{low_name} is greater than {info.field_name}")
        return value

    @model_validator(mode="after")
    def _countries_once(self) -> EligibilityRules:
        countries = [r.country for r in self.required_partner_countries]
        if len(countries) != len(set(countries)):
            raise ValueError("a country is required twice")
        return self
