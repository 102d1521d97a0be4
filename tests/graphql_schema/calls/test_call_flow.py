"""The newcomer's path: log in as a manager, create a call, publish it, see it in public."""

from __future__ import annotations

from backend.accounts.enums import Role
from tests.support import factories as f
from tests.support.gql import gql

LOGIN = """
mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on LoginPayload { token user { email roles { role funder { code } } } }
    ... on Error { code message }
  }
}"""

CREATE = """
mutation($input: CreateCallInput!) {
  createCall(input: $input) {
    __typename
    ... on CallPayload { call { id reference status title(language: EN) themes
      timeline { deadlineAt deadlineLocal timezone } funders { share { cents } funder { code } } } }
    ... on InvalidInputError { fieldErrors { field message code } }
    ... on Error { code message }
  }
}"""

PUBLISH = """
mutation($id: ID!) {
  publishCall(id: $id) {
    __typename
    ... on CallPayload { call { status publishedAt } }
    ... on Error { code message }
  }
}"""

PUBLIC_LIST = """
query { calls(first: 10) { edges { node { reference status title } } pageInfo { hasNextPage } } }
"""


def create_input(programme_id: str, funder_id: str) -> dict:
    return {
        "programmeId": programme_id,
        "reference": "IMPACTIA-2026",
        "kind": "AAP",
        "title": {"fr": "Études d'impact de l'IA", "en": "AI impact studies"},
        "description": {"fr": "Financer **cinquante** études."},
        "themes": ["radiology", "Emergency-Medicine"],
        "budgetEnvelopeCents": 5_000_000_000,
        "capPerCandidacyCents": 100_000_000,
        "funders": [{"funderId": funder_id, "shareCents": 5_000_000_000}],
        "timeline": {
            "timezone": "Europe/Paris",
            "opensAt": "2026-03-10T09:00:00+01:00",
            "deadlineAt": "2026-07-31T23:59:59+02:00",
            "decisionDate": "2026-08-15",
            "projectStartDate": "2026-09-01",
        },
        "questions": [
            {
                "key": "summary",
                "kind": "TEXT",
                "label": {"fr": "Résumé"},
                "required": True,
                "maxLength": 3000,
            },
        ],
        "grid": {
            "criteria": [
                {
                    "key": "impact",
                    "label": {"fr": "Impact"},
                    "weight": "2",
                    "scaleMin": "0",
                    "scaleMax": "5",
                    "step": "0.5",
                },
            ],
            "expertsPerCandidacy": 2,
        },
    }


async def test_manager_creates_and_publishes_call_visible_to_anonymous(
    client, session_factory, clock
):
    now = clock.now()
    funder = await f.make_funder(session_factory, now, code="DGOS")
    programme = await f.make_programme(session_factory, now, funder)
    manager = await f.make_user(session_factory, now, email="manager@example.org")
    await f.grant(session_factory, now, manager, Role.PROGRAMME_MANAGER, funder)

    login = await gql(client, LOGIN, {"email": "Manager@Example.org", "password": f.PASSWORD})
    payload = login["data"]["login"]
    assert payload["__typename"] == "LoginPayload", payload
    headers = {"Authorization": f"Bearer {payload['token']}"}
    assert payload["user"]["roles"] == [{"role": "PROGRAMME_MANAGER", "funder": {"code": "DGOS"}}]

    from strawberry.relay import GlobalID

    created = await gql(
        client,
        CREATE,
        {
            "input": create_input(
                str(GlobalID("Programme", str(programme.id))),
                str(GlobalID("Funder", str(funder.id))),
            )
        },
        headers=headers,
    )
    result = created["data"]["createCall"]
    assert result["__typename"] == "CallPayload", result
    call = result["call"]
    assert call["status"] == "DRAFT"
    assert call["themes"] == ["emergency-medicine", "radiology"]
    assert call["timeline"]["deadlineAt"] == "2026-07-31T21:59:59+00:00"
    assert call["timeline"]["deadlineLocal"] == "2026-07-31T23:59:59+02:00"
    assert call["funders"] == [{"share": {"cents": 5_000_000_000}, "funder": {"code": "DGOS"}}]

    assert (await gql(client, PUBLIC_LIST))["data"]["calls"]["edges"] == []

    published = await gql(client, PUBLISH, {"id": call["id"]}, headers=headers)
    assert published["data"]["publishCall"]["call"]["status"] == "PUBLISHED"

    listed = await gql(client, PUBLIC_LIST)
    assert listed["data"]["calls"]["edges"] == [
        {
            "node": {
                "reference": "IMPACTIA-2026",
                "status": "PUBLISHED",
                "title": "Études d'impact de l'IA",
            }
        }
    ]
