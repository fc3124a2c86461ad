"""The demo of two States requesting the same person, and the requested State's dossier."""

from typing import Any

import pytest
from django.core.management import call_command

from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import DetentionDossier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("home", "name"), [("XB", "محمد عبد الله الحسيني"), ("XC", "Mohamed")])
def test_the_demo_request_is_approved_and_names_the_person_in_its_script(
    home: str, name: str
) -> None:
    call_command("demo-extradition", "--home", home)
    call_command("demo-extradition", "--home", home)  # idempotent
    case = Case.objects.get(direction="outgoing", kind="extradition")
    assert (case.status, case.requesting_state_id, case.requested_state_id) == (
        "approved",
        home,
        "XA",
    )
    person = case.persons.get()
    assert person.role == "person_sought"
    assert any(name in n.full_name for n in person.names.all())


def test_the_requested_state_has_a_dossier_on_xb() -> None:
    call_command("demo-extradition", "--home", "XA")
    dossier = DetentionDossier.objects.get()
    assert (dossier.state_id, dossier.sources.count()) == ("XB", 3)


def test_the_demo_directory_holds_the_example_treaties_for_the_competing_file() -> None:
    from datetime import date

    from rogatory.apps.directory.models import TreatyRecord
    from rogatory.apps.directory.selectors import treaty_governing

    # given the demo at XA, where the two requests from XB and XC arrive
    call_command("demo-extradition", "--home", "XA")
    # then the example treaties with XB and XC are published, marked as examples, so the
    # competing-requests file lists each request's treaty factors
    assert set(TreatyRecord.objects.filter(example=True).values_list("code", flat=True)) == {
        "demo-xa-xb-extradition",
        "demo-xa-xc-extradition",
        "demo-xb-xc-extradition",
    }
    for other in ("XB", "XC"):
        treaty = treaty_governing(other, "XA", on=date(2026, 3, 2))
        assert treaty is not None
        assert treaty.example
        assert treaty.competing


def test_at_the_requested_state_screening_suggests_the_two_requests_concern_one_person(
    open_case: Any, people: dict[str, Any]
) -> None:
    from rogatory.apps.cases.services.inputs import NameInput, PersonInput
    from rogatory.apps.proceedings.services import case_transition
    from rogatory.apps.screening.models import PersonMatch

    # given the two demo requests as they arrive at XA, one name in each script
    cases = []
    for state, names in (
        ("XB", [NameInput("محمد عبد الله الحسيني", "original_script")]),
        ("XC", [NameInput("Mohamed Abdallah El-Husseini", "primary")]),
    ):
        case = open_case(
            actor="clerk",
            direction="incoming",
            kind="extradition",
            requesting_state=state,
            persons=[
                PersonInput(
                    role="person_sought",
                    names=names,
                    birth_date="1984-07-19",
                    nationalities=["XB"],
                )
            ],
        )
        cases.append(case)
    # when the clerk registers both
    for case in cases:
        case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    # then screening suggests the match
    assert PersonMatch.objects.filter(
        case_id__in=[c.pk for c in cases], other_case_id__in=[c.pk for c in cases]
    ).exists()


def test_the_demo_workload_consults_before_it_refuses(
    open_case: Any, people: dict[str, Any]
) -> None:
    from rogatory.apps.extradition.models import Consultation
    from rogatory.apps.extradition.services.demo import consult_then
    from rogatory.apps.proceedings.services import case_transition

    step = consult_then(case_transition)
    case = open_case(actor="clerk", direction="incoming")
    step(actor=people["clerk"], case_id=case.pk, target="registered")
    refused = step(
        actor=people["supervisor"],
        case_id=case.pk,
        target="refused",
        reason="Demo",
        ground="mla_essential_interests",
    )
    assert refused.status == "refused"
    assert Consultation.objects.filter(case=case).count() == 1
