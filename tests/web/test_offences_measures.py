from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Measure, Offence
from rogatory.apps.cases.services import measure_add
from rogatory.apps.cases.services.inputs import MeasureInput
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_an_officer_adds_an_offence_from_the_case_page(open_case: Any, people: Any) -> None:
    # given an outgoing request of the officer's team
    case = open_case()
    # when the officer submits the offence form
    response = _client(people["officer"]).post(
        f"/cases/{case.pk}/offences/new/",
        {"description": "Money laundering", "max_penalty_months": "120", "place": "Port Aurel"},
    )
    # then the offence is on the case, audited, and the officer is back on the case page
    assert response.status_code == 302
    assert list(
        Offence.objects.filter(case=case).values_list("description", "max_penalty_months")
    ) == [("Money laundering", 120)]
    assert AuditEvent.objects.filter(case_id=case.pk, action="offence.add").count() == 1


def test_a_measure_needs_a_description_next_to_the_field(open_case: Any, people: Any) -> None:
    case = open_case()
    response = _client(people["officer"]).post(
        f"/cases/{case.pk}/measures/new/", {"type": "records", "description": ""}
    )
    assert response.status_code == 422
    # nothing was added: the draft keeps only the measure it was opened with
    assert Measure.objects.filter(case=case).count() == 1


def test_an_outsider_cannot_add_an_offence_and_nothing_is_written(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    response = _client(people["colleague"]).post(
        f"/cases/{case.pk}/offences/new/", {"description": "Fraud"}
    )
    assert response.status_code == 404
    assert Offence.objects.filter(case=case).count() == 0
    assert not AuditEvent.objects.filter(action="offence.add").exists()


def test_an_extradition_request_takes_no_measures(open_case: Any, people: Any) -> None:
    case = open_case(kind="extradition")
    with pytest.raises(DomainError) as err:
        measure_add(
            actor=people["officer"],
            case_id=case.pk,
            data=MeasureInput("records", "Bank records"),
        )
    assert err.value.code == "measure.not_for_extradition"
    assert Measure.objects.count() == 0


def test_the_api_adds_offences_and_measures(open_case: Any, people: Any) -> None:
    case = open_case()
    c = _client(people["officer"])
    r1 = c.post(
        f"/api/v1/cases/{case.pk}/offences",
        {"description": "Bribery", "max_penalty_months": 96},
        content_type="application/json",
    )
    r2 = c.post(
        f"/api/v1/cases/{case.pk}/measures",
        {"type": "taking_evidence", "description": "Hear the bank manager"},
        content_type="application/json",
    )
    assert (r1.status_code, r2.status_code) == (201, 201)
    assert r1.json()["description"] == "Bribery"
