"""Custom scalars. GraphQL's Int is 32-bit; money in cents needs more (50 M EUR > 2^31 cents)."""

from __future__ import annotations

from typing import NewType

from strawberry.schema.types.scalar import ScalarDefinition

BigInt = NewType("BigInt", int)


def _parse_big_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("BigInt expects a whole number")
    number = int(value)
    if abs(number) >= 2**53:
        raise ValueError("BigInt must stay within +/- 2^53 to survive JSON clients")
    return number


BIG_INT = ScalarDefinition(
    name="BigInt",
    description="A whole number beyond 32 bits (amounts in cents), serialised as a JSON number.",
    specified_by_url=None,
    serialize=int,
    parse_value=_parse_big_int,
    parse_literal=None,
)

SCALAR_MAP: dict[object, ScalarDefinition] = {BigInt: BIG_INT}
