"""Taking a step from the case page: where the user lands, and which steps are offered."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AccessDenial
from rogatory.apps.proceedings.services import case_transition

pytestmark = pytest.mark.django_db


def test_after_registering_the_clerk_lands_on_the_dashboard_without_a_denial(
    client_for: Any, open_case: Any
) -> None:
    """Issue 13 item 2: the clerk was sent to a case they no longer see ("not found")."""
    # given an incoming request waiting to be registered, which the clerk is not a team
    # member of (it arrived from the other State's node, or a colleague entered it)
    case = open_case("supervisor", direction="incoming")
    clerk = client_for("clerk")
    # when the clerk registers it
    response = clerk.post(f"/cases/{case.pk}/transition/registered/", follow=True)
    # then they land on their dashboard with a confirmation, and no denial is logged
    assert response.status_code == 200
    assert response.redirect_chain == [("/", 302)]
    body = response.content.decode()
    assert "was not found" not in body
    assert f"{case.our_reference} is now: Registered." in body
    assert AccessDenial.objects.count() == 0
    case.refresh_from_db()
    assert case.status == "registered"


def test_a_step_that_keeps_the_case_visible_returns_to_the_case(
    client_for: Any, open_case: Any
) -> None:
    case = open_case("officer")
    response = client_for("officer").post(f"/cases/{case.pk}/transition/pending_approval/")
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"


def test_the_drafting_officer_is_offered_submit_for_approval(
    client_for: Any, open_case: Any
) -> None:
    """Issue 13 item 3: the drafter saw "No step is open to you"."""
    case = open_case("officer")
    body = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    assert "No step is open to you" not in body
    assert "Submit for approval" in body
    assert f"/cases/{case.pk}/transition/pending_approval/" in body


def test_buttons_name_the_action_not_the_state(
    client_for: Any, open_case: Any, people: Any
) -> None:
    # given a draft submitted for approval
    case = open_case("officer")
    case_transition(actor=people["officer"], case_id=case.pk, target="pending_approval")
    # when the supervisor opens it
    response = client_for("supervisor").get(f"/cases/{case.pk}/")
    # then the buttons say what they do
    assert [t.target.value for t in response.context["options"]] == [
        "approved",
        "draft",
        "withdrawn",
    ]
    body = response.content.decode()
    for label in (">Approve<", ">Return to drafting<", ">Withdraw<"):
        assert label in body
    assert ">Approved<" not in body


def test_the_requested_states_clerk_is_not_offered_to_withdraw(
    client_for: Any, open_case: Any
) -> None:
    case = open_case("clerk", direction="incoming")
    response = client_for("clerk").get(f"/cases/{case.pk}/")
    assert [t.target.value for t in response.context["options"]] == ["registered"]
    assert ">Register<" in response.content.decode()


def test_a_posted_withdrawal_by_the_requested_state_is_refused_and_writes_nothing(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    case = open_case("clerk", direction="incoming")
    before = writes()
    response = client_for("clerk").post(
        f"/cases/{case.pk}/transition/withdrawn/", {"reason": "No longer needed"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "received"
    assert writes() == before


def test_the_service_refuses_a_withdrawal_by_the_requested_state_whatever_the_edge(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    # given an incoming request, and its supervisor calling the API directly (no button)
    case = open_case("supervisor", direction="incoming")
    before = writes()
    response = client_for("supervisor").post(
        f"/api/v1/cases/{case.pk}/transitions",
        {"target": "withdrawn", "reason": "No longer needed"},
        content_type="application/json",
    )
    # then the check refuses it: only the requesting State withdraws (UNTOC art. 18(24))
    assert response.status_code == 409
    assert response.json()["code"] == "transition.other_state_decides"
    case.refresh_from_db()
    assert case.status == "received"
    assert writes() == before
