"""Every status change that matters to the other State is shared, and the receiving case
follows it (issue 15): the requested State's assignment, start or resumption of execution
(in progress), postponement (UNTOC art. 18(25)), partial execution, extradition granted,
surrender and closure reach the requesting case; the requesting State's withdrawal reaches the
requested case (art. 18(24)). The clocks the other side's step stops are stopped.

One node database plays both States: node B's incoming case (A's request) takes the requested
State's steps through the services, and the communication each step queued for A is opened as
A would open it and delivered, through B's own inbox, to B's outgoing request to A, which
plays the requesting case (and the other way round for a withdrawal).
"""

from __future__ import annotations

from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent, Communication, Deadline
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.proceedings.services.conversation import conversation_send
from rogatory.core.errors import DomainError
from rogatory.core.wire.communication import communication_from_wire
from tests.exchange.conftest import Network
from tests.exchange.test_after_transmission import _transmitted
from tests.exchange.test_communications import A_REFERENCE, _as_a, _from_a, _incoming
from tests.exchange.test_receive import REQUEST

pytestmark = pytest.mark.django_db


def _carry(network: Network, source: Case, kind: str, target: Case, reference: str) -> Any:
    """Open the latest ``kind`` communication ``source`` queued, as its recipient would, and
    deliver it through the inbox to ``target`` (threaded by ``reference``)."""
    sent = Communication.objects.filter(case=source, sent=True, kind=kind).latest("id")
    row = OutboxMessage.objects.get(message_id=sent.message_id)
    assert row.recipient_node == "xa-central"
    data = communication_from_wire(_as_a(network, row)["payload"])
    reply, _message_id = _from_a(network, data, reference=reference)
    assert reply.status_code == 201
    target.refresh_from_db()
    return data


def _open_clocks(case: Case) -> set[str]:
    return set(Deadline.objects.filter(case=case, met_at=None).values_list("code", flat=True))


def _followed(case: Case) -> tuple[str, str, str]:
    step = CaseEvent.objects.filter(case=case, kind="transition").latest("id")
    return step.to_status, step.reason, step.actor.username if step.actor else ""


def _step(people: Any, case: Case, who: str, target: str, **kwargs: Any) -> None:
    case_transition(actor=people[who], case_id=case.pk, target=target, **kwargs)


def _postpone(people: Any, case: Case, reasons: str) -> None:
    """Consult the requesting State first (UNTOC art. 18(26)), then postpone (art. 18(25))."""
    conversation_send(
        actor=people["officer"],
        case_id=case.pk,
        kind="consultation",
        text="Would a postponement of three months be acceptable?",
    )
    _step(people, case, "supervisor", "postponed", reason=reasons)


def _assigned(network: Network, people: Any) -> Case:
    incoming = _incoming(network, people)
    _step(people, incoming, "clerk", "registered")
    _step(people, incoming, "supervisor", "assigned", officer_id=people["officer"].pk)
    return incoming


@pytest.fixture
def requesting(network: Network, open_case: Any, people: Any) -> Case:
    """The requesting case, transmitted, its follow-up clock running (UNTOC art. 18(24))."""
    case = _transmitted(open_case, people)
    assert _open_clocks(case) == {"follow_up_unacknowledged"}
    return case


def test_assignment_is_shared_as_in_progress_with_the_assigned_officer_to_contact(
    network: Network, people: Any, requesting: Case
) -> None:
    # given A's request registered at B
    incoming = _incoming(network, people)
    _step(people, incoming, "clerk", "registered")
    # when B's supervisor assigns it to an officer
    _step(people, incoming, "supervisor", "assigned", officer_id=people["officer"].pk)
    # then "in progress" leaves for A, naming the officer who handles it
    data = _carry(network, incoming, "in_progress", requesting, requesting.our_reference)
    assert data.contact.startswith(people["officer"].get_full_name() or "officer")
    # and the requesting case shows the request in hand, its follow-up clock stopped
    assert requesting.status == "acknowledged"
    assert _followed(requesting)[0::2] == ("acknowledged", "exchange-system")
    assert _open_clocks(requesting) == set()
    assert requesting.due_at is None
    got = Communication.objects.get(case=requesting, sent=False)
    assert (got.kind, got.contact) == ("in_progress", data.contact)


def test_a_postponement_makes_the_requesting_case_postponed_with_its_reasons(
    network: Network, people: Any, requesting: Case
) -> None:
    # given A's request under execution at B
    incoming = _assigned(network, people)
    _step(people, incoming, "officer", "under_execution")
    reasons = "Execution would interfere with an ongoing trial in XB; expected by 1 March 2027."
    # when B's supervisor postpones it (UNTOC art. 18(25))
    _postpone(people, incoming, reasons)
    _carry(network, incoming, "postponement", requesting, requesting.our_reference)
    # then the requesting case is postponed, with the reasons, on the requested State's word
    assert requesting.status == "postponed"
    assert _followed(requesting) == ("postponed", reasons, "exchange-system")
    got = Communication.objects.get(case=requesting, sent=False)
    assert (got.kind, got.text) == ("postponement", reasons)
    # and its follow-up clock stopped: the requested State has answered
    assert _open_clocks(requesting) == set()
    assert requesting.due_at is None


def test_resuming_execution_is_shared_and_the_requesting_case_is_back_in_hand(
    network: Network, people: Any, requesting: Case
) -> None:
    # given A's request postponed at B, and A's case showing it postponed
    incoming = _assigned(network, people)
    _step(people, incoming, "officer", "under_execution")
    _postpone(people, incoming, "Trial in XB.")
    _carry(network, incoming, "postponement", requesting, requesting.our_reference)
    assert requesting.status == "postponed"
    # when B's officer resumes execution
    _step(people, incoming, "officer", "under_execution")
    _carry(network, incoming, "in_progress", requesting, requesting.our_reference)
    # then the requesting case is acknowledged again, the step named for what happened
    assert requesting.status == "acknowledged"
    assert _followed(requesting)[0::2] == ("acknowledged", "exchange-system")
    kinds = list(
        Communication.objects.filter(case=requesting).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == ["postponement", "in_progress"]


def test_a_partial_execution_is_shared_and_followed(
    network: Network, people: Any, requesting: Case
) -> None:
    incoming = _assigned(network, people)
    _step(people, incoming, "officer", "under_execution")
    _carry(network, incoming, "in_progress", requesting, requesting.our_reference)
    # when B records a partial execution
    _step(people, incoming, "officer", "partially_executed", reason="First statements.")
    _carry(network, incoming, "partial_execution", requesting, requesting.our_reference)
    # then the requesting case is partially executed
    assert requesting.status == "partially_executed"
    assert _followed(requesting) == ("partially_executed", "First statements.", "exchange-system")


def test_extradition_granted_and_surrender_are_shared_and_followed(
    network: Network, open_case: Any, people: Any
) -> None:
    # given B's extradition request to A, acknowledged, and A's extradition request at B
    requesting = open_case(
        kind="extradition", custody="detained", requesting_state="XB", requested_state="XA"
    )
    Case.objects.filter(pk=requesting.pk).update(status="acknowledged")
    extradition = {**REQUEST, "payload": {**REQUEST["payload"], "kind": "extradition"}}  # type: ignore[dict-item]
    assert network.send(network.seal(metadata=extradition)).status_code == 201
    incoming = Case.objects.get(direction="incoming")
    for member in ("clerk", "officer", "supervisor"):
        people[member].authority_id = incoming.owner_authority_id
        people[member].save(update_fields=["authority"])
    _step(people, incoming, "clerk", "registered")
    _step(people, incoming, "supervisor", "assigned", officer_id=people["officer"].pk)
    _step(people, incoming, "officer", "extradition_hearing")
    # when B's supervisor grants the extradition, then B records the surrender
    _step(people, incoming, "supervisor", "extradition_granted", reason="Court order of 2 May.")
    _carry(network, incoming, "extradition_granted", requesting, requesting.our_reference)
    # then the requesting case follows each
    assert requesting.status == "extradition_granted"
    assert _followed(requesting) == (
        "extradition_granted",
        "Court order of 2 May.",
        "exchange-system",
    )
    _step(people, incoming, "officer", "surrendered")
    _carry(network, incoming, "surrender", requesting, requesting.our_reference)
    assert requesting.status == "surrendered"
    assert _followed(requesting)[0::2] == ("surrendered", "exchange-system")


def test_a_withdrawal_is_shared_and_the_requested_case_follows_with_its_clocks_stopped(
    network: Network, people: Any, requesting: Case
) -> None:
    # given B's request to A, which B's supervisor withdraws (UNTOC art. 18(24))
    _step(people, requesting, "supervisor", "withdrawn", reason="Proceedings discontinued.")
    requesting.refresh_from_db()
    assert requesting.status == "withdrawn"
    # and, playing the other side, A's request received at B with its clock running
    incoming = _incoming(network, people)
    assert _open_clocks(incoming)
    # then the withdrawal leaves, and the requested case that receives it is withdrawn
    _carry(network, requesting, "withdrawal", incoming, A_REFERENCE)
    assert incoming.status == "withdrawn"
    assert _followed(incoming) == ("withdrawn", "Proceedings discontinued.", "exchange-system")
    assert _open_clocks(incoming) == set()
    assert incoming.due_at is None


def test_closure_by_the_requested_state_shows_on_the_requesting_case_and_stops_its_clocks(
    network: Network, people: Any, requesting: Case
) -> None:
    # given A's request executed at B
    incoming = _assigned(network, people)
    _step(people, incoming, "officer", "under_execution")
    _step(people, incoming, "officer", "executed", reason="All records sent.")
    # when B closes its file
    _step(people, incoming, "clerk", "closed")
    # then the closure leaves for A with the step
    _carry(network, incoming, "closure", requesting, requesting.our_reference)
    # and the requesting case shows it, keeps its own status, and follows nothing up any more
    assert requesting.status == "transmitted"
    assert CaseEvent.objects.filter(case=requesting, kind="received_closure").count() == 1
    assert _open_clocks(requesting) == set()
    met = Deadline.objects.get(case=requesting, code="follow_up_unacknowledged")
    assert met.met_at is not None
    assert requesting.due_at is None


def test_the_requesting_state_cannot_record_a_postponement_itself_and_nothing_is_written(
    people: Any, requesting: Case
) -> None:
    # given B's request transmitted; when B's supervisor tries to postpone it
    events, audited = CaseEvent.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        _step(people, requesting, "supervisor", "postponed", reason="We wait.")
    # then only the requested State decides it (UNTOC art. 18(25)); nothing is written
    assert refused.value.code == "transition.other_state_decides"
    requesting.refresh_from_db()
    assert requesting.status == "transmitted"
    assert (CaseEvent.objects.count(), AuditEvent.objects.count()) == (events, audited)
