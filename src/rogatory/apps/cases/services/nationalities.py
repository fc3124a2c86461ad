"""Record a person's nationalities with evidence and dates, and the steps that follow from them
(UNTOC art. 16(10)-(12), Vienna Convention on Consular Relations art. 36). Each write is audited
in the same transaction; a refused write changes nothing."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, Nationality, NationalityFollowUp, Person
from rogatory.apps.cases.nationality_choices import FollowUpKind, FollowUpStatus
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.services.validation import states_exist
from rogatory.core.dates import latest_today
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.workflow import CaseKind, CaseState
from rogatory.core.workflow.grounds import RefusalGround


def _extradition_case(actor: Any, case_id: int, action: str) -> Case:
    case = case_for_write(actor=actor, case_id=case_id, action=action)
    if not CaseKind(case.kind).is_extradition:
        raise DomainError("nationality.not_extradition", case_id=case_id)
    return case


def _not_future(day: date | None, field: str) -> None:
    if day is not None and day > latest_today(timezone.now()):
        raise DomainError("event_date.in_future", field=field, value=day.isoformat())


def nationality_record(
    *,
    actor: Any,
    case_id: int,
    person_id: int,
    state: str,
    acquired_on: date | None = None,
    lost_on: date | None = None,
    evidence: str = "",
) -> Nationality:
    """Add a nationality of a person, or complete the one already recorded for that State."""
    code = state.strip().upper()
    states_exist({code}, "state")
    evidence = bounded_text(evidence.strip(), "evidence")
    _not_future(acquired_on, "acquired_on")
    _not_future(lost_on, "lost_on")
    if acquired_on is not None and lost_on is not None and lost_on < acquired_on:
        raise DomainError("nationality.lost_before_acquired", field="lost_on")
    with transaction.atomic():
        case = _extradition_case(actor, case_id, "case.nationality")
        person = Person.objects.filter(case=case, pk=person_id).first()
        if person is None:
            raise DomainError("person.not_found", person_id=person_id)
        row = Nationality.objects.filter(person=person, state_id=code).first()
        before = None
        if row is None:
            row = Nationality(person=person, state_id=code)
        else:
            before = {
                "acquired_on": None if row.acquired_on is None else row.acquired_on.isoformat(),
                "lost_on": None if row.lost_on is None else row.lost_on.isoformat(),
                "evidence": row.evidence,
            }
        row.acquired_on, row.lost_on, row.evidence = acquired_on, lost_on, evidence
        row.save()
        audit_record(
            actor=actor,
            action="case.nationality",
            obj=case,
            case_id=case.pk,
            changes={
                "person": person.pk,
                "state": code,
                "from": before,
                "acquired_on": None if acquired_on is None else acquired_on.isoformat(),
                "lost_on": None if lost_on is None else lost_on.isoformat(),
                "evidence": evidence,
            },
        )
    return row


def _check_opening(case: Case, kind: FollowUpKind, state: str) -> None:
    if kind is FollowUpKind.CONSULAR_NOTIFICATION:
        if not state:
            raise DomainError("field.required", field="state")
        return
    if state:
        raise DomainError("nationality.state_not_expected", field="state")
    if kind is FollowUpKind.PROSECUTION_SUBMISSION and not (
        case.status == CaseState.REFUSED
        and case.refusal_ground == RefusalGround.EXTRADITION_NATIONALITY
    ):
        # UNTOC art. 16(10) and ETS 24 art. 6(2) oblige the submission only after a refusal
        # on nationality; before it the case is still to be decided.
        raise DomainError("nationality.not_refused_on_nationality", case_id=case.pk)
    already = NationalityFollowUp.objects.filter(case=case, kind=kind).exclude(
        status=FollowUpStatus.DECLINED
    )
    if already.exists():
        raise DomainError("nationality.follow_up_exists", kind=kind.value)


def nationality_follow_up_open(
    *,
    actor: Any,
    case_id: int,
    kind: str,
    opened_on: date,
    state: str = "",
    outcome: str = "",
) -> NationalityFollowUp:
    """Open a tracked step. For the submission for prosecution `opened_on` is the day the
    requesting State asked for it (UNTOC art. 16(10): "at the request of the State Party")."""
    try:
        follow_up_kind = FollowUpKind(kind)
    except ValueError:
        raise DomainError("field.invalid_choice", field="kind", value=kind) from None
    code = state.strip().upper()
    if code:
        states_exist({code}, "state")
    outcome = bounded_text(outcome.strip(), "outcome")
    _not_future(opened_on, "opened_on")
    with transaction.atomic():
        case = _extradition_case(actor, case_id, "case.nationality_follow_up")
        _check_opening(case, follow_up_kind, code)
        row = NationalityFollowUp.objects.create(
            case=case,
            kind=follow_up_kind,
            state_id=code or None,
            opened_on=opened_on,
            outcome=outcome,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="case.nationality_follow_up",
            obj=case,
            case_id=case.pk,
            changes={
                "follow_up": row.pk,
                "kind": follow_up_kind.value,
                "state": code,
                "opened_on": opened_on.isoformat(),
                "outcome": outcome,
            },
        )
    return row


def nationality_follow_up_update(
    *,
    actor: Any,
    case_id: int,
    follow_up_id: int,
    status: str,
    closed_on: date | None = None,
    outcome: str = "",
) -> NationalityFollowUp:
    """Move a step on to its outcome; a completed or declined step carries the day it closed."""
    if status not in FollowUpStatus.values:
        raise DomainError("field.invalid_choice", field="status", value=status)
    closing = status in (FollowUpStatus.COMPLETED, FollowUpStatus.DECLINED)
    if closing and closed_on is None:
        raise DomainError("field.required", field="closed_on")
    if not closing and closed_on is not None:
        raise DomainError("nationality.closed_on_not_expected", field="closed_on")
    _not_future(closed_on, "closed_on")
    outcome = bounded_text(outcome.strip(), "outcome")
    with transaction.atomic():
        case = _extradition_case(actor, case_id, "case.nationality_follow_up")
        row = NationalityFollowUp.objects.filter(case=case, pk=follow_up_id).first()
        if row is None:
            raise DomainError("nationality.follow_up_not_found", follow_up_id=follow_up_id)
        if closed_on is not None and closed_on < row.opened_on:
            raise DomainError("nationality.closed_before_opened", field="closed_on")
        before = {"status": row.status, "outcome": row.outcome}
        row.status, row.closed_on, row.outcome = status, closed_on, outcome
        row.save(update_fields=["status", "closed_on", "outcome", "updated_at"])
        audit_record(
            actor=actor,
            action="case.nationality_follow_up",
            obj=case,
            case_id=case.pk,
            changes={
                "follow_up": row.pk,
                "from": before,
                "status": status,
                "closed_on": None if closed_on is None else closed_on.isoformat(),
                "outcome": outcome,
            },
        )
    return row
