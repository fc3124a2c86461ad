"""A hearing from proposal to signed minutes, both States played in one database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEventDate, Communication
from rogatory.apps.hearings.models import (
    Hearing,
    HearingMessage,
    HearingStatus,
    Minutes,
    Participant,
    SafeguardRecord,
)
from rogatory.apps.hearings.services.minutes import minutes_draw_up, recording_bind
from rogatory.apps.hearings.services.safeguards import (
    connection_record,
    interruption_record,
    safeguard_record,
)
from rogatory.apps.hearings.services.scheduling import (
    ParticipantInput,
    hearing_accept,
    hearing_cancel,
    hearing_change,
    hearing_counter_propose,
    hearing_propose,
)
from rogatory.apps.hearings.tests.conftest import slot_start
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import HearingKind
from rogatory.core.hearings.safeguards import SafeguardStep, steps_for
from rogatory.core.wire.communication import CommunicationKind

K = CommunicationKind
S = SafeguardStep
TOKYO = "Asia/Tokyo"
OUR_SIDE = [
    ParticipantInput("requested_judicial_officer", "Judge Sato", "", "Detention house", TOKYO),
    ParticipantInput("person_heard", "Lena Morozova", "", "Detention house", TOKYO, "ru"),
    ParticipantInput("interpreter", "Interpreter Ivanova", "", "Detention house", TOKYO, "ru-fr"),
    ParticipantInput("defence_requested", "Counsel Ito", "", "Detention house", TOKYO),
]
DETAILS: dict[SafeguardStep, dict[str, Any]] = {
    S.IDENTITY: {"document": "passport 7731"},
    S.INTERPRETER: {"language": "ru", "interpreter": "Interpreter Ivanova"},
    S.RIGHTS: {"right_to_remain_silent": True, "laws": "XA and XB"},
    S.LAWYER_CHANNEL: {"channel": "separate room"},
    S.CONSENT: {"consent": True},
    S.DECLARATIONS: {"oath": ""},
    S.SURRENDER_CONSENT: {"consent": True, "date": "2026-03-02"},
}


def _writes() -> tuple[int, int, int]:
    return (
        AuditEvent.objects.count(),
        SafeguardRecord.objects.count(),
        Communication.objects.count(),
    )


@pytest.fixture
def agreed(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any], deliver: Callable[..., Any]
) -> tuple[Hearing, Hearing]:
    return agreed_pair(proposed, people, deliver)


def agreed_pair(
    proposed: tuple[Hearing, Hearing],
    people: dict[str, Any],
    deliver: Callable[..., Any] | None = None,
) -> tuple[Hearing, Hearing]:
    """Counter-proposed by the requested side, accepted by the requesting one."""
    if deliver is None:
        from rogatory.apps.hearings.tests.conftest import carry_with

        deliver = carry_with(people)
    ours, theirs = proposed
    hearing_counter_propose(
        actor=people["officer"],
        hearing_id=theirs.pk,
        slots=[(slot_start(10, 23), 60)],
        participants=OUR_SIDE,
    )
    deliver(theirs.case, ours.case)
    slot = ours.slots.get(proposed_by_us=False, withdrawn=False)
    hearing_accept(actor=people["officer"], hearing_id=ours.pk, slot_id=slot.pk)
    deliver(ours.case, theirs.case)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    return ours, theirs


def _connect_all(hearing: Hearing, officer: Any) -> None:
    for p in hearing.participants.filter(ours=True):
        connection_record(
            actor=officer, hearing_id=hearing.pk, participant_id=p.pk, place=p.joins_from
        )


def _record(hearing: Hearing, officer: Any, step: SafeguardStep) -> SafeguardRecord:
    note = "I consent to my surrender." if step is S.DECLARATIONS else ""
    return safeguard_record(
        actor=officer, hearing_id=hearing.pk, step=step.value, note=note, details=DETAILS.get(step)
    )


def test_a_proposal_reaches_the_requested_side_with_its_slots_and_participants(
    proposed: tuple[Hearing, Hearing],
) -> None:
    ours, theirs = proposed
    # then the requested side holds the same hearing, proposed by the other State
    assert (theirs.uid, theirs.kind, theirs.status) == (
        ours.uid,
        "consent_to_surrender",
        "proposed",
    )
    assert theirs.proposed_by_us is False
    assert theirs.legal_basis.startswith("EAW FD 2002/584/JHA art. 13")
    assert sorted(s.start for s in theirs.slots.all()) == sorted(s.start for s in ours.slots.all())
    assert [(p.role, p.name, p.ours) for p in theirs.participants.all()] == [
        ("presiding_judge", "Judge Rivera", False)
    ]
    # and the case thread of each side holds the communication, sent and received
    assert (
        Communication.objects.filter(case=ours.case, kind="hearing_proposal", sent=True).count()
        == 1
    )
    assert (
        Communication.objects.filter(case=theirs.case, kind="hearing_proposal", sent=False).count()
        == 1
    )


def test_counter_proposal_and_acceptance_agree_the_same_slot_on_both_sides(
    agreed: tuple[Hearing, Hearing],
) -> None:
    ours, theirs = agreed
    assert ours.status == theirs.status == HearingStatus.AGREED
    assert ours.start == theirs.start == slot_start(10, 23)
    assert ours.sequence == theirs.sequence == 0
    # and the connection test is booked the day before
    assert ours.connection_test_at == slot_start(10, 23) - timedelta(days=1)
    # and the requesting side knows who joins from the requested State, without e-mails
    received = Participant.objects.filter(hearing=ours, ours=False)
    assert sorted(p.role for p in received) == sorted(p.role for p in OUR_SIDE)
    assert all(p.email == "" for p in received)


def test_a_change_raises_the_sequence_on_both_sides_and_a_stale_one_is_refused(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any], deliver: Callable[..., Any]
) -> None:
    ours, theirs = agreed
    hearing_change(
        actor=people["officer"],
        hearing_id=ours.pk,
        start=slot_start(12, 23),
        minutes=90,
        reason="Court room unavailable",
    )
    deliver(ours.case, theirs.case)
    theirs.refresh_from_db()
    assert (theirs.start, theirs.minutes, theirs.sequence) == (slot_start(12, 23), 90, 1)
    # when an older change arrives again, it is kept as refused and changes nothing
    stale = deliver(ours.case, theirs.case, sequence=0)
    theirs.refresh_from_db()
    assert stale.refused == "hearing.stale"
    assert (theirs.start, theirs.sequence) == (slot_start(12, 23), 1)


def test_a_cancellation_reaches_the_other_side(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any], deliver: Callable[..., Any]
) -> None:
    ours, theirs = agreed
    hearing_cancel(actor=people["officer"], hearing_id=ours.pk, reason="Request withdrawn")
    deliver(ours.case, theirs.case)
    theirs.refresh_from_db()
    assert (theirs.status, theirs.sequence) == (HearingStatus.CANCELLED, 1)


def test_accepting_a_slot_we_proposed_ourselves_is_refused_with_nothing_written(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    ours, _ = proposed
    before = _writes()
    own = ours.slots.first()
    assert own is not None
    with pytest.raises(DomainError) as refused:
        hearing_accept(actor=people["officer"], hearing_id=ours.pk, slot_id=own.pk)
    assert refused.value.code == "hearing.slot_unknown"
    assert _writes() == before


def test_an_auditor_cannot_propose_and_nothing_is_written(
    cases: tuple[Case, Case], people: dict[str, Any]
) -> None:
    outgoing, _ = cases
    before = (_writes()[1:], Hearing.objects.count())
    with pytest.raises(DomainError) as refused:
        hearing_propose(
            actor=people["auditor"],
            case_id=outgoing.pk,
            kind="witness",
            reason_not_in_person="abroad",
            requesting_authority="A",
            requested_authority="B",
            language="en",
            time_zone="UTC",
            slots=[(slot_start(), 60)],
        )
    assert refused.value.code in ("case.write_forbidden", "case.not_found")
    assert (_writes()[1:], Hearing.objects.count()) == before


def test_a_message_naming_a_hearing_of_another_case_is_refused(
    agreed: tuple[Hearing, Hearing],
    open_case: Callable[..., Any],
    people: dict[str, Any],
    deliver: Callable[..., Any],
) -> None:
    ours, theirs = agreed
    other = open_case(actor="clerk", direction="incoming", kind="extradition", title="Other")
    hearing_cancel(actor=people["officer"], hearing_id=ours.pk, reason="x")
    # when the cancellation of this hearing arrives on another case
    message = deliver(ours.case, other)
    # then it is refused and the real hearing is untouched
    assert message.refused == "hearing.not_found"
    theirs.refresh_from_db()
    assert theirs.status == HearingStatus.AGREED


@pytest.mark.parametrize("step", list(steps_for(HearingKind.CONSENT_TO_SURRENDER))[1:])
def test_each_safeguard_is_refused_until_the_step_before_it_is_recorded(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any], step: SafeguardStep
) -> None:
    _, theirs = agreed
    officer = people["officer"]
    steps = steps_for(HearingKind.CONSENT_TO_SURRENDER)
    before_step = steps[steps.index(step) - 1]
    _connect_all(theirs, officer)
    # given every step up to the one before the step before
    for earlier in steps[: steps.index(before_step)]:
        _record(theirs, officer, earlier)
    writes = _writes()
    # when the step is recorded with the one before it missing
    with pytest.raises(DomainError) as refused:
        _record(theirs, officer, step)
    # then it is refused, naming the missing step, and nothing is written
    assert refused.value.code == "hearing.safeguard_missing"
    assert refused.value.params == {"step": step.value, "missing": before_step.value}
    assert _writes() == writes
    # and once the step before is recorded, it is accepted
    _record(theirs, officer, before_step)
    assert _record(theirs, officer, step).step == step.value


def test_attendance_needs_the_person_and_the_official_present_connected(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    _, theirs = agreed
    with pytest.raises(DomainError) as refused:
        _record(theirs, people["officer"], S.ATTENDANCE)
    assert refused.value.code == "hearing.not_connected"


def test_rights_without_the_right_to_remain_silent_are_refused(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    _, theirs = agreed
    officer = people["officer"]
    _connect_all(theirs, officer)
    for step in (S.ATTENDANCE, S.IDENTITY, S.INTERPRETER):
        _record(theirs, officer, step)
    with pytest.raises(DomainError) as refused:
        safeguard_record(actor=officer, hearing_id=theirs.pk, step="rights", details={"laws": "XB"})
    assert refused.value.params == {"field": "right_to_remain_silent"}


def test_safeguards_are_recorded_only_by_the_requested_side(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    ours, _ = agreed
    with pytest.raises(DomainError) as refused:
        _record(ours, people["officer"], S.ATTENDANCE)
    assert refused.value.code == "hearing.requested_side_only"


def _hold(theirs: Hearing, officer: Any) -> None:
    _connect_all(theirs, officer)
    for step in steps_for(HearingKind(theirs.kind)):
        if step is S.DECLARATIONS:
            interruption_record(
                actor=officer,
                hearing_id=theirs.pk,
                cause="Sound lost",
                started_at=theirs.start or slot_start(),
            )
        _record(theirs, officer, step)


def test_consent_to_surrender_enters_the_case_consent_date(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    _, theirs = agreed
    _hold(theirs, people["officer"])
    # then the consent's date is the case's consent date (EAW FD art. 17(2) 10-day clock)
    row = CaseEventDate.objects.get(case=theirs.case, kind="consent")
    assert row.date.isoformat() == "2026-03-02"
    theirs.refresh_from_db()
    assert theirs.status == HearingStatus.HELD


def test_minutes_are_signed_sent_and_verified_on_the_requesting_side(
    node_keys: str,
    agreed: tuple[Hearing, Hearing],
    people: dict[str, Any],
    deliver: Callable[..., Any],
) -> None:
    ours, theirs = agreed
    officer = people["officer"]
    _hold(theirs, officer)
    recording_bind(actor=officer, hearing_id=theirs.pk, sha256="ab" * 32, place="XB archive 7")
    # when the requested side draws up the minutes in Arabic
    drawn = minutes_draw_up(actor=officer, hearing_id=theirs.pk, language="ar")
    # then a PDF is on its case, signed by the node
    assert drawn.document.content_type == "application/pdf"
    assert drawn.document.file.open("rb").read(5) == b"%PDF-"
    assert drawn.signer_node == node_keys
    # and once carried to the requesting side, the signature is verified there
    message = deliver(theirs.case, ours.case, K.HEARING_MINUTES)
    assert message.refused == ""
    received = Minutes.objects.get(hearing=ours)
    assert (received.sha256, received.verified, received.received) == (drawn.sha256, True, True)
    assert [(r.sha256, r.place) for r in ours.recordings.all()] == [("ab" * 32, "XB archive 7")]
    ours.refresh_from_db()
    assert ours.status == HearingStatus.MINUTES


def test_minutes_with_a_forged_signature_are_refused(
    node_keys: str,
    agreed: tuple[Hearing, Hearing],
    people: dict[str, Any],
    deliver: Callable[..., Any],
) -> None:
    ours, theirs = agreed
    _hold(theirs, people["officer"])
    drawn = minutes_draw_up(actor=people["officer"], hearing_id=theirs.pk, language="en")
    head, payload, signature = drawn.signature.split(".")
    forged = f"{head}.{payload}.{signature[:-4]}AAAA"
    message = deliver(theirs.case, ours.case, K.HEARING_MINUTES, minutes_signature=forged)
    assert message.refused == "hearing.minutes_signature_invalid"
    assert not Minutes.objects.filter(hearing=ours).exists()


def test_minutes_before_the_hearing_is_closed_are_refused(
    node_keys: str, agreed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    _, theirs = agreed
    with pytest.raises(DomainError) as refused:
        minutes_draw_up(actor=people["officer"], hearing_id=theirs.pk, language="fr")
    assert refused.value.code == "hearing.not_held"
    assert not HearingMessage.objects.filter(kind="hearing_minutes").exists()


def test_minutes_from_the_requesting_side_are_refused_on_both_ends(
    node_keys: str,
    agreed: tuple[Hearing, Hearing],
    people: dict[str, Any],
    deliver: Callable[..., Any],
) -> None:
    ours, theirs = agreed
    # the requesting side cannot draw them up
    with pytest.raises(DomainError) as refused:
        minutes_draw_up(actor=people["officer"], hearing_id=ours.pk, language="en")
    assert refused.value.code == "hearing.requested_side_only"
    # and minutes arriving on the requested side's incoming case are not applied
    _hold(theirs, people["officer"])
    minutes_draw_up(actor=people["officer"], hearing_id=theirs.pk, language="en")
    echoed = deliver(theirs.case, theirs.case, K.HEARING_MINUTES)
    assert echoed.refused == "communication.wrong_side"
