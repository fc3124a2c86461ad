"""Two States request the same person: an incoming request from XB and one from XC."""

from datetime import UTC, datetime
from typing import Any

import pytest

from rogatory.apps.cases.models import Case, CaseGrant, Offence
from rogatory.apps.cases.services.inputs import NameInput, PersonInput
from rogatory.apps.screening.models import MatchStatus, PersonMatch


def _sought(name: str, latin: str) -> PersonInput:
    return PersonInput(
        role="person_sought",
        names=[NameInput(name, "original_script", latin)],
        birth_date="1975-03-14",
        nationalities=["XB"],
    )


@pytest.fixture
def two_requests(open_case: Any, people: dict[str, Any]) -> tuple[Case, Case]:
    from_b: Case = open_case(
        actor="clerk",
        direction="incoming",
        kind="extradition",
        requesting_state="XB",
        title="Extradition of Ivan Petrov to Borealis",
        persons=[_sought("Иван Петров", "Ivan Petrov")],
    )
    from_c: Case = open_case(
        actor="clerk",
        direction="incoming",
        kind="provisional_arrest",
        requesting_state="XC",
        title="Provisional arrest of Ivan Petrov for Caldera",
        persons=[_sought("Ivan Petrov", "Ivan Petrov")],
    )
    Case.objects.filter(pk=from_b.pk).update(received_at=datetime(2026, 3, 2, 9, tzinfo=UTC))
    Case.objects.filter(pk=from_c.pk).update(received_at=datetime(2026, 2, 1, 9, tzinfo=UTC))
    Offence.objects.create(
        case=from_b, description="Armed robbery", max_penalty_months=180, place="XB, Borealis"
    )
    Offence.objects.create(
        case=from_c, description="Fraud", max_penalty_months=60, place="Port of XA"
    )
    # the officer works both requests
    for case in (from_b, from_c):
        CaseGrant.objects.create(case=case, user=people["officer"], granted_by=people["supervisor"])
    return from_b, from_c


@pytest.fixture
def match(two_requests: tuple[Case, Case]) -> PersonMatch:
    from_b, from_c = two_requests
    return PersonMatch.objects.create(
        person=from_c.persons.get(),
        case=from_c,
        other_person=from_b.persons.get(),
        other_case=from_b,
        score=0.93,
        explanation=[{"feature": "name", "detail": "same name in Latin form", "weight": 0.6}],
    )


@pytest.fixture
def confirmed(match: PersonMatch) -> PersonMatch:
    PersonMatch.objects.filter(pk=match.pk).update(status=MatchStatus.CONFIRMED)
    match.refresh_from_db()
    return match
