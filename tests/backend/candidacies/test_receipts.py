"""The receipt PDF: the submitted facts in the submitter's language, applicant text as text,
nothing fetched, stored once however many workers render it, downloadable by its readers."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import io
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa

from backend.accounts.enums import OrganisationKind
from backend.accounts.models import User
from backend.calls.enums import CallStatus, QuestionKind
from backend.calls.inputs import FunderShareInput, QuestionInput
from backend.candidacies import receipts
from backend.candidacies.attachments import attach_file
from backend.candidacies.enums import BudgetCategory, PartnerRole
from backend.candidacies.models import Candidacy, CandidacyVersion
from backend.candidacies.services import (
    BudgetLineInput,
    PartnerInput,
    create_candidacy,
    save_answers,
    set_budget,
    set_partners,
)
from backend.candidacies.submission import snapshot_hash, submit_candidacy
from backend.core.auth import Actor
from backend.core.db import SessionFactory, unit_of_work
from backend.core.storage import LocalStorage, storage_from_settings
from backend.core.uploads import InspectedUpload
from tests.support import factories as f
from tests.support.factories import accept_invitations

LETTER = b"%PDF-1.7\n% lettre d'engagement de la Charite\n%%EOF\n"
CALL_TITLE = "Études d'impact de l'IA en santé"
PARTNER_NAME = "Charité \u2013 Universitätsmedizin Berlin"


# --------------------------------------------------------------------------- arrange helpers


@dataclass
class Submitted:
    version: CandidacyVersion
    applicant: User
    actor: Actor
    candidacy_id: uuid.UUID
    reference: str


async def submit_realistic_candidacy(
    factory: SessionFactory, now: datetime, storage: LocalStorage
) -> Submitted:
    """A French-German consortium asking for 1 250 000,00 € with one attached letter,
    prepared and submitted through the real services."""
    funder = await f.make_funder(factory, now, code=f"DGOS-{f.n()}")
    programme = await f.make_programme(factory, now, funder)
    call = await f.make_call(
        factory, now, programme, funder, status=CallStatus.OPEN,
        reference=f"IMPACTIA-{f.n()}",
        title={"fr": CALL_TITLE, "en": "AI impact studies in health"},
        budget_envelope_cents=2_000_000_00, cap_per_candidacy_cents=1_500_000_00,
        funders=[FunderShareInput(funder.id, 2_000_000_00)],
        eligibility={"required_partner_countries": [{"country": "FR"}, {"country": "DE"}]},
        questions=[
            QuestionInput(key="summary", kind=QuestionKind.TEXT, label={"fr": "Résumé"},
                          required=True, max_length=3000),
            QuestionInput(key="letter", kind=QuestionKind.FILE, label={"fr": "Lettre"},
                          required=True),
        ],
    )  # fmt: skip
    applicant = await f.make_user(
        factory, now, full_name="Claire Dupont", email=f"claire.dupont.{f.n()}@example.org"
    )
    lead = await f.make_organisation(
        factory, now, applicant, name="AP-HP", kind=OrganisationKind.HEALTH_ESTABLISHMENT,
        country="FR", siret="26750045200011", finess="750712184", registry_id=None,
    )  # fmt: skip
    partner_owner = await f.make_user(factory, now)
    partner = await f.make_organisation(
        factory, now, partner_owner, name=PARTNER_NAME,
        registry_id="HRB 12345",
    )  # fmt: skip
    actor = Actor(user_id=applicant.id, organisation_ids=frozenset({lead.id}))
    async with unit_of_work(factory) as uow:
        candidacy = await create_candidacy(
            uow.session, actor=actor, call_id=call.id, organisation_id=lead.id,
            title="IA aux urgences", acronym="TRIAGE-IA", duration_months=24, now=now,
        )  # fmt: skip
    cid = candidacy.id
    async with unit_of_work(factory) as uow:
        await set_partners(
            uow.session, actor=actor, candidacy_id=cid, now=now,
            partners=[PartnerInput(lead.id, PartnerRole.LEAD, 750_000_00),
                      PartnerInput(partner.id, PartnerRole.PARTNER, 500_000_00)],
        )  # fmt: skip
        await accept_invitations(uow.session, now, candidacy)
        await save_answers(
            uow.session, actor=actor, candidacy_id=cid, now=now,
            answers={"summary": "Évaluer un outil de triage."},
        )  # fmt: skip
        await set_budget(
            uow.session, actor=actor, candidacy_id=cid, now=now,
            lines=[BudgetLineInput(lead.id, BudgetCategory.STAFF, 750_000_00),
                   BudgetLineInput(partner.id, BudgetCategory.EQUIPMENT, 500_000_00)],
        )  # fmt: skip
    upload = InspectedUpload(
        content=LETTER, size=len(LETTER), sha256=hashlib.sha256(LETTER).hexdigest(),
        content_type="application/pdf", display_name="Lettre d'engagement.pdf",
    )  # fmt: skip
    async with unit_of_work(factory) as uow:
        await attach_file(
            uow.session, actor=actor, storage=storage, candidacy_id=cid,
            question_key="letter", upload=upload, now=now,
        )  # fmt: skip
    version = await resubmit(factory, actor, cid, now)
    async with factory() as session:
        submitted = await session.get(Candidacy, cid)
    assert submitted is not None and submitted.reference is not None
    return Submitted(
        version=version, applicant=applicant, actor=actor, candidacy_id=cid,
        reference=submitted.reference,
    )  # fmt: skip


async def resubmit(
    factory: SessionFactory, actor: Actor, candidacy_id: uuid.UUID, now: datetime
) -> CandidacyVersion:
    async with unit_of_work(factory) as uow:
        receipt = await submit_candidacy(
            uow.session, actor=actor, candidacy_id=candidacy_id, now=now
        )
    return receipt.version


async def load_version(factory: SessionFactory, version_id: uuid.UUID) -> CandidacyVersion:
    async with factory() as session:
        version = await session.get(CandidacyVersion, version_id)
    assert version is not None
    return version


def stored_receipts(storage: LocalStorage) -> list[Path]:
    return sorted(p for p in (storage.root / receipts.STORAGE_PREFIX).glob("*") if p.is_file())


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with every run of whitespace (NBSP, narrow NBSP too) as one space."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def fake_pdf(*_args, **_kwargs) -> bytes:
    return b"%PDF-1.7 fake receipt"


SAMPLE_REFERENCE = "IMPACTIA-2026-0042"


def sample_snapshot() -> dict:
    """A hand-made snapshot with the shape of ``canonical_snapshot``."""
    return {
        "candidacy_id": str(uuid.uuid4()),
        "version": 2,
        "submitted_at": "2026-03-29T01:30:00+00:00",
        "submitted_by": {"id": str(uuid.uuid4()), "name": "Jonas Weber",
                         "email": "jonas.weber@example.de"},
        "call": {"id": str(uuid.uuid4()), "reference": "IMPACTIA-2026",
                 "title": {"fr": CALL_TITLE, "de": "KI-Wirkungsstudien im Gesundheitswesen"},
                 "timezone": "Europe/Paris", "deadline_at": "2026-04-01T10:00:00+00:00"},
        "title": "KI in der Notaufnahme",
        "acronym": "TRIAGE-KI",
        "duration_months": 36,
        "lead_organisation_id": "lead",
        "partners": [
            {"organisation": {"id": "lead", "name": "Charité", "kind": "HEALTH_ESTABLISHMENT",
                              "country": "DE", "siret": None, "finess": None,
                              "registry_id": "HRB 12345"},
             "role": "LEAD", "requested_share_cents": 1_250_000_00},
        ],
        "answers": {"summary": "Triage."},
        "budget": [],
        "budget_total_cents": 1_250_000_00,
        "currency": "EUR",
        "attachments": [],
    }  # fmt: skip


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "storage")


# --------------------------------------------------------------------------- the document


async def test_receipt_pdf_restates_the_submitted_facts_in_french(session_factory, clock, storage):
    # Arrange
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    version = submitted.version
    refused: list[str] = []

    # Act
    pdf = receipts.render_receipt_pdf(
        version.snapshot, version.sha256, reference=submitted.reference, language="fr",
        refused_urls=refused,
    )  # fmt: skip

    # Assert
    text = pdf_text(pdf)
    reference = submitted.reference
    assert "Accusé de réception / Eingangsbestätigung / Acknowledgement of receipt" in text
    assert f"Référence de la candidature {reference}" in text
    assert version.snapshot["call"]["reference"] in text
    assert CALL_TITLE in text
    assert "Version déposée 1" in text
    assert "Déposée le (UTC) 2 mars 2026 à 09:00:00 UTC" in text
    assert "2 mars 2026 à 10:00:00 (Europe/Paris, UTC+01:00)" in text
    assert f"Claire Dupont <{submitted.applicant.email}>" in text
    assert "IA aux urgences" in text and "TRIAGE-IA" in text
    assert "SIRET 26750045200011" in text and "FINESS 750712184" in text
    assert PARTNER_NAME in text and "Registre HRB 12345" in text
    assert "Budget total demandé 1 250 000,00 €" in text
    assert "750 000,00 €" in text and "500 000,00 €" in text
    assert "Lettre d'engagement.pdf" in text
    compact = text.replace(" ", "")
    assert hashlib.sha256(LETTER).hexdigest() in compact
    assert version.sha256 == snapshot_hash(version.snapshot)
    assert version.sha256 in compact
    assert "clés triées" in text
    assert refused == []


async def test_receipt_pdf_in_german_formats_money_and_dates_the_german_way():
    # Arrange
    snapshot = sample_snapshot()

    # Act
    pdf = receipts.render_receipt_pdf(
        snapshot, snapshot_hash(snapshot), reference=SAMPLE_REFERENCE, language="de"
    )

    # Assert
    text = pdf_text(pdf)
    assert "Eingangsbestätigung" in text
    assert "Aktenzeichen des Antrags IMPACTIA-2026-0042" in text
    assert "KI-Wirkungsstudien im Gesundheitswesen" in text
    assert "Beantragtes Gesamtbudget 1.250.000,00 €" in text
    # 01:30 UTC on 29 March 2026 is 03:30 in Paris, just after the spring change to CEST.
    assert "29. März 2026, 01:30:00 UTC" in text
    assert "29. März 2026, 03:30:00 (Europe/Paris, UTC+02:00)" in text
    assert "Keine Anlagen." in text
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata is not None
    assert reader.metadata.title == "Eingangsbestätigung IMPACTIA-2026-0042 v2"


async def test_receipt_pdf_prints_applicant_markup_as_text_and_fetches_nothing():
    # Arrange
    snapshot = sample_snapshot()
    snapshot["title"] = "<script>alert(1)</script>"
    snapshot["acronym"] = "<img src=file:///etc/passwd>"
    snapshot["partners"][0]["organisation"]["name"] = (
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    )
    snapshot["attachments"] = [
        {"question_key": "letter", "name": "<style>@import url(file:///etc/passwd);</style>",
         "sha256": "0" * 64, "size_bytes": 10, "content_type": "application/pdf"},
    ]  # fmt: skip
    refused: list[str] = []

    # Act
    pdf = receipts.render_receipt_pdf(
        snapshot, snapshot_hash(snapshot), reference=SAMPLE_REFERENCE, language="fr",
        refused_urls=refused,
    )  # fmt: skip

    # Assert
    text = pdf_text(pdf)
    assert "<script>alert(1)</script>" in text
    assert "<img src=file:///etc/passwd>" in text
    assert '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">' in text
    # A long name wraps in its narrow column: compare without the line-break space.
    assert "<style>@importurl(file:///etc/passwd);</style>" in text.replace(" ", "")
    assert "root:" not in text
    assert refused == []


async def test_receipt_renderer_routes_every_url_to_the_refusing_fetcher(monkeypatch):
    # Arrange: a template that, unlike ours, points at a local file and at the network.
    import jinja2

    hostile = (
        '<html lang="fr"><head><title>x</title>'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
        '<body><p>x</p><img src="file:///etc/passwd" alt="x"></body></html>'
    )
    env = jinja2.Environment(
        loader=jinja2.DictLoader({receipts.TEMPLATE: hostile}), autoescape=True
    )
    monkeypatch.setattr(receipts, "_environment", lambda: env)
    refused: list[str] = []

    # Act
    pdf = receipts.render_receipt_pdf(
        sample_snapshot(), "0" * 64, reference=SAMPLE_REFERENCE, refused_urls=refused
    )

    # Assert
    assert set(refused) == {"http://127.0.0.1:9/x.css", "file:///etc/passwd"}
    assert "root:" not in pdf_text(pdf)


def test_receipts_share_one_font_configuration_and_parse_the_stylesheet_once(monkeypatch):
    # Arrange: watch what WeasyPrint is given, and how often a stylesheet is parsed.
    import weasyprint

    calls: list[dict] = []
    parsed: list[object] = []
    write_pdf, css_init = weasyprint.HTML.write_pdf, weasyprint.CSS.__init__

    def spy_write_pdf(self, *args, **kwargs):
        calls.append(kwargs)
        return write_pdf(self, *args, **kwargs)

    def spy_css_init(self, *args, **kwargs):
        parsed.append(self)
        css_init(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", spy_write_pdf)
    monkeypatch.setattr(weasyprint.CSS, "__init__", spy_css_init)
    snapshot = sample_snapshot()

    # Act
    for language in ("fr", "de"):
        receipts.render_receipt_pdf(
            snapshot, snapshot_hash(snapshot), reference=SAMPLE_REFERENCE, language=language
        )

    # Assert: the same font configuration and stylesheet objects, parsed once at most.
    first, second = calls
    assert first["font_config"] is not None and first["font_config"] is second["font_config"]
    assert first["stylesheets"][0] is second["stylesheets"][0]
    assert len(parsed) <= 1
    assert first["pdf_variant"] == second["pdf_variant"] == "pdf/ua-1"


def test_receipt_pdf_has_the_text_of_bare_weasyprint_rendering_the_same_document():
    # Arrange: the receipt's HTML with its stylesheet inlined, rendered the plain way.
    import weasyprint

    snapshot = sample_snapshot()
    sha256 = snapshot_hash(snapshot)
    html = receipts.receipt_html(snapshot, sha256, reference=SAMPLE_REFERENCE, language="en")
    css = (receipts.TEMPLATES_DIR / receipts.STYLESHEET).read_text("utf-8")
    styled = html.replace("</head>", f"<style>{css}</style></head>")
    bare = weasyprint.HTML(string=styled).write_pdf(pdf_variant="pdf/ua-1")

    # Act
    ours = receipts.render_receipt_pdf(snapshot, sha256, reference=SAMPLE_REFERENCE, language="en")

    # Assert
    assert pdf_text(ours) == pdf_text(bare)
    assert len(pypdf.PdfReader(io.BytesIO(ours)).pages) == len(
        pypdf.PdfReader(io.BytesIO(bare)).pages
    )


def test_receipt_url_fetcher_refuses_and_records_every_url():
    # Arrange
    attempts: list[str] = []
    fetcher = receipts._refusing_fetcher(attempts)
    urls = ["file:///etc/passwd", "https://example.org/logo.png", "data:text/css,body{}"]

    # Act
    outcomes = []
    for url in urls:
        with pytest.raises(ValueError) as refused:
            fetcher.fetch(url)
        outcomes.append(refused.value)

    # Assert
    assert attempts == urls
    assert len(outcomes) == 3


def test_money_and_sizes_follow_each_language():
    assert receipts.format_money(1_250_000_00, "EUR", "fr") == "1\u202f250\u202f000,00\u00a0€"
    assert receipts.format_money(1_250_000_00, "EUR", "de") == "1.250.000,00\u00a0€"
    assert receipts.format_money(1_250_000_00, "EUR", "en") == "€1,250,000.00"
    assert receipts.format_money(-5, "CHF", "en") == "-CHF\u00a00.05"
    assert receipts.format_size(123_456, "fr") == "123\u202f456\u00a0octets"


# --------------------------------------------------------------------------- storing it once


async def test_render_receipt_stores_one_pdf_and_a_second_run_does_nothing(
    session_factory, clock, storage
):
    # Arrange
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    version_id = submitted.version.id

    # Act
    async with unit_of_work(session_factory) as uow:
        first = await receipts.render_receipt(
            uow.session, version_id=version_id, storage=storage, now=clock.now()
        )
    async with unit_of_work(session_factory) as uow:
        second = await receipts.render_receipt(
            uow.session, version_id=version_id, storage=storage, now=clock.now()
        )

    # Assert
    assert (first, second) == (True, False)
    version = await load_version(session_factory, version_id)
    assert version.receipt_rendered_at == clock.now()
    [stored] = stored_receipts(storage)
    assert version.receipt_storage_key == f"{receipts.STORAGE_PREFIX}/{stored.name}"
    text = pdf_text(await storage.get(version.receipt_storage_key))
    assert "Accusé de réception" in text
    assert submitted.reference in text


async def test_render_receipt_of_an_unknown_version_returns_false(session_factory, clock, storage):
    async with unit_of_work(session_factory) as uow:
        done = await receipts.render_receipt(
            uow.session, version_id=uuid.uuid4(), storage=storage, now=clock.now()
        )

    assert done is False
    assert stored_receipts(storage) == []


async def test_render_receipt_refuses_a_snapshot_that_no_longer_matches_its_hash(
    session_factory, clock, storage, monkeypatch
):
    # Arrange
    monkeypatch.setattr(receipts, "render_receipt_pdf", fake_pdf)
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    tampered = copy.deepcopy(submitted.version.snapshot)
    tampered["budget_total_cents"] = 1
    async with unit_of_work(session_factory) as uow:
        await uow.session.exec(
            sa.update(CandidacyVersion)
            .where(CandidacyVersion.id == submitted.version.id)
            .values(snapshot=tampered)
        )

    # Act / Assert
    with pytest.raises(receipts.ReceiptIntegrityError):
        async with unit_of_work(session_factory) as uow:
            await receipts.render_receipt(
                uow.session, version_id=submitted.version.id, storage=storage, now=clock.now()
            )
    assert stored_receipts(storage) == []


async def test_render_receipt_that_loses_the_race_deletes_its_own_object(
    session_factory, clock, storage, monkeypatch
):
    # Arrange: another worker records its receipt while this one renders.
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    version_id = submitted.version.id
    winner = "receipts/recorded-by-another-worker"

    async with unit_of_work(session_factory) as uow:

        async def render_while_another_worker_wins(_pending) -> bytes:
            await uow.session.exec(
                sa.update(CandidacyVersion)
                .where(CandidacyVersion.id == version_id)
                .values(receipt_storage_key=winner, receipt_rendered_at=clock.now())
            )
            return b"%PDF-1.7 loser"

        monkeypatch.setattr(receipts, "_render", render_while_another_worker_wins)

        # Act
        done = await receipts.render_receipt(
            uow.session, version_id=version_id, storage=storage, now=clock.now()
        )

    # Assert
    assert done is False
    assert stored_receipts(storage) == []
    assert (await load_version(session_factory, version_id)).receipt_storage_key == winner


async def test_two_workers_racing_record_one_receipt_and_the_loser_deletes_its_object(
    session_factory, clock, storage, monkeypatch
):
    # Arrange: both workers must have read the version (no receipt yet) before either records.
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    both_rendering = threading.Barrier(2, timeout=10)

    def render_in_lockstep(*_args, **_kwargs) -> bytes:
        both_rendering.wait()
        return b"%PDF-1.7 " + uuid.uuid4().bytes

    monkeypatch.setattr(receipts, "render_receipt_pdf", render_in_lockstep)

    # Act
    results = await asyncio.gather(
        *(
            receipts.render_receipt_in_steps(
                session_factory, version_id=submitted.version.id, storage=storage, now=clock.now()
            )
            for _ in range(2)
        )
    )

    # Assert
    assert sorted(results) == [False, True]
    version = await load_version(session_factory, submitted.version.id)
    [stored] = stored_receipts(storage)
    assert version.receipt_storage_key == f"{receipts.STORAGE_PREFIX}/{stored.name}"


async def test_two_units_of_work_rendering_at_once_record_one_receipt(
    session_factory, clock, storage, monkeypatch
):
    # Arrange: each worker in its own session and transaction (serialised on SQLite, racing
    # on PostgreSQL); either way one records and nothing else stays in storage.
    monkeypatch.setattr(receipts, "render_receipt_pdf", fake_pdf)
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)

    async def one_worker() -> bool:
        async with unit_of_work(session_factory) as uow:
            return await receipts.render_receipt(
                uow.session, version_id=submitted.version.id, storage=storage, now=clock.now()
            )

    # Act
    results = await asyncio.gather(one_worker(), one_worker())

    # Assert
    assert sorted(results) == [False, True]
    version = await load_version(session_factory, submitted.version.id)
    [stored] = stored_receipts(storage)
    assert version.receipt_storage_key == f"{receipts.STORAGE_PREFIX}/{stored.name}"


# --------------------------------------------------------------------------- downloading it


async def test_rendered_receipt_downloads_for_the_applicant_and_not_for_another_user(
    client, settings, session_factory, clock
):
    # Arrange: the same storage the app serves from.
    storage = storage_from_settings(settings)
    assert isinstance(storage, LocalStorage)
    now = clock.now()
    submitted = await submit_realistic_candidacy(session_factory, now, storage)
    version_id = submitted.version.id
    url = f"/files/receipts/{version_id}"
    applicant = await f.sign_in(session_factory, now, submitted.applicant)
    stranger_user = await f.make_user(session_factory, now)
    await f.make_organisation(session_factory, now, stranger_user)
    stranger = await f.sign_in(session_factory, now, stranger_user)
    before = await client.get(url, headers=applicant.headers)
    async with unit_of_work(session_factory) as uow:
        assert await receipts.render_receipt(
            uow.session, version_id=version_id, storage=storage, now=now
        )

    # Act
    mine = await client.get(url, headers=applicant.headers)
    theirs = await client.get(url, headers=stranger.headers)

    # Assert
    assert before.status_code == 404
    assert mine.status_code == 200
    assert mine.headers["content-type"] == "application/pdf"
    reference = submitted.reference
    assert f"{reference}-v1-accuse-de-reception.pdf" in mine.headers["content-disposition"]
    assert mine.content.startswith(b"%PDF")
    assert reference in pdf_text(mine.content)
    assert theirs.status_code == 404
