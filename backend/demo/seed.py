"""The demo: funders, programmes, calls, organisations, accounts and a candidacy for a newcomer.

The demo is data (``backend/demo/data/*.yaml``, read and checked by :mod:`backend.demo.files`)
seeded through the real services by :mod:`backend.demo.loader`, so it passes the same
validation and permission checks as real data and leaves audit entries that the worker (or
``aap audit seal``) chains into a verifiable audit chain. It is written in one unit of work: a
failure leaves no half-seeded database behind.

Dates are relative to ``now``, so the demo always has an OPEN call: *AAP Impact IA* opened
ten days ago and closes in six weeks; the Franco-German call is PUBLISHED and opens in a week;
the DGOS/Anap AMI calls close on the next 31 July at 23:59:59 Paris time, one OPEN and one
still DRAFT for the demo manager to publish. Identifiers are real public ones (AP-HP's SIRET
and FINESS, Mistral AI's SIRET, the Charité's VAT number), because the services check them;
amounts are illustrative and every description says so.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.errors import EmailAlreadyUsed
from backend.accounts.models import User
from backend.core.clock import ensure_utc, utcnow
from backend.core.db import SessionFactory, unit_of_work
from backend.core.settings import get_settings
from backend.demo.dates import resolve_timeline
from backend.demo.files import demo_data
from backend.demo.loader import DEMO_DOMAIN, DEMO_PASSWORD, email_of, seed_data

__all__ = [
    "AMI_EMERGENCY",
    "AMI_WORKING_TIME",
    "DEMO_DOMAIN",
    "DEMO_PASSWORD",
    "FRANCO_GERMAN",
    "IMPACT_IA",
    "DemoAccount",
    "DemoRefusedInProduction",
    "ami_deadline",
    "demo_accounts",
    "print_accounts",
    "seed_demo_data",
]

IMPACT_IA = "IMPACT-IA"
FRANCO_GERMAN = "FRDE-KI-DM"
AMI_EMERGENCY = "AMI-IA-URG"
AMI_WORKING_TIME = "AMI-IA-GTT"
"""Reference prefixes of the demo calls (their keys in ``calls.yaml``); the year follows."""


class DemoRefusedInProduction(RuntimeError):
    """The demo's passwords are public: seeding them into production would open accounts."""


@dataclass(frozen=True)
class DemoAccount:
    """A demo login as the terminal shows it after ``make run``."""

    email: str
    password: str
    role: str
    hint: str


def demo_accounts() -> list[DemoAccount]:
    """The logins the demo creates, in the order the terminal lists them."""
    return [
        DemoAccount(email_of(person), DEMO_PASSWORD, person.role, person.hint)
        for person in demo_data().people.people
    ]


def ami_deadline(now: datetime) -> datetime:
    """The AMI calls' deadline for a demo seeded at ``now``: the next 31 July at 23:59:59 Paris
    time that is still ahead of ``now`` (after this year's, next year's, however far)."""
    return resolve_timeline(demo_data().call(AMI_EMERGENCY).timeline, now).deadline_at


async def seed_demo_data(
    factory: SessionFactory, only_if_empty: bool = False, *, now: datetime | None = None
) -> list[DemoAccount]:
    """Create the whole demo in one transaction and return its logins.

    With ``only_if_empty``, a database that already has a user is left alone and ``[]`` is
    returned, so ``aap dev`` can seed on every start. Two processes starting together seed
    once: the check runs inside the writing transaction (SQLite queues the second writer), and
    on PostgreSQL the loser trips over the unique email and steps back. The data files are
    read and checked before the transaction starts (``DemoDataError`` on a mistake).
    Side effects: everything :func:`backend.demo.loader.seed_data` lists, each audited.
    """
    _refuse_in_production()
    now = ensure_utc(now) if now is not None else utcnow()
    data = demo_data()
    try:
        async with unit_of_work(factory) as uow:
            if only_if_empty and await _has_any_user(uow.session):
                return []
            await seed_data(uow.session, data, now=now)
    except EmailAlreadyUsed:
        if only_if_empty:  # another process seeded between our check and our insert
            return []
        raise
    return demo_accounts()


def print_accounts(accounts_: Sequence[DemoAccount], *, file: TextIO | None = None) -> None:
    """Print the demo logins as an aligned table: a newcomer's first screen after ``make run``."""
    out = file if file is not None else sys.stdout
    rows = [("email", "password", "role", "what to try")]
    rows += [(a.email, a.password, a.role, a.hint) for a in accounts_]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        return "  ".join([*cells, row[3]]).rstrip()

    print(line(rows[0]), file=out)
    print("  ".join("-" * w for w in [*widths, len(rows[0][3])]), file=out)
    for row in rows[1:]:
        print(line(row), file=out)


def _refuse_in_production() -> None:
    if get_settings().is_prod:
        raise DemoRefusedInProduction(
            "the demo accounts share a published password: refused when AAP_ENVIRONMENT=prod"
        )


async def _has_any_user(session: AsyncSession) -> bool:
    return (await session.exec(select(User.id).limit(1))).first() is not None
