from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import CaseLink
from rogatory.apps.cases.services.inputs import IdDocumentInput, NameInput, PersonInput
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.screening.models import PersonMatch
from rogatory.apps.screening.selectors import matches_for
from rogatory.apps.screening.services import match_decide
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _sought(name: str, latin: str = "", born: str = "1975-03-14", passport: str = "") -> Any:
    return PersonInput(
        role="person_sought",
        names=[NameInput(name, "original_script" if latin else "primary", latin)],
        birth_date=born,
        nationalities=["XB"],
        documents=[IdDocumentInput("passport", passport, "XB")] if passport else [],
    )


@pytest.fixture
def sought_elsewhere(open_case: Any) -> Any:
    # given an outgoing extradition request for Ivan Petrov, born 14 March 1975
    return open_case(
        kind="extradition",
        title="Extradition of Ivan Petrov",
        persons=[_sought("Ivan Petrov", passport="XB1234567")],
    )


def _register_incoming(open_case: Any, people: Any, person: PersonInput) -> Any:
    case = open_case(
        actor="clerk",
        direction="incoming",
        kind="extradition",
        title="Request from Borealis",
        persons=[person],
    )
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    return case


def test_registering_a_request_for_a_person_sought_elsewhere_links_the_cases(
    sought_elsewhere: Any, open_case: Any, people: Any
) -> None:
    # when an incoming request names the same man in Cyrillic, with the same birth date
    incoming = _register_incoming(open_case, people, _sought("Иван Петров", passport="XB 123 4567"))
    # then the two cases are linked as concerning the same person, with the evidence
    match = PersonMatch.objects.get(case=incoming)
    assert match.other_case_id == sought_elsewhere.pk
    assert match.score >= 0.5
    assert match.explanation
    assert CaseLink.objects.filter(
        source=incoming, target=sought_elsewhere, type="same_person"
    ).exists()
    assert AuditEvent.objects.filter(case_id=incoming.pk, action="screening.match").count() == 1


def test_a_different_person_is_not_linked(
    sought_elsewhere: Any, open_case: Any, people: Any
) -> None:
    incoming = _register_incoming(open_case, people, _sought("Мария Соколова", born="1990-07-02"))
    assert not PersonMatch.objects.filter(case=incoming).exists()
    assert not CaseLink.objects.filter(source=incoming).exists()


def test_officer_rejects_a_suggestion_and_the_decision_is_kept(
    sought_elsewhere: Any, open_case: Any, people: Any
) -> None:
    incoming = _register_incoming(open_case, people, _sought("Иван Петров", passport="XB1234567"))
    match = PersonMatch.objects.get(case=incoming)
    # when the supervisor rejects it with a note
    match_decide(actor=people["supervisor"], match_id=match.pk, confirm=False, note="Other man")
    # then the decision is recorded and audited, and the link removed
    match.refresh_from_db()
    assert (match.status, match.decided_by_id, match.decision_note) == (
        "rejected",
        people["supervisor"].pk,
        "Other man",
    )
    assert not CaseLink.objects.filter(source=incoming, type="same_person").exists()
    assert AuditEvent.objects.filter(action="screening.reject", case_id=incoming.pk).count() == 1
    with pytest.raises(DomainError) as err:
        match_decide(actor=people["supervisor"], match_id=match.pk, confirm=True)
    assert err.value.code == "screening.already_decided"


def test_a_sealed_case_is_not_revealed_through_a_match(open_case: Any, people: Any) -> None:
    # given a sealed request for the person, known to the officer's team only
    open_case(
        kind="extradition",
        title="Sealed request",
        sealed=True,
        persons=[_sought("Ivan Petrov", passport="XB1234567")],
    )
    incoming = _register_incoming(open_case, people, _sought("Иван Петров", passport="XB1234567"))
    # then the clerk's registration recorded it, but the supervisor outside the team sees nothing
    assert PersonMatch.objects.filter(case=incoming).count() == 1
    assert list(matches_for(actor=people["supervisor"], case_id=incoming.pk)) == []
    assert list(matches_for(actor=people["officer"], case_id=incoming.pk)) == []


def test_case_detail_does_not_show_a_link_to_a_sealed_case(open_case: Any, people: Any) -> None:
    from rogatory.apps.cases.selectors import case_detail_for
    from rogatory.apps.cases.services import grant_add

    open_case(
        kind="extradition",
        sealed=True,
        persons=[_sought("Ivan Petrov", passport="XB1234567")],
    )
    incoming = _register_incoming(open_case, people, _sought("Иван Петров", passport="XB1234567"))
    case_transition(
        actor=people["supervisor"],
        case_id=incoming.pk,
        target="assigned",
        officer_id=people["colleague"].pk,
    )
    grant_add(actor=people["supervisor"], case_id=incoming.pk, user_id=people["colleague"].pk)
    detail = case_detail_for(actor=people["colleague"], case_id=incoming.pk)
    assert list(detail.links_out.all()) == []


def test_the_match_audit_event_names_neither_the_sealed_case_nor_its_person(
    open_case: Any, people: Any
) -> None:
    # given a sealed request for the person, outside the incoming case's team
    sealed = open_case(
        kind="extradition",
        title="Sealed request",
        sealed=True,
        persons=[_sought("Ivan Petrov", passport="XB1234567")],
    )

    # when an incoming request for the same man is registered and screened
    incoming = _register_incoming(open_case, people, _sought("Иван Петров", passport="XB1234567"))

    # then the authority's audit trail of the incoming case records the suggestion only
    match = PersonMatch.objects.get(case=incoming)
    event = AuditEvent.objects.get(case_id=incoming.pk, action="screening.match")
    assert event.changes == {
        "person": match.person_id,
        "match": match.pk,
        "score": match.score,
    }
    assert match.other_case_id == sealed.pk
