"""The registration domain's part of the schema: sign-up and password reset."""

from __future__ import annotations

from graphql_schema.domain import GraphQLDomain
from graphql_schema.registration.errors import ERROR_TYPES
from graphql_schema.registration.mutations import RegistrationMutations

DOMAIN = GraphQLDomain(
    name="registration",
    mutations=(RegistrationMutations,),
    error_types=ERROR_TYPES,
)
