"""Offences and measures of a draft request corrected or removed (see services.drafts).

Each refuses with case.not_draft once the request has left drafting, writing nothing; each
change is audited with the values before and after.
"""

from dataclasses import asdict
from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, Measure, Offence
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.drafts import draft_for_write
from rogatory.apps.cases.services.indexing import case_reindex
from rogatory.apps.cases.services.inputs import MeasureInput, OffenceInput
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.workflow import CaseKind

_OFFENCE_FIELDS = (
    "description",
    "legal_provisions",
    "max_penalty_months",
    "max_penalty_life",
    "place",
    "committed_on",
    "legal_qualification",
)
_MEASURE_FIELDS = ("type", "description", "purpose", "procedure")


def offence_checks(data: OffenceInput, where: str) -> None:
    validation.offence(data, where)
    bounded_text(data.description, f"{where}.description")
    bounded_text(data.legal_provisions, f"{where}.legal_provisions")
    bounded_text(data.place, f"{where}.place", 200)


def measure_checks(data: MeasureInput, where: str) -> None:
    validation.measure(data, where)
    bounded_text(data.description, f"{where}.description")
    bounded_text(data.purpose, f"{where}.purpose")
    bounded_text(data.procedure, f"{where}.procedure")


def _values(row: Offence | Measure, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: getattr(row, f) for f in fields}


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {
        k: {"from": _plain(before[k]), "to": _plain(after[k])}
        for k in after
        if before[k] != after[k]
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _offence_of(case: Case, offence_id: int) -> Offence:
    offence = Offence.objects.filter(case=case, pk=offence_id).first()
    if offence is None:
        raise DomainError("offence.not_found", offence_id=offence_id)
    return offence


def _measure_of(case: Case, measure_id: int) -> Measure:
    measure = Measure.objects.filter(case=case, pk=measure_id).first()
    if measure is None:
        raise DomainError("measure.not_found", measure_id=measure_id)
    return measure


def offence_update(*, actor: Any, case_id: int, offence_id: int, data: OffenceInput) -> Offence:
    offence_checks(data, "offence")
    with transaction.atomic():
        case = draft_for_write(actor=actor, case_id=case_id, action="offence.update")
        offence = _offence_of(case, offence_id)
        before = _values(offence, _OFFENCE_FIELDS)
        after = asdict(data)
        for field, value in after.items():
            setattr(offence, field, value)
        offence.save()
        case_reindex(case)
        audit_record(
            actor=actor,
            action="offence.update",
            obj=offence,
            case_id=case.pk,
            changes=_diff(before, after),
        )
    return offence


def offence_remove(*, actor: Any, case_id: int, offence_id: int) -> None:
    with transaction.atomic():
        case = draft_for_write(actor=actor, case_id=case_id, action="offence.remove")
        offence = _offence_of(case, offence_id)
        before = {k: _plain(v) for k, v in _values(offence, _OFFENCE_FIELDS).items()}
        audit_record(
            actor=actor, action="offence.remove", obj=offence, case_id=case.pk, changes=before
        )
        offence.delete()
        case_reindex(case)


def measure_update(*, actor: Any, case_id: int, measure_id: int, data: MeasureInput) -> Measure:
    measure_checks(data, "measure")
    with transaction.atomic():
        case = draft_for_write(actor=actor, case_id=case_id, action="measure.update")
        if CaseKind(case.kind).is_extradition:
            raise DomainError("measure.not_for_extradition", field="type")
        measure = _measure_of(case, measure_id)
        before = _values(measure, _MEASURE_FIELDS)
        after = asdict(data)
        for field, value in after.items():
            setattr(measure, field, value)
        measure.save()
        audit_record(
            actor=actor,
            action="measure.update",
            obj=measure,
            case_id=case.pk,
            changes=_diff(before, after),
        )
    return measure


def measure_remove(*, actor: Any, case_id: int, measure_id: int) -> None:
    with transaction.atomic():
        case = draft_for_write(actor=actor, case_id=case_id, action="measure.remove")
        measure = _measure_of(case, measure_id)
        audit_record(
            actor=actor,
            action="measure.remove",
            obj=measure,
            case_id=case.pk,
            changes=_values(measure, _MEASURE_FIELDS),
        )
        measure.delete()
