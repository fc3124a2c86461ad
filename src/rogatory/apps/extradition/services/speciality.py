"""The rule of speciality and re-extradition, tracked per surrender: what the surrender
covered, whether speciality was renounced, and each later consent asked (ETS 24 art. 14 for
another offence, art. 15 for re-extradition; FD 2002/584/JHA arts. 27 and 28)."""

from datetime import date
from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.services.validation import states_exist
from rogatory.apps.extradition.models import (
    ConsentDecision,
    ConsentKind,
    SpecialityConsent,
    Surrender,
)
from rogatory.apps.extradition.services.detention import _choice, _editor, _not_future, _text
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseKind


def surrender_record(
    *,
    actor: Any,
    case_id: int,
    surrendered_on: date,
    offences_covered: str,
    speciality_waived: bool = False,
) -> Surrender:
    _editor(actor, "extradition.surrender", "case", case_id)
    offences_covered = _text(offences_covered, "offences_covered", required=True)
    _not_future(surrendered_on, "surrendered_on")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="extradition.surrender")
        if not CaseKind(case.kind).is_extradition:
            raise DomainError("detention.not_extradition", case_id=case_id)
        row = Surrender.objects.create(
            case=case,
            surrendered_on=surrendered_on,
            offences_covered=offences_covered,
            speciality_waived=speciality_waived,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="extradition.surrender",
            obj=case,
            case_id=case.pk,
            changes={
                "surrender": row.pk,
                "surrendered_on": surrendered_on.isoformat(),
                "offences_covered": offences_covered,
                "speciality_waived": speciality_waived,
            },
        )
    return row


def speciality_consent_record(
    *,
    actor: Any,
    case_id: int,
    surrender_id: int,
    kind: str,
    subject: str,
    requested_on: date,
    state: str = "",
    decision: str = ConsentDecision.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> SpecialityConsent:
    """A consent asked after surrender, and its decision once taken."""
    _editor(actor, "extradition.speciality", "case", case_id)
    consent_kind = _choice(ConsentKind, kind, "kind")
    outcome = _choice(ConsentDecision, decision, "decision")
    subject = _text(subject, "subject", required=True)
    note = _text(note, "note")
    code = state.strip().upper()
    if consent_kind == ConsentKind.RE_EXTRADITION and not code:
        # ETS 24 art. 15: consent is to surrender to a named Party or third State.
        raise DomainError("field.required", field="state")
    if code:
        states_exist({code}, "state")
    _not_future(requested_on, "requested_on")
    _not_future(decided_on, "decided_on")
    if (outcome == ConsentDecision.PENDING) != (decided_on is None):
        raise DomainError("speciality.decision_and_date", field="decided_on")
    if decided_on is not None and decided_on < requested_on:
        raise DomainError("speciality.decided_before_requested", field="decided_on")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="extradition.speciality")
        surrender = Surrender.objects.filter(case=case, pk=surrender_id).first()
        if surrender is None:
            raise DomainError("speciality.surrender_not_found", field="surrender")
        row = SpecialityConsent.objects.create(
            surrender=surrender,
            kind=consent_kind,
            state_id=code or None,
            subject=subject,
            requested_on=requested_on,
            decision=outcome,
            decided_on=decided_on,
            note=note,
        )
        audit_record(
            actor=actor,
            action="extradition.speciality_consent",
            obj=case,
            case_id=case.pk,
            changes={
                "surrender": surrender.pk,
                "consent": row.pk,
                "kind": consent_kind.value,
                "state": code,
                "subject": subject,
                "requested_on": requested_on.isoformat(),
                "decision": outcome.value,
                "decided_on": decided_on.isoformat() if decided_on else None,
                "note": note,
            },
        )
    return row
