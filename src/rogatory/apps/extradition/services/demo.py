"""Demo: two States request the same person, one writing his name in Arabic script and the
other in Latin letters; and the requested State's dossier on one requesting State's prisons.

On XB and XC: an approved outgoing extradition request to XA (the TRANSMIT step of the demo
sends it); once both arrive at XA, screening suggests the match and a competing-requests file
can be opened (ETS 24 art. 17). On XA: a detention-conditions dossier on XB with sources, so
the two-step assessment has evidence to rest on (CJEU C-404/15 and C-659/15 PPU)."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case, CaseGrant
from rogatory.apps.cases.services import case_open, case_status_change
from rogatory.apps.cases.services.demo_data import complete_request_fields, demo_setup
from rogatory.apps.cases.services.inputs import (
    IdDocumentInput,
    NameInput,
    OffenceInput,
    PersonInput,
)
from rogatory.apps.extradition.models import Consultation, DetentionDossier
from rogatory.apps.extradition.services.consultation import consultation_record
from rogatory.apps.extradition.services.detention import dossier_save, node_today, source_add
from rogatory.core.extradition.consultation import consultation_article
from rogatory.core.workflow import CaseKind, CaseState, Direction

REQUESTED = "XA"
BIRTH_DATE = "1984-07-19"
ARABIC = "محمد عبد الله الحسيني"
LATIN = "Mohamed Abdallah El-Husseini"
TITLE = "Extradition of Mohamed Abdallah El-Husseini"

# Per requesting State: how it writes the name, the offence, its maximum penalty and place.
_REQUESTS: dict[str, dict[str, Any]] = {
    "XB": {
        "names": [NameInput(ARABIC, "original_script", LATIN)],
        "offence": ("Armed robbery of a bank", "Criminal Code of XB, art. 312", 180, "Borealis"),
        "passport": "XB4471203",
    },
    "XC": {
        "names": [NameInput(LATIN, "primary"), NameInput("M. A. Husseini", "alias")],
        "offence": ("Fraud against public funds", "Penal Code of XC, art. 77", 96, "Caldera"),
        "passport": "XB4471203",
    },
}


def _users(home: str) -> dict[str, User]:
    names = ("clerk", "officer", "supervisor")
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    if len(found) < len(names):
        # A node set up without demo-data: make the demo staff first.
        made: dict[str, User] = demo_setup(home=home)["users"]
        return made
    return found


def demo_extradition_request(*, home: str) -> Case:
    """The approved outgoing request from `home` (XB or XC) to XA; idempotent."""
    spec = _REQUESTS[home]
    existing = Case.objects.filter(direction="outgoing", title=TITLE).first()
    if existing is not None:
        return existing
    users = _users(home)
    description, provisions, months, place = spec["offence"]
    case = case_open(
        actor=users["officer"],
        direction="outgoing",
        kind=CaseKind.EXTRADITION.value,
        requesting_state=home,
        requested_state=REQUESTED,
        legal_bases=["untoc"],
        title=TITLE,
        facts=f"{description} committed in {place} on 3 March 2024.",
        custody="not_applicable",
        persons=[
            PersonInput(
                role="person_sought",
                names=spec["names"],
                gender="m",
                birth_date=BIRTH_DATE,
                birth_place="Port Amal",
                nationalities=["XB"],
                documents=[IdDocumentInput("passport", spec["passport"], "XB")],
            )
        ],
        offences=[
            OffenceInput(
                description,
                provisions,
                months,
                place=place,
                committed_on=date(2024, 3, 3),
                legal_qualification=description,
            )
        ],
        **complete_request_fields(CaseKind.EXTRADITION, home),
    )
    for member in ("officer", "supervisor", "clerk"):
        CaseGrant.objects.get_or_create(case=case, user=users[member], revoked_at=None)
    # Four eyes: the drafting officer submits, the supervisor approves.
    case_status_change(actor=users["officer"], case_id=case.pk, target="pending_approval")
    return case_status_change(actor=users["supervisor"], case_id=case.pk, target="approved")


def demo_detention_dossier(*, home: str = REQUESTED, state: str = "XB") -> DetentionDossier:
    """XA's dossier on XB's remand prison, with three dated sources; idempotent."""
    users = _users(home)
    officer = users["officer"]
    facility = "Borealis Central Remand Prison"
    existing = DetentionDossier.objects.filter(
        owner_authority_id=officer.authority_id, state_id=state, facility=facility
    ).first()
    if existing is not None:
        return existing
    dossier = dossier_save(
        actor=officer,
        state=state,
        facility=facility,
        facility_kind="remand",
        personal_space_m2=Decimal("2.70"),
        multi_occupancy=True,
        findings=(
            "Multi-occupancy cells; one hour of outdoor exercise a day; sanitary annex "
            "partitioned only by a curtain (fictional demo data)."
        ),
    )
    for kind, title, day, space, summary in (
        (
            "cpt_report",
            "Report to the Government of Borealis on the periodic visit (fictional)",
            date(2025, 4, 10),
            Decimal("2.70"),
            "Personal space of 2.7 m² per prisoner in the remand wing.",
        ),
        (
            "ecthr_judgment",
            "Pilot judgment on overcrowding in Borealis remand prisons (fictional)",
            date(2024, 11, 5),
            None,
            "Structural overcrowding found; general measures ordered.",
        ),
        (
            "monitoring_body",
            "National preventive mechanism of Borealis, annual report (fictional)",
            date(2026, 2, 1),
            Decimal("3.40"),
            "Occupancy reduced in wing B since the pilot judgment.",
        ),
    ):
        source_add(
            actor=officer,
            dossier_id=dossier.pk,
            kind=kind,
            title=title,
            published_on=day,
            personal_space_m2=space,
            summary=summary,
        )
    return dossier


def consult_then(transition: Callable[..., Case]) -> Callable[..., Case]:
    """Wrap the demo workload's transition so that a refusal or postponement that the
    instrument conditions on a consultation (UNTOC arts. 16(16), 18(26)) is preceded by one,
    as an officer would record it."""

    def step(*, actor: Any, case_id: int, target: str, **kwargs: Any) -> Case:
        case = Case.objects.get(pk=case_id)
        article = consultation_article(
            direction=Direction(case.direction),
            kind=CaseKind(case.kind),
            target=CaseState(target),
            legal_bases=case.legal_bases or [],
        )
        held = Consultation.objects.filter(case=case, purpose="before_refusal").exists()
        if article is not None and not held:
            today = node_today()
            consultation_record(
                actor=actor,
                purpose="before_refusal",
                party="requesting_state",
                case_id=case_id,
                asked_on=today,
                question="Could the request be met on conditions?",
                answered_on=today,
                answer="No further information can be given.",
            )
        return transition(actor=actor, case_id=case_id, target=target, **kwargs)

    return step
