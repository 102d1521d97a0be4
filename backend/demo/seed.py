"""The demo: funders, programmes, calls, organisations and accounts for a newcomer.

Everything goes through the real services (``create_user``, ``grant_role``,
``create_organisation``, ``add_member``, ``create_funder``, ``create_programme``,
``create_call``) and the lifecycle's steps (``publish_call``, ``open_call``), so the demo
passes the same validation and permission checks as real data and leaves audit entries that
the worker (or ``aap audit seal``) chains into a verifiable audit chain. It is written in one
unit of work: a failure leaves no half-seeded database behind.

Dates are relative to ``now``, so the demo always has an OPEN call: *AAP Impact IA* opened
ten days ago and closes in six weeks; the Franco-German call is PUBLISHED and opens in a week;
the DGOS/Anap AMI calls close on the next 31 July at 23:59:59 Paris time, one OPEN and one
still DRAFT for the demo manager to publish. Identifiers are real public ones (AP-HP's SIRET
and FINESS, Mistral AI's SIRET, the Charité's VAT number), because the services check them;
amounts are illustrative and every description says so.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TextIO
from zoneinfo import ZoneInfo

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind, Role
from backend.accounts.errors import EmailAlreadyUsed
from backend.accounts.models import User
from backend.calls import co_funding
from backend.calls import services as calls
from backend.calls.enums import CallKind, CallStatus, QuestionKind
from backend.calls.inputs import (
    CallInput,
    ChoiceInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
    TimelineInput,
)
from backend.calls.models import Funder
from backend.core.auth import SYSTEM, Actor
from backend.core.clock import ensure_utc, utcnow
from backend.core.db import SessionFactory, unit_of_work
from backend.core.i18n import Language
from backend.core.settings import get_settings
from backend.demo.candidacies import seed_demo_candidacy
from backend.lifecycle import calls as lifecycle

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - documented in the README; demo only
DEMO_DOMAIN = "demo.aap.example"

PARIS = ZoneInfo("Europe/Paris")
BERLIN = ZoneInfo("Europe/Berlin")
LAST_SECOND = time(23, 59, 59)

IMPACT_IA = "IMPACT-IA"
FRANCO_GERMAN = "FRDE-KI-DM"
AMI_EMERGENCY = "AMI-IA-URG"
AMI_WORKING_TIME = "AMI-IA-GTT"
"""Reference prefixes of the demo calls; the year of the call follows."""


class DemoRefusedInProduction(RuntimeError):
    """The demo's passwords are public: seeding them into production would open accounts."""


@dataclass(frozen=True)
class DemoAccount:
    """A demo login as the terminal shows it after ``make run``."""

    email: str
    password: str
    role: str
    hint: str


@dataclass(frozen=True)
class _Person:
    key: str
    full_name: str
    language: Language
    role: str
    hint: str

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


PEOPLE = (  # the platform admin comes first: it creates the others
    _Person(
        "admin",
        "Camille Laurent",
        Language.FR,
        "platform admin",
        "sees every draft; registers funders and grants roles; `aap audit verify`",
    ),
    _Person(
        "manager",
        "Julien Moreau",
        Language.FR,
        "programme manager, DGOS",
        "publish the DRAFT AMI on working time; edit the Franco-German call before it opens",
    ),
    _Person(
        "manager.bmg",
        "Katrin Schneider",
        Language.DE,
        "programme manager, BMG",
        "co-manages the Franco-German JOINT call (DGOS + BMG shares)",
    ),
    _Person(
        "manager.anap",
        "Claire Dubois",
        Language.FR,
        "programme manager, Anap",
        "accepted Anap's share of the DRAFT AMI on working time (respondToCoFunding)",
    ),
    _Person(
        "viewer",
        "Sophie Bernard",
        Language.FR,
        "funder viewer, Anap",
        "reads the Anap co-funded DRAFT AMI but cannot change or publish it",
    ),
    _Person(
        "expert1",
        "Dr Élise Fontaine",
        Language.FR,
        "expert",
        "evaluation grids: weighted criteria scored 0-5 in steps of 0.5",
    ),
    _Person(
        "expert2",
        "Prof. Dr. Markus Hoffmann",
        Language.DE,
        "expert",
        "the Franco-German call is reviewed blind, by three experts",
    ),
    _Person(
        "applicant.aphp",
        "Dr Thomas Petit",
        Language.FR,
        "applicant, AP-HP admin",
        "hospital with SIRET + FINESS: the open Impact IA call and the emergency AMI",
    ),
    _Person(
        "clinician.aphp",
        "Inès Roux",
        Language.FR,
        "applicant, AP-HP member",
        "a plain member of AP-HP: may not add members to it",
    ),
    _Person(
        "applicant.startup",
        "Léa Garnier",
        Language.FR,
        "applicant, Mistral AI admin",
        "a French AI company (SIRET): partner of an Impact IA study",
    ),
    _Person(
        "applicant.charite",
        "Dr. Anna Becker",
        Language.DE,
        "applicant, Charité admin",
        "the German partner the Franco-German call requires (registry id, no SIRET)",
    ),
)

FUNDERS = (
    (
        "DGOS",
        "Ministère chargé de la santé – Direction générale de l'offre de soins (DGOS)",  # noqa: RUF001
        "FR",
    ),
    ("ANAP", "Agence nationale de la performance sanitaire et médico-sociale (Anap)", "FR"),
    ("CNAM", "Caisse nationale de l'Assurance Maladie (Cnam)", "FR"),
    ("HAS", "Haute Autorité de santé (HAS)", "FR"),
    ("BMG", "Bundesministerium für Gesundheit (BMG)", "DE"),
)

GRANTS = (
    ("manager", Role.PROGRAMME_MANAGER, "DGOS"),
    ("manager.bmg", Role.PROGRAMME_MANAGER, "BMG"),
    ("manager.anap", Role.PROGRAMME_MANAGER, "ANAP"),
    ("viewer", Role.FUNDER_VIEWER, "ANAP"),
    ("expert1", Role.EXPERT, None),
    ("expert2", Role.EXPERT, None),
)

ORGANISATIONS = (
    (
        "applicant.aphp",
        accounts.OrganisationInput(
            name="Assistance Publique – Hôpitaux de Paris (AP-HP)",  # noqa: RUF001 - its name
            kind=OrganisationKind.HEALTH_ESTABLISHMENT,
            country="FR",
            siret="26750045200011",
            finess="750712184",
        ),
        ("clinician.aphp",),
    ),
    (
        "applicant.startup",
        accounts.OrganisationInput(
            name="Mistral AI",
            kind=OrganisationKind.COMPANY,
            country="FR",
            siret="95241832500025",
        ),
        (),
    ),
    (
        "applicant.charite",
        accounts.OrganisationInput(
            name="Charité – Universitätsmedizin Berlin",  # noqa: RUF001 - its official name
            kind=OrganisationKind.HEALTH_ESTABLISHMENT,
            country="DE",
            registry_id="USt-IdNr. DE228847810",
        ),
        (),
    ),
)
"""(creator, organisation, further members): the creator becomes the organisation's admin."""


def demo_accounts() -> list[DemoAccount]:
    """The logins the demo creates, in the order the terminal lists them."""
    return [DemoAccount(p.email, DEMO_PASSWORD, p.role, p.hint) for p in PEOPLE]


async def seed_demo_data(
    factory: SessionFactory, only_if_empty: bool = False, *, now: datetime | None = None
) -> list[DemoAccount]:
    """Create the whole demo in one transaction and return its logins.

    With ``only_if_empty``, a database that already has a user is left alone and ``[]`` is
    returned, so ``aap dev`` can seed on every start. Two processes starting together seed
    once: the check runs inside the writing transaction (SQLite queues the second writer), and
    on PostgreSQL the loser trips over the unique email and steps back.
    Side effects: users, role grants, organisations, memberships, funders, programmes and four
    calls, each audited.
    """
    _refuse_in_production()
    now = ensure_utc(now) if now is not None else utcnow()
    try:
        async with unit_of_work(factory) as uow:
            if only_if_empty and await _has_any_user(uow.session):
                return []
            await _seed(uow.session, now=now)
    except EmailAlreadyUsed:
        if only_if_empty:  # another process seeded between our check and our insert
            return []
        raise
    return demo_accounts()


def print_accounts(accounts_: Sequence[DemoAccount], *, file: TextIO | None = None) -> None:
    """Print the demo logins as an aligned table: a newcomer's first screen after ``make run``."""
    out = file if file is not None else sys.stdout
    rows = [("email", "password", "role", "what to try")]
    rows += [(a.email, a.password, a.role, a.hint) for a in accounts_]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        return "  ".join([*cells, row[3]]).rstrip()

    print(line(rows[0]), file=out)
    print("  ".join("-" * w for w in [*widths, len(rows[0][3])]), file=out)
    for row in rows[1:]:
        print(line(row), file=out)


def _refuse_in_production() -> None:
    if get_settings().is_prod:
        raise DemoRefusedInProduction(
            "the demo accounts share a published password: refused when AAP_ENVIRONMENT=prod"
        )


async def _has_any_user(session: AsyncSession) -> bool:
    return (await session.exec(select(User.id).limit(1))).first() is not None


async def _seed(session: AsyncSession, *, now: datetime) -> None:
    """People first (the admin registers funders), then organisations, then the calls."""
    users = await _create_users(session, now=now)
    admin = await accounts.build_actor(session, users["admin"])
    funders = await _create_funders(session, admin, now=now)
    await _grant_roles(session, admin, users, funders, now=now)
    await _create_organisations(session, users, now=now)
    dgos_manager = await accounts.build_actor(session, users["manager"])
    co_funder_managers = [
        await accounts.build_actor(session, users[key]) for key in CO_FUNDER_MANAGERS
    ]
    await _create_calls(session, dgos_manager, co_funder_managers, funders, now=now)
    await seed_demo_candidacy(
        session,
        lead_admin=users["applicant.aphp"],
        partner_admin=users["applicant.startup"],
        now=now,
    )


async def _create_users(session: AsyncSession, *, now: datetime) -> dict[str, User]:
    """Bootstrap the admin as ``aap create-user --admin`` does, then the admin creates the rest.

    Only the first account bypasses the permission check (``system=True``); every other one
    goes through ``can_manage_users`` and is audited as created by the admin.
    """
    first, *others = PEOPLE
    admin = await _create_user(session, SYSTEM, first, now=now, system=True)
    await accounts.grant_role(
        session,
        actor=SYSTEM,
        user_id=admin.id,
        role=Role.PLATFORM_ADMIN,
        funder_id=None,
        now=now,
        system=True,
    )
    admin_actor = await accounts.build_actor(session, admin)
    users = {first.key: admin}
    for person in others:
        users[person.key] = await _create_user(session, admin_actor, person, now=now)
    return users


async def _create_user(
    session: AsyncSession, actor: Actor, person: _Person, *, now: datetime, system: bool = False
) -> User:
    return await accounts.create_user(
        session,
        actor=actor,
        email=person.email,
        full_name=person.full_name,
        password=DEMO_PASSWORD,
        language=person.language,
        now=now,
        system=system,
    )


async def _create_funders(
    session: AsyncSession, admin: Actor, *, now: datetime
) -> dict[str, Funder]:
    funders: dict[str, Funder] = {}
    for code, name, country in FUNDERS:
        funders[code] = await calls.create_funder(
            session, actor=admin, code=code, name=name, country=country, now=now
        )
    return funders


async def _grant_roles(
    session: AsyncSession,
    admin: Actor,
    users: dict[str, User],
    funders: dict[str, Funder],
    *,
    now: datetime,
) -> None:
    for key, role, funder_code in GRANTS:
        await accounts.grant_role(
            session,
            actor=admin,
            user_id=users[key].id,
            role=role,
            funder_id=funders[funder_code].id if funder_code else None,
            now=now,
        )


async def _create_organisations(
    session: AsyncSession, users: dict[str, User], *, now: datetime
) -> None:
    """Each applicant registers their organisation (becoming its admin), then adds colleagues."""
    for creator, data, members in ORGANISATIONS:
        applicant = await accounts.build_actor(session, users[creator])
        organisation = await accounts.create_organisation(
            session, actor=applicant, data=data, now=now
        )
        org_admin = await accounts.build_actor(session, users[creator])  # now with the membership
        for member in members:
            await accounts.add_member(
                session,
                actor=org_admin,
                organisation_id=organisation.id,
                email=users[member].email,
                role=MembershipRole.MEMBER,
                now=now,
            )


CO_FUNDER_MANAGERS = ("manager.bmg", "manager.anap")
"""They accept their funders' shares of the DGOS calls, before publication."""


async def _create_calls(
    session: AsyncSession,
    manager: Actor,
    co_funder_managers: list[Actor],
    funders: dict[str, Funder],
    *,
    now: datetime,
) -> None:
    """The DGOS manager opens the programmes and walks each call to its demo status; the
    co-funders' managers accept their shares first."""
    impact = await _programme(session, manager, funders["DGOS"], "IMPACT-IA", "AAP Impact IA", now)
    franco_german = await _programme(
        session,
        manager,
        funders["DGOS"],
        "FR-DE-IA-SANTE",
        "Coopération franco-allemande : IA en santé",
        now,
    )
    amis = await _programme(
        session, manager, funders["DGOS"], "AMI-IA-ETS", "Expérimentations IA en établissement", now
    )
    wanted = [
        (_impact_ia_call(impact, funders, now), CallStatus.OPEN),
        (_franco_german_call(franco_german, funders, now), CallStatus.PUBLISHED),
        (_ami_emergency_call(amis, funders, now), CallStatus.OPEN),
        (_ami_working_time_call(amis, funders, now), CallStatus.DRAFT),
    ]
    for data, status in wanted:
        await _create_call(session, manager, co_funder_managers, data, status, now=now)


async def _programme(
    session: AsyncSession, manager: Actor, funder: Funder, code: str, name: str, now: datetime
) -> uuid.UUID:
    programme = await calls.create_programme(
        session, actor=manager, funder_id=funder.id, code=code, name=name, now=now
    )
    return programme.id


async def _create_call(
    session: AsyncSession,
    manager: Actor,
    co_funder_managers: list[Actor],
    data: CallInput,
    status: CallStatus,
    *,
    now: datetime,
) -> None:
    """Create a DRAFT, have its co-funders accept, then publish and open it as a manager
    would, up to ``status``."""
    call = await calls.create_call(session, actor=manager, data=data, now=now)
    for share in data.funders:
        for co_manager in co_funder_managers:
            if share.funder_id in co_manager.managed_funder_ids:
                await co_funding.respond_to_co_funding(
                    session,
                    actor=co_manager,
                    call_id=call.id,
                    funder_id=share.funder_id,
                    accept=True,
                    now=now,
                )
    if status in (CallStatus.PUBLISHED, CallStatus.OPEN):
        await lifecycle.publish_call(session, actor=manager, call_id=call.id, now=now)
    if status is CallStatus.OPEN:
        await lifecycle.open_call(session, actor=manager, call_id=call.id, now=now)


# --- Dates ------------------------------------------------------------------------------------


def _local_day(now: datetime, zone: ZoneInfo, *, days: int = 0) -> date:
    return (now.astimezone(zone) + timedelta(days=days)).date()


def _at(day: date, zone: ZoneInfo, at: time = time(0)) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def ami_deadline(now: datetime) -> datetime:
    """The next 31 July at 23:59:59 Paris time that is still ahead of ``now``.

    The DGOS/Anap AMI calls close on 31 July and start their experiments on 1 September;
    after this year's deadline the demo moves to next year's, however far that is.
    """
    year = now.astimezone(PARIS).year
    deadline = _at(date(year, 7, 31), PARIS, LAST_SECOND)
    return deadline if deadline > now else _at(date(year + 1, 7, 31), PARIS, LAST_SECOND)


def _ami_timeline(now: datetime) -> TimelineInput:
    deadline = ami_deadline(now)
    year = deadline.year
    return TimelineInput(
        timezone="Europe/Paris",
        opens_at=_at(_local_day(now, PARIS, days=-3), PARIS),
        deadline_at=deadline,
        review_deadline_at=_at(date(year, 8, 18), PARIS, time(18, 0)),
        decision_date=date(year, 8, 22),
        project_start_date=date(year, 9, 1),
    )


# --- Form and grid helpers --------------------------------------------------------------------


def _t(fr: str, en: str, de: str) -> dict[str, str]:
    return {"fr": fr, "en": en, "de": de}


def _choice(value: str, fr: str, en: str, de: str) -> ChoiceInput:
    return ChoiceInput(value=value, label=_t(fr, en, de))


def _criterion(
    key: str, label: dict[str, str], weight: str, threshold: str | None = None
) -> CriterionInput:
    """Every demo criterion is scored 0 to 5 in steps of 0.5, the scale panels are used to."""
    return CriterionInput(
        key=key,
        label=label,
        weight=Decimal(weight),
        scale_min=Decimal(0),
        scale_max=Decimal(5),
        step=Decimal("0.5"),
        threshold=Decimal(threshold) if threshold is not None else None,
    )


def _file(key: str, label: dict[str, str], *, required: bool = True) -> QuestionInput:
    return QuestionInput(key=key, kind=QuestionKind.FILE, label=label, required=required)


def _euros(amount: int) -> int:
    return amount * 100


DEMO_NOTICE = _t(
    "_Appel de démonstration : montants et dates sont illustratifs ; "
    "seul le cahier des charges officiel fait foi._",
    "_Demo call: amounts and dates are illustrative; only the official call text is binding._",
    "_Demo-Ausschreibung: Beträge und Termine sind fiktiv; "
    "maßgeblich ist allein der offizielle Ausschreibungstext._",
)


def _described(texts: dict[str, str]) -> dict[str, str]:
    return {lang: f"{text.strip()}\n\n{DEMO_NOTICE[lang]}" for lang, text in texts.items()}


# --- 1. AAP Impact IA -------------------------------------------------------------------------

IMPACT_IA_DESCRIPTION = _t(
    """
**Impact IA** finance une cinquantaine d'études d'impact de dispositifs médicaux à base
d'intelligence artificielle utilisés par des professionnels de santé, en conditions réelles.

## Projets attendus
- un dispositif médical d'IA marqué CE (règlement (UE) 2017/745) mis en œuvre par des
  professionnels de santé : imagerie, urgences, soins primaires, aide à la décision clinique ;
- une étude d'impact en vie réelle : bénéfice pour les patients, qualité et sécurité des soins,
  temps médical et soignant, organisation du service, acceptabilité par les professionnels ;
- un protocole défini à l'avance (comparateur, critères de jugement, effectifs) et un plan de
  diffusion des résultats.

## Éligibilité
- établissements de santé ou médico-sociaux, laboratoires académiques et entreprises, dont au
  moins un partenaire établi en France ;
- durée de 12 à 36 mois ;
- pièces obligatoires : protocole de l'étude et budget prévisionnel.

## Financement et évaluation
Jusqu'à 300 000 € par projet sur une enveloppe de 15 M€. Chaque dossier est évalué par deux
experts selon la grille publiée (0 à 5 par critère, seuil global de 3).
""",
    """
**Impact IA** funds some fifty impact studies of artificial-intelligence medical devices used
by health professionals in real-world conditions.

## Expected projects
- a CE-marked AI medical device (Regulation (EU) 2017/745) used by health professionals:
  imaging, emergency medicine, primary care, clinical decision support;
- a real-world impact study: benefit to patients, quality and safety of care, medical and
  nursing time, organisation of the service, acceptance by professionals;
- a protocol set in advance (comparator, endpoints, sample size) and a plan to publish the
  results.

## Eligibility
- health and medico-social establishments, academic laboratories and companies, with at least
  one partner established in France;
- 12 to 36 months;
- mandatory documents: the study protocol and the provisional budget.

## Funding and review
Up to €300,000 per project from a €15M envelope. Each application is reviewed by two experts
against the published grid (0 to 5 per criterion, overall threshold 3).
""",
    """
**Impact IA** fördert rund fünfzig Wirkungsstudien zu KI-basierten Medizinprodukten, die von
Gesundheitsfachkräften unter realen Versorgungsbedingungen eingesetzt werden.

## Erwartete Projekte
- ein CE-gekennzeichnetes KI-Medizinprodukt (Verordnung (EU) 2017/745) im Einsatz durch
  Gesundheitsfachkräfte: Bildgebung, Notfallmedizin, Primärversorgung, klinische
  Entscheidungsunterstützung;
- eine Wirkungsstudie unter Alltagsbedingungen: Nutzen für Patientinnen und Patienten, Qualität
  und Sicherheit der Versorgung, ärztliche und pflegerische Arbeitszeit, Organisation, Akzeptanz;
- ein vorab festgelegtes Protokoll (Vergleichsgruppe, Endpunkte, Fallzahl) und ein Plan zur
  Veröffentlichung der Ergebnisse.

## Förderfähigkeit
- Gesundheits- und medizinisch-soziale Einrichtungen, akademische Labore und Unternehmen, davon
  mindestens ein Partner mit Sitz in Frankreich;
- Laufzeit 12 bis 36 Monate;
- Pflichtunterlagen: Studienprotokoll und Finanzplan.

## Förderung und Begutachtung
Bis zu 300.000 € pro Projekt aus einem Budget von 15 Mio. €. Jeder Antrag wird von zwei
Gutachtenden nach dem veröffentlichten Raster bewertet (0 bis 5 je Kriterium, Gesamtschwelle 3).
""",
)


def _impact_ia_questions() -> list[QuestionInput]:
    return [
        QuestionInput(
            key="summary",
            kind=QuestionKind.TEXT,
            label=_t("Résumé du projet", "Project summary", "Projektzusammenfassung"),
            required=True,
            max_length=3000,
        ),
        QuestionInput(
            key="device",
            kind=QuestionKind.TEXT,
            label=_t(
                "Dispositif évalué (nom, fabricant)",
                "Device evaluated (name, manufacturer)",
                "Bewertetes Produkt (Name, Hersteller)",
            ),
            required=True,
            max_length=300,
        ),
        QuestionInput(
            key="device_class",
            kind=QuestionKind.CHOICE,
            label=_t(
                "Classe du dispositif (règlement (UE) 2017/745)",
                "Device class (Regulation (EU) 2017/745)",
                "Produktklasse (Verordnung (EU) 2017/745)",
            ),
            required=True,
            choices=[
                _choice("i", "Classe I", "Class I", "Klasse I"),
                _choice("iia", "Classe IIa", "Class IIa", "Klasse IIa"),
                _choice("iib", "Classe IIb", "Class IIb", "Klasse IIb"),
                _choice("iii", "Classe III", "Class III", "Klasse III"),
            ],
        ),
        QuestionInput(
            key="care_settings",
            kind=QuestionKind.MULTI_CHOICE,
            label=_t("Lieux de soins", "Care settings", "Versorgungsbereiche"),
            required=True,
            choices=[
                _choice("hospital", "Hôpital", "Hospital", "Krankenhaus"),
                _choice("emergency", "Urgences", "Emergency department", "Notaufnahme"),
                _choice("primary-care", "Soins primaires", "Primary care", "Primärversorgung"),
                _choice("imaging", "Centre d'imagerie", "Imaging centre", "Radiologiezentrum"),
                _choice("medico-social", "Médico-social", "Medico-social care", "Pflege"),
            ],
        ),
        QuestionInput(
            key="ce_marked",
            kind=QuestionKind.YES_NO,
            label=_t(
                "Le dispositif est-il marqué CE ?",
                "Is the device CE-marked?",
                "Ist das Produkt CE-gekennzeichnet?",
            ),
            required=True,
        ),
        QuestionInput(
            key="sites",
            kind=QuestionKind.NUMBER,
            label=_t("Nombre de sites participants", "Participating sites", "Beteiligte Standorte"),
            required=True,
            min_value=Decimal(1),
            max_value=Decimal(100),
        ),
        QuestionInput(
            key="duration_months",
            kind=QuestionKind.NUMBER,
            label=_t("Durée (mois)", "Duration (months)", "Laufzeit (Monate)"),
            required=True,
            min_value=Decimal(12),
            max_value=Decimal(36),
        ),
        QuestionInput(
            key="requested_eur",
            kind=QuestionKind.NUMBER,
            label=_t("Montant demandé (€)", "Amount requested (€)", "Beantragte Summe (€)"),
            required=True,
            min_value=Decimal(1),
            max_value=Decimal(300_000),
        ),
        QuestionInput(
            key="start_date",
            kind=QuestionKind.DATE,
            label=_t("Démarrage prévu", "Planned start", "Geplanter Beginn"),
            required=True,
        ),
        QuestionInput(
            key="dpia_done",
            kind=QuestionKind.YES_NO,
            label=_t(
                "Analyse d'impact relative à la protection des données (AIPD) réalisée ?",
                "Data protection impact assessment (DPIA) carried out?",
                "Datenschutz-Folgenabschätzung (DSFA) durchgeführt?",
            ),
        ),
        _file("protocol", _t("Protocole de l'étude", "Study protocol", "Studienprotokoll")),
        _file("budget", _t("Budget prévisionnel", "Provisional budget", "Finanzplan")),
        _file(
            "support_letters",
            _t("Lettres de soutien", "Letters of support", "Unterstützungsschreiben"),
            required=False,
        ),
    ]


def _impact_ia_grid() -> GridInput:
    return GridInput(
        criteria=[
            _criterion(
                "clinical_relevance",
                _t("Pertinence clinique", "Clinical relevance", "Klinische Relevanz"),
                "3",
                "2.5",
            ),
            _criterion(
                "methodology",
                _t("Qualité méthodologique", "Methodological quality", "Methodische Qualität"),
                "3",
                "3",
            ),
            _criterion(
                "organisational_impact",
                _t("Impact organisationnel", "Organisational impact", "Organisatorische Wirkung"),
                "2",
            ),
            _criterion(
                "feasibility",
                _t("Faisabilité et équipe", "Feasibility and team", "Machbarkeit und Team"),
                "1.5",
            ),
            _criterion(
                "ethics_data",
                _t(
                    "Éthique, réglementation et données",
                    "Ethics, regulation and data",
                    "Ethik, Regulierung und Daten",
                ),
                "1.5",
                "2.5",
            ),
            _criterion("budget", _t("Budget", "Budget", "Budget"), "1"),
        ],
        overall_threshold=Decimal(3),
        experts_per_candidacy=2,
        blind_review=False,
    )


def _impact_ia_call(
    programme_id: uuid.UUID, funders: dict[str, Funder], now: datetime
) -> CallInput:
    """OPEN since ten days ago; closes six weeks from now at 23:59:59 Paris time."""
    opens_at = _at(_local_day(now, PARIS, days=-10), PARIS)
    deadline = _at(_local_day(now, PARIS, days=42), PARIS, LAST_SECOND)
    decision = deadline.date() + timedelta(days=75)
    envelope = _euros(15_000_000)
    return CallInput(
        programme_id=programme_id,
        reference=f"{IMPACT_IA}-{opens_at.year}",
        kind=CallKind.AAP,
        title=_t(
            "AAP Impact IA : études d'impact des dispositifs médicaux d'IA",
            "AAP Impact IA: impact studies of AI medical devices",
            "AAP Impact IA: Wirkungsstudien zu KI-Medizinprodukten",
        ),
        description=_described(IMPACT_IA_DESCRIPTION),
        themes=["radiology", "emergency-medicine", "primary-care", "clinical-decision-support"],
        budget_envelope_cents=envelope,
        cap_per_candidacy_cents=_euros(300_000),
        funders=[FunderShareInput(funders["DGOS"].id, envelope)],
        timeline=TimelineInput(
            timezone="Europe/Paris",
            opens_at=opens_at,
            deadline_at=deadline,
            review_deadline_at=_at(deadline.date() + timedelta(days=56), PARIS, LAST_SECOND),
            decision_date=decision,
            project_start_date=_first_of_next_month(decision),
        ),
        eligibility={
            "allowed_organisation_kinds": [
                OrganisationKind.HEALTH_ESTABLISHMENT,
                OrganisationKind.MEDICO_SOCIAL_ESTABLISHMENT,
                OrganisationKind.ACADEMIC_LAB,
                OrganisationKind.COMPANY,
            ],
            "required_partner_countries": [{"country": "FR", "min_partners": 1}],
            "required_document_keys": ["protocol", "budget"],
            "min_duration_months": 12,
            "max_duration_months": 36,
        },
        questions=_impact_ia_questions(),
        grid=_impact_ia_grid(),
    )


# --- 2. The Franco-German call ----------------------------------------------------------------

FRANCO_GERMAN_DESCRIPTION = _t(
    """
Le ministère chargé de la santé (DGOS) et le Bundesministerium für Gesundheit (BMG) financent
ensemble des consortiums franco-allemands qui mènent des dispositifs médicaux d'IA du
développement jusqu'à l'usage clinique.

## Trois volets
1. **Développement** avec les équipes cliniques : données documentées, système de management de
   la qualité, conformité au règlement (UE) 2017/745 et au règlement européen sur l'IA ;
2. **Évaluation clinique** multicentrique dans les deux pays : performance, sécurité, biais et
   robustesse ;
3. **Intégration clinique** : interopérabilité avec les systèmes d'information hospitaliers,
   formation des utilisateurs, surveillance après mise en service.

## Consortiums
- au moins un partenaire établi en France et un en Allemagne, six partenaires au plus ;
- établissements de santé, laboratoires académiques et entreprises ;
- durée de 24 à 36 mois ; dossiers rédigés en anglais.

Chaque ministère finance les partenaires de son pays : 5 M€ pour la DGOS, 5 M€ pour le BMG,
jusqu'à 1,5 M€ par consortium. Évaluation conjointe en aveugle par trois experts.
""",
    """
The French ministry of health (DGOS) and the German Federal Ministry of Health (BMG) jointly
fund Franco-German consortia that take AI medical devices from development to clinical use.

## Three strands
1. **Development** with clinical teams: documented data, a quality management system,
   compliance with Regulation (EU) 2017/745 and the EU AI Act;
2. **Clinical evaluation** across sites in both countries: performance, safety, bias and
   robustness;
3. **Clinical integration**: interoperability with hospital information systems, user
   training, post-deployment monitoring.

## Consortia
- at least one partner established in France and one in Germany, six partners at most;
- health establishments, academic laboratories and companies;
- 24 to 36 months; applications written in English.

Each ministry funds the partners of its own country: €5M from DGOS, €5M from BMG, up to
€1.5M per consortium. Joint blind review by three experts.
""",
    """
Das französische Gesundheitsministerium (DGOS) und das Bundesministerium für Gesundheit (BMG)
fördern gemeinsam deutsch-französische Konsortien, die KI-Medizinprodukte von der Entwicklung
bis in die klinische Anwendung bringen.

## Drei Module
1. **Entwicklung** gemeinsam mit klinischen Teams: dokumentierte Daten,
   Qualitätsmanagementsystem, Konformität mit der Verordnung (EU) 2017/745 und der KI-Verordnung;
2. **Klinische Evaluation** an Standorten in beiden Ländern: Leistung, Sicherheit, Bias und
   Robustheit;
3. **Klinische Integration**: Interoperabilität mit Krankenhausinformationssystemen, Schulung
   der Anwenderinnen und Anwender, Überwachung nach der Inbetriebnahme.

## Konsortien
- mindestens ein Partner mit Sitz in Frankreich und einer in Deutschland, höchstens sechs;
- Gesundheitseinrichtungen, akademische Labore und Unternehmen;
- Laufzeit 24 bis 36 Monate; Anträge in englischer Sprache.

Jedes Ministerium fördert die Partner seines Landes: 5 Mio. € durch die DGOS, 5 Mio. € durch
das BMG, bis zu 1,5 Mio. € je Konsortium. Gemeinsame anonymisierte Begutachtung durch drei
Gutachtende.
""",
)


def _franco_german_questions() -> list[QuestionInput]:
    return [
        QuestionInput(
            key="acronym",
            kind=QuestionKind.TEXT,
            label=_t("Acronyme", "Acronym", "Akronym"),
            required=True,
            max_length=20,
        ),
        QuestionInput(
            key="summary",
            kind=QuestionKind.TEXT,
            label=_t(
                "Résumé (en anglais)", "Summary (in English)", "Zusammenfassung (auf Englisch)"
            ),
            required=True,
            max_length=4000,
        ),
        QuestionInput(
            key="strands",
            kind=QuestionKind.MULTI_CHOICE,
            label=_t("Volets couverts", "Strands covered", "Abgedeckte Module"),
            required=True,
            choices=[
                _choice("development", "Développement", "Development", "Entwicklung"),
                _choice(
                    "evaluation",
                    "Évaluation clinique",
                    "Clinical evaluation",
                    "Klinische Evaluation",
                ),
                _choice(
                    "integration",
                    "Intégration clinique",
                    "Clinical integration",
                    "Klinische Integration",
                ),
            ],
        ),
        QuestionInput(
            key="coordinator_country",
            kind=QuestionKind.CHOICE,
            label=_t("Pays du coordinateur", "Coordinator's country", "Land der Koordination"),
            required=True,
            choices=[
                _choice("FR", "France", "France", "Frankreich"),
                _choice("DE", "Allemagne", "Germany", "Deutschland"),
            ],
        ),
        QuestionInput(
            key="partners",
            kind=QuestionKind.NUMBER,
            label=_t("Nombre de partenaires", "Number of partners", "Anzahl der Partner"),
            required=True,
            min_value=Decimal(2),
            max_value=Decimal(6),
        ),
        QuestionInput(
            key="duration_months",
            kind=QuestionKind.NUMBER,
            label=_t("Durée (mois)", "Duration (months)", "Laufzeit (Monate)"),
            required=True,
            min_value=Decimal(24),
            max_value=Decimal(36),
        ),
        QuestionInput(
            key="ethics_vote",
            kind=QuestionKind.YES_NO,
            label=_t(
                "Avis éthique obtenu ou demandé ?",
                "Ethics approval obtained or applied for?",
                "Ethikvotum erteilt oder beantragt?",
            ),
        ),
        _file(
            "project_description",
            _t("Description du projet", "Project description", "Vorhabenbeschreibung"),
        ),
        _file(
            "letters_of_intent",
            _t("Lettres d'intention", "Letters of intent", "Absichtserklärungen"),
        ),
        _file("budget", _t("Budget par partenaire", "Budget per partner", "Finanzplan je Partner")),
    ]


def _franco_german_grid() -> GridInput:
    return GridInput(
        criteria=[
            _criterion("excellence", _t("Excellence", "Excellence", "Exzellenz"), "3", "3"),
            _criterion("impact", _t("Impact", "Impact", "Wirkung"), "3", "3"),
            _criterion(
                "implementation",
                _t("Mise en œuvre", "Implementation", "Umsetzung"),
                "2",
            ),
            _criterion(
                "binational_value",
                _t(
                    "Valeur ajoutée franco-allemande",
                    "Franco-German added value",
                    "Deutsch-französischer Mehrwert",
                ),
                "2",
                "2.5",
            ),
        ],
        overall_threshold=Decimal("3.5"),
        experts_per_candidacy=3,
        blind_review=True,
    )


def _franco_german_call(
    programme_id: uuid.UUID, funders: dict[str, Funder], now: datetime
) -> CallInput:
    """PUBLISHED, opening in a week (Berlin time); DGOS and BMG fund half each."""
    opens_at = _at(_local_day(now, BERLIN, days=7), BERLIN)
    deadline = _at(opens_at.date() + timedelta(days=91), BERLIN, LAST_SECOND)
    decision = deadline.date() + timedelta(days=100)
    share = _euros(5_000_000)
    return CallInput(
        programme_id=programme_id,
        reference=f"{FRANCO_GERMAN}-{opens_at.year}",
        kind=CallKind.JOINT,
        title=_t(
            "Appel franco-allemand : développement, évaluation et intégration clinique "
            "de dispositifs médicaux d'IA",
            "Franco-German call: development, evaluation and clinical integration "
            "of AI medical devices",
            "Deutsch-französische Ausschreibung: Entwicklung, Evaluation und klinische "
            "Integration von KI-Medizinprodukten",
        ),
        description=_described(FRANCO_GERMAN_DESCRIPTION),
        themes=["ai-medical-devices", "clinical-evaluation", "clinical-integration"],
        budget_envelope_cents=2 * share,
        cap_per_candidacy_cents=_euros(1_500_000),
        funders=[
            FunderShareInput(funders["DGOS"].id, share),
            FunderShareInput(funders["BMG"].id, share),
        ],
        timeline=TimelineInput(
            timezone="Europe/Berlin",
            opens_at=opens_at,
            deadline_at=deadline,
            review_deadline_at=_at(deadline.date() + timedelta(days=70), BERLIN, LAST_SECOND),
            decision_date=decision,
            project_start_date=_first_of_next_month(decision),
        ),
        eligibility={
            "required_partner_countries": [
                {"country": "FR", "min_partners": 1},
                {"country": "DE", "min_partners": 1},
            ],
            "allowed_organisation_kinds": [
                OrganisationKind.HEALTH_ESTABLISHMENT,
                OrganisationKind.ACADEMIC_LAB,
                OrganisationKind.COMPANY,
            ],
            "required_document_keys": ["project_description", "letters_of_intent", "budget"],
            "min_partners": 2,
            "max_partners": 6,
            "min_duration_months": 24,
            "max_duration_months": 36,
        },
        questions=_franco_german_questions(),
        grid=_franco_german_grid(),
    )


# --- 3. The DGOS/Anap AMI calls ---------------------------------------------------------------

AMI_CALENDAR = _t(
    """
## Calendrier
- candidatures jusqu'au 31 juillet à 23 h 59 (heure de Paris) ;
- notification des projets retenus le 22 août ;
- démarrage des expérimentations le 1er septembre ;
- restitution de l'évaluation au plus tard le 31 décembre de l'année suivante.
""",
    """
## Timeline
- applications until 31 July, 23:59 Paris time;
- selected projects notified on 22 August;
- experiments start on 1 September;
- evaluation report due by 31 December of the following year at the latest.
""",
    """
## Zeitplan
- Bewerbungen bis 31. Juli, 23:59 Uhr (Pariser Zeit);
- Benachrichtigung der ausgewählten Projekte am 22. August;
- Beginn der Erprobungen am 1. September;
- Evaluationsbericht spätestens zum 31. Dezember des Folgejahres.
""",
)

AMI_EMERGENCY_DESCRIPTION = _t(
    """
La Direction générale de l'offre de soins (DGOS), avec l'appui de l'Anap, finance et évalue
l'expérimentation en vie réelle de solutions d'intelligence artificielle matures dans les SAMU
et les structures des urgences.

## Trois usages
- **retranscription automatique des appels au SAMU**, pour la qualité et la traçabilité des
  dossiers de régulation ;
- **aide au triage** des patients à l'accueil des urgences ;
- **estimation des temps d'attente et prévision des flux**, pour répartir les ressources et
  fluidifier les parcours.

Les établissements de santé candidatent ; le financement d'amorçage couvre les coûts de
l'expérimentation, dans la limite d'une enveloppe nationale de 2 M€.
""",
    """
The Directorate General for Healthcare Provision (DGOS), supported by Anap, funds and evaluates
real-world experiments with mature artificial-intelligence solutions in SAMU emergency call
centres and emergency departments.

## Three uses
- **automatic transcription of SAMU calls**, for better and traceable regulation records;
- **triage support** for patients arriving at the emergency department;
- **waiting-time estimates and patient-flow forecasts**, to allocate resources and smooth
  patient pathways.

Health establishments apply; seed funding covers the cost of the experiment, within a national
envelope of €2M.
""",
    """
Die französische Generaldirektion für Gesundheitsversorgung (DGOS) finanziert und evaluiert
mit Unterstützung der Anap die Erprobung ausgereifter KI-Lösungen unter Realbedingungen in den
SAMU-Leitstellen und Notaufnahmen.

## Drei Anwendungen
- **automatische Transkription der Notrufe beim SAMU** für vollständige, nachvollziehbare
  Dispositionsakten;
- **Unterstützung der Ersteinschätzung (Triage)** in der Notaufnahme;
- **Prognose von Wartezeiten und Patientenströmen**, um Ressourcen zu verteilen und Abläufe zu
  verbessern.

Bewerben können sich Gesundheitseinrichtungen; eine Anschubfinanzierung deckt die Kosten der
Erprobung im Rahmen eines nationalen Budgets von 2 Mio. €.
""",
)

AMI_WORKING_TIME_DESCRIPTION = _t(
    """
La DGOS, avec l'Anap, soutient l'expérimentation de solutions d'IA pour la **planification
automatisée et adaptative des plannings** des équipes des établissements sanitaires et
médico-sociaux.

## Cas d'usage
Réalisation et actualisation des plannings des personnels, en tenant compte à la fois des
contraintes d'organisation du temps de travail des unités, des cycles de travail et des
souhaits des professionnels.

## Attendus
- un projet porté par les services de soins, avec la DRH et la direction des affaires
  médicales ;
- l'accompagnement des managers de proximité dans l'usage de l'outil ;
- des indicateurs de qualité de vie et des conditions de travail (QVCT), de stabilité des
  plannings et d'efficience.

L'Anap accompagne les établissements retenus. Financement d'amorçage jusqu'à 20 000 € par
projet.
""",
    """
DGOS and Anap support experiments with AI solutions for the **automated, adaptive scheduling**
of staff rosters in health and medico-social establishments.

## Use case
Building and updating staff rosters while taking into account the working-time constraints of
the units, the work cycles and the professionals' wishes.

## Expectations
- a project led by the care units together with human resources and medical affairs;
- support for front-line managers in using the tool;
- indicators of quality of working life, roster stability and efficiency.

Anap supports the selected establishments. Seed funding of up to €20,000 per project.
""",
    """
DGOS und Anap unterstützen die Erprobung von KI-Lösungen für die **automatisierte, adaptive
Dienstplanung** in Gesundheits- und Pflegeeinrichtungen.

## Anwendungsfall
Erstellung und Fortschreibung der Dienstpläne unter gleichzeitiger Berücksichtigung der
arbeitszeitlichen Vorgaben der Stationen, der Arbeitszyklen und der Wünsche der Beschäftigten.

## Erwartungen
- ein Projekt der Pflege- und Fachbereiche gemeinsam mit Personalabteilung und ärztlicher
  Direktion;
- Begleitung der Stationsleitungen bei der Nutzung des Werkzeugs;
- Kennzahlen zu Arbeitsqualität, Stabilität der Dienstpläne und Effizienz.

Die Anap begleitet die ausgewählten Einrichtungen. Anschubfinanzierung bis zu 20.000 € je
Projekt.
""",
)


def _ami_description(texts: dict[str, str]) -> dict[str, str]:
    return _described({lang: texts[lang] + AMI_CALENDAR[lang] for lang in texts})


def _ami_common_questions() -> list[QuestionInput]:
    """What both AMI calls ask, after their own use-case questions."""
    return [
        QuestionInput(
            key="go_live",
            kind=QuestionKind.DATE,
            label=_t("Mise en service prévue", "Planned go-live", "Geplante Inbetriebnahme"),
            required=True,
        ),
        QuestionInput(
            key="requested_eur",
            kind=QuestionKind.NUMBER,
            label=_t("Montant demandé (€)", "Amount requested (€)", "Beantragte Summe (€)"),
            required=True,
            min_value=Decimal(1),
        ),
        _file(
            "application_form",
            _t("Dossier de candidature", "Application form", "Bewerbungsformular"),
        ),
        _file("budget", _t("Budget prévisionnel", "Provisional budget", "Finanzplan")),
    ]


def _ami_emergency_questions() -> list[QuestionInput]:
    return [
        QuestionInput(
            key="use_case",
            kind=QuestionKind.CHOICE,
            label=_t("Usage expérimenté", "Use tested", "Erprobte Anwendung"),
            required=True,
            choices=[
                _choice(
                    "samu-transcription",
                    "Retranscription des appels au SAMU",
                    "Transcription of SAMU calls",
                    "Transkription der SAMU-Notrufe",
                ),
                _choice("triage", "Aide au triage", "Triage support", "Triage-Unterstützung"),
                _choice(
                    "flow-forecasting",
                    "Temps d'attente et prévision des flux",
                    "Waiting times and flow forecasting",
                    "Wartezeiten und Patientenstromprognose",
                ),
            ],
        ),
        QuestionInput(
            key="solution",
            kind=QuestionKind.TEXT,
            label=_t(
                "Solution, éditeur et maturité",
                "Solution, vendor and maturity",
                "Lösung, Anbieter und Reifegrad",
            ),
            required=True,
            max_length=2000,
        ),
        QuestionInput(
            key="annual_activity",
            kind=QuestionKind.NUMBER,
            label=_t(
                "Passages aux urgences ou appels au SAMU par an",
                "Emergency visits or SAMU calls per year",
                "Notaufnahmefälle oder SAMU-Anrufe pro Jahr",
            ),
            min_value=Decimal(0),
        ),
        *_ami_common_questions(),
    ]


def _ami_working_time_questions() -> list[QuestionInput]:
    return [
        QuestionInput(
            key="scope",
            kind=QuestionKind.MULTI_CHOICE,
            label=_t("Périmètre", "Scope", "Umfang"),
            required=True,
            choices=[
                _choice("care-units", "Unités de soins", "Care units", "Stationen"),
                _choice("medical-staff", "Personnel médical", "Medical staff", "Ärztlicher Dienst"),
                _choice("relief-pool", "Pool de remplacement", "Relief pool", "Springerpool"),
            ],
        ),
        QuestionInput(
            key="staff",
            kind=QuestionKind.NUMBER,
            label=_t("Agents concernés", "Staff concerned", "Betroffene Beschäftigte"),
            required=True,
            min_value=Decimal(1),
        ),
        QuestionInput(
            key="manager_support",
            kind=QuestionKind.TEXT,
            label=_t(
                "Accompagnement des managers de proximité",
                "Support for front-line managers",
                "Begleitung der Stationsleitungen",
            ),
            required=True,
            max_length=2000,
        ),
        QuestionInput(
            key="staff_consulted",
            kind=QuestionKind.YES_NO,
            label=_t(
                "Instances représentatives du personnel informées ?",
                "Staff representatives informed?",
                "Personalvertretung informiert?",
            ),
        ),
        *_ami_common_questions(),
    ]


def _ami_grid() -> GridInput:
    return GridInput(
        criteria=[
            _criterion("maturity", _t("Maturité", "Maturity", "Reifegrad"), "2", "2.5"),
            _criterion("relevance", _t("Pertinence", "Relevance", "Relevanz"), "2"),
            _criterion(
                "evaluation",
                _t("Plan d'évaluation", "Evaluation plan", "Evaluationskonzept"),
                "2",
            ),
            _criterion("governance", _t("Gouvernance", "Governance", "Steuerung"), "1"),
        ],
        overall_threshold=Decimal("2.5"),
        experts_per_candidacy=2,
    )


def _ami_emergency_call(
    programme_id: uuid.UUID, funders: dict[str, Funder], now: datetime
) -> CallInput:
    """OPEN until the next 31 July; funded by DGOS alone."""
    timeline = _ami_timeline(now)
    envelope = _euros(2_000_000)
    return CallInput(
        programme_id=programme_id,
        reference=f"{AMI_EMERGENCY}-{timeline.deadline_at.year}",
        kind=CallKind.AMI,
        title=_t(
            "AMI IA dans les SAMU et les structures des urgences",
            "AMI: AI in SAMU call centres and emergency departments",
            "AMI: KI in SAMU-Leitstellen und Notaufnahmen",
        ),
        description=_ami_description(AMI_EMERGENCY_DESCRIPTION),
        themes=["emergency-medicine", "triage", "patient-flow"],
        budget_envelope_cents=envelope,
        cap_per_candidacy_cents=None,
        funders=[FunderShareInput(funders["DGOS"].id, envelope)],
        timeline=timeline,
        eligibility={
            "allowed_organisation_kinds": [OrganisationKind.HEALTH_ESTABLISHMENT],
            "required_document_keys": ["application_form", "budget"],
        },
        questions=_ami_emergency_questions(),
        grid=_ami_grid(),
    )


def _ami_working_time_call(
    programme_id: uuid.UUID, funders: dict[str, Funder], now: datetime
) -> CallInput:
    """Still DRAFT; Anap's share lets its viewer read the draft the DGOS manager will publish."""
    timeline = _ami_timeline(now)
    dgos, anap = _euros(1_800_000), _euros(200_000)
    return CallInput(
        programme_id=programme_id,
        reference=f"{AMI_WORKING_TIME}-{timeline.deadline_at.year}",
        kind=CallKind.AMI,
        title=_t(
            "AMI IA et gestion du temps de travail dans les établissements",
            "AMI: AI for working-time management in establishments",
            "AMI: KI für die Arbeitszeitplanung in Einrichtungen",
        ),
        description=_ami_description(AMI_WORKING_TIME_DESCRIPTION),
        themes=["working-time", "workforce-planning", "quality-of-working-life"],
        budget_envelope_cents=dgos + anap,
        cap_per_candidacy_cents=_euros(20_000),
        funders=[
            FunderShareInput(funders["DGOS"].id, dgos),
            FunderShareInput(funders["ANAP"].id, anap),
        ],
        timeline=timeline,
        eligibility={
            "allowed_organisation_kinds": [
                OrganisationKind.HEALTH_ESTABLISHMENT,
                OrganisationKind.MEDICO_SOCIAL_ESTABLISHMENT,
            ],
            "required_document_keys": ["application_form", "budget"],
        },
        questions=_ami_working_time_questions(),
        grid=_ami_grid(),
    )
