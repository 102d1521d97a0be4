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


class PartnerStatus(StrEnum):
    """Where an organisation stands in a consortium: named by the lead, it consents or not."""

    PENDING = "PENDING"
    """Invited by the lead; its admins have not answered. Not a partner yet."""
    ACCEPTED = "ACCEPTED"
    """Its admins accepted: its members read the candidacy."""
    DECLINED = "DECLINED"


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
