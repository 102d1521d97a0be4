"""Signing up with a confirmed address and resetting a password (backend/registration): the
answers never tell whether an address has an account, codes work once and expire, a reset
ends the account's sessions, and bad input changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import col, select

from backend.accounts.models import AuthToken, User
from backend.notifications.models import Notification
from backend.registration.models import PasswordReset, SignUpRequest
from backend.registration.services import RESEND_AFTER, RESET_CODE_TTL, SIGN_UP_CODE_TTL
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import database_fingerprint

SIGN_UP = """
mutation($email: String!, $password: String!, $fullName: String!, $language: Language) {
  signUp(email: $email, password: $password, fullName: $fullName, language: $language) {
    __typename ... on MailSentPayload { ok }
    ... on InvalidInputError { code fieldErrors { field code } } ... on Error { code } } }"""
CONFIRM = """
mutation($code: String!) { confirmSignUp(code: $code) {
  __typename ... on SignUpConfirmedPayload { user { email fullName language } }
  ... on Error { code message } } }"""
REQUEST_RESET = """
mutation($email: String!) { requestPasswordReset(email: $email) {
  __typename ... on MailSentPayload { ok } ... on Error { code } } }"""
RESET = """
mutation($code: String!, $password: String!) { resetPassword(code: $code, password: $password) {
  __typename ... on PasswordResetPayload { user { email } }
  ... on InvalidInputError { code fieldErrors { field code } } ... on Error { code } } }"""
LOGIN = """
mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
  __typename ... on LoginPayload { token } ... on Error { code } } }"""

NEW_PASSWORD = "a brand new passphrase"


async def call(client, query: str, **variables: Any) -> dict[str, Any]:
    (result,) = (await gql(client, query, variables))["data"].values()
    return result


async def mails(session_factory, template: str) -> list[Notification]:
    async with session_factory() as session:
        rows = await session.exec(
            select(Notification).where(col(Notification.template) == template)
        )
        return list(rows.all())


def code_of(mail: Notification) -> str:
    link = mail.context["link"]
    assert "#code=" in link, link
    return str(link.split("#code=", 1)[1])


async def sign_up(client, email: str = "new.lead@chu-exemple.fr", **extra: Any) -> dict:
    return await call(
        client,
        SIGN_UP,
        email=email,
        password=f.PASSWORD,
        fullName="Camille Martin",
        language="DE",
        **extra,
    )


async def test_sign_up_mails_a_link_and_the_account_exists_once_it_is_followed(
    client, session_factory
):
    assert await sign_up(client, "New.Lead@CHU-exemple.fr") == {
        "__typename": "MailSentPayload",
        "ok": True,
    }
    (mail,) = await mails(session_factory, "sign_up_confirmation")
    assert mail.email == "new.lead@chu-exemple.fr"
    assert mail.language.value == "de"
    assert mail.context["link"].startswith("http://127.0.0.1:8000/confirm-email#code=aapc_")
    async with session_factory() as session:  # no account until confirmed
        assert (await session.exec(select(User))).all() == []
    refused = await call(client, LOGIN, email="new.lead@chu-exemple.fr", password=f.PASSWORD)
    assert refused["__typename"] == "InvalidCredentialsError"

    confirmed = await call(client, CONFIRM, code=code_of(mail))

    assert confirmed == {
        "__typename": "SignUpConfirmedPayload",
        "user": {
            "email": "new.lead@chu-exemple.fr",
            "fullName": "Camille Martin",
            "language": "DE",
        },
    }
    login = await call(client, LOGIN, email="new.lead@chu-exemple.fr", password=f.PASSWORD)
    assert login["__typename"] == "LoginPayload"
    again = await call(client, CONFIRM, code=code_of(mail))
    assert again["__typename"] == "InvalidCodeError"


async def test_sign_up_with_a_taken_address_answers_alike_and_mails_its_owner(
    client, session_factory, clock
):
    owner = await f.make_user(session_factory, clock.now())

    answer = await sign_up(client, owner.email.upper())

    assert answer == {"__typename": "MailSentPayload", "ok": True}
    assert await mails(session_factory, "sign_up_confirmation") == []
    (note,) = await mails(session_factory, "sign_up_address_taken")
    assert note.user_id == owner.id
    assert note.context["sign_in_link"] == "http://127.0.0.1:8000/sign-in"


async def test_asking_again_at_once_sends_no_second_mail(client, session_factory, clock):
    await sign_up(client)
    await sign_up(client)
    assert len(await mails(session_factory, "sign_up_confirmation")) == 1

    clock.advance(RESEND_AFTER)
    await sign_up(client)
    assert len(await mails(session_factory, "sign_up_confirmation")) == 2


@pytest.mark.parametrize(
    ("variables", "fields"),
    [
        ({"email": "not-an-address"}, {"email"}),
        ({"password": "short"}, {"password"}),
        ({"fullName": "   "}, {"fullName"}),
        ({"email": "x", "password": "y", "fullName": ""}, {"email", "password", "fullName"}),
    ],
)
async def test_sign_up_with_bad_details_is_refused_and_changes_nothing(
    client, session_factory, variables, fields
):
    before = await database_fingerprint(session_factory)
    values = {"email": "ok@chu-exemple.fr", "password": f.PASSWORD, "fullName": "Camille"}

    answer = await call(client, SIGN_UP, **(values | variables))

    assert answer["__typename"] == "InvalidInputError"
    assert {p["field"] for p in answer["fieldErrors"]} == fields
    assert await database_fingerprint(session_factory) == before


async def test_an_unusable_confirmation_code_is_refused_alike_and_changes_nothing(
    client, session_factory, clock
):
    await sign_up(client)
    (mail,) = await mails(session_factory, "sign_up_confirmation")
    clock.advance(SIGN_UP_CODE_TTL)  # expired now
    before = await database_fingerprint(session_factory)

    answers = [
        await call(client, CONFIRM, code=code)
        for code in (code_of(mail), "aapc_unknown", "", code_of(mail)[:-1])
    ]

    assert {a["__typename"] for a in answers} == {"InvalidCodeError"}
    assert len({a["message"] for a in answers}) == 1
    assert await database_fingerprint(session_factory) == before


async def test_a_request_that_lost_the_race_for_its_address_is_refused(
    client, session_factory, clock
):
    await sign_up(client, "race@chu-exemple.fr")
    (mail,) = await mails(session_factory, "sign_up_confirmation")
    await f.make_user(session_factory, clock.now(), email="race@chu-exemple.fr")

    answer = await call(client, CONFIRM, code=code_of(mail))

    assert answer["__typename"] == "InvalidCodeError"


async def test_a_reset_request_answers_alike_for_known_and_unknown_addresses(
    client, session_factory, clock
):
    user = await f.make_user(session_factory, clock.now())

    known = await call(client, REQUEST_RESET, email=user.email)
    unknown = await call(client, REQUEST_RESET, email="nobody@chu-exemple.fr")

    assert known == unknown == {"__typename": "MailSentPayload", "ok": True}
    (mail,) = await mails(session_factory, "password_reset")
    assert mail.user_id == user.id
    assert mail.context["link"].startswith("http://127.0.0.1:8000/reset-password#code=aapc_")


async def test_a_reset_code_sets_the_password_once_and_ends_every_session(
    client, session_factory, clock
):
    user = await f.make_user(session_factory, clock.now())
    signed = await f.sign_in(session_factory, clock.now(), user)
    await call(client, REQUEST_RESET, email=user.email)
    (mail,) = await mails(session_factory, "password_reset")

    answer = await call(client, RESET, code=code_of(mail), password=NEW_PASSWORD)

    assert answer == {"__typename": "PasswordResetPayload", "user": {"email": user.email}}
    old = await call(client, LOGIN, email=user.email, password=f.PASSWORD)
    new = await call(client, LOGIN, email=user.email, password=NEW_PASSWORD)
    assert old["__typename"] == "InvalidCredentialsError"
    assert new["__typename"] == "LoginPayload"
    me = await client.post("/graphql", json={"query": "{ me { email } }"}, headers=signed.headers)
    assert me.status_code == 401  # the session opened before the reset is over
    async with session_factory() as session:
        sessions = (
            await session.exec(select(AuthToken).where(col(AuthToken.user_id) == user.id))
        ).all()
        assert sum(1 for t in sessions if t.revoked_at is None) == 1  # the login just above
    again = await call(client, RESET, code=code_of(mail), password="yet another passphrase")
    assert again["__typename"] == "InvalidCodeError"


async def test_an_unusable_reset_code_or_a_weak_password_changes_nothing(
    client, session_factory, clock
):
    user = await f.make_user(session_factory, clock.now())
    await call(client, REQUEST_RESET, email=user.email)
    (mail,) = await mails(session_factory, "password_reset")
    before = await database_fingerprint(session_factory)

    weak = await call(client, RESET, code=code_of(mail), password="short")
    unknown = await call(client, RESET, code="aapc_unknown", password=NEW_PASSWORD)
    clock.advance(RESET_CODE_TTL)
    expired = await call(client, RESET, code=code_of(mail), password=NEW_PASSWORD)

    assert weak["__typename"] == "InvalidInputError"
    assert [p["field"] for p in weak["fieldErrors"]] == ["password"]
    assert unknown["__typename"] == expired["__typename"] == "InvalidCodeError"
    assert await database_fingerprint(session_factory) == before


async def test_codes_are_stored_only_as_hashes(client, session_factory, clock):
    user = await f.make_user(session_factory, clock.now())
    await sign_up(client)
    await call(client, REQUEST_RESET, email=user.email)
    codes = [code_of(m) for m in await mails(session_factory, "sign_up_confirmation")]
    codes += [code_of(m) for m in await mails(session_factory, "password_reset")]

    async with session_factory() as session:
        stored = [r.code_hash for r in (await session.exec(select(SignUpRequest))).all()]
        stored += [r.code_hash for r in (await session.exec(select(PasswordReset))).all()]

    assert len(stored) == 2
    assert not set(codes) & set(stored)
    assert all(len(h) == 64 for h in stored)


async def test_sign_up_and_reset_requests_are_throttled_as_logins(client, settings):
    answers = [
        await call(client, REQUEST_RESET, email="someone@chu-exemple.fr")
        for _ in range(settings.login_throttle_per_email + 1)
    ]

    assert answers[-1]["__typename"] == "TooManyAttemptsError"
    assert {a["__typename"] for a in answers[:-1]} == {"MailSentPayload"}
