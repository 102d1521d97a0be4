"""Receipts rendered through the real code path against bare WeasyPrint (no database, no
Redis).

In one process and one run, interleaved round by round so that a busy neighbour slows every
path alike, the same receipts (a realistic Franco-German consortium, in French, German and
English) are rendered:

- ``ours``: :func:`backend.candidacies.receipts.render_receipt_pdf`, what the worker runs;
- ``bare``: ``weasyprint.HTML(string=html).write_pdf()`` on the very HTML ours renders, with
  nothing else (no stylesheet, no PDF/UA, WeasyPrint's defaults): the floor;
- ``bare_styled``: the same HTML with the receipt's stylesheet inlined, written as PDF/UA-1,
  still the naive way (a font configuration and a stylesheet parsed per render): the same
  document as ours, so ``same_text`` compares their text.

Rates count wall time per path; CPU milliseconds per render say what a render costs whatever
else the machine runs. The first render of the process (imports, fonts) is timed apart.

Side effects: none beyond CPU; no database, no Redis, no files.
"""

from __future__ import annotations

import io
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from backend.candidacies import receipts
from backend.candidacies.submission import snapshot_hash
from backend.core import pdf as pdf_engine
from tests.benchmarks import harness

LANGUAGES = ("fr", "de", "en")


@dataclass(frozen=True)
class ReceiptsOptions:
    renders: int = 60
    """Measured renders per path."""
    rounds: int = 3
    """The renders of each path are split in this many rounds, the paths taking turns."""


@dataclass
class PathTiming:
    renders: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    sizes: list[int] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        n = max(self.renders, 1)
        return {
            "renders_per_s": round(self.renders / self.wall_s, 2) if self.wall_s else 0.0,
            "wall_ms_per_render": round(1000 * self.wall_s / n, 1),
            "cpu_ms_per_render": round(1000 * self.cpu_s / n, 1),
            "pdf_kb": round(sum(self.sizes) / n / 1024, 1),
        }


@dataclass(frozen=True)
class Sample:
    snapshot: dict[str, Any]
    sha256: str
    reference: str
    language: str
    html: str
    styled_html: str


def sample_snapshot(index: int) -> dict[str, Any]:
    """A submitted version's snapshot shaped like ``canonical_snapshot``: four partners across
    France and Germany, six attachments, accents and long names, about one page and a half."""
    submitted = datetime(2026, 3, 29, 1, 30, tzinfo=UTC) + timedelta(minutes=index)
    names = [
        ("Assistance Publique \u2013 Hôpitaux de Paris", "HEALTH_ESTABLISHMENT", "FR", "LEAD"),
        ("Charité \u2013 Universitätsmedizin Berlin", "HEALTH_ESTABLISHMENT", "DE", "PARTNER"),
        ("Institut national de recherche en informatique", "PUBLIC_BODY", "FR", "PARTNER"),
        ("Medizintechnik Süd GmbH & Co. KG", "COMPANY", "DE", "PARTNER"),
    ]
    partners = [
        {"organisation": {"id": f"org-{i}", "name": name, "kind": kind, "country": country,
                          "siret": "26750045200011" if country == "FR" else None,
                          "finess": "750712184" if kind == "HEALTH_ESTABLISHMENT"
                          and country == "FR" else None,
                          "registry_id": None if country == "FR" else f"HRB {12345 + i}"},
         "role": role, "requested_share_cents": (400_000_00 if i == 0 else 250_000_00)}
        for i, (name, kind, country, role) in enumerate(names)
    ]  # fmt: skip
    attachments = [
        {"question_key": key, "name": f"{label} \u2013 version finale n°{n}.pdf",
         "sha256": f"{n:02x}" * 32, "size_bytes": 48_213 * n, "content_type": "application/pdf"}
        for n, (key, label) in enumerate(
            [("letter", "Lettre d'engagement"), ("budget", "Annexe budgétaire"),
             ("cv", "CV de l'investigateur principal"), ("ethics", "Avis du comité d'éthique"),
             ("dpia", "Analyse d'impact (AIPD)"), ("plan", "Plan de gestion des données")],
            start=1,
        )
    ]  # fmt: skip
    return {
        "candidacy_id": str(uuid.UUID(int=index + 1)),
        "version": 1 + index % 3,
        "submitted_at": submitted.isoformat(),
        "submitted_by": {"id": str(uuid.UUID(int=10**6 + index)), "name": "Claire Dupont",
                         "email": "claire.dupont@aphp.example.fr"},
        "call": {"id": str(uuid.UUID(int=42)), "reference": "IMPACTIA-2026",
                 "title": {"fr": "Études d'impact de l'IA en santé",
                           "de": "KI-Wirkungsstudien im Gesundheitswesen",
                           "en": "AI impact studies in health"},
                 "timezone": "Europe/Paris", "deadline_at": "2026-04-01T10:00:00+00:00"},
        "title": "Évaluation multicentrique d'un outil de triage assisté par l'IA aux urgences",
        "acronym": "TRIAGE-IA",
        "duration_months": 36,
        "lead_organisation_id": "org-0",
        "partners": partners,
        "answers": {"summary": "Évaluer un outil de triage."},
        "budget": [],
        "budget_total_cents": sum(p["requested_share_cents"] for p in partners),
        "currency": "EUR",
        "attachments": attachments,
    }  # fmt: skip


def samples(count: int) -> list[Sample]:
    stylesheet = (receipts.TEMPLATES_DIR / receipts.STYLESHEET).read_text("utf-8")
    made = []
    for index in range(count):
        snapshot = sample_snapshot(index)
        sha256 = snapshot_hash(snapshot)
        reference = f"IMPACTIA-2026-{index + 1:04d}"
        language = LANGUAGES[index % len(LANGUAGES)]
        html = receipts.receipt_html(snapshot, sha256, reference=reference, language=language)
        styled = html.replace("</head>", f"<style>{stylesheet}</style>\n</head>", 1)
        made.append(Sample(snapshot, sha256, reference, language, html, styled))
    return made


def render_ours(sample: Sample) -> bytes:
    return receipts.render_receipt_pdf(
        sample.snapshot, sample.sha256, reference=sample.reference, language=sample.language
    )


def render_bare(sample: Sample) -> bytes:
    import weasyprint

    return bytes(weasyprint.HTML(string=sample.html).write_pdf() or b"")


def render_bare_styled(sample: Sample) -> bytes:
    import weasyprint

    pdf = weasyprint.HTML(string=sample.styled_html).write_pdf(pdf_variant=receipts.PDF_VARIANT)
    return bytes(pdf or b"")


PATHS: dict[str, Callable[[Sample], bytes]] = {
    "ours": render_ours,
    "bare": render_bare,
    "bare_styled": render_bare_styled,
}


def pdf_text(pdf: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def run(options: ReceiptsOptions, progress: TextIO) -> dict[str, Any]:
    """Warm each path once, then the measured rounds; returns the JSON line's contents."""
    made = samples(max(options.renders, len(LANGUAGES)))
    started = time.perf_counter()
    first = render_ours(made[0])
    first_render_s = time.perf_counter() - started
    same_text = pdf_text(first) == pdf_text(render_bare_styled(made[0]))
    render_bare(made[0])
    timings = {name: PathTiming() for name in PATHS}
    rounds = max(1, min(options.rounds, options.renders))
    for round_index in range(rounds):
        share = range(round_index, options.renders, rounds)
        for name, render in PATHS.items():
            timing = timings[name]
            wall, cpu = time.perf_counter(), time.process_time()
            for i in share:
                timing.sizes.append(len(render(made[i])))
            timing.wall_s += time.perf_counter() - wall
            timing.cpu_s += time.process_time() - cpu
            timing.renders += len(share)
        print(f"round {round_index + 1}/{rounds} done", file=progress, flush=True)
    figures = {name: timing.figures() for name, timing in timings.items()}

    def ratio(floor: str) -> float | None:
        ours, other = figures["ours"]["cpu_ms_per_render"], figures[floor]["cpu_ms_per_render"]
        return round(ours / other, 2) if other else None

    return {
        "name": "receipts",
        "renders": options.renders,
        "languages": list(LANGUAGES),
        **figures,
        "ratio_to_bare_cpu": ratio("bare"),
        "ratio_to_bare_styled_cpu": ratio("bare_styled"),
        "same_text": same_text,
        "first_render_s": round(first_render_s, 2),
        "pdf_engine": pdf_engine.pdf_engine_info(),
    }


def parse_options(argv: list[str]) -> ReceiptsOptions:
    """The options from the command line (a usage error exits 2, as ``argparse`` does)."""
    parser = harness.argument_parser("receipts", __doc__)
    parser.add_argument(
        "--renders", type=harness.at_least_one, default=60,
        help="measured renders per path (default 60)",
    )  # fmt: skip
    return ReceiptsOptions(renders=parser.parse_args(argv).renders)


def main(argv: list[str]) -> int:
    """``aap bench receipts [--renders N]``: progress on stderr; a summary, then the JSON
    line, on stdout; 1 if the texts differ."""
    options = parse_options(argv)
    result = run(options, sys.stderr)
    engine = result["pdf_engine"]
    print(
        f"receipts: {options.renders} renders per path; WeasyPrint {engine['weasyprint']},"
        f" Pango {engine['pango']}, fonts subset with {engine['font_subsetter']};"
        f" first render of the process {result['first_render_s']} s"
    )
    for name in PATHS:
        f = result[name]
        print(
            f"  {name:12} {f['renders_per_s']:7.2f} renders/s  {f['wall_ms_per_render']:7.1f} ms"
            f" wall  {f['cpu_ms_per_render']:7.1f} ms CPU per render  {f['pdf_kb']} KiB"
        )
    print(
        f"  ours / bare (CPU): {result['ratio_to_bare_cpu']};"
        f" ours / bare_styled (CPU): {result['ratio_to_bare_styled_cpu']};"
        f" same text as bare_styled: {result['same_text']}"
    )
    harness.print_result(result)
    return 0 if result["same_text"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
