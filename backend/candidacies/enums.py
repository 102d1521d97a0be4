from enum import StrEnum


class CandidacyStatus(StrEnum):
    DRAFT = "DRAFT"
    """Being prepared, never submitted."""
    SUBMITTED = "SUBMITTED"
    """At least one version submitted; the last submitted version is the one that counts."""
    WITHDRAWN = "WITHDRAWN"
    NOT_SUBMITTED = "NOT_SUBMITTED"
    """A draft when the call closed: kept, read-only."""


EDITABLE_STATUSES = frozenset({CandidacyStatus.DRAFT, CandidacyStatus.SUBMITTED})


class PartnerRole(StrEnum):
    LEAD = "LEAD"
    PARTNER = "PARTNER"
    SUBCONTRACTOR = "SUBCONTRACTOR"


class BudgetCategory(StrEnum):
    STAFF = "STAFF"
    EQUIPMENT = "EQUIPMENT"
    SUBCONTRACTING = "SUBCONTRACTING"
    OTHER_DIRECT_COSTS = "OTHER_DIRECT_COSTS"
    INDIRECT_COSTS = "INDIRECT_COSTS"


class EligibilityDecision(StrEnum):
    PENDING = "PENDING"
    ELIGIBLE = "ELIGIBLE"
    INELIGIBLE = "INELIGIBLE"
