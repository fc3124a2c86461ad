"""The nationality panel of an extradition case: flags with their articles on the date of the
decision, a form to record a nationality, and the tracked follow-ups."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Case, Nationality, NationalityFollowUp
from rogatory.apps.directory.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def extradition(open_case: Any) -> Case:
    case: Case = open_case(
        actor="clerk", direction="incoming", kind="extradition", custody="detained"
    )
    return case


def test_a_supervisor_records_our_nationality_and_sees_the_dual_national_flag(
    client_for: Any, extradition: Case
) -> None:
    # given our law bars extraditing our nationals
    State.objects.filter(code="XA").update(
        bars_extradition_of_nationals=True, nationals_bar_source="Constitution art. 12"
    )
    person = extradition.persons.get()
    # when the supervisor records that the person acquired our nationality in 2019
    response = client_for("supervisor").post(
        f"/cases/{extradition.pk}/nationalities/",
        {
            "person": person.pk,
            "state": "XA",
            "acquired_on": "02/05/2019",
            "lost_on": "",
            "evidence": "Naturalisation certificate no. 4411",
        },
        follow=True,
    )
    # then the panel flags a national of both States, barred, with the articles
    body = response.content.decode()
    assert response.status_code == 200
    assert Nationality.objects.get(person=person, state_id="XA").evidence == (
        "Naturalisation certificate no. 4411"
    )
    assert "National of both States" in body
    assert "Barred by the requested State's law" in body
    assert "Constitution art. 12" in body
    assert "UNTOC art. 16(10); ETS 24 art. 6(1)(a) and 6(2)" in body
    assert "Vienna Convention on Consular Relations art. 36(1)(b)" in body


def test_the_16_10_task_is_refused_before_a_nationality_refusal_and_nothing_is_written(
    client_for: Any, extradition: Case, writes: Any
) -> None:
    before = writes()
    response = client_for("supervisor").post(
        f"/cases/{extradition.pk}/nationality-steps/",
        {"kind": "prosecution_submission", "opened_on": "10/03/2026"},
        follow=True,
    )
    assert "follows only a refusal on the ground of nationality" in response.content.decode()
    assert not NationalityFollowUp.objects.exists()
    assert writes() == before


def test_the_16_10_task_is_opened_and_followed_to_its_outcome(
    client_for: Any, extradition: Case
) -> None:
    # given the extradition was refused because the person is our national
    Case.objects.filter(pk=extradition.pk).update(
        status="refused", refusal_ground="extradition_nationality"
    )
    client = client_for("supervisor")
    page = client.get(f"/cases/{extradition.pk}/").content.decode()
    assert "Extradition was refused on the ground of nationality" in page
    # when the requesting State's request is recorded, then the outcome
    client.post(
        f"/cases/{extradition.pk}/nationality-steps/",
        {"kind": "prosecution_submission", "opened_on": "10/03/2026"},
    )
    task = NationalityFollowUp.objects.get()
    response = client.post(
        f"/cases/{extradition.pk}/nationality-steps/{task.pk}/",
        {"status": "completed", "closed_on": "01/04/2026", "outcome": "Indicted"},
        follow=True,
    )
    # then the case page shows the task with its article and outcome
    body = response.content.decode()
    task.refresh_from_db()
    assert (task.status, task.outcome) == ("completed", "Indicted")
    assert "Submission for domestic prosecution" in body
    assert "UNTOC art. 16(10); ETS 24 art. 6(2)" in body
    assert "Indicted" in body
    assert "Extradition was refused on the ground of nationality" not in body


def test_an_auditor_sees_the_panel_without_forms(client_for: Any, extradition: Case) -> None:
    body = client_for("auditor").get(f"/cases/{extradition.pk}/").content.decode()
    assert 'id="nationality-title"' in body
    assert "National of the requesting State." in body
    assert "Record the nationality" not in body
    assert "Track this step" not in body


def test_an_mla_case_has_no_nationality_panel(client_for: Any, open_case: Any) -> None:
    case = open_case()
    body = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    assert 'id="nationality-title"' not in body


def test_another_authority_cannot_record_a_nationality_and_nothing_is_written(
    client_for: Any, extradition: Case, writes: Any
) -> None:
    # given a case of XA; when XB's supervisor posts a nationality to it
    before = writes()
    response = client_for("foreign_supervisor").post(
        f"/cases/{extradition.pk}/nationalities/",
        {"person": extradition.persons.get().pk, "state": "XA"},
    )
    # then the case is "not found", and neither a nationality nor an audit event is written
    assert response.status_code == 404
    assert not Nationality.objects.filter(state_id="XA").exists()
    assert writes()[0] == before[0]
