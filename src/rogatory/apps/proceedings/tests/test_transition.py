"""A step and its side effects are one transaction: the case file records the step, the
proceedings service sends and screens, and a side effect that fails undoes the step."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import CaseEvent
from rogatory.apps.cases.services import case_status_change
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.proceedings.services import transition as orchestration
from rogatory.apps.screening.models import PersonMatch
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _approved(open_case: Any, people: Any) -> Any:
    case = open_case()
    case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    return case


def test_a_failing_side_effect_undoes_the_step(
    open_case: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an approved request whose sending fails (e.g. two nodes claim the requested State)
    case = _approved(open_case, people)
    events, audited = CaseEvent.objects.count(), AuditEvent.objects.count()

    def refuse(*, case: Any) -> None:
        raise DomainError("exchange.several_peers_for_state", state="XB")

    monkeypatch.setattr(orchestration, "case_transmit", refuse)
    # when the supervisor transmits it
    with pytest.raises(DomainError, match="several_peers_for_state"):
        case_transition(actor=people["supervisor"], case_id=case.pk, target="transmitted")
    # then the case is still approved, with no new event or audit record
    case.refresh_from_db()
    assert case.status == "approved"
    assert (CaseEvent.objects.count(), AuditEvent.objects.count()) == (events, audited)


def test_transmission_hands_the_case_to_the_exchange_once(
    open_case: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _approved(open_case, people)
    sent: list[tuple[int, str]] = []
    monkeypatch.setattr(
        orchestration, "case_transmit", lambda *, case: sent.append((case.pk, case.status))
    )
    case_transition(actor=people["supervisor"], case_id=case.pk, target="transmitted")
    assert sent == [(case.pk, "transmitted")]


def test_the_case_file_alone_records_the_step_without_sending_or_screening(
    open_case: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an incoming extradition request, and side effects that would be noticed
    calls: list[str] = []
    monkeypatch.setattr(orchestration, "case_screen", lambda **kw: calls.append("screen"))
    case = open_case(actor="clerk", direction="incoming", kind="extradition", title="Request")
    # when the cases service records its registration directly
    case_status_change(actor=people["clerk"], case_id=case.pk, target="registered")
    # then the status changed and nothing beyond the case file happened
    case.refresh_from_db()
    assert case.status == "registered"
    assert calls == []
    assert PersonMatch.objects.count() == 0


def test_registering_an_incoming_extradition_request_screens_it(
    open_case: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    screened: list[int] = []
    monkeypatch.setattr(
        orchestration, "case_screen", lambda *, actor, case: screened.append(case.pk)
    )
    case = open_case(actor="clerk", direction="incoming", kind="extradition", title="Request")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    assert screened == [case.pk]
