"""The workflow's conditions on a decision: consult the requesting State before refusing
(UNTOC art. 16(16)), a refusal on nationality only for a national on the date of decision
(ETS 24 art. 6(1)(c)), and the detention assessment before surrender is granted."""

from datetime import date, timedelta
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.extradition.models import Consultation
from rogatory.apps.extradition.services.consultation import (
    consultation_answer,
    consultation_record,
)
from rogatory.apps.extradition.services.detention import (
    assessment_general_record,
    assessment_information_request,
    dossier_save,
    node_today,
    source_add,
)
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_hearing(open_case: Any, people: dict[str, Any]) -> Case:
    """An incoming extradition request from XB for a person holding XB's nationality."""
    case: Case = open_case(
        actor="clerk", direction="incoming", kind="extradition", requesting_state="XB"
    )
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    case_transition(actor=people["officer"], case_id=case.pk, target="extradition_hearing")
    return case


def _refuse(people: dict[str, Any], case: Case, ground: str) -> Case:
    return case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="refused",
        reason="Refused.",
        ground=ground,
    )


def _counts() -> tuple[int, int]:
    return CaseEvent.objects.count(), AuditEvent.objects.count()


def test_a_refusal_without_consultation_is_refused_and_nothing_is_written(
    people: Any, at_hearing: Case
) -> None:
    before = _counts()
    with pytest.raises(DomainError) as err:
        _refuse(people, at_hearing, "extradition_political_offence")
    assert err.value.code == "consultation.required"
    assert err.value.params["article"] == "UNTOC art. 16(16)"
    at_hearing.refresh_from_db()
    assert at_hearing.status == "extradition_hearing"
    assert _counts() == before


def test_after_consulting_the_requesting_state_the_refusal_goes_through(
    people: Any, at_hearing: Case
) -> None:
    row = consultation_record(
        actor=people["officer"],
        purpose="before_refusal",
        party="requesting_state",
        case_id=at_hearing.pk,
        asked_on=node_today(),
        question="Is the offence political in your view?",
    )
    assert row.state_id == "XB"
    consultation_answer(
        actor=people["officer"],
        consultation_id=row.pk,
        answered_on=node_today(),
        answer="No further information.",
    )
    refused = _refuse(people, at_hearing, "extradition_political_offence")
    assert refused.status == "refused"
    assert AuditEvent.objects.filter(action="extradition.consultation").count() == 1


def test_where_no_consultation_was_possible_the_reason_opens_the_refusal(
    people: Any, at_hearing: Case
) -> None:
    consultation_record(
        actor=people["officer"],
        purpose="before_refusal",
        party="requesting_state",
        case_id=at_hearing.pk,
        not_possible_reason="Custody time limit expires today.",
    )
    assert _refuse(people, at_hearing, "extradition_political_offence").status == "refused"


def test_a_consultation_both_held_and_not_possible_is_refused(
    people: Any, at_hearing: Case
) -> None:
    with pytest.raises(DomainError) as err:
        consultation_record(
            actor=people["officer"],
            purpose="before_refusal",
            party="requesting_state",
            case_id=at_hearing.pk,
            asked_on=node_today(),
            not_possible_reason="No time.",
        )
    assert err.value.code == "consultation.held_and_not_possible"
    assert not Consultation.objects.exists()


def test_another_authority_cannot_record_a_consultation(people: Any, at_hearing: Case) -> None:
    before = _counts()
    with pytest.raises(DomainError) as err:
        consultation_record(
            actor=people["foreign_supervisor"],
            purpose="before_refusal",
            party="requesting_state",
            case_id=at_hearing.pk,
            asked_on=node_today(),
        )
    assert err.value.code == "case.not_found"
    assert not Consultation.objects.exists()
    assert _counts() == before


def _consulted(people: dict[str, Any], case: Case) -> None:
    consultation_record(
        actor=people["officer"],
        purpose="before_refusal",
        party="requesting_state",
        case_id=case.pk,
        not_possible_reason="Urgent.",
    )


def test_a_refusal_on_nationality_is_refused_when_the_person_is_not_our_national(
    people: Any, at_hearing: Case
) -> None:
    _consulted(people, at_hearing)
    before = _counts()
    # the person holds XB's and France's nationality, not XA's
    with pytest.raises(DomainError) as err:
        _refuse(people, at_hearing, "extradition_nationality")
    assert err.value.code == "refusal.not_a_national"
    assert err.value.params["state"] == "XA"
    at_hearing.refresh_from_db()
    assert at_hearing.status == "extradition_hearing"
    assert _counts() == before


def test_a_nationality_held_on_the_date_of_decision_allows_the_refusal(
    people: Any, at_hearing: Case
) -> None:
    from rogatory.apps.cases.services.nationalities import nationality_record

    _consulted(people, at_hearing)
    person = at_hearing.persons.get()
    person.role = "person_sought"
    person.save(update_fields=["role"])
    nationality_record(
        actor=people["officer"],
        case_id=at_hearing.pk,
        person_id=person.pk,
        state="XA",
        acquired_on=date(2001, 5, 2),
    )
    assert _refuse(people, at_hearing, "extradition_nationality").status == "refused"


def test_a_nationality_lost_before_the_decision_does_not(people: Any, at_hearing: Case) -> None:
    from rogatory.apps.cases.services.nationalities import nationality_record

    _consulted(people, at_hearing)
    person = at_hearing.persons.get()
    person.role = "person_sought"
    person.save(update_fields=["role"])
    nationality_record(
        actor=people["officer"],
        case_id=at_hearing.pk,
        person_id=person.pk,
        state="XA",
        acquired_on=date(2001, 5, 2),
        lost_on=node_today() - timedelta(days=1),
    )
    with pytest.raises(DomainError) as err:
        _refuse(people, at_hearing, "extradition_nationality")
    assert err.value.code == "refusal.not_a_national"


def test_surrender_is_not_granted_while_the_detention_information_is_awaited(
    people: Any, at_hearing: Case
) -> None:
    officer = people["officer"]
    dossier = dossier_save(actor=officer, state="XB")
    source = source_add(
        actor=officer,
        dossier_id=dossier.pk,
        kind="ecthr_judgment",
        title="Pilot judgment on overcrowding",
        published_on=date(2024, 1, 9),
    )
    assessment_general_record(
        actor=officer,
        case_id=at_hearing.pk,
        general_risk="general_risk",
        reasons="Pilot judgment.",
        source_ids=[source.pk],
    )
    assessment_information_request(
        actor=officer,
        case_id=at_hearing.pk,
        asked="Facility and cell size.",
        requested_on=node_today(),
        deadline=node_today() + timedelta(days=10),
    )
    before = _counts()
    with pytest.raises(DomainError) as err:
        case_transition(
            actor=people["supervisor"],
            case_id=at_hearing.pk,
            target="extradition_granted",
            reason="Conditions met.",
        )
    assert err.value.code == "detention.gate_awaiting_information"
    at_hearing.refresh_from_db()
    assert at_hearing.status == "extradition_hearing"
    assert _counts() == before
