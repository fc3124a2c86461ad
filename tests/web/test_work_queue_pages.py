"""The dashboard's work queues and the notifications page, as each user sees them."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Notification
from rogatory.apps.proceedings.services import case_transition

pytestmark = pytest.mark.django_db


def test_the_supervisors_dashboard_lists_the_draft_to_approve(
    client_for: Any, open_case: Any, people: Any
) -> None:
    # given a draft the officer submitted
    case = open_case("officer", title="Accounts of Borealis")
    case_transition(actor=people["officer"], case_id=case.pk, target="pending_approval")
    # when the supervisor opens the dashboard
    body = client_for("supervisor").get("/").content.decode()
    # then the queue shows it with its count and a link to the whole queue
    assert 'id="queue-approve"' in body
    assert 'Drafts waiting for my approval <span class="queue-count">(1)</span>' in body
    assert f'href="/cases/{case.pk}/">{case.our_reference}</a>' in body


def test_the_officers_dashboard_has_no_approval_queue(client_for: Any) -> None:
    body = client_for("officer").get("/").content.decode()
    assert 'id="queue-approve"' not in body
    assert 'id="queue-mine"' in body
    assert 'id="queue-matches"' in body


def test_the_header_counts_unread_notifications_and_the_page_marks_them_read(
    client_for: Any, open_case: Any, people: Any
) -> None:
    # given a notice for the clerk: an incoming request to register
    case = open_case("supervisor", direction="incoming")
    clerk = client_for("clerk")
    # then the header shows one unread notice, and the page lists it
    assert '<span class="count">1<span class="visually-hidden"> unread</span></span>' in (
        clerk.get("/").content.decode()
    )
    page = clerk.get("/notifications/").content.decode()
    assert case.our_reference in page
    assert "Incoming requests to register" in page
    # when the clerk marks it read
    notice = Notification.objects.get(user=people["clerk"])
    response = clerk.post("/notifications/read/", {"notification": str(notice.pk)})
    # then it is read and the header count is gone
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'class="count"' not in clerk.get("/").content.decode()


def test_a_malformed_notice_id_marks_nothing_read(
    client_for: Any, open_case: Any, people: Any
) -> None:
    open_case("supervisor", direction="incoming")
    client_for("clerk").post("/notifications/read/", {"notification": "1 OR 1=1"})
    assert Notification.objects.filter(user=people["clerk"], read_at=None).count() == 1
