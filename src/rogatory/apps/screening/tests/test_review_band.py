"""The review band (issue 18): a resemblance below the alert threshold is shown to the
officer as "possible, please check" with its evidence, but links nothing and alerts nobody;
and the officer's decision note is bounded (issue 14, rogatory.core.limits)."""

from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import CaseLink
from rogatory.apps.cases.services.inputs import IdDocumentInput, NameInput, PersonInput
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.screening.models import PersonMatch
from rogatory.apps.screening.services import DECISION_NOTE_MAX, match_decide
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _sought(name: str, born: str = "1975-03-14", passport: str = "") -> Any:
    return PersonInput(
        role="person_sought",
        names=[NameInput(name, "primary", "")],
        birth_date=born,
        nationalities=["XB"],
        documents=[IdDocumentInput("passport", passport, "XB")] if passport else [],
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


@pytest.fixture
def possible(open_case: Any, people: Any) -> tuple[Any, Any, PersonMatch]:
    # given a request for Ivan Petrov, born 14 March 1975, with his passport
    sought = open_case(
        kind="extradition",
        title="Extradition of Ivan Petrov",
        persons=[_sought("Ivan Petrov", passport="XB1234567")],
    )
    # when a request for Ivan Petrenko, born the same day, is registered
    incoming = _register_incoming(open_case, people, _sought("Ivan Petrenko"))
    return sought, incoming, PersonMatch.objects.get(case=incoming)


def test_a_resemblance_below_the_alert_threshold_is_a_possible_match_without_link(
    possible: tuple[Any, Any, PersonMatch],
) -> None:
    sought, incoming, match = possible
    # then it is recorded in the review band, with its evidence, waiting to be checked
    assert (match.band, match.status, match.other_case_id) == ("review", "to_check", sought.pk)
    assert match.explanation
    # and no link was made and nobody alerted: only the suggestion is audited
    assert not CaseLink.objects.filter(source=incoming).exists()
    actions = list(AuditEvent.objects.filter(case_id=incoming.pk).values_list("action", flat=True))
    assert actions.count("screening.possible") == 1
    assert "screening.match" not in actions


def test_the_same_person_is_still_an_alert(open_case: Any, people: Any) -> None:
    open_case(kind="extradition", persons=[_sought("Ivan Petrov", passport="XB1234567")])
    incoming = _register_incoming(open_case, people, _sought("Иван Петров", passport="XB1234567"))
    match = PersonMatch.objects.get(case=incoming)
    assert (match.band, match.status) == ("alert", "suggested")
    assert CaseLink.objects.filter(source=incoming, type="same_person").exists()


def test_confirming_a_possible_match_links_the_cases(
    possible: tuple[Any, Any, PersonMatch], people: Any
) -> None:
    sought, incoming, match = possible
    # when the officer confirms it
    match_decide(actor=people["supervisor"], match_id=match.pk, confirm=True, note="Same man")
    # then it is confirmed, keeps its band, and the requests are linked
    match.refresh_from_db()
    assert (match.status, match.band, match.decision_note) == ("confirmed", "review", "Same man")
    assert CaseLink.objects.filter(source=incoming, target=sought, type="same_person").exists()


def test_rejecting_a_possible_match_links_nothing(
    possible: tuple[Any, Any, PersonMatch], people: Any
) -> None:
    _sought_case, incoming, match = possible
    match_decide(actor=people["supervisor"], match_id=match.pk, confirm=False)
    match.refresh_from_db()
    assert match.status == "rejected"
    assert not CaseLink.objects.filter(source=incoming).exists()


def test_a_decision_note_longer_than_the_limit_is_refused_and_nothing_written(
    possible: tuple[Any, Any, PersonMatch], people: Any
) -> None:
    _sought_case, _incoming, match = possible
    audits = AuditEvent.objects.count()
    # when the note is one character too long
    with pytest.raises(DomainError) as err:
        match_decide(
            actor=people["supervisor"],
            match_id=match.pk,
            confirm=True,
            note="x" * (DECISION_NOTE_MAX + 1),
        )
    # then it is refused by the free-text bound, and the suggestion is untouched
    assert (err.value.code, err.value.params["max_length"]) == ("field.too_long", 2000)
    match.refresh_from_db()
    assert (match.status, match.decision_note, match.decided_by_id) == ("to_check", "", None)
    assert AuditEvent.objects.count() == audits


def test_a_decision_note_at_the_limit_is_kept(
    possible: tuple[Any, Any, PersonMatch], people: Any
) -> None:
    _sought_case, _incoming, match = possible
    note = "x" * DECISION_NOTE_MAX
    match_decide(actor=people["supervisor"], match_id=match.pk, confirm=False, note=note)
    match.refresh_from_db()
    assert match.decision_note == note


def test_the_api_gives_the_band_of_each_match(
    possible: tuple[Any, Any, PersonMatch], people: Any
) -> None:
    _sought_case, incoming, match = possible
    client = Client()
    client.force_login(people["supervisor"])
    response = client.get(f"/api/v1/cases/{incoming.pk}/matches")
    assert response.status_code == 200
    assert [(m["id"], m["band"], m["status"]) for m in response.json()] == [
        (match.pk, "review", "to_check")
    ]


def test_the_api_refuses_a_note_too_long_with_a_4xx(
    possible: tuple[Any, Any, PersonMatch], people: Any
) -> None:
    _sought_case, _incoming, match = possible
    client = Client()
    client.force_login(people["supervisor"])
    response = client.post(
        f"/api/v1/matches/{match.pk}/decision",
        {"confirm": True, "note": "x" * (DECISION_NOTE_MAX + 1)},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500
    match.refresh_from_db()
    assert match.status == "to_check"


def test_the_match_screen_shows_the_review_band(
    possible: tuple[Any, Any, PersonMatch], people: Any
) -> None:
    _sought_case, incoming, match = possible
    client = Client()
    client.force_login(people["supervisor"])
    response = client.get(f"/cases/{incoming.pk}/matches/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="match-{match.pk}"' in page
    assert "Possible, please check" in page
    assert "no one was alerted" in page
    # and the officer can still decide on it
    assert f"/matches/{match.pk}/" in page
