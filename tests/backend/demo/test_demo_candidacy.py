"""The demo leaves AP-HP's applicant a draft to continue, with what is left to do listed."""

from __future__ import annotations

from backend.accounts import services as accounts
from backend.accounts.queries import user_by_email
from backend.candidacies import queries
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.submission import submission_report
from backend.demo.seed import seed_demo_data


async def test_demo_applicant_finds_a_draft_with_its_remaining_problems(session_factory, clock):
    await seed_demo_data(session_factory, now=clock.now())

    async with session_factory() as session:
        user = await user_by_email(session, "applicant.aphp@demo.aap.example")
        actor = await accounts.build_actor(session, user)
        drafts = (await session.exec(queries.visible_candidacies(actor))).all()
        problems = await submission_report(
            session, actor=actor, candidacy_id=drafts[0].id, now=clock.now()
        )

    assert [d.status for d in drafts] == [CandidacyStatus.DRAFT]
    assert drafts[0].acronym == "TRIAGE-IA"
    codes = {p.code for p in problems}
    assert "MISSING_ANSWER" in codes or "MISSING_DOCUMENT" in codes
    assert "PARTNER_SHARE_MISMATCH" not in codes and "BUDGET_MISSING" not in codes
    assert "DEADLINE_PASSED" not in codes and "CALL_NOT_OPEN" not in codes
