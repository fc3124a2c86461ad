"""Officers enter the dates that start and stop a case's legal clocks, and the instrument whose
time limits apply; each change is audited and recomputes the clocks in the same transaction."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.clock_choices import ClockBasisChoice
from rogatory.apps.cases.models import Case, CaseEventDate
from rogatory.apps.cases.services.deadlines import case_clocks_recompute
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.core.dates import latest_today, parse_full_date
from rogatory.core.deadlines.events import EventKind
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.workflow import CaseKind, CaseState


def _kind(value: str) -> EventKind:
    try:
        return EventKind(value)
    except ValueError:
        raise DomainError("field.invalid_choice", field="kind", value=value) from None


def _extradition_case(
    actor: Any, case_id: int, action: str, *, from_other_state: bool = False
) -> Case:
    if from_other_state:
        # The other State's signed message is the authority for the date, not a user's access
        # to the case (as for a status it implies: case_status_change).
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.status == CaseState.CLOSED:
            raise DomainError("case.closed", case_id=case_id)
    else:
        case = case_for_write(actor=actor, case_id=case_id, action=action)
    if not CaseKind(case.kind).is_extradition:
        raise DomainError("event_date.not_extradition", case_id=case_id)
    return case


def case_event_date_set(
    *,
    actor: Any,
    case_id: int,
    kind: str,
    day: str | date | None,
    note: str = "",
    from_other_state: bool = False,
) -> CaseEventDate | None:
    """Enter or correct the date of `kind` on an extradition case; an empty `day` removes a
    date entered by mistake. Returns the row, or None when there is none left.

    ``from_other_state``: the date is the other State's, from its signed message (``actor``
    is the exchange's system user), recorded on the case the message threads."""
    event = _kind(kind)
    when = day if isinstance(day, date) else parse_full_date(day or "", field="date")
    note = bounded_text(note.strip(), "note")
    now = timezone.now()
    # Only the date fixed for surrender lies ahead; an arrest or a receipt has happened.
    if when is not None and not event.may_be_future and when > latest_today(now):
        raise DomainError("event_date.in_future", field="date", value=when.isoformat())
    with transaction.atomic():
        case = _extradition_case(
            actor, case_id, "case.event_date", from_other_state=from_other_state
        )
        row = CaseEventDate.objects.filter(case=case, kind=event).first()
        before = None if row is None else row.date.isoformat()
        after = None if when is None else when.isoformat()
        if before == after and (row is None or row.note == note):
            return row
        if when is None:
            # before != after, so there is a row to remove
            CaseEventDate.objects.filter(case=case, kind=event).delete()
            row = None
        else:
            if row is None:
                row = CaseEventDate(case=case, kind=event.value)
            row.date, row.note, row.entered_by, row.entered_at = when, note, actor, now
            row.save()
        case_clocks_recompute(case=case, at=now)
        case.save(update_fields=["due_at", "updated_at"])
        audit_record(
            actor=actor,
            action="case.event_date",
            obj=case,
            case_id=case.pk,
            changes={"kind": event.value, "from": before, "to": after, "note": note},
        )
    return row


def case_time_limit_basis_set(*, actor: Any, case_id: int, basis: str) -> Case:
    """Name the instrument whose time limits govern the case ("" lets its legal bases decide)."""
    if basis and basis not in ClockBasisChoice.values:
        raise DomainError("field.invalid_choice", field="time_limit_basis", value=basis)
    with transaction.atomic():
        case = _extradition_case(actor, case_id, "case.time_limit_basis")
        before = case.time_limit_basis
        if before == basis:
            return case
        case.time_limit_basis = basis
        case_clocks_recompute(case=case, at=timezone.now())
        case.save(update_fields=["time_limit_basis", "due_at", "updated_at"])
        audit_record(
            actor=actor,
            action="case.time_limit_basis",
            obj=case,
            case_id=case.pk,
            changes={"from": before, "to": basis},
        )
    return case
