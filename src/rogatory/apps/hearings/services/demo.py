"""The demo hearing between two nodes (issue 19, deliverable 6), one move at a time.

XA (requesting State) sends an extradition request for a person detained in XB and proposes a
hearing by video to take the person's consent to surrender (EAW FD 2002/584/JHA art. 13), with
two slots; XB registers the request, enters an interpreter in its register and counters with a
slot the interpreter is free for, naming its side's participants; XA accepts; XB runs the
safeguards in their order, records an interruption and the recording's hash, draws up the
minutes in French, signs them and sends them back; XA checks the node's signature. Between
calls the exchange workers carry each message across; ``tools/demo_nodes.py`` calls
``rogatory demo-hearing`` on both nodes in turn until neither has a move left.

The presiding judge sits in New York and the person in Tokyo: the hearing at 18:00 in New York
is at 08:00 the next day in Tokyo, so its local date differs between the two States.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case, CaseGrant
from rogatory.apps.cases.services import case_open
from rogatory.apps.cases.services.inputs import NameInput, OffenceInput, PersonInput
from rogatory.apps.hearings.models import (
    Hearing,
    HearingStatus,
    Interpreter,
    Minutes,
    SafeguardRecord,
)
from rogatory.apps.hearings.services.inbox import hearing_inbox_apply
from rogatory.apps.hearings.services.minutes import minutes_draw_up, recording_bind
from rogatory.apps.hearings.services.safeguards import (
    connection_record,
    interruption_record,
    safeguard_record,
)
from rogatory.apps.hearings.services.scheduling import (
    ParticipantInput,
    availability_add,
    hearing_accept,
    hearing_counter_propose,
    hearing_propose,
    interpreter_register,
)
from rogatory.apps.proceedings.services.transition import case_transition
from rogatory.core.hearings.kinds import HearingKind, ParticipantRole
from rogatory.core.hearings.safeguards import SafeguardStep, next_step
from rogatory.core.workflow import CaseState

TITLE = "Demo hearing: consent to surrender of Lena Morozova"
JUDGE_ZONE = "America/New_York"
PERSON_ZONE = "Asia/Tokyo"
INTERPRETER = "Demo interpreter (ru-fr)"
R = ParticipantRole


def _staff() -> dict[str, User]:
    return {
        u.username: u for u in User.objects.filter(username__in=["clerk", "officer", "supervisor"])
    }


def _at(days: int, hour: int, zone: str) -> datetime:
    """``hour`` o'clock in ``zone`` on the day ``days`` from today there (a fixed UTC instant
    however far the daylight-saving rules move the zone's offset)."""
    tz = ZoneInfo(zone)
    day = timezone.now().astimezone(tz).date() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)


def _open(staff: dict[str, User], home: str, peer: str) -> Case:
    officer, supervisor = staff["officer"], staff["supervisor"]
    # A request complete enough to be approved (issue 17: ETS 24 art. 12; UN Model Treaty on
    # Extradition art. 5).
    case = case_open(
        actor=officer,
        direction="outgoing",
        kind="extradition",
        requesting_state=home,
        requested_state=peer,
        legal_bases=["untoc"],
        title=TITLE,
        facts="The person sought laundered the proceeds of a fraud through shell companies.",
        custody="detained",
        subject="Prosecution of Lena Morozova for laundering the proceeds of fraud",
        request_language="en",
        contact_name="Demo case officer",
        contact_function="Case officer, central authority",
        contact_email=f"officer@ca.{home.lower()}.example",
        proceedings_authority=f"Public Prosecutor's Office of {home}",
        proceedings_authority_functions="Prosecutor in charge of the investigation",
        dual_criminality="Laundering is an offence under the law of both States.",
        use_limits="Only for the prosecution of the offence named.",
        warrant_kind="arrest_warrant",
        warrant_date=date(2026, 1, 12),
        warrant_court=f"Criminal Court of {home}",
        warrant_enforceable=True,
        assurance_speciality="No proceedings for any other offence (speciality).",
        extradition_purpose="prosecution",
        persons=[
            PersonInput(
                role="person_sought",
                names=[NameInput("Lena Morozova", "primary")],
                birth_date="1984-07-02",
                physical_description="1.68 m, brown hair, scar on the left hand",
            )
        ],
        offences=[
            OffenceInput(
                "Laundering of the proceeds of crime (UNTOC art. 6)",
                legal_provisions=f"Criminal Code of {home}, art. 301",
                max_penalty_months=120,
                place=f"Capital of {home}",
                committed_on=date(2025, 3, 1),
                legal_qualification="Laundering of the proceeds of crime",
            )
        ],
        measures=[],
    )
    case_transition(actor=officer, case_id=case.pk, target=CaseState.PENDING_APPROVAL.value)
    case_transition(actor=supervisor, case_id=case.pk, target=CaseState.APPROVED.value)
    return case_transition(actor=supervisor, case_id=case.pk, target=CaseState.TRANSMITTED.value)


def _requesting_move(case: Case, staff: dict[str, User]) -> str | None:
    officer = staff["officer"]
    hearing = case.hearings.first()
    if hearing is None and case.their_reference:
        hearing_propose(
            actor=officer,
            case_id=case.pk,
            kind=HearingKind.CONSENT_TO_SURRENDER.value,
            reason_not_in_person="The person is detained in XB; transfer for a hearing on "
            "consent would prolong detention.",
            requesting_authority="Investigating judge, District Court of XA",
            requested_authority="Court of Appeal of XB, extradition chamber",
            language="ru",
            time_zone=JUDGE_ZONE,
            slots=[(_at(8, 10, JUDGE_ZONE), 60), (_at(9, 10, JUDGE_ZONE), 60)],
            participants=[
                ParticipantInput(
                    R.PRESIDING_JUDGE.value, "Judge A. Rivera", "", "Court of XA", JUDGE_ZONE
                ),
                ParticipantInput(R.PROSECUTOR.value, "Prosecutor M. Chen", "", "XA", JUDGE_ZONE),
                ParticipantInput(
                    R.DEFENCE_REQUESTING.value, "Counsel J. Okafor", "", "XA", JUDGE_ZONE
                ),
            ],
            provider="jitsi",
        )
        return "proposed a consent hearing by video"
    if hearing is not None and hearing.status == HearingStatus.COUNTER_PROPOSED:
        slot = hearing.slots.filter(proposed_by_us=False, withdrawn=False).order_by("start")[0]
        hearing_accept(actor=officer, hearing_id=hearing.pk, slot_id=slot.pk)
        return "accepted the slot proposed by XB"
    return None


def _interpreter(clerk: User) -> Interpreter:
    found = Interpreter.objects.filter(name=INTERPRETER).first()
    if found is not None:
        return found
    found = interpreter_register(
        actor=clerk,
        name=INTERPRETER,
        language_pairs="ru-fr ru-en",
        accreditation="Sworn court interpreter, XB register no. 118",
        time_zone=PERSON_ZONE,
    )
    start = _at(0, 0, PERSON_ZONE)
    availability_add(
        actor=clerk, interpreter_id=found.pk, start=start, end=start + timedelta(days=30)
    )
    return found


def _run_safeguards(hearing: Hearing, officer: User) -> None:
    people = {p.role: p for p in hearing.participants.filter(ours=True)}
    start = hearing.start or timezone.now()
    for role in (R.REQUESTED_JUDICIAL_OFFICER, R.PERSON_HEARD, R.INTERPRETER, R.DEFENCE_REQUESTED):
        p = people[role.value]
        connection_record(
            actor=officer,
            hearing_id=hearing.pk,
            participant_id=p.pk,
            place=p.joins_from,
            joined_at=start,
            left_at=start + timedelta(minutes=hearing.minutes),
        )
    for judge in hearing.participants.filter(ours=False):
        connection_record(
            actor=officer,
            hearing_id=hearing.pk,
            participant_id=judge.pk,
            place=judge.joins_from,
            joined_at=start,
        )
    details: dict[SafeguardStep, tuple[str, dict[str, object]]] = {
        SafeguardStep.IDENTITY: ("", {"document": "Passport of XB no. 7731 shown to the judge"}),
        SafeguardStep.INTERPRETER: ("", {"language": "ru", "interpreter": INTERPRETER}),
        SafeguardStep.RIGHTS: (
            "Rights read in Russian, including the right to remain silent.",
            {"right_to_remain_silent": True, "laws": "law of XA and law of XB"},
        ),
        SafeguardStep.LAWYER_CHANNEL: ("", {"channel": "separate room with a private line"}),
        SafeguardStep.CONSENT: ("", {"consent": True}),
        SafeguardStep.DECLARATIONS: (
            "The person declares she consents to her surrender to XA, having been told of "
            "its consequences, and does not renounce the rule of specialty.",
            {"oath": "No oath: the person heard is not a witness."},
        ),
        SafeguardStep.SURRENDER_CONSENT: (
            "",
            {"consent": True, "date": timezone.now().date().isoformat()},
        ),
        SafeguardStep.CLOSED: ("Closed by the presiding judge.", {}),
    }
    while (step := next_step(HearingKind(hearing.kind), _done(hearing))) is not None:
        if step is SafeguardStep.DECLARATIONS:
            interruption_record(
                actor=officer,
                hearing_id=hearing.pk,
                cause="Sound lost in Tokyo for two minutes; the statement was repeated.",
                started_at=start + timedelta(minutes=20),
                ended_at=start + timedelta(minutes=22),
            )
        note, data = details.get(step, ("", {}))
        safeguard_record(
            actor=officer, hearing_id=hearing.pk, step=step.value, note=note, details=data
        )


def _done(hearing: Hearing) -> set[SafeguardStep]:
    return {
        SafeguardStep(s)
        for s in SafeguardRecord.objects.filter(hearing=hearing).values_list("step", flat=True)
    }


def _requested_move(case: Case, staff: dict[str, User]) -> str | None:
    clerk, officer = staff["clerk"], staff["officer"]
    if case.status == CaseState.RECEIVED:
        for member in staff.values():
            CaseGrant.objects.get_or_create(case=case, user=member, revoked_at=None)
        case_transition(actor=clerk, case_id=case.pk, target=CaseState.REGISTERED.value)
        return "registered (acknowledgement sent)"
    hearing = case.hearings.first()
    if hearing is None:
        return None
    if hearing.status == HearingStatus.PROPOSED:
        interpreter = _interpreter(clerk)
        hearing_counter_propose(
            actor=officer,
            hearing_id=hearing.pk,
            slots=[(_at(10, 18, JUDGE_ZONE), 60)],
            participants=[
                ParticipantInput(
                    R.REQUESTED_JUDICIAL_OFFICER.value,
                    "Judge K. Sato",
                    "",
                    "Tokyo Detention House, hearing room 2",
                    PERSON_ZONE,
                ),
                ParticipantInput(
                    R.PERSON_HEARD.value,
                    "Lena Morozova",
                    "",
                    "Tokyo Detention House, hearing room 2",
                    PERSON_ZONE,
                    "ru",
                ),
                ParticipantInput(
                    R.INTERPRETER.value,
                    INTERPRETER,
                    "",
                    "Tokyo Detention House, hearing room 2",
                    PERSON_ZONE,
                    "ru-fr",
                    interpreter.pk,
                ),
                ParticipantInput(
                    R.DEFENCE_REQUESTED.value,
                    "Counsel H. Ito",
                    "",
                    "Tokyo Detention House, consultation room",
                    PERSON_ZONE,
                ),
                ParticipantInput(
                    R.TECHNICAL_CONTACT.value, "Court IT desk", "", "Tokyo", PERSON_ZONE
                ),
            ],
            text="The interpreter is free at this time; the earlier slots fall at night here.",
        )
        return "counter-proposed a slot with an interpreter"
    if hearing.status == HearingStatus.AGREED:
        _run_safeguards(hearing, officer)
        recording_bind(
            actor=officer,
            hearing_id=hearing.pk,
            sha256="5" * 64,
            place="XB court archive, video store, shelf 2026/118",
        )
        return "held the hearing, every safeguard recorded"
    if hearing.status == HearingStatus.HELD:
        minutes_draw_up(actor=officer, hearing_id=hearing.pk, language="fr")
        return "drew up, signed and sent the minutes"
    return None


def demo_hearing_step(*, home: str, start_with: str | None = None) -> list[str]:
    """Make this node's next move(s) in the demo hearing; what was done, one line each."""
    staff = _staff()
    done: list[str] = []
    hearing_inbox_apply()
    for minutes in Minutes.objects.filter(received=True, verified=True, hearing__case__title=TITLE):
        # Minutes are applied as they arrive (the exchange's arrival handler), before this
        # step runs: the demo remembers which it has told, so each is told once.
        told = Path(settings.DATA_DIR) / "demo" / f"hearing-minutes-{minutes.pk}.told"
        if told.exists():
            continue
        told.parent.mkdir(parents=True, exist_ok=True)
        told.touch()
        done.append(
            f"{minutes.hearing.case.our_reference}: received the minutes "
            f"({minutes.language}), signature of {minutes.signer_node} verified"
        )
    with transaction.atomic():
        outgoing = Case.objects.filter(direction="outgoing", title=TITLE).first()
        if outgoing is None and start_with:
            outgoing = _open(staff, home, start_with)
            done.append(f"{outgoing.our_reference}: transmitted to {start_with}")
        elif outgoing is not None and (move := _requesting_move(outgoing, staff)):
            done.append(f"{outgoing.our_reference}: {move}")
        incoming = Case.objects.filter(direction="incoming", title=TITLE).first()
        if incoming is not None and (move := _requested_move(incoming, staff)):
            done.append(f"{incoming.our_reference}: {move}")
    return done
