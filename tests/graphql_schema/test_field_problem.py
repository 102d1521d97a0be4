"""One type for a problem with a field: an input's (``InvalidInputError.fieldErrors``), a
refused submission's (``SubmissionRejectedError.problems``) and ``submissionCheck``'s. A
front-end writes one fragment and one renderer for the three."""

from __future__ import annotations

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type

from graphql_schema.schema import schema
from tests.support.gql import gql
from tests.support.worlds import build_candidacy_scenario, gid

# Set on a problem with one organisation of the consortium (test_partner_problems.py), or with
# one of the call's bounds (test_bound_problems.py), else null.
NAMING = {"organisationId", "organisationName"}
BOUNDS = {"country", "minimum", "maximum"}
OPTIONAL = NAMING | BOUNDS
PLACES = {
    ("InvalidInputError", "fieldErrors"),
    ("SubmissionRejectedError", "problems"),
    ("Query", "submissionCheck"),
}


def test_every_field_problem_list_is_of_the_one_type():
    types = schema._schema.type_map

    listed = {
        (owner, name): get_named_type(types[owner].fields[name].type).name for owner, name in PLACES
    }

    assert listed == dict.fromkeys(PLACES, "FieldProblem")
    for old in ("FieldError", "SubmissionProblem", "SubmissionProblemItem"):
        assert old not in types
    problem = types["FieldProblem"]
    assert isinstance(problem, GraphQLObjectType)
    assert set(problem.fields) == {"field", "code", "message", *OPTIONAL}
    for name, field in problem.fields.items():
        assert isinstance(field.type, GraphQLNonNull) == (name not in OPTIONAL), name
    items = types["InvalidInputError"].fields["fieldErrors"].type
    assert isinstance(items, GraphQLNonNull) and isinstance(items.of_type, GraphQLList)


FRAGMENT = "fragment Problem on FieldProblem { __typename field code message }"
QUERIES = {
    "submissionCheck": "query($id: ID!) { submissionCheck(candidacyId: $id) { ...Problem } }",
    "submitCandidacy": """mutation($id: ID!) { submitCandidacy(id: $id) {
      ... on SubmissionRejectedError { problems { ...Problem } } } }""",
    "saveCandidacyAnswers": """mutation($id: ID!) { saveCandidacyAnswers(id: $id,
      answers: [{questionKey: "nope", value: 1}]) {
      ... on InvalidInputError { fieldErrors { ...Problem } } } }""",
}


async def test_the_three_places_answer_the_same_fragment(client, session_factory, clock):
    world = await build_candidacy_scenario(session_factory, clock.now())
    headers = world.headers("applicant_y")
    y_a = gid("Candidacy", world.candidacy("y_a"))  # nothing answered, no budget

    answers = {}
    for name, query in QUERIES.items():
        body = await gql(client, query + "\n" + FRAGMENT, {"id": y_a}, headers=headers)
        result = body["data"][name]
        answers[name] = result if isinstance(result, list) else next(iter(result.values()))

    assert {(p["code"], p["field"]) for p in answers["submissionCheck"]} == {
        ("MISSING_ANSWER", "answers.summary"),
        ("BUDGET_MISSING", "budget"),
    }
    assert answers["submitCandidacy"] == answers["submissionCheck"]
    assert [p["field"] for p in answers["saveCandidacyAnswers"]] == ["answers.nope"]
    for problems in answers.values():
        assert all(p["__typename"] == "FieldProblem" and p["message"] for p in problems)
