"""The acknowledgement of receipt: a PDF restating a submitted version's facts and its hash.

Every fact comes from the frozen snapshot, but for the candidacy's reference: a first
submission is numbered in its last statement, after the hash is taken, so the reference is
read from the candidacy (where it never changes once given). The hash covers the snapshot,
which names the candidacy by its id; the audit entry of the submission, sealed into the hash
chain within seconds, binds the reference to that hash.

Rendered by a worker in the submitter's language under a trilingual heading, and stored once:
a job that runs twice, or two workers racing, leave exactly one object recorded on the
version.

Applicant text is untrusted. The template autoescapes everything, no value is marked safe,
and WeasyPrint gets a URL fetcher that refuses every URL, so neither a ``file://`` path nor
the network can reach the PDF. WeasyPrint is imported inside the renderer: it costs half a
second and the API never needs it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.models import User
from backend.candidacies.models import Candidacy, CandidacyVersion
from backend.candidacies.submission import snapshot_hash
from backend.core import pdf as pdf_engine
from backend.core.db import SessionFactory, read_session, unit_of_work
from backend.core.i18n import Language, pick_text
from backend.core.settings import PROJECT_ROOT
from backend.core.storage import Storage, new_key

if TYPE_CHECKING:
    import jinja2

log = logging.getLogger(__name__)

TEMPLATES_DIR = PROJECT_ROOT / "pdf_templates"
TEMPLATE = "receipt.html"
STYLESHEET = "receipt.css"
LABELS_FILE = "receipt.labels.json"
LANGUAGES = ("fr", "de", "en")
PDF_VARIANT = "pdf/ua-1"
"""Tagged, accessible PDF (needs ``<title>``, ``<html lang>`` and a sound structure)."""
CONTENT_TYPE = "application/pdf"
STORAGE_PREFIX = "receipts"
SWEEP_DELAY = timedelta(minutes=1)
"""A version without a receipt this long after submission lost its job (Redis restarted)."""


class ReceiptIntegrityError(RuntimeError):
    """The stored snapshot no longer hashes to the stored SHA-256: never certify it."""


# --------------------------------------------------------------------------- rendering


def render_receipt_pdf(
    snapshot: Mapping[str, Any],
    sha256: str,
    *,
    reference: str,
    language: str = "fr",
    refused_urls: list[str] | None = None,
) -> bytes:
    """The receipt of one submitted version as PDF bytes (blocking: 0.2 to 0.4 s).

    ``reference`` is the candidacy's (not part of the hashed snapshot: see
    :func:`backend.candidacies.submission.canonical_snapshot`).

    ``refused_urls`` collects every URL WeasyPrint tried to fetch (all refused); the
    template references none, so it stays empty unless something went wrong.
    """
    html = receipt_html(snapshot, sha256, reference=reference, language=language)
    return pdf_engine.render_pdf(
        html,
        stylesheet=TEMPLATES_DIR / STYLESHEET,
        url_fetcher=_refusing_fetcher(refused_urls if refused_urls is not None else []),
        pdf_variant=PDF_VARIANT,
    )


def receipt_html(
    snapshot: Mapping[str, Any], sha256: str, *, reference: str, language: str = "fr"
) -> str:
    """The receipt's HTML in ``language`` (fr, de or en; anything else gives French)."""
    lang = language if language in LANGUAGES else Language.FR.value
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            lang=lang,
            t=labels()[lang],
            r=receipt_facts(snapshot, sha256, reference=reference, language=lang),
        )
    )


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, Any]]:
    """The receipt's wording per language, kept beside the template for translators."""
    data = json.loads((TEMPLATES_DIR / LABELS_FILE).read_text("utf-8"))
    return {language: data[language] for language in LANGUAGES}


def _refusing_fetcher(attempts: list[str]) -> Any:
    """A WeasyPrint fetcher that records and refuses every URL (file, network, data)."""
    return pdf_engine.refusing_url_fetcher(attempts, what="a receipt")


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class PartyFacts:
    name: str
    kind: str
    country: str
    role: str
    identifiers: list[str]
    requested: str


@dataclass(frozen=True)
class AttachmentFacts:
    name: str
    section: str
    size: str
    sha256: str


@dataclass(frozen=True)
class ReceiptFacts:
    """What the template shows, already formatted; every string is applicant data or ours."""

    call_reference: str
    call_title: str
    reference: str
    version: int
    title: str
    acronym: str | None
    duration: str | None
    lead: PartyFacts | None
    partners: list[PartyFacts]
    submitted_utc: str
    submitted_local: str
    submitted_iso: str
    timezone: str
    submitted_by: str
    budget_total: str
    attachments: list[AttachmentFacts]
    sha256: str


def receipt_facts(
    snapshot: Mapping[str, Any], sha256: str, *, reference: str, language: str
) -> ReceiptFacts:
    """Format the snapshot for the receipt in ``language`` (fr, de or en)."""
    t = labels()[language]
    call = snapshot.get("call") or {}
    currency = str(snapshot.get("currency") or "EUR")
    submitted_at = datetime.fromisoformat(snapshot["submitted_at"])
    zone_name = str(call.get("timezone") or "Europe/Paris")
    parties = [_party(p, currency, language) for p in snapshot.get("partners") or []]
    lead_id = snapshot.get("lead_organisation_id")
    lead = next(
        (
            party
            for party, raw in zip(parties, snapshot.get("partners") or [], strict=True)
            if (raw.get("organisation") or {}).get("id") == lead_id
        ),
        None,
    )
    by = snapshot.get("submitted_by") or {}
    months = snapshot.get("duration_months")
    return ReceiptFacts(
        call_reference=str(call.get("reference") or ""),
        call_title=_call_title(call.get("title"), language),
        reference=reference,
        version=int(snapshot["version"]),
        title=str(snapshot.get("title") or ""),
        acronym=snapshot.get("acronym") or None,
        duration=f"{months} {t['months']}" if months else None,
        lead=lead,
        partners=parties,
        submitted_utc=format_datetime(submitted_at, "UTC", language) + " UTC",
        submitted_local=format_datetime(submitted_at, zone_name, language),
        submitted_iso=submitted_at.isoformat(),
        timezone=f"{zone_name}, UTC{_offset(submitted_at, zone_name)}",
        submitted_by=f"{by.get('name') or ''} <{by.get('email') or ''}>".strip(),
        budget_total=format_money(int(snapshot.get("budget_total_cents") or 0), currency, language),
        attachments=[_attachment(a, language) for a in snapshot.get("attachments") or []],
        sha256=sha256,
    )


def _party(raw: Mapping[str, Any], currency: str, language: str) -> PartyFacts:
    t = labels()[language]
    org = raw.get("organisation") or {}
    identifiers = [
        f"{label} {org[key]}"
        for key, label in (("siret", "SIRET"), ("finess", "FINESS"), ("registry_id", t["registry"]))
        if org.get(key)
    ]
    return PartyFacts(
        name=str(org.get("name") or ""),
        kind=t["kinds"].get(org.get("kind"), str(org.get("kind") or "")),
        country=str(org.get("country") or ""),
        role=t["roles"].get(raw.get("role"), str(raw.get("role") or "")),
        identifiers=identifiers,
        requested=format_money(int(raw.get("requested_share_cents") or 0), currency, language),
    )


def _attachment(raw: Mapping[str, Any], language: str) -> AttachmentFacts:
    return AttachmentFacts(
        name=str(raw.get("name") or ""),
        section=str(raw.get("question_key") or ""),
        size=format_size(int(raw.get("size_bytes") or 0), language),
        sha256=str(raw.get("sha256") or ""),
    )


def _call_title(title: Any, language: str) -> str:
    if isinstance(title, dict):
        return pick_text(title, Language(language)) or ""
    return str(title or "")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _offset(instant: datetime, zone_name: str) -> str:
    text = instant.astimezone(_zone(zone_name)).strftime("%z")
    return f"{text[:3]}:{text[3:]}"


_MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
}


def format_datetime(instant: datetime, zone_name: str, language: str) -> str:
    """``2 mars 2026 à 10:00:00`` / ``2. März 2026, 10:00:00`` / ``2 March 2026, 10:00:00``."""
    local = instant.astimezone(_zone(zone_name))
    month = _MONTHS[language].split()[local.month - 1]
    clock = local.strftime("%H:%M:%S")
    if language == "fr":
        return f"{local.day} {month} {local.year} à {clock}"
    if language == "de":
        return f"{local.day}. {month} {local.year}, {clock}"
    return f"{local.day} {month} {local.year}, {clock}"


_SYMBOLS = {"EUR": "€", "CHF": "CHF", "GBP": "£", "USD": "$"}
NNBSP = "\u202f"
"""Narrow no-break space: the French thousands separator."""
NBSP = "\u00a0"


def format_money(cents: int, currency: str, language: str) -> str:
    """Integer cents as ``1 250 000,00 €`` (fr), ``1.250.000,00 €`` (de), ``€1,250,000.00``."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    grouped = f"{units:,}"
    symbol = _SYMBOLS.get(currency, currency)
    if language == "fr":
        return f"{sign}{grouped.replace(',', NNBSP)},{rest:02d}{NBSP}{symbol}"
    if language == "de":
        return f"{sign}{grouped.replace(',', '.')},{rest:02d}{NBSP}{symbol}"
    if len(symbol) == 1:
        return f"{sign}{symbol}{grouped}.{rest:02d}"
    return f"{sign}{symbol}{NBSP}{grouped}.{rest:02d}"


def format_size(size_bytes: int, language: str) -> str:
    """A byte count with the language's grouping and unit word (exact, not rounded)."""
    grouped = f"{size_bytes:,}"
    if language == "fr":
        return f"{grouped.replace(',', NNBSP)}{NBSP}octets"
    if language == "de":
        return f"{grouped.replace(',', '.')}{NBSP}Byte"
    return f"{grouped}{NBSP}bytes"


# --------------------------------------------------------------------------- storing


@dataclass(frozen=True)
class PendingReceipt:
    """A version still waiting for its receipt, with what rendering it needs."""

    version_id: uuid.UUID
    snapshot: dict[str, Any]
    sha256: str
    reference: str
    language: str


async def pending_receipt(session: AsyncSession, version_id: uuid.UUID) -> PendingReceipt | None:
    """The version to render, or None when it is gone or already has its receipt.

    Raises :class:`ReceiptIntegrityError` when the snapshot does not hash to the stored value.
    """
    version = await session.get(CandidacyVersion, version_id)
    if version is None or version.receipt_storage_key is not None:
        return None
    if snapshot_hash(version.snapshot) != version.sha256:
        raise ReceiptIntegrityError(f"version {version_id}: snapshot does not match its SHA-256")
    candidacy = await session.get(Candidacy, version.candidacy_id)
    assert candidacy is not None and candidacy.reference is not None  # set by its submission
    submitter = await session.get(User, version.submitted_by_user_id)
    language = submitter.language.value if submitter is not None else Language.FR.value
    return PendingReceipt(
        version.id, version.snapshot, version.sha256, candidacy.reference, language
    )


async def _render(pending: PendingReceipt) -> bytes:
    """Render in a worker thread so the event loop keeps serving other jobs meanwhile."""
    return await asyncio.to_thread(
        render_receipt_pdf,
        pending.snapshot,
        pending.sha256,
        reference=pending.reference,
        language=pending.language,
    )


async def store_receipt(
    session: AsyncSession,
    *,
    version_id: uuid.UUID,
    pdf: bytes,
    storage: Storage,
    now: datetime,
) -> str | None:
    """Store ``pdf`` and record it on the version unless another render got there first.

    The record is a conditional UPDATE (``WHERE receipt_storage_key IS NULL``): of two
    racing workers exactly one wins and gets the key back; the loser deletes its own object
    and gets None. Side effects: one object under ``receipts/<uuid>``; the version's
    ``receipt_storage_key`` and ``receipt_rendered_at``; never commits.
    """
    key = new_key(STORAGE_PREFIX)
    await storage.put(key, pdf, content_type=CONTENT_TYPE)
    try:
        result = await session.exec(  # type: ignore[call-overload]
            sa.update(CandidacyVersion)
            .where(col(CandidacyVersion.id) == version_id)
            .where(col(CandidacyVersion.receipt_storage_key).is_(None))
            .values(receipt_storage_key=key, receipt_rendered_at=now)
            .execution_options(synchronize_session=False)
        )
    except BaseException:
        await _forget(storage, key)
        raise
    if result.rowcount != 1:
        await _forget(storage, key)
        return None
    # The UPDATE bypassed the identity map: reload, so the session's copy shows the key.
    await session.get(CandidacyVersion, version_id, populate_existing=True)
    return key


async def _forget(storage: Storage, key: str) -> None:
    try:
        await storage.delete(key)
    except Exception:
        log.exception("could not delete a receipt nobody records", extra={"key": key})


async def render_receipt(
    session: AsyncSession, *, version_id: uuid.UUID, storage: Storage, now: datetime
) -> bool:
    """Render and record one version's receipt; False when gone or already done. Idempotent.

    Side effects: one PDF in storage and the version's ``receipt_storage_key`` and
    ``receipt_rendered_at``; never commits (the caller's unit of work does). Should that
    commit fail, the object is orphaned and the next run renders again.
    """
    pending = await pending_receipt(session, version_id)
    if pending is None:
        return False
    pdf = await _render(pending)
    key = await store_receipt(session, version_id=version_id, pdf=pdf, storage=storage, now=now)
    return key is not None


async def render_receipt_in_steps(
    session_factory: SessionFactory, *, version_id: uuid.UUID, storage: Storage, now: datetime
) -> bool:
    """The worker's way to :func:`render_receipt`: read, render with no transaction open,
    then record in a short unit of work of its own.

    On SQLite a unit of work holds the database's single write lock from its start; a
    0.3 s render inside one would stall every submission arriving meanwhile, and receipts
    are rendered exactly when submissions peak. Side effects: as :func:`render_receipt`,
    committed; the object is deleted again if the commit fails.
    """
    async with read_session(session_factory) as session:
        pending = await pending_receipt(session, version_id)
    if pending is None:
        return False
    pdf = await _render(pending)
    key: str | None = None
    try:
        async with unit_of_work(session_factory) as uow:
            key = await store_receipt(
                uow.session, version_id=version_id, pdf=pdf, storage=storage, now=now
            )
    except BaseException:
        if key is not None:
            await _forget(storage, key)
        raise
    return key is not None


async def versions_missing_receipt(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[uuid.UUID]:
    """Versions submitted over :data:`SWEEP_DELAY` ago still without a receipt, oldest first."""
    rows = await session.exec(
        select(CandidacyVersion.id)
        .where(col(CandidacyVersion.receipt_storage_key).is_(None))
        .where(col(CandidacyVersion.submitted_at) <= now - SWEEP_DELAY)
        .order_by(col(CandidacyVersion.submitted_at), col(CandidacyVersion.id))
        .limit(limit)
    )
    return list(rows.all())
