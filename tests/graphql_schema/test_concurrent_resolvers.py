"""Sibling resolvers run concurrently: each root field and loader batch has its own session."""

from __future__ import annotations

from backend.accounts.enums import Role
from backend.calls.enums import CallStatus
from tests.support import factories as f
from tests.support.gql import gql

QUERY = """
{
  first: calls(first: 5) { edges { node { reference themes questions { key }
    funders { funder { code } } programme { funder { name } } grid { criteria { key } } } } }
  second: calls(first: 5, filter: { openNow: true }) { edges { node { reference } } }
  funders { edges { node { code } } }
  programmes { edges { node { code funder { code } } } }
  me { email roles { role funder { code } } memberships { organisation { name } } }
  organisations { edges { node { name } } }
}
"""


async def test_sibling_root_fields_and_loaders_resolve_concurrently(client, session_factory, clock):
    now = clock.now()
    funder = await f.make_funder(session_factory, now, code="HAS")
    programme = await f.make_programme(session_factory, now, funder)
    for _ in range(3):
        await f.make_call(session_factory, now, programme, funder, status=CallStatus.OPEN)
    user = await f.make_user(session_factory, now)
    await f.grant(session_factory, now, user, Role.FUNDER_VIEWER, funder)
    await f.make_organisation(session_factory, now, user, name="Charité")
    signed = await f.sign_in(session_factory, now, user)

    body = await gql(client, QUERY, headers=signed.headers)

    data = body["data"]
    assert len(data["first"]["edges"]) == 3
    assert len(data["second"]["edges"]) == 3
    assert data["me"]["roles"] == [{"role": "FUNDER_VIEWER", "funder": {"code": "HAS"}}]
    assert data["me"]["memberships"] == [{"organisation": {"name": "Charité"}}]
    assert data["organisations"]["edges"] == [{"node": {"name": "Charité"}}]
