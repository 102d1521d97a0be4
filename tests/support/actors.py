"""The actor kinds the rule tables (``tests/backend/<domain>/test_*_rules.py``) range over.

One small world, in memory: a call funded by ``FUNDER`` (its programme's funder) and
``CO_FUNDER`` (a co-funder that accepted), with ``PENDING_CO_FUNDER`` invited and not yet
answered; a candidacy led by ``LEAD_ORG`` with ``PARTNER_ORG`` an accepted partner,
``PENDING_ORG`` invited and ``DECLINED_ORG`` having declined. Each actor is who a request
would build (``accounts.services.build_actor``) for that kind of person, so a table reads
"who" against "what" without a database.

A table is a dict from every name of :data:`ACTORS` to its expected answers, one per object
column: :func:`cases` refuses a table that forgets an actor kind, so a new kind of actor has
to be decided for every predicate.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from backend.core.auth import ANONYMOUS, SCHEDULER, SYSTEM, Actor

FUNDER = uuid.UUID("00000000-0000-4000-8000-00000000f001")
CO_FUNDER = uuid.UUID("00000000-0000-4000-8000-00000000f002")
PENDING_CO_FUNDER = uuid.UUID("00000000-0000-4000-8000-00000000f003")
OTHER_FUNDER = uuid.UUID("00000000-0000-4000-8000-00000000f004")
CALL_FUNDER_IDS = frozenset({FUNDER, CO_FUNDER})
"""The call's funders as the loaders give them: the ``call_funder`` rows that ACCEPTED."""

LEAD_ORG = uuid.UUID("00000000-0000-4000-8000-00000000a001")
PARTNER_ORG = uuid.UUID("00000000-0000-4000-8000-00000000a002")
PENDING_ORG = uuid.UUID("00000000-0000-4000-8000-00000000a003")
DECLINED_ORG = uuid.UUID("00000000-0000-4000-8000-00000000a004")
OTHER_ORG = uuid.UUID("00000000-0000-4000-8000-00000000a005")


def _user(n: int, **rights: Any) -> Actor:
    return Actor(user_id=uuid.UUID(int=n), email=f"user{n}@example.org", **rights)


ACTORS: dict[str, Actor] = {
    "platform_admin": _user(1, is_platform_admin=True),
    "funder_manager": _user(2, managed_funder_ids=frozenset({FUNDER})),
    "co_funder_manager": _user(3, managed_funder_ids=frozenset({CO_FUNDER})),
    "pending_co_funder_manager": _user(4, managed_funder_ids=frozenset({PENDING_CO_FUNDER})),
    "other_funder_manager": _user(5, managed_funder_ids=frozenset({OTHER_FUNDER})),
    "viewer": _user(6, viewed_funder_ids=frozenset({FUNDER})),
    "expert": _user(7, is_expert=True),
    "lead_admin": _user(8, organisation_ids=frozenset({LEAD_ORG})),
    "lead_member": _user(9, organisation_ids=frozenset({LEAD_ORG})),
    "partner_member": _user(10, organisation_ids=frozenset({PARTNER_ORG})),
    "pending_partner_member": _user(11, organisation_ids=frozenset({PENDING_ORG})),
    "declined_partner_member": _user(12, organisation_ids=frozenset({DECLINED_ORG})),
    "unrelated_user": _user(13, organisation_ids=frozenset({OTHER_ORG})),
    "anonymous": ANONYMOUS,
    "system": SYSTEM,
    "scheduler": SCHEDULER,
}

ORG_ADMIN_OF: dict[str, frozenset[uuid.UUID]] = {"lead_admin": frozenset({LEAD_ORG})}
"""The organisations whose ADMIN membership each actor holds (the database's answer that
``accounts.rules.can_manage_organisation`` is given as ``is_org_admin``)."""


def cases(table: Mapping[str, Sequence[bool]], columns: Sequence[str]) -> list[Any]:
    """``pytest.param(actor_name, column, expected)`` for every cell of an actor table.

    Fails at collection when the table misses an actor kind (or names an unknown one).
    """
    missing = set(ACTORS) - set(table)
    unknown = set(table) - set(ACTORS)
    if missing or unknown:
        raise ValueError(f"table rows: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return cells(table, columns)


def cells(table: Mapping[Any, Sequence[Any]], columns: Sequence[str]) -> list[Any]:
    """``pytest.param(row, column, expected)`` for every cell of ``table``, whose rows each
    give one expected answer per column (fails at collection on a row of the wrong width)."""
    params = []
    for row, answers in table.items():
        if len(answers) != len(columns):
            raise ValueError(f"row {row!r} has {len(answers)} answers for {len(columns)} columns")
        for column, expected in zip(columns, answers, strict=True):
            params.append(pytest.param(row, column, expected, id=f"{row}-{column}"))
    return params
