"""Signing up, confirming an address, resetting a password: anonymous mutations whose answer
never tells whether an address has an account (backend.registration.services)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.core.i18n import Language
from backend.registration import services
from graphql_schema.accounts.errors import TooManyAttemptsError
from graphql_schema.accounts.types import UserType
from graphql_schema.errors import InvalidInputError
from graphql_schema.mutation_support import run_mutation
from graphql_schema.registration.errors import InvalidCodeError


@strawberry.type(
    description="The request was taken: a mail went to the address (a confirmation link, or, "
    "when it already has an account, a note to its owner). Says nothing of which."
)
class MailSentPayload:
    ok: bool = True


@strawberry.type
class SignUpConfirmedPayload:
    user: UserType = strawberry.field(description="The account created; sign in to use it.")


@strawberry.type
class PasswordResetPayload:
    user: UserType = strawberry.field(
        description="Whose password changed; every session of theirs was ended."
    )


SignUpResult = Annotated[
    MailSentPayload | InvalidInputError | TooManyAttemptsError, strawberry.union("SignUpResult")
]
ConfirmSignUpResult = Annotated[
    SignUpConfirmedPayload | InvalidCodeError, strawberry.union("ConfirmSignUpResult")
]
RequestPasswordResetResult = Annotated[
    MailSentPayload | TooManyAttemptsError, strawberry.union("RequestPasswordResetResult")
]
ResetPasswordResult = Annotated[
    PasswordResetPayload | InvalidCodeError | InvalidInputError,
    strawberry.union("ResetPasswordResult"),
]


@strawberry.type
class RegistrationMutations:
    @strawberry.mutation(
        description="Ask for an account. A confirmation link is mailed to the address and the "
        "account exists once it is followed (confirmSignUp). Answers the same whether or not "
        "the address has an account (its owner is mailed instead). Throttled as logins are."
    )
    async def sign_up(
        self,
        info: strawberry.Info,
        email: str,
        password: str,
        full_name: str,
        language: Language = Language.FR,
    ) -> SignUpResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.sign_up(
                s,
                throttle=ctx.login_throttle,
                address=ctx.client_address,
                email=email,
                full_name=full_name,
                password=password,
                language=language,
                now=ctx.clock.now(),
            ),
            lambda _: MailSentPayload(),
        )

    @strawberry.mutation(description="Create the account with the code of a confirmation link.")
    async def confirm_sign_up(self, info: strawberry.Info, code: str) -> ConfirmSignUpResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.confirm_sign_up(s, code=code, now=ctx.clock.now()),
            lambda user: SignUpConfirmedPayload(user=UserType.from_model(user)),
        )

    @strawberry.mutation(
        description="Mail a link to reset the password of the address's account, if it has "
        "one; answers the same otherwise. Throttled as logins are."
    )
    async def request_password_reset(
        self, info: strawberry.Info, email: str
    ) -> RequestPasswordResetResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.request_password_reset(
                s,
                throttle=ctx.login_throttle,
                address=ctx.client_address,
                email=email,
                now=ctx.clock.now(),
            ),
            lambda _: MailSentPayload(),
        )

    @strawberry.mutation(
        description="Choose a new password with the code of a reset link; ends every session "
        "of the account."
    )
    async def reset_password(
        self, info: strawberry.Info, code: str, password: str
    ) -> ResetPasswordResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.reset_password(s, code=code, password=password, now=ctx.clock.now()),
            lambda user: PasswordResetPayload(user=UserType.from_model(user)),
        )
