"""Agreeing a hearing's slot with the other State: proposal, counter-proposal, acceptance,
change and cancellation, each kept here and sent as a signed message on the case thread
(UNTOC art. 18(13): the request "and any communication related thereto"); the participants
and the node's register of interpreters."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import access_denied, audit_record
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.hearings.models import (
    Availability,
    Hearing,
    HearingStatus,
    Interpreter,
    Participant,
    Slot,
)
from rogatory.apps.hearings.services.common import hearing_for_write, send
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import (
    KIND_RULES,
    HearingKind,
    HearingMode,
    ParticipantRole,
    mode_check,
)
from rogatory.core.hearings.scheduling import Slot as SlotData
from rogatory.core.hearings.scheduling import connection_test_slot, slot_check, zone
from rogatory.core.hearings.wire import MAX_PARTICIPANTS, MAX_SLOTS, HearingBody, ParticipantNote
from rogatory.core.limits import bounded_text
from rogatory.core.wire.communication import CommunicationKind
from rogatory.core.workflow import Role

K = CommunicationKind
_REGISTRARS = {Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR}
_OPEN = (HearingStatus.PROPOSED, HearingStatus.COUNTER_PROPOSED)


@dataclass(frozen=True, slots=True)
class ParticipantInput:
    role: str
    name: str
    email: str = ""
    joins_from: str = ""
    time_zone: str = "UTC"
    languages: str = ""
    interpreter_id: int | None = None


def _choice[T](enum: type[T], value: str, field: str) -> T:
    try:
        return enum(value)  # type: ignore[call-arg]  # reason: StrEnum constructor
    except ValueError:
        raise DomainError("field.invalid_choice", field=field, value=value[:64]) from None


def _required(value: str, field: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise DomainError("field.required", field=field)
    if len(value) > limit:
        raise DomainError("field.too_long", field=field, max_length=limit)
    return value


def _slots(slots: Sequence[tuple[datetime, int]], now: datetime) -> list[SlotData]:
    if not 1 <= len(slots) <= MAX_SLOTS:
        raise DomainError("hearing.slots_count", field="slots", max_slots=MAX_SLOTS)
    found = [SlotData(start, minutes) for start, minutes in slots]
    for slot in found:
        slot_check(slot, now=now)
    return found


def _participant_rows(hearing: Hearing, people: Sequence[ParticipantInput]) -> list[Participant]:
    if len(people) > MAX_PARTICIPANTS:
        raise DomainError("field.too_long", field="participants", max_length=MAX_PARTICIPANTS)
    rows = []
    for p in people:
        role = _choice(ParticipantRole, p.role, "role")
        interpreter = None
        if p.interpreter_id is not None:
            interpreter = Interpreter.objects.filter(pk=p.interpreter_id, active=True).first()
            if interpreter is None:
                raise DomainError("hearing.interpreter_unknown", field="interpreter")
        zone(p.time_zone)
        rows.append(
            Participant(
                hearing=hearing,
                role=role.value,
                name=_required(p.name, "name", 300),
                email=p.email.strip()[:254],
                joins_from=bounded_text(p.joins_from.strip(), "joins_from", 300),
                time_zone=p.time_zone,
                languages=bounded_text(p.languages.strip(), "languages", 100),
                interpreter=interpreter,
            )
        )
    return Participant.objects.bulk_create(rows)


def _notes(rows: Sequence[Participant]) -> tuple[ParticipantNote, ...]:
    # Names, roles and places only: e-mail addresses stay on the node that holds them.
    return tuple(
        ParticipantNote(ParticipantRole(p.role), p.name, p.joins_from, p.time_zone, p.languages)
        for p in rows
    )


def hearing_propose(
    *,
    actor: User,
    case_id: int,
    kind: str,
    reason_not_in_person: str,
    requesting_authority: str,
    requested_authority: str,
    language: str,
    time_zone: str,
    slots: Sequence[tuple[datetime, int]],
    participants: Sequence[ParticipantInput] = (),
    provider: str = "",
    mode: str = HearingMode.VIDEO.value,
    dial_in: str = "",
    conference_code: str = "",
) -> Hearing:
    """Propose a hearing by video (or, for a witness or an expert, by telephone conference:
    EU MLA Convention 2000 art. 11) with one or more slots; the other State counters or
    accepts. The reason in-person attendance is not possible is required (ETS 182 art. 9(2))."""
    chosen = _choice(HearingKind, kind, "kind")
    by = _choice(HearingMode, mode, "mode")
    mode_check(chosen, by)
    if by is HearingMode.TELEPHONE:
        dial_in = dial_in.strip()
        if not dial_in:
            raise DomainError("hearing.dial_in_required", field="dial_in")
        dial_in = bounded_text(dial_in, "dial_in", 64)
        conference_code = bounded_text(conference_code.strip(), "conference_code", 64)
        provider = ""
    else:
        dial_in = conference_code = ""
    reason = _required(reason_not_in_person, "reason_not_in_person", 2_000)
    now = timezone.now()
    found = _slots(slots, now)
    zone(time_zone)
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="hearing.propose")
        hearing = Hearing.objects.create(
            case=case,
            uid=uuid.uuid4().hex,
            kind=chosen.value,
            legal_basis=KIND_RULES[chosen].basis,
            reason_not_in_person=reason,
            requesting_authority=_required(requesting_authority, "requesting_authority", 300),
            requested_authority=_required(requested_authority, "requested_authority", 300),
            language=_required(language, "language", 16),
            zone=time_zone,
            proposed_by_us=True,
            provider=provider,
            mode=by.value,
            dial_in=dial_in,
            conference_code=conference_code,
            created_by=actor,
        )
        rows = _participant_rows(hearing, participants)
        Slot.objects.bulk_create(
            Slot(hearing=hearing, start=s.start, minutes=s.minutes, proposed_by_us=True)
            for s in found
        )
        body = HearingBody(
            hearing=hearing.uid,
            kind=chosen,
            mode=by,
            dial_in=dial_in,
            reason_not_in_person=reason,
            language=hearing.language,
            zone=time_zone,
            slots=tuple(found),
            participants=_notes(rows),
        )
        message = send(actor=actor, case=case, hearing=hearing, kind=K.HEARING_PROPOSAL, body=body)
        Slot.objects.filter(hearing=hearing).update(message_id=message.message_id)
        audit_record(
            actor=actor,
            action="hearing.proposed",
            obj=hearing,
            case_id=case.pk,
            changes={
                "kind": chosen.value,
                "mode": by.value,
                "slots": [s.start.isoformat() for s in found],
            },
        )
    return hearing


def hearing_counter_propose(
    *,
    actor: User,
    hearing_id: int,
    slots: Sequence[tuple[datetime, int]],
    participants: Sequence[ParticipantInput] = (),
    text: str = "",
) -> Hearing:
    """Answer the other State's slots with ours (theirs are set aside), adding our side's
    participants (the official present, the interpreter, counsel)."""
    now = timezone.now()
    found = _slots(slots, now)
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.counter"
        )
        if hearing.status not in _OPEN:
            raise DomainError("hearing.not_open", status=hearing.status)
        hearing.slots.filter(withdrawn=False).update(withdrawn=True)
        rows = _participant_rows(hearing, participants)
        hearing.status = HearingStatus.COUNTER_PROPOSED
        hearing.save(update_fields=["status"])
        body = HearingBody(hearing=hearing.uid, slots=tuple(found), participants=_notes(rows))
        message = send(
            actor=actor,
            case=case,
            hearing=hearing,
            kind=K.HEARING_COUNTER_PROPOSAL,
            body=body,
            text=text,
        )
        Slot.objects.bulk_create(
            Slot(
                hearing=hearing,
                start=s.start,
                minutes=s.minutes,
                proposed_by_us=True,
                message_id=message.message_id,
            )
            for s in found
        )
        audit_record(
            actor=actor,
            action="hearing.counter_proposed",
            obj=hearing,
            case_id=case.pk,
            changes={"slots": [s.start.isoformat() for s in found]},
        )
    return hearing


def _agree(hearing: Hearing, start: datetime, minutes: int) -> None:
    hearing.start, hearing.minutes = start, minutes
    hearing.connection_test_at = connection_test_slot(SlotData(start, minutes)).start
    hearing.status = HearingStatus.AGREED


def hearing_accept(*, actor: User, hearing_id: int, slot_id: int) -> Hearing:
    """Accept one of the slots the other State proposed: the hearing is agreed, and a
    connection test is booked the day before."""
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.accept"
        )
        if hearing.status not in _OPEN:
            raise DomainError("hearing.not_open", status=hearing.status)
        slot = hearing.slots.filter(pk=slot_id, withdrawn=False, proposed_by_us=False).first()
        if slot is None:
            raise DomainError("hearing.slot_unknown", field="slot")
        if slot.start <= timezone.now():
            raise DomainError("hearing.in_past", field="slot")
        _agree(hearing, slot.start, slot.minutes)
        hearing.save(update_fields=["start", "minutes", "connection_test_at", "status"])
        body = HearingBody(
            hearing=hearing.uid,
            sequence=hearing.sequence,
            slots=(SlotData(slot.start, slot.minutes),),
        )
        send(actor=actor, case=case, hearing=hearing, kind=K.HEARING_ACCEPTANCE, body=body)
        audit_record(
            actor=actor,
            action="hearing.accepted",
            obj=hearing,
            case_id=case.pk,
            changes={"start": slot.start.isoformat(), "minutes": slot.minutes},
        )
    return hearing


def hearing_change(
    *, actor: User, hearing_id: int, start: datetime, minutes: int, reason: str
) -> Hearing:
    """Move an agreed hearing; the invitation's SEQUENCE goes up (RFC 5546)."""
    reason = _required(reason, "reason", 2_000)
    (slot,) = _slots([(start, minutes)], timezone.now())
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.change"
        )
        if hearing.status != HearingStatus.AGREED:
            raise DomainError("hearing.not_agreed", status=hearing.status)
        before = hearing.start.isoformat() if hearing.start else ""
        _agree(hearing, slot.start, slot.minutes)
        hearing.sequence += 1
        hearing.save(update_fields=["start", "minutes", "connection_test_at", "status", "sequence"])
        body = HearingBody(hearing=hearing.uid, sequence=hearing.sequence, slots=(slot,))
        send(actor=actor, case=case, hearing=hearing, kind=K.HEARING_CHANGE, body=body, text=reason)
        audit_record(
            actor=actor,
            action="hearing.changed",
            obj=hearing,
            case_id=case.pk,
            changes={"from": before, "to": slot.start.isoformat(), "reason": reason},
        )
    return hearing


def hearing_cancel(*, actor: User, hearing_id: int, reason: str) -> Hearing:
    reason = _required(reason, "reason", 2_000)
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.cancel"
        )
        if hearing.status in (HearingStatus.HELD, HearingStatus.MINUTES, HearingStatus.CANCELLED):
            raise DomainError("hearing.not_cancellable", status=hearing.status)
        if hearing.safeguards.exists():
            # A hearing under way is closed and minuted, not cancelled (ETS 182 art. 9(6)).
            raise DomainError("hearing.not_cancellable", status="under_way")
        hearing.status = HearingStatus.CANCELLED
        hearing.sequence += 1
        hearing.save(update_fields=["status", "sequence"])
        body = HearingBody(hearing=hearing.uid, sequence=hearing.sequence)
        send(
            actor=actor,
            case=case,
            hearing=hearing,
            kind=K.HEARING_CANCELLATION,
            body=body,
            text=reason,
        )
        audit_record(
            actor=actor,
            action="hearing.cancelled",
            obj=hearing,
            case_id=case.pk,
            changes={"reason": reason},
        )
    return hearing


def participant_add(*, actor: User, hearing_id: int, person: ParticipantInput) -> Participant:
    """Add one of our side's participants (kept here; the other State learns them in our next
    proposal and in the minutes)."""
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.participant"
        )
        if hearing.status in (HearingStatus.MINUTES, HearingStatus.CANCELLED):
            raise DomainError("hearing.not_open", status=hearing.status)
        (row,) = _participant_rows(hearing, [person])
        audit_record(
            actor=actor,
            action="hearing.participant_added",
            obj=hearing,
            case_id=case.pk,
            changes={"role": row.role, "name": row.name, "joins_from": row.joins_from},
        )
    return row


def _registrar(actor: User, action: str) -> None:
    if actor.role not in _REGISTRARS:
        access_denied(actor=actor, action=action, object_type="interpreter", object_id=0)
        raise DomainError("hearing.register_forbidden")


def interpreter_register(
    *,
    actor: User,
    name: str,
    language_pairs: str,
    accreditation: str = "",
    accredited_until: date | None = None,
    email: str = "",
    time_zone: str = "UTC",
) -> Interpreter:
    _registrar(actor, "interpreter.register")
    zone(time_zone)
    with transaction.atomic():
        row = Interpreter.objects.create(
            name=_required(name, "name", 200),
            language_pairs=_required(language_pairs, "language_pairs", 200),
            accreditation=bounded_text(accreditation.strip(), "accreditation", 300),
            accredited_until=accredited_until,
            email=email.strip()[:254],
            time_zone=time_zone,
        )
        audit_record(
            actor=actor,
            action="interpreter.registered",
            obj=row,
            changes={"name": row.name, "language_pairs": row.language_pairs},
        )
    return row


def availability_add(
    *, actor: User, interpreter_id: int, start: datetime, end: datetime
) -> Availability:
    _registrar(actor, "interpreter.availability")
    if start.tzinfo is None or end.tzinfo is None:
        raise DomainError("hearing.naive_time", field="start")
    if end <= start:
        raise DomainError("hearing.duration_invalid", field="end", max_minutes=0)
    with transaction.atomic():
        interpreter = Interpreter.objects.filter(pk=interpreter_id).first()
        if interpreter is None:
            raise DomainError("hearing.interpreter_unknown", field="interpreter")
        row = Availability.objects.create(interpreter=interpreter, start=start, end=end)
        audit_record(
            actor=actor,
            action="interpreter.available",
            obj=interpreter,
            changes={"start": start.isoformat(), "end": end.isoformat()},
        )
    return row
