"""A hearing communication is applied to the receiving case's hearing as the exchange receives
it (``exchange.arrivals``, once the receiving transaction commits), without the operator's
``rogatory hearings sync``; the exchange and the case file never import the hearings."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from rogatory.apps.cases.models import Case, Communication
from rogatory.apps.exchange.arrivals import Arrival, arrival_handler_register
from rogatory.apps.hearings.models import Hearing, HearingMessage
from rogatory.apps.hearings.services.inbox import hearing_inbox_apply, hearing_message_arrived
from rogatory.core.wire.communication import (
    Communication as CommunicationData,
)
from rogatory.core.wire.communication import (
    CommunicationKind,
    communication_to_wire,
)
from tests.exchange.conftest import Network
from tests.exchange.test_receive import REQUEST

pytestmark = pytest.mark.django_db
A_REFERENCE = "XA/MLA/2026/000001"


def _proposal(uid: str) -> dict[str, Any]:
    start = (datetime.now(UTC) + timedelta(days=9)).replace(microsecond=0)
    data = CommunicationData(
        CommunicationKind.HEARING_PROPOSAL,
        reference=A_REFERENCE,
        body={
            "hearing": uid,
            "sequence": 0,
            "kind": "witness",
            "mode": "telephone",
            "dial_in": "+99 555 0100",
            "reason_not_in_person": "The witness lives in XB.",
            "language": "en",
            "zone": "Europe/Paris",
            "slots": [{"start": start.isoformat(), "minutes": 60}],
            "participants": [
                {"role": "presiding_judge", "name": "Judge Rivera", "zone": "Europe/Paris"}
            ],
        },
    )
    return {
        "kind": "communication",
        "payload": communication_to_wire(data),
        "sender_reference": A_REFERENCE,
    }


def _send(network: Network, metadata: dict[str, Any]) -> int:
    return int(network.send(network.seal(metadata=metadata, documents=[])).status_code)


def test_a_received_hearing_proposal_is_on_the_receiving_case_without_the_sync_command(
    network: Network, django_capture_on_commit_callbacks: Any
) -> None:
    # given A's request arrived at B and opened an incoming case
    assert _send(network, REQUEST) == 201
    case = Case.objects.get(direction="incoming")
    uid = uuid.uuid4().hex

    # when A's hearing proposal arrives, the receiving transaction committing
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(network, _proposal(uid)) == 201

    # then the hearing is on B's case at once: its mode, number, slot and A's judge
    hearing = Hearing.objects.get(case=case, uid=uid)
    assert (hearing.kind, hearing.mode, hearing.dial_in, hearing.status) == (
        "witness",
        "telephone",
        "+99 555 0100",
        "proposed",
    )
    assert hearing.proposed_by_us is False
    assert hearing.slots.count() == 1
    assert [(p.role, p.name, p.ours) for p in hearing.participants.all()] == [
        ("presiding_judge", "Judge Rivera", False)
    ]
    message = HearingMessage.objects.get(case=case, sent=False)
    assert (message.kind, message.refused, message.hearing_id) == (
        "hearing_proposal",
        "",
        hearing.pk,
    )
    # and the operator's command finds nothing left to apply
    assert hearing_inbox_apply() == 0


def test_a_received_hearing_message_waits_for_the_command_when_no_handler_runs(
    network: Network, django_capture_on_commit_callbacks: Any
) -> None:
    # given no arrival handler (a node whose hearings app failed to register)
    assert _send(network, REQUEST) == 201
    arrival_handler_register("hearings", None)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert _send(network, _proposal(uuid.uuid4().hex)) == 201
        # then the communication is received and kept, the hearing not yet applied
        assert Communication.objects.filter(kind="hearing_proposal", sent=False).count() == 1
        assert not Hearing.objects.exists()
        # and the command still applies it
        assert hearing_inbox_apply() == 1
        assert Hearing.objects.count() == 1
    finally:
        arrival_handler_register("hearings", hearing_message_arrived)


def test_a_communication_of_another_kind_does_not_touch_the_hearings(network: Network) -> None:
    # given an incoming case and a communication that is not about a hearing
    assert _send(network, REQUEST) == 201
    case = Case.objects.get(direction="incoming")
    # when the hearings' handler is told of it
    hearing_message_arrived(Arrival(case.pk, "information_answer", str(uuid.uuid4())))
    # then nothing is applied nor written
    assert not HearingMessage.objects.exists()
