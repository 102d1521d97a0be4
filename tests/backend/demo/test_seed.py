"""The demo seed: real services, the statuses a newcomer expects, logins that work."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, date, datetime

import pytest
from sqlmodel import col, func, select

from backend.accounts import services as accounts
from backend.accounts.enums import OrganisationKind
from backend.accounts.models import Membership, Organisation, User
from backend.calls.eligibility import EligibilityRules
from backend.calls.enums import CallKind, CallStatus
from backend.calls.models import Call, CallFunder, Funder
from backend.calls.queries import readable_call
from backend.calls.rules import can_manage_call, is_open
from backend.core.db import unit_of_work
from backend.core.settings import get_settings
from backend.demo import seed
from backend.demo.seed import (
    DEMO_PASSWORD,
    DemoAccount,
    DemoRefusedInProduction,
    ami_deadline,
    print_accounts,
    seed_demo_data,
)
from backend.lifecycle import calls as lifecycle
from tests.support.audit import sealed_chain

PARIS_LAST_JULY_SECOND_2026 = datetime(2026, 7, 31, 21, 59, 59, tzinfo=UTC)
PARIS_LAST_JULY_SECOND_2027 = datetime(2027, 7, 31, 21, 59, 59, tzinfo=UTC)


async def _calls_by_prefix(session_factory) -> dict[str, Call]:
    async with session_factory() as session:
        rows = (await session.exec(select(Call))).all()
    prefixes = [seed.IMPACT_IA, seed.FRANCO_GERMAN, seed.AMI_EMERGENCY, seed.AMI_WORKING_TIME]
    return {p: next(c for c in rows if c.reference.startswith(f"{p}-")) for p in prefixes}


async def _funder_ids(session_factory, call: Call) -> list:
    async with session_factory() as session:
        rows = (await session.exec(select(CallFunder).where(CallFunder.call_id == call.id))).all()
    return [row.funder_id for row in rows]


async def _actor(session_factory, key: str):
    async with session_factory() as session:
        user = (
            await session.exec(select(User).where(User.email == f"{key}@{seed.DEMO_DOMAIN}"))
        ).one()
        return await accounts.build_actor(session, user)


async def test_seed_creates_calls_with_demo_statuses(session_factory, clock):
    now = clock.now()

    accounts_ = await seed_demo_data(session_factory, now=now)

    assert accounts_ == seed.demo_accounts()
    found = await _calls_by_prefix(session_factory)
    assert {p: c.status for p, c in found.items()} == {
        seed.IMPACT_IA: CallStatus.OPEN,
        seed.FRANCO_GERMAN: CallStatus.PUBLISHED,
        seed.AMI_EMERGENCY: CallStatus.OPEN,
        seed.AMI_WORKING_TIME: CallStatus.DRAFT,
    }
    assert {p: c.kind for p, c in found.items()} == {
        seed.IMPACT_IA: CallKind.AAP,
        seed.FRANCO_GERMAN: CallKind.JOINT,
        seed.AMI_EMERGENCY: CallKind.AMI,
        seed.AMI_WORKING_TIME: CallKind.AMI,
    }
    assert is_open(found[seed.IMPACT_IA], now=now)
    assert is_open(found[seed.AMI_EMERGENCY], now=now)
    assert found[seed.FRANCO_GERMAN].opens_at > now


async def test_seed_impact_ia_closes_at_paris_midnight_about_six_weeks_ahead(
    session_factory, clock
):
    now = clock.now()  # 2026-03-02 09:00 UTC

    await seed_demo_data(session_factory, now=now)

    call = (await _calls_by_prefix(session_factory))[seed.IMPACT_IA]
    assert call.reference == "IMPACT-IA-2026"
    assert call.deadline_at == datetime(2026, 4, 13, 21, 59, 59, tzinfo=UTC)  # CEST
    assert call.opens_at == datetime(2026, 2, 19, 23, 0, tzinfo=UTC)  # CET midnight
    assert call.cap_per_candidacy_cents is not None
    assert 0 < call.cap_per_candidacy_cents <= call.budget_envelope_cents
    assert call.experts_per_candidacy == 2 and not call.blind_review


async def test_seed_franco_german_call_requires_french_and_german_partners(session_factory, clock):
    await seed_demo_data(session_factory, now=clock.now())

    call = (await _calls_by_prefix(session_factory))[seed.FRANCO_GERMAN]
    rules = EligibilityRules.model_validate(call.eligibility)
    assert {(r.country, r.min_partners) for r in rules.required_partner_countries} == {
        ("FR", 1),
        ("DE", 1),
    }
    async with session_factory() as session:
        codes = (
            await session.exec(
                select(Funder.code).where(
                    col(Funder.id).in_(await _funder_ids(session_factory, call))
                )
            )
        ).all()
    assert sorted(codes) == ["BMG", "DGOS"]


async def test_seed_funder_shares_add_up_to_each_envelope(session_factory, clock):
    await seed_demo_data(session_factory, now=clock.now())

    async with session_factory() as session:
        found = await _calls_by_prefix(session_factory)
        for call in found.values():
            shares = (
                await session.exec(select(CallFunder).where(CallFunder.call_id == call.id))
            ).all()
            assert shares, call.reference
            assert sum(s.share_cents for s in shares) == call.budget_envelope_cents


async def test_seed_every_demo_account_logs_in(session_factory, clock):
    accounts_ = await seed_demo_data(session_factory, now=clock.now())

    assert len({a.email for a in accounts_}) == len(accounts_) >= 9
    for account in accounts_:
        async with unit_of_work(session_factory) as uow:
            result = await accounts.attempt_login(
                uow.session, email=account.email, password=account.password, now=clock.now()
            )
        assert isinstance(result, accounts.IssuedToken), account.email
        assert account.password == DEMO_PASSWORD
        assert account.email.endswith(".example")


async def test_seed_roles_and_organisations_match_the_account_table(session_factory, clock):
    await seed_demo_data(session_factory, now=clock.now())

    admin = await _actor(session_factory, "admin")
    manager = await _actor(session_factory, "manager")
    bmg = await _actor(session_factory, "manager.bmg")
    viewer = await _actor(session_factory, "viewer")
    expert = await _actor(session_factory, "expert1")
    aphp = await _actor(session_factory, "applicant.aphp")
    assert admin.is_platform_admin and not manager.is_platform_admin
    assert len(manager.managed_funder_ids) == len(bmg.managed_funder_ids) == 1
    assert viewer.viewed_funder_ids and not viewer.managed_funder_ids
    assert expert.is_expert
    assert len(aphp.organisation_ids) == 1
    async with session_factory() as session:
        organisations = (await session.exec(select(Organisation))).all()
        memberships = (await session.exec(select(func.count()).select_from(Membership))).one()
    by_country = {(o.country, o.kind): o for o in organisations}
    aphp_org = by_country["FR", OrganisationKind.HEALTH_ESTABLISHMENT]
    assert (aphp_org.siret, aphp_org.finess) == ("26750045200011", "750712184")
    assert by_country["FR", OrganisationKind.COMPANY].siret == "95241832500025"
    charite = by_country["DE", OrganisationKind.HEALTH_ESTABLISHMENT]
    assert (charite.siret, charite.registry_id) == (None, "USt-IdNr. DE228847810")
    assert memberships == 4  # three creators (admins) and one AP-HP member


async def test_seed_draft_ami_is_readable_by_anap_and_publishable_by_the_manager(
    session_factory, clock
):
    await seed_demo_data(session_factory, now=clock.now())
    draft = (await _calls_by_prefix(session_factory))[seed.AMI_WORKING_TIME]
    funder_ids = await _funder_ids(session_factory, draft)
    viewer = await _actor(session_factory, "viewer")
    manager = await _actor(session_factory, "manager")
    async with session_factory() as session:
        assert await readable_call(session, viewer, draft.id) is not None
    assert not can_manage_call(viewer, funder_ids)

    async with unit_of_work(session_factory) as uow:
        published = await lifecycle.publish_call(
            uow.session, actor=manager, call_id=draft.id, now=clock.now()
        )

    assert published.status is CallStatus.PUBLISHED


async def test_seed_only_if_empty_twice_seeds_once(session_factory, clock):
    first = await seed_demo_data(session_factory, only_if_empty=True, now=clock.now())

    second = await seed_demo_data(session_factory, only_if_empty=True, now=clock.now())

    assert first and second == []
    async with session_factory() as session:
        users = (await session.exec(select(func.count()).select_from(User))).one()
        call_count = (await session.exec(select(func.count()).select_from(Call))).one()
    assert (users, call_count) == (len(first), 4)


async def test_seed_only_if_empty_concurrently_seeds_once(session_factory, clock):
    results = await asyncio.gather(
        seed_demo_data(session_factory, only_if_empty=True, now=clock.now()),
        seed_demo_data(session_factory, only_if_empty=True, now=clock.now()),
    )

    assert sorted(len(r) for r in results) == [0, len(seed.demo_accounts())]
    async with session_factory() as session:
        call_count = (await session.exec(select(func.count()).select_from(Call))).one()
    assert call_count == 4


async def test_seed_audit_chain_verifies(session_factory, clock):
    await seed_demo_data(session_factory, now=clock.now())

    problems = await sealed_chain(session_factory)

    assert problems == []


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(
            datetime(2026, 3, 2, 9, 0, tzinfo=UTC), PARIS_LAST_JULY_SECOND_2026, id="march"
        ),
        pytest.param(
            datetime(2026, 7, 28, 10, 0, tzinfo=UTC), PARIS_LAST_JULY_SECOND_2026, id="late-july"
        ),
        pytest.param(
            datetime(2026, 7, 31, 21, 59, 58, tzinfo=UTC),
            PARIS_LAST_JULY_SECOND_2026,
            id="one-second-before",
        ),
        pytest.param(
            datetime(2026, 7, 31, 21, 59, 59, tzinfo=UTC),
            PARIS_LAST_JULY_SECOND_2027,
            id="at-the-deadline",
        ),
        pytest.param(
            datetime(2026, 8, 15, 12, 0, tzinfo=UTC), PARIS_LAST_JULY_SECOND_2027, id="mid-august"
        ),
        pytest.param(
            datetime(2026, 12, 31, 23, 30, tzinfo=UTC),  # already 1 January in Paris
            PARIS_LAST_JULY_SECOND_2027,
            id="new-year-in-paris",
        ),
    ],
)
def test_ami_deadline_is_the_next_31_july_in_paris(now, expected):
    assert ami_deadline(now) == expected


@pytest.mark.parametrize(
    ("now", "deadline", "year"),
    [
        pytest.param(
            datetime(2026, 7, 28, 10, 0, tzinfo=UTC),
            PARIS_LAST_JULY_SECOND_2026,
            2026,
            id="late-july",
        ),
        pytest.param(
            datetime(2026, 8, 15, 12, 0, tzinfo=UTC),
            PARIS_LAST_JULY_SECOND_2027,
            2027,
            id="mid-august",
        ),
    ],
)
async def test_seed_ami_calls_close_on_the_next_31_july(session_factory, now, deadline, year):
    await seed_demo_data(session_factory, now=now)

    found = await _calls_by_prefix(session_factory)
    emergency, working_time = found[seed.AMI_EMERGENCY], found[seed.AMI_WORKING_TIME]
    assert emergency.deadline_at == working_time.deadline_at == deadline
    assert emergency.reference == f"AMI-IA-URG-{year}"
    assert emergency.decision_date == date(year, 8, 22)
    assert emergency.project_start_date == date(year, 9, 1)
    assert is_open(emergency, now=now)
    assert working_time.status is CallStatus.DRAFT
    assert is_open(found[seed.IMPACT_IA], now=now)


def test_print_accounts_lists_every_login_with_its_password():
    out = io.StringIO()
    demo = [
        DemoAccount("admin@demo.aap.example", DEMO_PASSWORD, "platform admin", "everything"),
        DemoAccount("viewer@demo.aap.example", DEMO_PASSWORD, "funder viewer", "read drafts"),
    ]

    print_accounts(demo, file=out)

    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["email", "password", "role", "what", "to", "try"]
    assert len(lines) == 4
    for account, line in zip(demo, lines[2:], strict=True):
        assert account.email in line and DEMO_PASSWORD in line and account.hint in line
    assert lines[2].index(DEMO_PASSWORD) == lines[3].index(DEMO_PASSWORD)


async def test_seed_refused_in_production(session_factory, clock, monkeypatch):
    monkeypatch.setenv("AAP_ENVIRONMENT", "prod")
    get_settings.cache_clear()
    try:
        with pytest.raises(DemoRefusedInProduction):
            await seed_demo_data(session_factory, now=clock.now())
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    async with session_factory() as session:
        assert (await session.exec(select(User))).first() is None
