"""Import every table module so ``SQLModel.metadata`` knows all tables (Alembic, tests)."""

from backend.accounts import models as accounts_models
from backend.calls import models as calls_models
from backend.candidacies import models as candidacies_models
from backend.core import audit
from backend.notifications import models as notifications_models

__all__ = [
    "accounts_models",
    "audit",
    "calls_models",
    "candidacies_models",
    "notifications_models",
]
