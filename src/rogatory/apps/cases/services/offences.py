"""Offences and measures added to a case after it was opened."""

from dataclasses import asdict
from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Measure, Offence
from rogatory.apps.cases.services.inputs import MeasureInput, OffenceInput
from rogatory.apps.cases.services.offence_edits import measure_checks, offence_checks
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseKind


def offence_add(*, actor: Any, case_id: int, data: OffenceInput) -> Offence:
    offence_checks(data, "offence")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="offence.add", lock=False)
        offence = Offence.objects.create(case=case, **asdict(data))
        audit_record(
            actor=actor,
            action="offence.add",
            obj=offence,
            case_id=case.pk,
            changes={k: v for k, v in asdict(data).items() if v not in ("", None, False)},
        )
    return offence


def measure_add(*, actor: Any, case_id: int, data: MeasureInput) -> Measure:
    """A measure of assistance (UNTOC art. 18(3)); extradition requests have none."""
    measure_checks(data, "measure")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="measure.add", lock=False)
        if CaseKind(case.kind).is_extradition:
            raise DomainError("measure.not_for_extradition", field="type")
        measure = Measure.objects.create(case=case, **asdict(data))
        audit_record(
            actor=actor, action="measure.add", obj=measure, case_id=case.pk, changes=asdict(data)
        )
    return measure
