"""An officer's day in a real browser: each desk finds its work on the dashboard, and a step
leads on to the next desk. Screenshots of the dashboard per role, in English and Arabic, go to
test-artifacts/screenshots/dashboard-<role>-<language>.png."""

import re
from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case
from rogatory.apps.exchange.models import OutboxMessage, OutboxState
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.screening.models import PersonMatch
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(page: Any, title: str) -> Any:
    return page.get_by_role("region", name=re.compile(rf"^{re.escape(title)}"))


def test_the_officer_submits_and_the_supervisor_finds_the_draft_to_approve(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given the officer's draft
    case = open_case("officer", title="Accounts of Borealis Trading")
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    # when the officer submits it for approval
    page.get_by_role("link", name="Submit for approval").click()
    page.locator("#transition-panel").get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    assert page.locator(".status").inner_text() == "Awaiting approval"
    # then the supervisor is notified and finds it in the queue of drafts to approve
    page.context.clear_cookies()
    sign_in(page, live_server, "supervisor")
    assert page.locator(".mainnav .count").text_content() == "1 unread"
    queue = _queue(page, "Drafts waiting for my approval")
    assert queue.get_by_role("heading").inner_text() == "Drafts waiting for my approval (1)"
    queue.get_by_role("link", name=case.our_reference).click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    # and approves it from there
    page.get_by_role("link", name="Approve", exact=True).click()
    page.locator("#transition-panel").get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    assert Case.objects.get(pk=case.pk).status == "approved"


def test_the_clerk_registers_from_the_queue_and_lands_on_the_dashboard(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given a request that arrived (entered by a supervisor: the clerk is not on its team)
    case = open_case("supervisor", direction="incoming", title="Request from Borealis")
    sign_in(page, live_server, "clerk")
    queue = _queue(page, "Incoming requests to register")
    assert queue.get_by_role("heading").inner_text() == "Incoming requests to register (1)"
    # when the clerk registers it
    queue.get_by_role("link", name=case.our_reference).click()
    page.get_by_role("link", name="Register", exact=True).click()
    page.locator("#transition-panel").get_by_role("button", name="Confirm").click()
    # then they are back on the dashboard with a confirmation, not on a "not found" page
    page.wait_for_url(re.compile(r"/$"))
    assert (
        page.locator(".messages[role=status]").inner_text()
        == f"{case.our_reference} is now: Registered."
    )
    assert _queue(page, "Incoming requests to register").get_by_role("heading").inner_text() == (
        "Incoming requests to register (0)"
    )
    # and the supervisor finds it in the queue of requests to assign
    page.context.clear_cookies()
    sign_in(page, live_server, "supervisor")
    assign = _queue(page, "Requests to assign")
    assert assign.get_by_role("link", name=case.our_reference).is_visible()


def test_failed_messages_and_matches_wait_for_their_desks(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given a message that failed to send and a possible same person on two cases
    sent, other = open_case("officer"), open_case("officer")
    _failed_message(sent)
    PersonMatch.objects.create(
        person=sent.persons.get(),
        case=sent,
        other_person=other.persons.get(),
        other_case=other,
        score=0.97,
    )
    # then the supervisor sees both queues with their counts
    sign_in(page, live_server, "supervisor")
    failed = _queue(page, "Messages that failed to send")
    assert failed.get_by_role("heading").inner_text() == "Messages that failed to send (1)"
    assert "non-delivery" in failed.inner_text()
    matches = _queue(page, "Possible same persons to review")
    assert matches.get_by_role("link", name=other.our_reference).is_visible()


def _failed_message(case: Case) -> None:
    from django.utils import timezone

    OutboxMessage.objects.create(
        message_id="00000000-0000-7000-8000-000000000001",
        recipient_node="xb-node",
        case=case,
        kind="request",
        header_jws="h",
        header_sha256="0" * 64,
        part_count=1,
        state=OutboxState.FAILED,
        queued_at=timezone.now(),
        failure_reason="non-delivery",
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_dashboard_per_role_screenshots(
    page: Any, live_server: Any, people: Any, open_case: Any, language: str
) -> None:
    # given a day's work: a draft to approve, an arrival, a request to assign, an assigned
    # case, a failed message and a possible same person
    draft = open_case("officer", title="Accounts of Borealis Trading")
    case_transition(actor=people["officer"], case_id=draft.pk, target="pending_approval")
    open_case("supervisor", direction="incoming", title="Request from Borealis")
    registered = open_case("supervisor", direction="incoming", title="Records of Aurel Bank")
    case_transition(actor=people["clerk"], case_id=registered.pk, target="registered")
    assigned = open_case("supervisor", direction="incoming", title="Witness in Port Aurel")
    case_transition(actor=people["clerk"], case_id=assigned.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=assigned.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    _failed_message(draft)
    PersonMatch.objects.create(
        person=draft.persons.get(),
        case=draft,
        other_person=assigned.persons.get(),
        other_case=assigned,
        score=0.97,
    )
    User.objects.update(language=language)
    urls = [(who, "/", f"dashboard-{who}-{language}") for who in ("clerk", "officer", "supervisor")]
    urls.append(("supervisor", "/notifications/", f"notifications-supervisor-{language}"))
    # then each desk's dashboard has its queues (screenshots first, for review)
    for who, url, name in urls:
        page.context.clear_cookies()
        sign_in(page, live_server, who)
        page.goto(f"{live_server.url}{url}")
        if url == "/":
            assert page.locator("section.queue").count() >= 2
        screenshot(page, name)
    # and no page has a serious accessibility finding
    found: dict[str, Any] = {}
    for who, url, name in urls:
        page.context.clear_cookies()
        sign_in(page, live_server, who)
        page.goto(f"{live_server.url}{url}")
        found[name] = serious_violations(page)
    assert {k: v for k, v in found.items() if v} == {}
