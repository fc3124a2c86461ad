"""The safeguards of a hearing, recorded step by step by the requested State, where the official
present with the person is (ETS 182 art. 9(5)): a step is refused until every step before it is
recorded (``core.hearings.safeguards``), and each step asks for what makes it real (the
document the identity was verified on, the language used, that the right to remain silent was
read). Connections and interruptions are recorded as they happen."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.event_dates import case_event_date_set
from rogatory.apps.hearings.models import (
    Connection,
    Hearing,
    HearingStatus,
    Interruption,
    SafeguardRecord,
)
from rogatory.apps.hearings.services.common import hearing_for_write
from rogatory.core.dates import parse_full_date
from rogatory.core.deadlines.events import EventKind
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import HearingKind, ParticipantRole
from rogatory.core.hearings.safeguards import SafeguardStep, safeguard_check
from rogatory.core.limits import bounded_text
from rogatory.core.workflow import CaseKind, Direction

S = SafeguardStep


def _requested_side(case: Case, hearing: Hearing) -> None:
    if case.direction != Direction.INCOMING.value:
        # The requested State's official, present with the person, records them.
        raise DomainError("hearing.requested_side_only")
    if hearing.status not in (HearingStatus.AGREED, HearingStatus.HELD):
        raise DomainError("hearing.not_agreed", status=hearing.status)


def _need(details: dict[str, Any], key: str) -> str:
    value = details.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DomainError("field.required", field=key)
    return bounded_text(value.strip(), key, 1_000)


def _checked(
    hearing: Hearing, step: SafeguardStep, note: str, details: dict[str, Any]
) -> dict[str, Any]:
    """What the step records, refused when what makes it real is missing."""
    roles = {
        p.role
        for p in hearing.participants.filter(pk__in=hearing.connections.values("participant_id"))
    }
    if step is S.ATTENDANCE:
        for role in (ParticipantRole.PERSON_HEARD, ParticipantRole.REQUESTED_JUDICIAL_OFFICER):
            if role.value not in roles:
                raise DomainError("hearing.not_connected", field="attendance", role=role.value)
        return {"connected": sorted(roles)}
    if step is S.IDENTITY:
        return {"document": _need(details, "document")}
    if step is S.INTERPRETER:
        kept = {"language": _need(details, "language")}
        interpreter = str(details.get("interpreter", "")).strip()
        if interpreter and ParticipantRole.INTERPRETER.value not in roles:
            raise DomainError("hearing.not_connected", field="interpreter", role="interpreter")
        kept["interpreter"] = bounded_text(interpreter, "interpreter", 300)
        return kept
    if step is S.RIGHTS:
        if details.get("right_to_remain_silent") is not True:
            # Under the law of either State (ETS 182 art. 9(5)).
            raise DomainError("field.required", field="right_to_remain_silent")
        return {"right_to_remain_silent": True, "laws": _need(details, "laws")}
    if step is S.LAWYER_CHANNEL:
        return {"channel": _need(details, "channel")}
    if step is S.CONSENT:
        if details.get("consent") is not True:
            # Without consent the hearing of a suspect or accused does not go ahead
            # (ETS 182 art. 9(8); Directive 2014/41/EU art. 24(2)(a)): it is cancelled.
            raise DomainError("hearing.consent_missing", field="consent")
        return {"consent": True}
    if step is S.DECLARATIONS:
        if not note.strip():
            raise DomainError("field.required", field="note")
        return {"oath": bounded_text(str(details.get("oath", "")).strip(), "oath", 1_000)}
    if step is S.SURRENDER_CONSENT:
        if details.get("consent") is not True:
            raise DomainError("hearing.consent_missing", field="consent")
        day = details.get("date")
        when = day if isinstance(day, date) else parse_full_date(str(day or ""), field="date")
        if when is None:
            raise DomainError("field.required", field="date")
        return {"consent": True, "date": when.isoformat()}
    return {}


def safeguard_record(
    *,
    actor: User,
    hearing_id: int,
    step: str,
    note: str = "",
    details: dict[str, Any] | None = None,
) -> SafeguardRecord:
    """Record one step; refused (nothing written) unless every step before it is recorded."""
    try:
        chosen = SafeguardStep(step)
    except ValueError:
        raise DomainError("field.invalid_choice", field="step", value=step[:32]) from None
    note = bounded_text(note.strip(), "note")
    details = dict(details or {})
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.safeguard"
        )
        _requested_side(case, hearing)
        done = {SafeguardStep(s) for s in hearing.safeguards.values_list("step", flat=True)}
        safeguard_check(HearingKind(hearing.kind), done, chosen)
        kept = _checked(hearing, chosen, note, details)
        now = timezone.now()
        row = SafeguardRecord.objects.create(
            hearing=hearing, step=chosen.value, at=now, actor=actor, note=note, details=kept
        )
        if chosen is S.SURRENDER_CONSENT and CaseKind(case.kind).is_extradition:
            # The consent's date starts the 10-day decision clock (EAW FD 2002/584/JHA
            # art. 17(2)): entered as the case's consent date, which the deadlines use.
            case_event_date_set(
                actor=actor,
                case_id=case.pk,
                kind=EventKind.CONSENT.value,
                day=date.fromisoformat(kept["date"]),
                note=f"hearing {hearing.uid}",
            )
        if chosen is S.CLOSED:
            hearing.status = HearingStatus.HELD
            hearing.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="hearing.safeguard",
            obj=hearing,
            case_id=case.pk,
            changes={"step": chosen.value, "note": note, **kept},
        )
    return row


def connection_record(
    *,
    actor: User,
    hearing_id: int,
    participant_id: int,
    place: str,
    joined_at: datetime | None = None,
    left_at: datetime | None = None,
) -> Connection:
    """Who joined, from where and when (the minutes list them)."""
    place = bounded_text(place.strip(), "place", 300)
    if not place:
        raise DomainError("field.required", field="place")
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.connection"
        )
        _requested_side(case, hearing)
        participant = hearing.participants.filter(pk=participant_id).first()
        if participant is None:
            raise DomainError("hearing.participant_unknown", field="participant")
        joined = joined_at or timezone.now()
        if left_at is not None and left_at < joined:
            raise DomainError("hearing.duration_invalid", field="left_at", max_minutes=0)
        row = Connection.objects.create(
            hearing=hearing, participant=participant, place=place, joined_at=joined, left_at=left_at
        )
        audit_record(
            actor=actor,
            action="hearing.connected",
            obj=hearing,
            case_id=case.pk,
            changes={"participant": participant.name, "place": place, "at": joined.isoformat()},
        )
    return row


def interruption_record(
    *,
    actor: User,
    hearing_id: int,
    cause: str,
    started_at: datetime,
    ended_at: datetime | None = None,
) -> Interruption:
    """An interruption of the connection (the minutes record the technical conditions)."""
    cause = bounded_text(cause.strip(), "cause", 500)
    if not cause:
        raise DomainError("field.required", field="cause")
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.interruption"
        )
        _requested_side(case, hearing)
        if not hearing.safeguards.filter(step=S.ATTENDANCE.value).exists():
            raise DomainError(
                "hearing.safeguard_missing", step="interruption", missing="attendance"
            )
        if ended_at is not None and ended_at < started_at:
            raise DomainError("hearing.duration_invalid", field="ended_at", max_minutes=0)
        row = Interruption.objects.create(
            hearing=hearing, started_at=started_at, ended_at=ended_at, cause=cause
        )
        audit_record(
            actor=actor,
            action="hearing.interrupted",
            obj=hearing,
            case_id=case.pk,
            changes={"cause": cause, "from": started_at.isoformat()},
        )
    return row
