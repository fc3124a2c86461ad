"""Review screens and endpoints: only on a Secretariat node (404 elsewhere), read by the
Secretariat and auditors, written by the Secretariat; case roles refused; bad input 4xx."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AccessDenial
from rogatory.apps.review.demo import demo_review
from rogatory.apps.review.models import CountryReview, Meeting

pytestmark = pytest.mark.django_db

PAGES = ["/review/", "/review/programme/"]
API = ["/api/v1/review/phases", "/api/v1/review/reviews"]


@pytest.fixture
def demo(people: Any, secretariat: Any) -> dict[str, Any]:
    result = demo_review(password="pw-secretariat")
    # The demo sets the password of its users (the session hash follows it).
    for user in [*people.values(), secretariat]:
        user.refresh_from_db()
    return result


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize("who", ["secretariat", "auditor"])
def test_the_secretariat_and_auditors_read_the_overview_with_the_70_percent_rule(
    demo: dict[str, Any], people: Any, secretariat: Any, who: str
) -> None:
    user = secretariat if who == "secretariat" else people["auditor"]
    page = _client(user).get("/review/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Procedures, para. 10" in html
    assert "Rule met" in html
    assert "phase 2 may start" in html
    assert "At the current pace, phase 3 could start on" in html
    assert 'role="img"' in html
    # Only the Secretariat is offered the draw.
    assert ('action="/review/draw/"' in html) is (who == "secretariat")
    assert 'href="/review/"' in html  # the navigation offers the register


def test_review_and_meeting_pages(demo: dict[str, Any], secretariat: Any) -> None:
    client = _client(secretariat)
    review = CountryReview.objects.get(state_id="XD", phase_id=1)
    html = client.get(f"/review/{review.pk}/").content.decode()
    assert review.seed in html
    assert "Smuggling of Migrants Protocol" in html
    meeting = Meeting.objects.get()
    html = client.get(f"/review/programme/{meeting.pk}/").content.decode()
    assert "CTOC/COP/WG.3/" in html
    assert "Organization of work" in html
    assert "Pre-recorded video statements" in html
    # the organization of work runs in the order of the day: morning before afternoon
    assert html.index("10 a.m.–1 p.m.") < html.index("3–6 p.m.")
    assert client.get("/review/programme/").status_code == 200
    api = client.get(f"/api/v1/review/meetings/{meeting.pk}").json()
    assert [d["languages"] for d in api["documents"]] == [
        ["ar", "zh", "en", "fr", "ru", "es"],
        ["en", "fr", "es"],
    ]
    phases = client.get("/api/v1/review/phases").json()
    assert [p["threshold"]["met"] for p in phases[:2]] == [True, False]
    assert phases[0]["threshold"]["source"].startswith("Procedures, para. 10")


@pytest.mark.parametrize("who", ["clerk", "officer", "supervisor", "admin"])
def test_case_roles_are_refused_and_logged(demo: dict[str, Any], people: Any, who: str) -> None:
    client = _client(people[who])
    review = CountryReview.objects.first()
    assert review is not None
    for url in [*PAGES, f"/review/{review.pk}/", *API]:
        assert client.get(url).status_code == 403, url
    assert AccessDenial.objects.filter(actor=people[who].username).count() == 5
    assert 'href="/review/"' not in client.get("/").content.decode()


def test_a_node_not_run_by_the_secretariat_has_no_review_pages(
    demo: dict[str, Any], secretariat: Any, settings: Any
) -> None:
    settings.SECRETARIAT_NODE = False
    client = _client(secretariat)
    review = CountryReview.objects.first()
    assert review is not None
    for url in [*PAGES, f"/review/{review.pk}/", *API, f"/api/v1/review/reviews/{review.pk}"]:
        assert client.get(url).status_code == 404, url
    assert client.post("/review/draw/", {}).status_code == 404


def test_a_draw_from_the_screen(
    secretariat: Any, parties: None, counts: Callable[[], tuple[int, ...]]
) -> None:
    client = _client(secretariat)
    response = client.post(
        "/review/draw/",
        {
            "state": "XA",
            "phase": "1",
            "group_year": "2020",
            "started_on": "2024-01-31",
            "seed": "screen",
        },
    )
    review = CountryReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/review/{review.pk}/"
    assert review.seed == "screen"
    step = review.steps.get(kind="focal_point")
    response = client.post(f"/review/{review.pk}/steps/{step.pk}/done/", {"done_on": "2024-02-10"})
    step.refresh_from_db()
    assert step.done_on == date(2024, 2, 10)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"state": "ZZ", "phase": "1", "group_year": "2020", "started_on": "2024-01-31"},
        {"state": "XA", "phase": "9", "group_year": "2020", "started_on": "2024-01-31"},
        {"state": "XA", "phase": "1", "group_year": "2020", "started_on": "31/02/2024"},
        {"state": "XA", "phase": "1", "group_year": "2020", "started_on": "2999-01-01"},
        {
            "state": "XA",
            "phase": "1",
            "group_year": "2020",
            "started_on": "2024-01-01",
            "seed": "x" * 65,
        },
    ],
)
def test_bad_draws_from_the_screen_answer_422_and_write_nothing(
    secretariat: Any,
    parties: None,
    counts: Callable[[], tuple[int, ...]],
    data: dict[str, str],
) -> None:
    before = counts()
    response = _client(secretariat).post("/review/draw/", data)
    assert response.status_code == 422
    assert counts() == before


def test_an_auditor_cannot_draw_or_record_a_step(
    demo: dict[str, Any], people: Any, counts: Callable[[], tuple[int, ...]]
) -> None:
    client = _client(people["auditor"])
    review = CountryReview.objects.get(state_id="XL", phase_id=1)
    step = review.steps.filter(done_on=None).first()
    assert step is not None
    before = counts()
    data = {"state": "XL", "phase": "3", "group_year": "2020", "started_on": "2024-01-31"}
    assert client.post("/review/draw/", data).status_code == 403
    done = client.post(f"/review/{review.pk}/steps/{step.pk}/done/", {"done_on": "2024-02-10"})
    assert done.status_code == 403
    assert counts() == before


@pytest.mark.parametrize(
    "url",
    [
        "/review/999999/",
        "/review/programme/999999/",
        "/api/v1/review/reviews/999999",
        "/api/v1/review/meetings/999999",
        "/api/v1/review/reviews/0",
    ],
)
def test_unknown_ids_answer_4xx(secretariat: Any, url: str) -> None:
    assert _client(secretariat).get(url).status_code in (404, 422)


def test_a_step_of_another_review_is_not_found(demo: dict[str, Any], secretariat: Any) -> None:
    one = CountryReview.objects.get(state_id="XL", phase_id=1)
    other = CountryReview.objects.get(state_id="XI", phase_id=2)
    step = other.steps.get(kind="focal_point")
    response = _client(secretariat).post(
        f"/review/{one.pk}/steps/{step.pk}/done/", {"done_on": "2024-02-10"}
    )
    assert response.status_code == 404


def test_the_secretariat_registers_a_document_by_its_symbol(
    demo: dict[str, Any], secretariat: Any, people: Any, counts: Callable[[], tuple[int, ...]]
) -> None:
    meeting = Meeting.objects.get()
    item = meeting.items.get(number=3)
    url = f"/review/programme/{meeting.pk}/documents/"
    client = _client(secretariat)
    assert 'action="' + url + '"' in client.get(f"/review/programme/{meeting.pk}/").content.decode()
    # a symbol that is not one, a repeated symbol, and an unknown item are refused, nothing kept
    before = counts()
    for data in (
        {"symbol": "CTOC/WG.3/2024/9", "title": "Paper"},
        {"symbol": meeting.documents.first().symbol, "title": "Paper"},  # type: ignore[union-attr]
        {"symbol": "CTOC/COP/WG.3/2024/9", "title": "Paper", "item": "999999"},
        {"symbol": "CTOC/COP/WG.3/2024/9", "title": "Paper", "languages": ["de"]},
        {},
    ):
        response = client.post(url, data)
        assert response.status_code == 422, data
    assert (
        "is not a document symbol of the Conference"
        in client.post(url, {"symbol": "CTOC/WG.3/2024/9", "title": "Paper"}).content.decode()
    )
    assert counts() == before
    # an auditor cannot register one
    auditor = _client(people["auditor"])
    assert auditor.post(url, {"symbol": "CTOC/COP/WG.3/2024/9", "title": "P"}).status_code == 403
    assert counts() == before
    # a valid one is registered with its languages, in the UN order
    response = client.post(
        url,
        {
            "symbol": "CTOC/COP/WG.3/2024/9",
            "title": "Paper",
            "languages": ["fr", "ar"],
            "item": str(item.pk),
        },
    )
    assert response.status_code == 302
    doc = meeting.documents.get(symbol="CTOC/COP/WG.3/2024/9")
    assert (doc.languages, doc.item_id) == (["ar", "fr"], item.pk)
