"""Communications on the case file: kept on the timeline, and for one received, the case
following what the other State did (its reference, its status)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, CaseEvent, Communication
from rogatory.apps.cases.services.deadlines import follow_up_stop
from rogatory.apps.cases.services.event_dates import case_event_date_set
from rogatory.apps.cases.services.transition import case_status_change
from rogatory.core.errors import DomainError
from rogatory.core.wire.communication import RULES, CommunicationKind, event_date_of
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.workflow import CaseState, Direction


def communication_add(
    *,
    actor: Any,
    case: Case,
    data: CommunicationData,
    sent: bool,
    at: datetime,
    message_id: str = "",
) -> Communication:
    """Keep one communication, with its timeline line and audit record (caller's transaction;
    the caller has checked the actor may write the case)."""
    row = Communication.objects.create(
        case=case,
        kind=data.kind.value,
        sent=sent,
        at=at,
        actor=actor,
        text=data.text,
        reference=data.reference,
        contact=data.contact,
        message_id=message_id,
        in_reply_to=data.in_reply_to,
    )
    CaseEvent.objects.create(
        case=case,
        at=at,
        actor=actor,
        kind=f"{'sent' if sent else 'received'}_{data.kind.value}",
        reason=data.text,
    )
    audit_record(
        actor=actor,
        action="communication.sent" if sent else "communication.received",
        obj=row,
        case_id=case.pk,
        changes={
            "kind": data.kind.value,
            "message_id": message_id,
            "reference": data.reference,
            "contact": data.contact,
            "in_reply_to": data.in_reply_to,
            "text": data.text,
        },
    )
    return row


def _follow(
    *, actor: Any, case: Case, target: CaseState, reason: str, ground: str | None = None
) -> None:
    """Move our case to the status the other State's act implies, when our table has that
    step from where the case stands; a case already past it keeps its status."""
    if case.status == target.value:
        return
    try:
        with transaction.atomic():
            case_status_change(
                actor=actor,
                case_id=case.pk,
                target=target.value,
                reason=reason or str(target.value),
                ground=ground,
                from_other_state=True,
            )
    except DomainError:
        return
    case.refresh_from_db()


def case_follow_refusal(*, actor: Any, case_id: int, ground: str) -> None:
    """The requested State refused (its signed evidence names the ground, UNTOC art. 18(23);
    art. 16(7) for extradition): the requesting case records the refusal with that ground, so
    it is no longer shown as pending and its follow-up clocks stop. A ground this node does not
    know, or a case already past the step, leaves the status as it is (the timeline says it)."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None or case.direction != Direction.OUTGOING.value:
        return
    _follow(actor=actor, case=case, target=CaseState.REFUSED, reason="", ground=ground)


def communication_receive(
    *, actor: Any, case: Case, data: CommunicationData, message_id: str, at: datetime
) -> Communication:
    """Keep a communication from the other State and apply what it says to our case: the
    requested State's reference from an acknowledgement, and the status its act implies (a
    withdrawal withdraws the incoming case and stops its clocks, UNTOC art. 18(24))."""
    rule = RULES[data.kind]
    if rule.sent_from is not None and case.direction == rule.sent_from.value:
        # Our own side's communication coming back to us: never from the other State.
        raise DomainError("communication.wrong_side", kind=data.kind.value)
    row = communication_add(
        actor=actor, case=case, data=data, sent=False, at=at, message_id=message_id
    )
    if data.kind is CommunicationKind.ACKNOWLEDGEMENT and data.reference:
        case.their_reference = data.reference[:64]
        case.save(update_fields=["their_reference", "updated_at"])
    if rule.receiver_follows is not None:
        _follow(actor=actor, case=case, target=rule.receiver_follows, reason=data.text)
    if rule.stops_receiver_clocks:
        follow_up_stop(case=case, at=at)
    if rule.event_date is not None:
        _event_date_follow(actor=actor, case=case, data=data)
    return row


def _event_date_follow(*, actor: Any, case: Case, data: CommunicationData) -> None:
    """Record on our case the date of the event the requested State reports (its arrest of
    the person, the date fixed for surrender), so that our clocks run from it (ETS 24
    art. 16(4), 18(2)-(4)); a date our case cannot take (not an extradition, an arrest dated
    ahead of today) leaves the dates as they were, and the communication is still kept."""
    event = RULES[data.kind].event_date
    if event is None:
        return
    try:
        with transaction.atomic():
            case_event_date_set(
                actor=actor,
                case_id=case.pk,
                kind=event.value,
                day=event_date_of(data),
                from_other_state=True,
            )
    except DomainError:
        return
    case.refresh_from_db()
