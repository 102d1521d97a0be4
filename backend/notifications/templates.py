"""E-mail templates in French, English and German, rendered into subject, text and HTML.

Jinja2 is not a dependency of the platform, and these messages need no logic beyond a few
localised words, so they are ``string.Template`` texts plus a small per-template function that
derives those words (plural of days, the eligibility decision, an optional reason). The HTML
alternative is made from the rendered text with every character escaped, so applicant text
(titles, references) can never inject markup; the subject is flattened to one line, so it
can never inject a header.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from string import Template
from typing import Any

from backend.core.i18n import Language

FR, EN, DE = Language.FR, Language.EN, Language.DE

Derive = Callable[[Mapping[str, Any], Language], dict[str, str]]


class TemplateError(Exception):
    """A notification cannot be rendered: a programming error, retrying will not help."""


class UnknownTemplate(TemplateError):
    pass


class InvalidContext(TemplateError):
    pass


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _nothing(_context: Mapping[str, Any], _language: Language) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class EmailTemplate:
    required: frozenset[str]
    texts: Mapping[Language, tuple[str, str]]
    """Per language: the subject and the body (without greeting and signature)."""
    derive: Derive = field(default=_nothing)


GREETING = {FR: "Bonjour,", EN: "Hello,", DE: "Guten Tag,"}
SIGNATURE = {
    FR: "— La plateforme des appels à projets\n"
    "Ce message a été envoyé automatiquement ; merci de ne pas y répondre.",
    EN: "— The calls for projects platform\n"
    "This message was sent automatically; please do not reply to it.",
    DE: "— Die Plattform für Projektaufrufe\n"
    "Diese Nachricht wurde automatisch versendet; bitte antworten Sie nicht darauf.",
}


def _in_days(context: Mapping[str, Any], language: Language) -> dict[str, str]:
    try:
        days = int(context["days_left"])
    except (TypeError, ValueError) as exc:
        raise InvalidContext(
            f"days_left must be a whole number, not {context['days_left']!r}"
        ) from exc
    words = {
        FR: ("aujourd'hui", "dans 1 jour", f"dans {days} jours"),
        EN: ("today", "in 1 day", f"in {days} days"),
        DE: ("heute", "in 1 Tag", f"in {days} Tagen"),
    }[language]
    return {"in_days": words[min(max(days, 0), 2)]}


DECISION_LABELS = {
    "ELIGIBLE": {FR: "éligible", EN: "eligible", DE: "förderfähig"},
    "INELIGIBLE": {FR: "non éligible", EN: "ineligible", DE: "nicht förderfähig"},
}
REASON_LABEL = {FR: "Motif : ", EN: "Reason: ", DE: "Begründung: "}


def _decision(context: Mapping[str, Any], language: Language) -> dict[str, str]:
    labels = DECISION_LABELS.get(str(context["decision"]))
    if labels is None:
        raise InvalidContext(
            f"decision must be ELIGIBLE or INELIGIBLE, not {context['decision']!r}"
        )
    reason = str(context.get("reason") or "").strip()
    reason_block = f"\n{REASON_LABEL[language]}{reason}\n" if reason else ""
    return {"decision_label": labels[language], "reason_block": reason_block}


SUBMISSION_RECEIPT = EmailTemplate(
    required=frozenset(
        {"call_title", "candidacy_title", "reference", "submitted_at_local", "sha256"}
    ),
    texts={
        FR: (
            "Accusé de réception de votre candidature ${reference}",
            "Nous accusons réception de votre candidature « ${candidacy_title} » à l'appel à "
            "projets « ${call_title} ».\n\n"
            "Référence : ${reference}\n"
            "Déposée le : ${submitted_at_local}\n"
            "Empreinte SHA-256 du dossier déposé : ${sha256}\n\n"
            "Conservez ce message : il atteste de la date de votre dépôt et, par l'empreinte "
            "ci-dessus, de son contenu.",
        ),
        EN: (
            "Acknowledgement of receipt of your application ${reference}",
            'We acknowledge receipt of your application "${candidacy_title}" to the call for '
            'projects "${call_title}".\n\n'
            "Reference: ${reference}\n"
            "Submitted on: ${submitted_at_local}\n"
            "SHA-256 fingerprint of the submitted file: ${sha256}\n\n"
            "Please keep this message: it proves when you submitted and, through the "
            "fingerprint above, what you submitted.",
        ),
        DE: (
            "Eingangsbestätigung für Ihren Antrag ${reference}",
            "wir bestätigen den Eingang Ihres Antrags „${candidacy_title}“ zum Projektaufruf "
            "„${call_title}“.\n\n"
            "Referenz: ${reference}\n"
            "Eingereicht am: ${submitted_at_local}\n"
            "SHA-256-Prüfsumme der eingereichten Unterlagen: ${sha256}\n\n"
            "Bitte bewahren Sie diese Nachricht auf: Sie belegt den Zeitpunkt Ihrer Einreichung "
            "und, über die obige Prüfsumme, deren Inhalt.",
        ),
    },
)

DEADLINE_REMINDER = EmailTemplate(
    required=frozenset({"call_title", "candidacy_title", "deadline_local", "days_left"}),
    texts={
        FR: (
            "Rappel : l'appel « ${call_title} » clôture ${in_days}",
            "Date limite de dépôt de l'appel à projets « ${call_title} » : ${deadline_local} "
            "(${in_days}).\n\n"
            "Si ce n'est pas encore fait, pensez à déposer votre candidature "
            "« ${candidacy_title} » avant cette date : passé ce délai, aucun dépôt ne sera "
            "possible.",
        ),
        EN: (
            'Reminder: the call "${call_title}" closes ${in_days}',
            'Submission deadline of the call for projects "${call_title}": ${deadline_local} '
            "(${in_days}).\n\n"
            'If you have not done so yet, remember to submit your application "${candidacy_title}" '
            "before then: after the deadline, no submission is possible.",
        ),
        DE: (
            "Erinnerung: Der Aufruf „${call_title}“ endet ${in_days}",
            "die Einreichungsfrist des Projektaufrufs „${call_title}“ endet am ${deadline_local} "
            "(${in_days}).\n\n"
            "Falls noch nicht geschehen, reichen Sie Ihren Antrag „${candidacy_title}“ bitte "
            "rechtzeitig ein: Nach Ablauf der Frist ist keine Einreichung mehr möglich.",
        ),
    },
    derive=_in_days,
)

CALL_CLOSED_SUMMARY = EmailTemplate(
    required=frozenset({"call_title", "submitted_count", "drafts_left_count"}),
    texts={
        FR: (
            "Appel « ${call_title} » clos : bilan des dépôts",
            "L'appel à projets « ${call_title} » est clos.\n\n"
            "Candidatures déposées : ${submitted_count}\n"
            "Brouillons non déposés : ${drafts_left_count}\n\n"
            "Les candidatures déposées peuvent maintenant être examinées.",
        ),
        EN: (
            'Call "${call_title}" closed: submission summary',
            'The call for projects "${call_title}" is closed.\n\n'
            "Submitted applications: ${submitted_count}\n"
            "Drafts not submitted: ${drafts_left_count}\n\n"
            "The submitted applications can now be reviewed.",
        ),
        DE: (
            "Aufruf „${call_title}“ geschlossen: Übersicht der Einreichungen",
            "der Projektaufruf „${call_title}“ ist geschlossen.\n\n"
            "Eingereichte Anträge: ${submitted_count}\n"
            "Nicht eingereichte Entwürfe: ${drafts_left_count}\n\n"
            "Die eingereichten Anträge können jetzt geprüft werden.",
        ),
    },
)

ELIGIBILITY_DECIDED = EmailTemplate(
    required=frozenset({"call_title", "candidacy_title", "reference", "decision", "reason"}),
    texts={
        FR: (
            "Décision d'éligibilité : candidature ${reference}",
            "Votre candidature « ${candidacy_title} » (référence ${reference}) à l'appel à "
            "projets « ${call_title} » a été déclarée ${decision_label}.\n${reason_block}",
        ),
        EN: (
            "Eligibility decision: application ${reference}",
            'Your application "${candidacy_title}" (reference ${reference}) to the call for '
            'projects "${call_title}" has been found ${decision_label}.\n${reason_block}',
        ),
        DE: (
            "Entscheidung zur Förderfähigkeit: Antrag ${reference}",
            "Ihr Antrag „${candidacy_title}“ (Referenz ${reference}) zum Projektaufruf "
            "„${call_title}“ wurde als ${decision_label} eingestuft.\n${reason_block}",
        ),
    },
    derive=_decision,
)

DEADLINE_EXTENDED = EmailTemplate(
    required=frozenset({"call_title", "candidacy_title", "deadline_local"}),
    texts={
        FR: (
            "Report de la date limite de l'appel « ${call_title} »",
            "La date limite de dépôt de l'appel à projets « ${call_title} » est reportée au "
            "${deadline_local}.\n\n"
            "Vous pouvez déposer ou compléter votre candidature « ${candidacy_title} » "
            "jusqu'à cette nouvelle date.",
        ),
        EN: (
            'Deadline extended for the call "${call_title}"',
            'The submission deadline of the call for projects "${call_title}" is extended to '
            "${deadline_local}.\n\n"
            'You can submit or complete your application "${candidacy_title}" until this new '
            "deadline.",
        ),
        DE: (
            "Verlängerte Einreichungsfrist für den Aufruf „${call_title}“",
            "die Einreichungsfrist des Projektaufrufs „${call_title}“ wurde bis zum "
            "${deadline_local} verlängert.\n\n"
            "Sie können Ihren Antrag „${candidacy_title}“ bis zu diesem neuen Termin einreichen "
            "oder vervollständigen.",
        ),
    },
)

PARTNER_INVITED = EmailTemplate(
    required=frozenset({"call_title", "candidacy_title", "lead_name", "partner_name", "link"}),
    texts={
        FR: (
            "Invitation à rejoindre la candidature « ${candidacy_title} »",
            "${lead_name} invite ${partner_name} à rejoindre comme partenaire sa candidature "
            "« ${candidacy_title} » à l'appel à projets « ${call_title} ».\n\n"
            "Un administrateur de ${partner_name} peut accepter ou décliner cette invitation "
            "sur la plateforme, dans ses invitations :\n\n${link}\n\n"
            "(par l'API : myPartnerInvitations). Tant qu'elle n'est "
            "pas acceptée, ${partner_name} n'est pas partenaire.",
        ),
        EN: (
            'Invitation to join the application "${candidacy_title}"',
            "${lead_name} invites ${partner_name} to join as a partner its application "
            '"${candidacy_title}" to the call for projects "${call_title}".\n\n'
            "An administrator of ${partner_name} can accept or decline this invitation on the "
            "platform, among their invitations:\n\n${link}\n\n"
            "(through the API: myPartnerInvitations). Until it is accepted, "
            "${partner_name} is not a partner.",
        ),
        DE: (
            "Einladung zum Antrag „${candidacy_title}“",
            "${lead_name} lädt ${partner_name} ein, sich als Partner an seinem Antrag "
            "„${candidacy_title}“ zum Projektaufruf „${call_title}“ zu beteiligen.\n\n"
            "Ein Administrator von ${partner_name} kann diese Einladung auf der Plattform "
            "unter seinen Einladungen annehmen oder ablehnen:\n\n${link}\n\n"
            "(über die API: myPartnerInvitations). Solange sie nicht "
            "angenommen ist, ist ${partner_name} kein Partner.",
        ),
    },
)

PARTNER_INVITED_BY_EMAIL = EmailTemplate(
    required=frozenset(
        {
            "call_title",
            "candidacy_title",
            "lead_name",
            "partner_name",
            "token",
            "link",
            "expires_on",
        }
    ),
    texts={
        FR: (
            "Invitation à rejoindre la candidature « ${candidacy_title} »",
            "${lead_name} invite ${partner_name} à rejoindre comme partenaire sa candidature "
            "« ${candidacy_title} » à l'appel à projets « ${call_title} ».\n\n"
            "${partner_name} n'est pas encore inscrite sur la plateforme. Pour répondre, "
            "créez un compte avec cette adresse e-mail, puis acceptez ou déclinez "
            "l'invitation en suivant ce lien :\n\n${link}\n\n"
            "ou avec ce code (Mon espace, Invitations ; respondToEmailInvitation) :\n\n"
            "${token}\n\n"
            "En acceptant, vous inscrivez ${partner_name} et en devenez l'administrateur. "
            "Ce code sert une seule fois et expire le ${expires_on} (UTC).",
        ),
        EN: (
            'Invitation to join the application "${candidacy_title}"',
            "${lead_name} invites ${partner_name} to join as a partner its application "
            '"${candidacy_title}" to the call for projects "${call_title}".\n\n'
            "${partner_name} is not registered on the platform yet. To answer, create an "
            "account with this e-mail address, then accept or decline the invitation by "
            "following this link:\n\n${link}\n\n"
            "or with this code (My space, Invitations; respondToEmailInvitation):\n\n"
            "${token}\n\n"
            "Accepting registers ${partner_name} with you as its administrator. This code "
            "works once and expires on ${expires_on} (UTC).",
        ),
        DE: (
            "Einladung zum Antrag „${candidacy_title}“",
            "${lead_name} lädt ${partner_name} ein, sich als Partner an seinem Antrag "
            "„${candidacy_title}“ zum Projektaufruf „${call_title}“ zu beteiligen.\n\n"
            "${partner_name} ist noch nicht auf der Plattform registriert. Um zu antworten, "
            "legen Sie ein Konto mit dieser E-Mail-Adresse an und nehmen Sie die Einladung "
            "über diesen Link an oder lehnen Sie sie ab:\n\n${link}\n\n"
            "oder mit diesem Code (Mein Bereich, Einladungen; respondToEmailInvitation):\n\n"
            "${token}\n\n"
            "Mit der Annahme registrieren Sie ${partner_name} und werden ihr Administrator. "
            "Der Code gilt einmal und läuft am ${expires_on} (UTC) ab.",
        ),
    },
)

ANSWER_LABELS = {
    "ACCEPTED": {FR: "accepté", EN: "accepted", DE: "angenommen"},
    "DECLINED": {FR: "décliné", EN: "declined", DE: "abgelehnt"},
}


def _answer(context: Mapping[str, Any], language: Language) -> dict[str, str]:
    labels = ANSWER_LABELS.get(str(context["answer"]))
    if labels is None:
        raise InvalidContext(f"answer must be ACCEPTED or DECLINED, not {context['answer']!r}")
    return {"answer_label": labels[language]}


PARTNER_ANSWERED = EmailTemplate(
    required=frozenset({"call_title", "candidacy_title", "partner_name", "answer"}),
    texts={
        FR: (
            "${partner_name} a ${answer_label} votre invitation",
            "${partner_name} a ${answer_label} l'invitation à rejoindre comme partenaire votre "
            "candidature « ${candidacy_title} » à l'appel à projets « ${call_title} ».",
        ),
        EN: (
            "${partner_name} has ${answer_label} your invitation",
            "${partner_name} has ${answer_label} the invitation to join as a partner your "
            'application "${candidacy_title}" to the call for projects "${call_title}".',
        ),
        DE: (
            "${partner_name} hat Ihre Einladung ${answer_label}",
            "${partner_name} hat die Einladung, sich als Partner an Ihrem Antrag "
            "„${candidacy_title}“ zum Projektaufruf „${call_title}“ zu beteiligen, "
            "${answer_label}.",
        ),
    },
    derive=_answer,
)

SIGN_UP_CONFIRMATION = EmailTemplate(
    required=frozenset({"link", "full_name"}),
    texts={
        FR: (
            "Confirmez votre adresse e-mail",
            "${full_name}, pour créer votre compte sur la plateforme des appels à projets, "
            "confirmez votre adresse en ouvrant ce lien :\n\n${link}\n\n"
            "Le lien sert une seule fois et expire dans 48 heures. Si vous n'avez rien "
            "demandé, ignorez ce message : aucun compte ne sera créé.",
        ),
        EN: (
            "Confirm your e-mail address",
            "${full_name}, to create your account on the calls for projects platform, "
            "confirm your address by opening this link:\n\n${link}\n\n"
            "The link works once and expires in 48 hours. If you asked for nothing, ignore "
            "this message: no account will be created.",
        ),
        DE: (
            "Bestätigen Sie Ihre E-Mail-Adresse",
            "${full_name}, um Ihr Konto auf der Plattform für Projektaufrufe anzulegen, "
            "bestätigen Sie Ihre Adresse über diesen Link:\n\n${link}\n\n"
            "Der Link funktioniert einmal und läuft in 48 Stunden ab. Wenn Sie nichts "
            "angefordert haben, ignorieren Sie diese Nachricht: Es wird kein Konto angelegt.",
        ),
    },
)

SIGN_UP_ADDRESS_TAKEN = EmailTemplate(
    required=frozenset({"sign_in_link"}),
    texts={
        FR: (
            "Une inscription a été demandée avec votre adresse",
            "Quelqu'un a demandé à créer un compte avec votre adresse e-mail, qui a déjà un "
            "compte. Si c'était vous, connectez-vous (ou réinitialisez votre mot de passe "
            "depuis la page de connexion) :\n\n${sign_in_link}\n\n"
            "Sinon, ignorez ce message : rien n'a changé.",
        ),
        EN: (
            "A sign-up was asked for with your address",
            "Someone asked to create an account with your e-mail address, which already has "
            "one. If it was you, sign in (or reset your password from the sign-in page):"
            "\n\n${sign_in_link}\n\nOtherwise, ignore this message: nothing has changed.",
        ),
        DE: (
            "Mit Ihrer Adresse wurde eine Registrierung angefragt",
            "Jemand hat ein Konto mit Ihrer E-Mail-Adresse angefragt, für die bereits ein "
            "Konto besteht. Wenn Sie das waren, melden Sie sich an (oder setzen Sie Ihr "
            "Passwort auf der Anmeldeseite zurück):\n\n${sign_in_link}\n\n"
            "Andernfalls ignorieren Sie diese Nachricht: Es hat sich nichts geändert.",
        ),
    },
)

PASSWORD_RESET = EmailTemplate(
    required=frozenset({"link"}),
    texts={
        FR: (
            "Réinitialisation de votre mot de passe",
            "Pour choisir un nouveau mot de passe, ouvrez ce lien :\n\n${link}\n\n"
            "Le lien sert une seule fois et expire dans une heure ; vos sessions ouvertes "
            "seront fermées. Si vous n'avez rien demandé, ignorez ce message : votre mot de "
            "passe reste le même.",
        ),
        EN: (
            "Resetting your password",
            "To choose a new password, open this link:\n\n${link}\n\n"
            "The link works once and expires in one hour; your open sessions will be ended. "
            "If you asked for nothing, ignore this message: your password stays the same.",
        ),
        DE: (
            "Zurücksetzen Ihres Passworts",
            "Um ein neues Passwort zu wählen, öffnen Sie diesen Link:\n\n${link}\n\n"
            "Der Link funktioniert einmal und läuft in einer Stunde ab; Ihre offenen "
            "Sitzungen werden beendet. Wenn Sie nichts angefordert haben, ignorieren Sie "
            "diese Nachricht: Ihr Passwort bleibt unverändert.",
        ),
    },
)

TEMPLATES: Mapping[str, EmailTemplate] = {
    "submission_receipt": SUBMISSION_RECEIPT,
    "deadline_reminder": DEADLINE_REMINDER,
    "call_closed_summary": CALL_CLOSED_SUMMARY,
    "eligibility_decided": ELIGIBILITY_DECIDED,
    "deadline_extended": DEADLINE_EXTENDED,
    "partner_invited": PARTNER_INVITED,
    "partner_answered": PARTNER_ANSWERED,
    "partner_invited_by_email": PARTNER_INVITED_BY_EMAIL,
    "sign_up_confirmation": SIGN_UP_CONFIRMATION,
    "sign_up_address_taken": SIGN_UP_ADDRESS_TAKEN,
    "password_reset": PASSWORD_RESET,
}


def get_template(name: str) -> EmailTemplate:
    """The template called ``name``; raises :class:`UnknownTemplate` listing the known ones."""
    try:
        return TEMPLATES[name]
    except KeyError:
        known = ", ".join(sorted(TEMPLATES))
        raise UnknownTemplate(f"unknown notification template {name!r} (known: {known})") from None


def render(name: str, language: Language, context: Mapping[str, Any]) -> RenderedEmail:
    """Subject, plain text and HTML of template ``name`` in ``language``.

    Raises :class:`UnknownTemplate` or :class:`InvalidContext` (a missing key, a bad value).
    Pure: no I/O.
    """
    template = get_template(name)
    missing = template.required - context.keys()
    if missing:
        raise InvalidContext(f"template {name!r} is missing context keys: {sorted(missing)}")
    values = {key: str(value) for key, value in context.items()}
    values.update(template.derive(context, language))
    subject_text, body_text = template.texts[language]
    subject = " ".join(Template(subject_text).substitute(values).split())
    body = Template(body_text).substitute(values)
    text = _tidy(f"{GREETING[language]}\n\n{body}\n\n{SIGNATURE[language]}")
    return RenderedEmail(subject=subject, text=text, html=_html(text, subject, language))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _html(text: str, subject: str, language: Language) -> str:
    """The text as escaped HTML paragraphs: nothing from the context is ever markup."""
    paragraphs = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in block.splitlines()) + "</p>"
        for block in text.strip().split("\n\n")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{language.value}">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head>\n<body>\n{paragraphs}\n</body>\n</html>\n"
    )
