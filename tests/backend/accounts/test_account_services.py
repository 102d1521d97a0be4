"""Account services: sign-in, tokens, users, roles, organisations, members."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind, Role, TokenKind
from backend.accounts.errors import AlreadyMember, EmailAlreadyUsed, InvalidCredentials
from backend.accounts.models import AuthToken, Membership, Organisation, RoleGrant, User
from backend.accounts.services import OrganisationInput
from backend.core.auth import ANONYMOUS, Actor
from backend.core.db import unit_of_work
from backend.core.errors import AuthenticationRequired, InvalidInput, NotFound, PermissionDenied
from backend.core.settings import get_settings
from tests.support.audit import sealed_entries
from tests.support.factories import PASSWORD, make_funder, make_user

ADMIN = Actor(is_platform_admin=True)
LA_POSTE_HEAD_OFFICE = "35600000000048"
AP_HP_SIRET = "26750045200011"
AP_HP_FINESS = "750712184"


async def _login(session_factory, clock, email: str, password: str = PASSWORD):
    """The issued token, or the InvalidCredentials raised."""
    try:
        async with unit_of_work(session_factory) as uow:
            return await accounts.attempt_login(
                uow.session, email=email, password=password, now=clock.now()
            )
    except InvalidCredentials as exc:
        return exc


async def _actor_for(session_factory, clock, token: str) -> Actor | None:
    async with session_factory() as session:
        return await accounts.actor_for_token(session, token, now=clock.now())


async def _user(session_factory, user_id) -> User:
    async with session_factory() as session:
        return await session.get(User, user_id)


async def _audit_actions(session_factory) -> list[str]:
    return [entry.action for entry in await sealed_entries(session_factory)]


async def _count(session_factory, table) -> int:
    async with session_factory() as session:
        return await session.scalar(sa.select(sa.func.count()).select_from(table))


async def _call(session_factory, service, **kw):
    async with unit_of_work(session_factory) as uow:
        return await service(uow.session, **kw)


async def _actor_of(session_factory, user: User) -> Actor:
    async with session_factory() as session:
        return await accounts.build_actor(session, user)


# --- sign-in --------------------------------------------------------------------------------


async def test_attempt_login_success_stores_only_token_hash(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())

    # Act
    issued = await _login(session_factory, clock, user.email)

    # Assert
    assert isinstance(issued, accounts.IssuedToken)
    assert issued.token.startswith("aaps_")
    async with session_factory() as session:
        rows = (await (await session.connection()).execute(sa.select(AuthToken.__table__))).all()
    assert len(rows) == 1
    assert rows[0].token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert rows[0].kind == TokenKind.SESSION
    assert not [value for value in rows[0] if isinstance(value, str) and issued.token in value]
    assert (await _audit_actions(session_factory))[-1] == "user.login"


async def test_attempt_login_email_case_and_spaces_ignored(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now(), email="Claire.Martin@Example.org")

    # Act
    issued = await _login(session_factory, clock, "  CLAIRE.MARTIN@example.ORG ")

    # Assert
    assert isinstance(issued, accounts.IssuedToken)
    assert issued.user.id == user.id


async def test_attempt_login_wrong_password_changes_nothing(session_factory, clock):
    """Nothing to count or audit: a failure for a known email costs what one for an unknown
    email does (no write that would tell them apart)."""
    # Arrange
    user = await make_user(session_factory, clock.now())
    before = (await _user(session_factory, user.id)).model_dump()

    # Act
    result = await _login(session_factory, clock, user.email, "wrong password!")

    # Assert
    assert isinstance(result, InvalidCredentials)
    assert (await _user(session_factory, user.id)).model_dump() == before
    assert await _count(session_factory, AuthToken) == 0
    assert await _audit_actions(session_factory) == ["user.created"]


async def test_attempt_login_failures_never_lock_the_account(session_factory, clock):
    """Failures are throttled per client address (see test_login_throttle), never per
    account: six failures locked it before."""
    # Arrange
    user = await make_user(session_factory, clock.now())
    for _ in range(6):
        await _login(session_factory, clock, user.email, "wrong password!")

    # Act
    result = await _login(session_factory, clock, user.email)

    # Assert
    assert isinstance(result, accounts.IssuedToken)


async def test_attempt_login_unknown_email_invalid_credentials(session_factory, clock):
    # Act
    result = await _login(session_factory, clock, "nobody@example.org")

    # Assert
    assert isinstance(result, InvalidCredentials)
    assert await _count(session_factory, AuthToken) == 0
    assert await _audit_actions(session_factory) == []


async def test_attempt_login_inactive_user_refused(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    async with unit_of_work(session_factory) as uow:
        row = await uow.session.get(User, user.id)
        row.is_active = False
        uow.session.add(row)

    # Act
    result = await _login(session_factory, clock, user.email)

    # Assert
    assert isinstance(result, InvalidCredentials)
    assert await _count(session_factory, AuthToken) == 0


async def test_actor_for_token_inactive_user_refused(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    issued = await _login(session_factory, clock, user.email)
    async with unit_of_work(session_factory) as uow:
        row = await uow.session.get(User, user.id)
        row.is_active = False
        uow.session.add(row)

    # Act
    actor = await _actor_for(session_factory, clock, issued.token)

    # Assert
    assert actor is None


# --- session tokens -------------------------------------------------------------------------


async def test_actor_for_token_session_expires_after_ttl(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    issued = await _login(session_factory, clock, user.email)
    ttl = timedelta(hours=get_settings().session_token_ttl_hours)

    # Act
    fresh = await _actor_for(session_factory, clock, issued.token)
    clock.advance(ttl - timedelta(seconds=1))
    last_second = await _actor_for(session_factory, clock, issued.token)
    clock.advance(timedelta(seconds=1))
    expired = await _actor_for(session_factory, clock, issued.token)

    # Assert
    assert fresh is not None
    assert (fresh.user_id, fresh.token_id) == (user.id, issued.record.id)
    assert last_second is not None
    assert expired is None


async def test_actor_for_token_unknown_token_is_none(session_factory, clock):
    # Act / Assert
    assert await _actor_for(session_factory, clock, "aaps_not-a-real-token") is None


async def test_logout_revokes_session_token(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    issued = await _login(session_factory, clock, user.email)
    actor = await _actor_for(session_factory, clock, issued.token)

    # Act
    await _call(session_factory, accounts.logout, actor=actor, now=clock.now())

    # Assert
    assert await _actor_for(session_factory, clock, issued.token) is None
    assert (await _audit_actions(session_factory))[-1] == "token.revoked"


async def test_logout_without_token_requires_authentication(session_factory, clock):
    # Act / Assert
    with pytest.raises(AuthenticationRequired):
        await _call(session_factory, accounts.logout, actor=ANONYMOUS, now=clock.now())


# --- API tokens -----------------------------------------------------------------------------


async def test_create_api_token_acts_as_creator_until_revoked(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    actor = Actor(user_id=user.id)

    # Act
    issued = await _call(
        session_factory,
        accounts.create_api_token,
        actor=actor,
        name=" CI export ",
        now=clock.now(),
        expires_at=None,
    )
    clock.advance(timedelta(days=400))
    used = await _actor_for(session_factory, clock, issued.token)
    await _call(
        session_factory,
        accounts.revoke_api_token,
        actor=actor,
        token_id=issued.record.id,
        now=clock.now(),
    )
    after_revoke = await _actor_for(session_factory, clock, issued.token)

    # Assert
    assert issued.token.startswith("aapk_")
    assert issued.record.name == "CI export"
    assert used is not None and used.user_id == user.id
    assert after_revoke is None
    async with session_factory() as session:
        stored = (await session.exec(select(AuthToken.token_hash))).all()
    assert issued.token not in stored


async def test_create_api_token_expiry_in_past_refused(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _call(
            session_factory,
            accounts.create_api_token,
            actor=Actor(user_id=user.id),
            name="ci",
            now=clock.now(),
            expires_at=clock.now() - timedelta(minutes=1),
        )

    # Assert
    assert [p.code for p in caught.value.problems] == ["IN_THE_PAST"]
    assert await _count(session_factory, AuthToken) == 0


async def test_create_api_token_with_expiry_stops_working_then(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    issued = await _call(
        session_factory,
        accounts.create_api_token,
        actor=Actor(user_id=user.id),
        name="ci",
        now=clock.now(),
        expires_at=clock.now() + timedelta(days=30),
    )

    # Act
    clock.advance(timedelta(days=30))
    actor = await _actor_for(session_factory, clock, issued.token)

    # Assert
    assert actor is None


async def test_create_api_token_anonymous_refused(session_factory, clock):
    # Act / Assert
    with pytest.raises(AuthenticationRequired):
        await _call(
            session_factory,
            accounts.create_api_token,
            actor=ANONYMOUS,
            name="ci",
            now=clock.now(),
            expires_at=None,
        )


async def test_revoke_api_token_of_someone_else_not_found(session_factory, clock):
    # Arrange
    owner = await make_user(session_factory, clock.now())
    other = await make_user(session_factory, clock.now())
    issued = await _call(
        session_factory,
        accounts.create_api_token,
        actor=Actor(user_id=owner.id),
        name="ci",
        now=clock.now(),
        expires_at=None,
    )

    # Act / Assert
    with pytest.raises(NotFound):
        await _call(
            session_factory,
            accounts.revoke_api_token,
            actor=Actor(user_id=other.id),
            token_id=issued.record.id,
            now=clock.now(),
        )
    assert await _actor_for(session_factory, clock, issued.token) is not None


async def test_revoke_api_token_anonymous_requires_authentication(session_factory, clock):
    # Arrange
    owner = await make_user(session_factory, clock.now())
    issued = await _call(
        session_factory,
        accounts.create_api_token,
        actor=Actor(user_id=owner.id),
        name="ci",
        now=clock.now(),
        expires_at=None,
    )

    # Act / Assert
    with pytest.raises(AuthenticationRequired):
        await _call(
            session_factory,
            accounts.revoke_api_token,
            actor=ANONYMOUS,
            token_id=issued.record.id,
            now=clock.now(),
        )
    assert await _actor_for(session_factory, clock, issued.token) is not None


async def _api_token(session_factory, clock) -> accounts.IssuedToken:
    user = await make_user(session_factory, clock.now())
    return await _call(
        session_factory,
        accounts.create_api_token,
        actor=Actor(user_id=user.id),
        name="ci",
        now=clock.now(),
        expires_at=None,
    )


async def _bearer(session_factory, clock, token: str) -> accounts.Bearer | None:
    async with session_factory() as session:
        return await accounts.check_bearer(session, token, now=clock.now())


async def _record_use(session_factory, clock, issued: accounts.IssuedToken):
    await _call(
        session_factory, accounts.record_token_use, token_id=issued.record.id, now=clock.now()
    )
    async with session_factory() as session:
        return (await session.get(AuthToken, issued.record.id)).last_used_at


async def test_check_bearer_api_token_use_due_once_a_minute(session_factory, clock):
    # Arrange
    issued = await _api_token(session_factory, clock)

    # Act
    never_used = await _bearer(session_factory, clock, issued.token)
    used_at = clock.now()
    await _record_use(session_factory, clock, issued)
    clock.advance(timedelta(seconds=59))
    within_minute = await _bearer(session_factory, clock, issued.token)
    clock.advance(timedelta(seconds=1))
    minute_later = await _bearer(session_factory, clock, issued.token)

    # Assert
    assert never_used is not None and never_used.use_to_record
    assert within_minute is not None and not within_minute.use_to_record
    assert minute_later is not None and minute_later.use_to_record
    assert used_at == clock.now() - timedelta(minutes=1)


async def test_check_bearer_session_token_use_never_recorded(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    issued = await _login(session_factory, clock, user.email)

    # Act
    bearer = await _bearer(session_factory, clock, issued.token)

    # Assert
    assert bearer is not None and bearer.actor.token_id == issued.record.id
    assert not bearer.use_to_record


async def test_record_token_use_keeps_a_use_younger_than_a_minute(session_factory, clock):
    """The condition is in the UPDATE: two requests deciding at once write the row once."""
    # Arrange
    issued = await _api_token(session_factory, clock)
    first = await _record_use(session_factory, clock, issued)

    # Act
    clock.advance(timedelta(seconds=30))
    second = await _record_use(session_factory, clock, issued)
    clock.advance(timedelta(seconds=30))
    third = await _record_use(session_factory, clock, issued)

    # Assert
    assert first == second == clock.now() - timedelta(minutes=1)
    assert third == clock.now()


async def test_revoke_api_token_session_token_not_found(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    issued = await _login(session_factory, clock, user.email)

    # Act / Assert
    with pytest.raises(NotFound):
        await _call(
            session_factory,
            accounts.revoke_api_token,
            actor=Actor(user_id=user.id),
            token_id=issued.record.id,
            now=clock.now(),
        )


# --- users ----------------------------------------------------------------------------------


async def test_create_user_short_password_and_bad_email_both_reported(session_factory, clock):
    # Act
    with pytest.raises(InvalidInput) as caught:
        await _call(
            session_factory,
            accounts.create_user,
            actor=ADMIN,
            email="not-an-email",
            full_name="  ",
            password="short",
            now=clock.now(),
        )

    # Assert
    assert {(p.field, p.code) for p in caught.value.problems} == {
        ("email", "INVALID_EMAIL"),
        ("password", "TOO_SHORT"),
        ("fullName", "INVALID"),
    }
    assert await _count(session_factory, User) == 0


@pytest.mark.parametrize(
    "email", ["a@b", "two@@example.org", "spaces in@example.org", "@example.org", "x@example.c"]
)
async def test_create_user_bad_email_refused(session_factory, clock, email):
    # Act / Assert
    with pytest.raises(InvalidInput):
        await _call(
            session_factory,
            accounts.create_user,
            actor=ADMIN,
            email=email,
            full_name="Name",
            password=PASSWORD,
            now=clock.now(),
        )


async def test_create_user_duplicate_email_case_insensitive(session_factory, clock):
    # Arrange
    await make_user(session_factory, clock.now(), email="jeanne@example.org")

    # Act / Assert
    with pytest.raises(EmailAlreadyUsed):
        await _call(
            session_factory,
            accounts.create_user,
            actor=ADMIN,
            email="Jeanne@EXAMPLE.org",
            full_name="Jeanne",
            password=PASSWORD,
            now=clock.now(),
        )
    assert await _count(session_factory, User) == 1


async def test_create_user_stores_lowercase_email_and_password_hash(session_factory, clock):
    # Act
    user = await _call(
        session_factory,
        accounts.create_user,
        actor=ADMIN,
        email=" Hans.Muller@Example.DE ",
        full_name=" Hans Müller ",
        password=PASSWORD,
        now=clock.now(),
    )

    # Assert
    back = await _user(session_factory, user.id)
    assert back.email == "hans.muller@example.de"
    assert back.full_name == "Hans Müller"
    assert back.password_hash is not None
    assert PASSWORD not in back.password_hash


async def test_create_user_not_admin_refused(session_factory, clock):
    # Act / Assert
    with pytest.raises(PermissionDenied):
        await _call(
            session_factory,
            accounts.create_user,
            actor=Actor(user_id=None),
            email="x@example.org",
            full_name="X",
            password=PASSWORD,
            now=clock.now(),
        )


# --- roles ----------------------------------------------------------------------------------


async def test_grant_role_manager_without_funder_refused(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _call(
            session_factory,
            accounts.grant_role,
            actor=ADMIN,
            user_id=user.id,
            role=Role.PROGRAMME_MANAGER,
            funder_id=None,
            now=clock.now(),
        )

    # Assert
    assert caught.value.problems[0].code == "FUNDER_SCOPE"
    assert await _count(session_factory, RoleGrant) == 0


@pytest.mark.parametrize("role", [Role.PLATFORM_ADMIN, Role.EXPERT])
async def test_grant_role_unscoped_role_with_funder_refused(session_factory, clock, role):
    # Arrange
    user = await make_user(session_factory, clock.now())
    funder = await make_funder(session_factory, clock.now())

    # Act / Assert
    with pytest.raises(InvalidInput):
        await _call(
            session_factory,
            accounts.grant_role,
            actor=ADMIN,
            user_id=user.id,
            role=role,
            funder_id=funder.id,
            now=clock.now(),
        )


async def test_grant_role_manager_scoped_to_funder_builds_actor(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    funder = await make_funder(session_factory, clock.now())

    # Act
    await _call(
        session_factory,
        accounts.grant_role,
        actor=ADMIN,
        user_id=user.id,
        role=Role.PROGRAMME_MANAGER,
        funder_id=funder.id,
        now=clock.now(),
    )

    # Assert
    actor = await _actor_of(session_factory, user)
    assert actor.managed_funder_ids == frozenset({funder.id})
    assert not actor.is_platform_admin
    assert (await _audit_actions(session_factory))[-1] == "role.granted"


async def test_grant_role_not_admin_refused(session_factory, clock):
    # Arrange
    user = await make_user(session_factory, clock.now())
    funder = await make_funder(session_factory, clock.now())
    manager = Actor(user_id=user.id, managed_funder_ids=frozenset({funder.id}))

    # Act / Assert
    with pytest.raises(PermissionDenied):
        await _call(
            session_factory,
            accounts.grant_role,
            actor=manager,
            user_id=user.id,
            role=Role.PLATFORM_ADMIN,
            funder_id=None,
            now=clock.now(),
        )


async def test_grant_role_unknown_user_not_found(session_factory, clock):
    # Act / Assert
    with pytest.raises(NotFound):
        await _call(
            session_factory,
            accounts.grant_role,
            actor=ADMIN,
            user_id=uuid.uuid4(),
            role=Role.EXPERT,
            funder_id=None,
            now=clock.now(),
        )


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.PLATFORM_ADMIN])
async def test_grant_role_twice_keeps_one_grant(session_factory, clock, role):
    # Arrange
    user = await make_user(session_factory, clock.now())
    funder = await make_funder(session_factory, clock.now())
    funder_id = funder.id if role is Role.PROGRAMME_MANAGER else None
    grant = dict(actor=ADMIN, user_id=user.id, role=role, funder_id=funder_id, now=clock.now())
    first = await _call(session_factory, accounts.grant_role, **grant)
    actions_before = await _audit_actions(session_factory)

    # Act
    second = await _call(session_factory, accounts.grant_role, **grant)

    # Assert
    assert second.id == first.id
    assert await _count(session_factory, RoleGrant) == 1
    assert await _audit_actions(session_factory) == actions_before


# --- organisations --------------------------------------------------------------------------


async def _create_org(session_factory, clock, owner: User, data: OrganisationInput):
    return await _call(
        session_factory,
        accounts.create_organisation,
        actor=Actor(user_id=owner.id),
        data=data,
        now=clock.now(),
    )


async def _org_problems(session_factory, clock, data: OrganisationInput) -> set[tuple[str, str]]:
    owner = await make_user(session_factory, clock.now())
    with pytest.raises(InvalidInput) as caught:
        await _create_org(session_factory, clock, owner, data)
    assert await _count(session_factory, Organisation) == 0
    return {(p.field, p.code) for p in caught.value.problems}


async def test_create_organisation_french_company_with_siret_creator_is_admin(
    session_factory, clock
):
    # Arrange
    owner = await make_user(session_factory, clock.now())
    data = OrganisationInput("La Poste", OrganisationKind.COMPANY, "fr", siret="356 000 000 00048")

    # Act
    org = await _create_org(session_factory, clock, owner, data)

    # Assert
    assert (org.country, org.siret, org.finess, org.registry_id) == (
        "FR",
        LA_POSTE_HEAD_OFFICE,
        None,
        None,
    )
    async with session_factory() as session:
        members = (await session.exec(select(Membership))).all()
    assert [(m.user_id, m.organisation_id, m.role) for m in members] == [
        (owner.id, org.id, MembershipRole.ADMIN)
    ]
    assert (await _actor_of(session_factory, owner)).organisation_ids == frozenset({org.id})
    assert (await _audit_actions(session_factory))[-1] == "organisation.created"


async def test_create_organisation_french_company_without_siret_refused(session_factory, clock):
    # Act
    problems = await _org_problems(
        session_factory, clock, OrganisationInput("Startup", OrganisationKind.COMPANY, "FR")
    )

    # Assert
    assert problems == {("siret", "REQUIRED")}


async def test_create_organisation_french_company_bad_siret_refused(session_factory, clock):
    # Act
    problems = await _org_problems(
        session_factory,
        clock,
        OrganisationInput("Startup", OrganisationKind.COMPANY, "FR", siret="26750045200012"),
    )

    # Assert
    assert problems == {("siret", "INVALID_IDENTIFIER")}


async def test_create_organisation_french_hospital_needs_finess(session_factory, clock):
    # Act
    problems = await _org_problems(
        session_factory,
        clock,
        OrganisationInput("AP-HP", OrganisationKind.HEALTH_ESTABLISHMENT, "FR", siret=AP_HP_SIRET),
    )

    # Assert
    assert problems == {("finess", "REQUIRED")}


async def test_create_organisation_french_hospital_bad_finess_refused(session_factory, clock):
    # Act
    problems = await _org_problems(
        session_factory,
        clock,
        OrganisationInput(
            "AP-HP",
            OrganisationKind.HEALTH_ESTABLISHMENT,
            "FR",
            siret=AP_HP_SIRET,
            finess="750712185",
        ),
    )

    # Assert
    assert problems == {("finess", "INVALID_IDENTIFIER")}


async def test_create_organisation_french_hospital_with_siret_and_finess(session_factory, clock):
    # Arrange
    owner = await make_user(session_factory, clock.now())
    data = OrganisationInput(
        "AP-HP",
        OrganisationKind.HEALTH_ESTABLISHMENT,
        "FR",
        siret="267 500 452 00011",
        finess="75 071 218 4",
    )

    # Act
    org = await _create_org(session_factory, clock, owner, data)

    # Assert
    assert (org.siret, org.finess) == (AP_HP_SIRET, AP_HP_FINESS)


async def test_create_organisation_german_needs_registry_id(session_factory, clock):
    # Act
    problems = await _org_problems(
        session_factory,
        clock,
        OrganisationInput("Charité", OrganisationKind.HEALTH_ESTABLISHMENT, "DE"),
    )

    # Assert
    assert problems == {("registryId", "REQUIRED")}


async def test_create_organisation_german_with_siret_refused(session_factory, clock):
    # Act
    problems = await _org_problems(
        session_factory,
        clock,
        OrganisationInput(
            "Charité",
            OrganisationKind.HEALTH_ESTABLISHMENT,
            "DE",
            siret=AP_HP_SIRET,
            registry_id="HRA 1",
        ),
    )

    # Assert
    assert {field for field, _ in problems} == {"siret"}


async def test_create_organisation_german_with_registry_id(session_factory, clock):
    # Arrange
    owner = await make_user(session_factory, clock.now())
    data = OrganisationInput(
        "Charité", OrganisationKind.HEALTH_ESTABLISHMENT, "de", registry_id="  HRB 719915 "
    )

    # Act
    org = await _create_org(session_factory, clock, owner, data)

    # Assert
    assert (org.country, org.registry_id, org.siret) == ("DE", "HRB 719915", None)


@pytest.mark.parametrize("country", ["XX", "FRA", "", "EU"])
async def test_create_organisation_unknown_country_refused(session_factory, clock, country):
    # Act
    problems = await _org_problems(
        session_factory,
        clock,
        OrganisationInput("Somewhere", OrganisationKind.COMPANY, country, registry_id="R-1"),
    )

    # Assert
    assert ("country", "COUNTRY") in problems


async def test_create_organisation_anonymous_refused(session_factory, clock):
    # Act / Assert
    with pytest.raises(AuthenticationRequired):
        await _call(
            session_factory,
            accounts.create_organisation,
            actor=ANONYMOUS,
            data=OrganisationInput("X", OrganisationKind.COMPANY, "DE", registry_id="R"),
            now=clock.now(),
        )


# --- members --------------------------------------------------------------------------------


@pytest.fixture
async def org_world(session_factory, clock):
    owner = await make_user(session_factory, clock.now())
    org = await _create_org(
        session_factory,
        clock,
        owner,
        OrganisationInput("Charité", OrganisationKind.HEALTH_ESTABLISHMENT, "DE", registry_id="R"),
    )
    return owner, org


async def _add(session_factory, clock, actor: Actor, org, email: str, role=MembershipRole.MEMBER):
    return await _call(
        session_factory,
        accounts.add_member,
        actor=actor,
        organisation_id=org.id,
        email=email,
        role=role,
        now=clock.now(),
    )


async def test_add_member_org_admin_adds_existing_account(session_factory, clock, org_world):
    # Arrange
    owner, org = org_world
    newcomer = await make_user(session_factory, clock.now(), email="newcomer@example.org")

    # Act
    member = await _add(
        session_factory, clock, await _actor_of(session_factory, owner), org, "NEWCOMER@example.org"
    )

    # Assert
    assert (member.user_id, member.role) == (newcomer.id, MembershipRole.MEMBER)
    assert (await _actor_of(session_factory, newcomer)).organisation_ids == frozenset({org.id})
    assert (await _audit_actions(session_factory))[-1] == "organisation.member_added"


async def test_add_member_plain_member_refused(session_factory, clock, org_world):
    # Arrange
    owner, org = org_world
    member = await make_user(session_factory, clock.now())
    await _add(session_factory, clock, await _actor_of(session_factory, owner), org, member.email)
    third = await make_user(session_factory, clock.now())

    # Act / Assert
    with pytest.raises(PermissionDenied):
        await _add(
            session_factory, clock, await _actor_of(session_factory, member), org, third.email
        )


async def test_add_member_outsider_sees_not_found(session_factory, clock, org_world):
    # Arrange
    _, org = org_world
    outsider = await make_user(session_factory, clock.now())
    target = await make_user(session_factory, clock.now())

    # Act / Assert
    with pytest.raises(NotFound):
        await _add(
            session_factory, clock, await _actor_of(session_factory, outsider), org, target.email
        )


async def test_add_member_unknown_email_refused(session_factory, clock, org_world):
    # Arrange
    owner, org = org_world

    # Act
    with pytest.raises(InvalidInput) as caught:
        await _add(
            session_factory,
            clock,
            await _actor_of(session_factory, owner),
            org,
            "ghost@example.org",
        )

    # Assert
    assert caught.value.problems[0].code == "UNKNOWN_USER"


async def test_add_member_already_member_refused(session_factory, clock, org_world):
    # Arrange
    owner, org = org_world

    # Act / Assert
    with pytest.raises(AlreadyMember):
        await _add(
            session_factory, clock, await _actor_of(session_factory, owner), org, owner.email
        )
    assert await _count(session_factory, Membership) == 1


async def test_add_member_platform_admin_may_add_admin(session_factory, clock, org_world):
    # Arrange
    _, org = org_world
    colleague = await make_user(session_factory, clock.now())

    # Act
    member = await _add(session_factory, clock, ADMIN, org, colleague.email, MembershipRole.ADMIN)

    # Assert
    assert member.role is MembershipRole.ADMIN
