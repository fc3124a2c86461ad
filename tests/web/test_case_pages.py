"""Case list, case page and dashboard: what each user sees, and what they do not."""

import re
from typing import Any

import pytest

from rogatory.apps.proceedings.services import case_transition

pytestmark = pytest.mark.django_db


def _references(body: bytes) -> list[str]:
    return re.findall(r"XA/[A-Z]+/\d{4}/\d{6}", body.decode())


def test_case_list_pages_through_cases_with_a_keyset_cursor(
    client_for: Any, open_case: Any, monkeypatch: Any
) -> None:
    # given three cases and pages of two
    cases = [open_case(title=f"Request {n}") for n in range(3)]
    monkeypatch.setattr("rogatory.web.views.cases.PAGE_SIZE", 2)
    client = client_for("officer")
    # when the officer lists them oldest first and follows the next-page link
    first = client.get("/cases/?order=oldest")
    cursor = re.search(r"cursor=([\w-]+)", first.content.decode())
    assert cursor is not None
    second = client.get(f"/cases/?order=oldest&cursor={cursor.group(1)}")
    # then each case appears once, in order
    refs = [c.our_reference for c in cases]
    assert _references(first.content) == refs[:2]
    assert _references(second.content) == refs[2:]


def test_case_list_filters_by_type_and_direction(client_for: Any, open_case: Any) -> None:
    # given an MLA request and an extradition request
    mla = open_case(title="Assistance")
    extradition = open_case(title="Surrender", kind="extradition")
    client = client_for("officer")
    # when the list is filtered on extradition
    response = client.get("/cases/?kind=extradition&direction=outgoing")
    # then only the extradition request is listed
    assert response.status_code == 200
    assert _references(response.content) == [extradition.our_reference]
    assert mla.our_reference not in response.content.decode()


def test_search_finds_a_case_by_the_name_of_a_person(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("officer").get("/cases/?q=Petrov")
    assert _references(response.content) == [case.our_reference]


def test_htmx_filtering_returns_only_the_results(client_for: Any, open_case: Any) -> None:
    # given a case
    case = open_case()
    # when the filter form asks through htmx
    response = client_for("officer").get("/cases/?q=Petrov", HTTP_HX_REQUEST="true")
    # then only the results fragment comes back
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body
    assert _references(response.content) == [case.our_reference]


def test_invalid_sort_order_is_shown_on_the_form(client_for: Any) -> None:
    response = client_for("officer").get("/cases/?order=sideways")
    assert response.status_code == 200
    assert response.context["form"].errors["order"] == [
        "Select a valid choice. sideways is not one of the available choices."
    ]


def test_empty_list_tells_the_user_what_to_do(client_for: Any) -> None:
    response = client_for("officer").get("/cases/")
    assert "There are no cases you can see yet. Open a request" in response.content.decode()


def test_outsider_search_shows_nothing_of_a_sealed_case(client_for: Any, open_case: Any) -> None:
    case = open_case(title="Zebrafish Laundering Ring", sealed=True)
    for who in ("colleague", "supervisor", "auditor", "clerk", "foreign_supervisor"):
        response = client_for(who).get("/cases/?q=Zebrafish")
        assert response.status_code == 200
        assert b"Zebrafish" not in response.content.split(b'id="results"')[1]
        assert case.our_reference.encode() not in response.content


def test_case_page_shows_persons_deadlines_and_timeline(client_for: Any, open_case: Any) -> None:
    # given an incoming request concerning a detained person
    case = open_case("clerk", direction="incoming", custody="detained", title="Held in custody")
    # when the clerk opens its page
    response = client_for("clerk").get(f"/cases/{case.pk}/")
    body = response.content.decode()
    # then it shows the person in both scripts, the deadlines with their source, the timeline
    assert response.status_code == 200
    assert "<bdi>Иван Петров</bdi> (<bdi>Ivan Petrov</bdi>)" in body
    assert "UNTOC art. 18(24); priority of a detained person (practice)" in body
    assert "Register a request concerning a detained person" in body
    assert "Opened: " in body
    # (withdrawal is the requesting State's act, never offered on an incoming request)
    assert [t.target.value for t in response.context["options"]] == ["registered"]


def test_outsider_gets_the_not_found_page_without_the_title(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    case = open_case(title="Zebrafish Laundering Ring")
    before = writes()
    response = client_for("colleague").get(f"/cases/{case.pk}/")
    assert response.status_code == 404
    assert b"Zebrafish" not in response.content
    assert writes() == before


def test_dashboard_lists_waiting_requests_my_cases_and_deadlines(
    client_for: Any, open_case: Any, people: Any
) -> None:
    # given an incoming request about a detained person waiting, and a draft of the officer's
    waiting = open_case("clerk", direction="incoming", title="Waiting", custody="detained")
    mine = open_case(title="My draft")
    # when the clerk and the officer open their dashboards
    clerk = client_for("clerk").get("/").context
    officer = client_for("officer").get("/").context
    # then each sees their own work
    queues = {q.queue: q for q in clerk["queues"]}
    assert [i.case.pk for i in queues["register"].items] == [waiting.pk]
    assert [(d.case_id, d.code) for d in clerk["due_soon"]] == [
        (waiting.pk, "register_custody_case")
    ]
    assert clerk["overdue"] == []
    queues = {q.queue: q for q in officer["queues"]}
    assert [i.case.pk for i in queues["mine"].items] == [mine.pk]
    assert [e.case_id for e in officer["events"]] == [mine.pk]
    assert "register" not in queues


def test_registered_request_leaves_the_waiting_list(
    client_for: Any, open_case: Any, people: Any
) -> None:
    case = open_case("clerk", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    response = client_for("supervisor").get("/")
    queues = {q.queue: q for q in response.context["queues"]}
    assert queues["register"].count == 0
    assert "Nothing is waiting here." in response.content.decode()


def test_directory_lists_the_central_authorities(client_for: Any) -> None:
    response = client_for("officer").get("/directory/?state=XB")
    # the header names the officer's own authority (XA); the listing is in <main>
    body = response.content.decode().split('<main id="main"')[1]
    assert "Central Authority of XB" in body
    assert "Central Authority of XA" not in body


def test_audit_trail_is_for_auditors(client_for: Any, open_case: Any, writes: Any) -> None:
    case = open_case()
    before = writes()
    assert client_for("officer").get("/audit/").status_code == 403
    assert writes() == before
    response = client_for("auditor").get(f"/audit/?case={case.pk}")
    assert [r.event.action for r in response.context["rows"]] == ["case.open"]


def test_anonymous_user_is_sent_to_sign_in(client_for: Any) -> None:
    from django.test import Client

    response = Client().get("/cases/")
    assert response.status_code == 302
    assert response["Location"] == "/signin/?next=/cases/"
