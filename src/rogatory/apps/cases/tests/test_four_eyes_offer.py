"""The approve step is not offered to whoever the four-eyes rule would refuse (issue 13:
the Approve button was shown to a supervisor who had submitted the draft)."""

from typing import Any

import pytest

from rogatory.apps.cases.selectors import transitions_for
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.workflow import Action

pytestmark = pytest.mark.django_db


def _actions(actor: Any, case: Any) -> set[Action]:
    return {t.action for t in transitions_for(actor=actor, case=case)}


def test_the_submitting_supervisor_is_not_offered_approve_but_another_supervisor_is(
    open_case: Any, people: Any, make_user: Any
) -> None:
    # given an officer's draft that the supervisor submitted for approval
    case = open_case("officer")
    case = case_transition(actor=people["supervisor"], case_id=case.pk, target="pending_approval")
    second = make_user("second_supervisor", "supervisor")
    case.grants.create(user=second, granted_by=people["supervisor"])

    # when each supervisor's next steps are listed
    submitter = _actions(people["supervisor"], case)
    other = _actions(second, case)

    # then only the second pair of eyes is offered Approve; both may return it to drafting
    assert Action.APPROVE not in submitter
    assert Action.RETURN_TO_DRAFTING in submitter
    assert Action.APPROVE in other


def test_the_supervisor_is_offered_approve_on_a_draft_an_officer_submitted(
    open_case: Any, people: Any
) -> None:
    # given a draft an officer opened and submitted
    case = open_case("officer")
    case = case_transition(actor=people["officer"], case_id=case.pk, target="pending_approval")

    # when the supervisor's next steps are listed, then Approve is among them
    assert Action.APPROVE in _actions(people["supervisor"], case)
