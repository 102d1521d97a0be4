"""Notification templates: five messages in three languages, escaped HTML, clear errors."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from backend.core.i18n import Language
from backend.notifications.templates import TEMPLATES, InvalidContext, UnknownTemplate, render

FR, EN, DE = Language.FR, Language.EN, Language.DE

CONTEXTS = {
    "submission_receipt": {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": "Radiologie augmentée",
        "reference": "AAP-2026-0001",
        "submitted_at_local": "2026-03-02 10:00 Europe/Paris",
        "sha256": "ab" * 32,
    },
    "deadline_reminder": {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": "Radiologie augmentée",
        "deadline_local": "2026-04-01 12:00 Europe/Paris",
        "days_left": 7,
    },
    "call_closed_summary": {
        "call_title": "Études d'impact de l'IA",
        "submitted_count": 12,
        "drafts_left_count": 3,
    },
    "eligibility_decided": {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": "Radiologie augmentée",
        "reference": "AAP-2026-0001",
        "decision": "INELIGIBLE",
        "reason": "Budget above the cap",
    },
    "deadline_extended": {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": "Radiologie augmentée",
        "deadline_local": "2026-04-15 12:00 Europe/Paris",
    },
    "partner_invited": {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": "Radiologie augmentée",
        "lead_name": "CHU de Rennes",
        "partner_name": "Klinikum Köln",
        "link": "https://aap.example/my/invitations",
    },
    "partner_answered": {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": "Radiologie augmentée",
        "partner_name": "Klinikum Köln",
        "answer": "DECLINED",
    },
    "partner_invited_by_email": {
        "call_title": "Études d'impact de l'IA",
        "candidacy_title": "Radiologie augmentée",
        "lead_name": "CHU de Rennes",
        "partner_name": "Nouveau Labo",
        "token": "Zt3xQ9-code",
        "link": "https://aap.example/my/invitations/email#code=Zt3xQ9-code",
        "expires_on": "2026-12-17 13:00",
    },
    "sign_up_confirmation": {
        "link": "https://aap.example/confirm-email#code=aapc_Zt3xQ9",
        "full_name": "Camille Martin",
    },
    "sign_up_address_taken": {"sign_in_link": "https://aap.example/sign-in"},
    "password_reset": {"link": "https://aap.example/reset-password#code=aapc_Zt3xQ9"},
}

ANSWER_LINK = "invitations/email#code=Zt3xQ9-code"  # the link, with the code

# Words that only a text really written in that language contains.
EXPECTED = {
    ("submission_receipt", FR): ("Accusé de réception", "Empreinte SHA-256", "Bonjour"),
    ("submission_receipt", EN): ("Acknowledgement of receipt", "fingerprint", "Hello"),
    ("submission_receipt", DE): ("Eingangsbestätigung", "Prüfsumme", "Guten Tag"),
    ("deadline_reminder", FR): ("Rappel", "dans 7 jours", "Date limite de dépôt"),
    ("deadline_reminder", EN): ("Reminder", "in 7 days", "deadline"),
    ("deadline_reminder", DE): ("Erinnerung", "in 7 Tagen", "Einreichungsfrist"),
    ("call_closed_summary", FR): ("clos", "Candidatures déposées : 12", "Brouillons"),
    ("call_closed_summary", EN): ("closed", "Submitted applications: 12", "Drafts"),
    ("call_closed_summary", DE): ("geschlossen", "Eingereichte Anträge: 12", "Entwürfe"),
    ("eligibility_decided", FR): ("Décision d'éligibilité", "non éligible", "Motif"),
    ("eligibility_decided", EN): ("Eligibility decision", "ineligible", "Reason"),
    ("eligibility_decided", DE): ("Förderfähigkeit", "nicht förderfähig", "Begründung"),
    ("deadline_extended", FR): ("Report de la date limite", "reportée", "candidature"),
    ("deadline_extended", EN): ("Deadline extended", "extended to", "application"),
    ("deadline_extended", DE): ("Verlängerte Einreichungsfrist", "verlängert", "Antrag"),
    ("partner_invited", FR): ("Invitation", "administrateur", "partenaire"),
    ("partner_invited", EN): ("Invitation", "administrator", "partner"),
    ("partner_invited", DE): ("Einladung", "Administrator", "annehmen oder ablehnen"),
    ("partner_answered", FR): ("a décliné", "candidature", "partenaire"),
    ("partner_answered", EN): ("has declined", "application", "partner"),
    ("partner_answered", DE): ("abgelehnt", "Antrag", "Partner"),
    ("partner_invited_by_email", FR): ("Invitation", "inscrite", "expire", ANSWER_LINK),
    ("partner_invited_by_email", EN): ("Invitation", "registered", "expires", ANSWER_LINK),
    ("partner_invited_by_email", DE): ("Einladung", "registriert", "läuft", ANSWER_LINK),
    ("sign_up_confirmation", FR): ("Confirmez", "Camille Martin", "#code=aapc_Zt3xQ9", "48 heures"),
    ("sign_up_confirmation", EN): ("Confirm", "Camille Martin", "#code=aapc_Zt3xQ9", "48 hours"),
    ("sign_up_confirmation", DE): ("Bestätigen", "Camille Martin", "#code=aapc_Zt3xQ9", "Stunden"),
    ("sign_up_address_taken", FR): ("inscription", "aap.example/sign-in", "connectez-vous"),
    ("sign_up_address_taken", EN): ("sign-up", "aap.example/sign-in", "sign in"),
    ("sign_up_address_taken", DE): ("Registrierung", "aap.example/sign-in", "melden Sie sich"),
    ("password_reset", FR): ("mot de passe", "#code=aapc_Zt3xQ9", "une heure"),
    ("password_reset", EN): ("password", "#code=aapc_Zt3xQ9", "one hour"),
    ("password_reset", DE): ("Passwort", "#code=aapc_Zt3xQ9", "einer Stunde"),
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(markup: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.parts), parser.tags


def test_templates_cover_the_issue_list():
    # Assert
    assert set(TEMPLATES) == set(CONTEXTS)


@pytest.mark.parametrize(("template", "language"), sorted(EXPECTED))
def test_render_template_in_each_language_uses_that_language(template, language):
    # Act
    rendered = render(template, language, CONTEXTS[template])

    # Assert
    full = f"{rendered.subject}\n{rendered.text}"
    for words in EXPECTED[(template, language)]:
        assert words in full, (template, language, words)
    if "call_title" in CONTEXTS[template]:
        assert "Études d'impact de l'IA" in full
    assert "$" not in full  # every placeholder was filled
    html_text, _tags = _html_text(rendered.html)
    assert EXPECTED[(template, language)][1] in html_text
    assert f'<html lang="{language.value}">' in rendered.html


@pytest.mark.parametrize("language", list(Language))
def test_render_receipt_contains_reference_time_and_hash(language):
    # Act
    rendered = render("submission_receipt", language, CONTEXTS["submission_receipt"])

    # Assert
    assert "AAP-2026-0001" in rendered.subject
    for value in ("AAP-2026-0001", "2026-03-02 10:00 Europe/Paris", "ab" * 32):
        assert value in rendered.text


def test_render_unknown_template_names_the_known_ones():
    # Act
    with pytest.raises(UnknownTemplate) as raised:
        render("welcome_pack", FR, {})

    # Assert
    assert "welcome_pack" in str(raised.value)
    assert "submission_receipt" in str(raised.value)


def test_render_missing_context_key_is_named():
    # Arrange
    context = dict(CONTEXTS["submission_receipt"])
    del context["sha256"]

    # Act / Assert
    with pytest.raises(InvalidContext, match="sha256"):
        render("submission_receipt", EN, context)


@pytest.mark.parametrize(
    ("template", "key", "value"),
    [("eligibility_decided", "decision", "MAYBE"), ("deadline_reminder", "days_left", "soon")],
)
def test_render_bad_context_value_is_refused(template, key, value):
    # Arrange
    context = {**CONTEXTS[template], key: value}

    # Act / Assert
    with pytest.raises(InvalidContext, match=key):
        render(template, FR, context)


def test_render_html_escapes_applicant_text():
    # Arrange
    context = {**CONTEXTS["submission_receipt"], "candidacy_title": '<script>x()</script> & "Co"'}

    # Act
    rendered = render("submission_receipt", EN, context)

    # Assert
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    text, tags = _html_text(rendered.html)
    assert '<script>x()</script> & "Co"' in text
    assert set(tags) <= {"html", "head", "meta", "title", "body", "p", "br"}
    assert '<script>x()</script> & "Co"' in rendered.text


def test_render_subject_is_one_line_whatever_the_title():
    # Arrange
    context = {**CONTEXTS["deadline_extended"], "call_title": "AI\r\nBcc: victim@example.org"}

    # Act
    rendered = render("deadline_extended", FR, context)

    # Assert
    assert "\n" not in rendered.subject and "\r" not in rendered.subject
    assert "AI Bcc: victim@example.org" in rendered.subject


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [(FR, 1, "dans 1 jour"), (EN, 1, "in 1 day"), (DE, 1, "in 1 Tag"), (DE, 0, "heute")],
)
def test_render_reminder_days_are_spelled_for_the_count(language, days, expected):
    # Act
    rendered = render(
        "deadline_reminder", language, {**CONTEXTS["deadline_reminder"], "days_left": days}
    )

    # Assert
    assert expected in rendered.subject


@pytest.mark.parametrize("language", list(Language))
def test_render_eligible_without_reason_has_no_reason_line(language):
    # Arrange
    context = {**CONTEXTS["eligibility_decided"], "decision": "ELIGIBLE", "reason": ""}

    # Act
    rendered = render("eligibility_decided", language, context)

    # Assert
    assert not any(label in rendered.text for label in ("Motif", "Reason", "Begründung"))
    assert "\n\n\n" not in rendered.text
    assert {"fr": "éligible", "en": "eligible", "de": "förderfähig"}[
        language.value
    ] in rendered.text
