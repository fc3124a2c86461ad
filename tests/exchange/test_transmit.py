"""Transmitting an approved outgoing request queues it, in the same transaction, for the
requested State's node; with no node for that State, only the status is recorded."""

from typing import Any

import pytest

from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.errors import DomainError
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db


def _approved(open_case: Any, people: Any, requested_state: str) -> Any:
    case = open_case(requesting_state="XB", requested_state=requested_state)
    case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    return case


def test_transmission_queues_the_request_for_the_requested_states_node(
    network: Network, open_case: Any, people: Any
) -> None:
    # given an approved outgoing request to XA, whose node is in our registry
    case = _approved(open_case, people, "XA")
    # when the supervisor transmits it
    case_transition(actor=people["supervisor"], case_id=case.pk, target="transmitted")
    # then one request message waits in the outbox for xa-central
    rows = list(OutboxMessage.objects.values_list("recipient_node", "kind", "case_reference"))
    assert rows == [("xa-central", "request", case.our_reference)]


def test_a_refused_transmission_queues_nothing(
    network: Network, open_case: Any, people: Any
) -> None:
    case = _approved(open_case, people, "XA")
    with pytest.raises(DomainError, match="write_forbidden"):
        case_transition(actor=people["auditor"], case_id=case.pk, target="transmitted")
    assert OutboxMessage.objects.count() == 0


def test_without_a_node_for_the_state_only_the_status_is_recorded(
    open_case: Any, people: Any
) -> None:
    case = _approved(open_case, people, "FR")
    case_transition(actor=people["supervisor"], case_id=case.pk, target="transmitted")
    case.refresh_from_db()
    assert case.status == "transmitted"
    assert OutboxMessage.objects.count() == 0
