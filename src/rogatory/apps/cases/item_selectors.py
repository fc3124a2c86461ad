"""A person, offence or measure of a case, read for its edit page (access as for the case)."""

from typing import Any

from rogatory.apps.cases.models import Measure, Offence, Person
from rogatory.apps.cases.selectors import case_get_for
from rogatory.core.errors import DomainError


def person_get_for(*, actor: Any, case_id: int, person_id: int, action: str) -> Person:
    case = case_get_for(actor=actor, case_id=case_id, action=action)
    person = (
        Person.objects.filter(case=case, pk=person_id)
        .prefetch_related("names", "nationalities", "documents")
        .first()
    )
    if person is None:
        raise DomainError("person.not_found", person_id=person_id)
    person.case = case
    return person


def offence_get_for(*, actor: Any, case_id: int, offence_id: int, action: str) -> Offence:
    case = case_get_for(actor=actor, case_id=case_id, action=action)
    offence = Offence.objects.filter(case=case, pk=offence_id).first()
    if offence is None:
        raise DomainError("offence.not_found", offence_id=offence_id)
    offence.case = case
    return offence


def measure_get_for(*, actor: Any, case_id: int, measure_id: int, action: str) -> Measure:
    case = case_get_for(actor=actor, case_id=case_id, action=action)
    measure = Measure.objects.filter(case=case, pk=measure_id).first()
    if measure is None:
        raise DomainError("measure.not_found", measure_id=measure_id)
    measure.case = case
    return measure
