"""Four eyes on outgoing requests: no one approves a request they drafted or submitted for
approval (issue 14 finding 7: a supervisor drafted an outgoing request and approved it alone)."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _writes() -> tuple[int, int]:
    return CaseEvent.objects.count(), AuditEvent.objects.count()


def test_a_supervisor_cannot_approve_the_request_they_drafted(open_case: Any, people: Any) -> None:
    # given an outgoing draft opened by the supervisor
    case = open_case("supervisor")
    before = _writes()

    # when the same supervisor approves it
    with pytest.raises(DomainError) as refused:
        case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")

    # then it is refused and nothing is written
    assert refused.value.code == "transition.four_eyes"
    assert Case.objects.get(pk=case.pk).status == "draft"
    assert _writes() == before


def test_the_supervisor_who_submitted_a_draft_cannot_approve_it_but_another_can(
    open_case: Any, people: Any, make_user: Any
) -> None:
    # given an officer's draft that the supervisor submitted for approval
    case = open_case("officer")
    case_transition(actor=people["supervisor"], case_id=case.pk, target="pending_approval")
    second = make_user("second_supervisor", "supervisor")
    case.grants.create(user=second, granted_by=people["supervisor"])

    # when the submitting supervisor approves, then another supervisor approves
    with pytest.raises(DomainError) as refused:
        case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    approved = case_transition(actor=second, case_id=case.pk, target="approved")

    # then only the second pair of eyes approves
    assert refused.value.code == "transition.four_eyes"
    assert approved.status == "approved"


def test_the_supervisor_approves_the_draft_an_officer_submitted(
    open_case: Any, people: Any
) -> None:
    # given a draft an officer opened and submitted
    case = open_case("officer")
    case_transition(actor=people["officer"], case_id=case.pk, target="pending_approval")

    # when the supervisor approves it
    approved = case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")

    # then
    assert approved.status == "approved"
