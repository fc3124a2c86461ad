"""The demo conversation (issue 15, deliverable 6), on the requested State's node: each call
makes one move, and between them the other State's messages arrive, until the evidence is
returned and the request executed."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from rogatory.apps.cases.models import Case, Communication
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.proceedings.services.demo_conversation import TITLE, demo_conversation_step
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.wire.communication import CommunicationKind, communication_to_wire
from tests.exchange.conftest import Network
from tests.exchange.test_receive import REQUEST

pytestmark = pytest.mark.django_db


def test_the_requested_side_runs_the_whole_conversation_one_move_at_a_time(
    network: Network, people: Any
) -> None:
    # given A's demo request arrived at B, whose staff works at the authority holding it
    request = copy.deepcopy(REQUEST)
    request["payload"]["title"] = TITLE
    assert network.send(network.seal(metadata=request)).status_code == 201
    case = Case.objects.get(direction="incoming")
    for member in ("clerk", "officer", "supervisor"):
        people[member].authority_id = case.owner_authority_id
        people[member].save(update_fields=["authority"])
    # when B makes its moves up to the question
    moves = [demo_conversation_step(home="XB") for _ in range(4)]
    # then it registered, assigned, executed and asked, and then waits for A
    assert [m[0].split(": ", 1)[1] for m in moves] == [
        "registered (acknowledgement sent)",
        "assigned",
        "under execution",
        "asked for additional information",
    ]
    assert demo_conversation_step(home="XB") == []
    # when A answers the question
    question = Communication.objects.get(case=case, kind="information_request")
    answer = CommunicationData(
        CommunicationKind.INFORMATION_ANSWER, text="4411, 4412", in_reply_to=question.message_id
    )
    sealed = network.seal(
        metadata={"kind": "communication", "payload": communication_to_wire(answer)},
        reference=request["sender_reference"],
        documents=[b"accounts"],
    )
    assert network.send(sealed).status_code == 201
    # then B resumes and returns the evidence in two parts, then has nothing left to do
    moves = [demo_conversation_step(home="XB") for _ in range(3)]
    assert [m[0].split(": ", 1)[1] for m in moves] == [
        "resumed execution",
        "returned partial results",
        "returned the final results",
    ]
    assert demo_conversation_step(home="XB") == []
    case.refresh_from_db()
    assert case.status == "executed"
    sent = list(Communication.objects.filter(case=case, sent=True).values_list("kind", flat=True))
    # (assignment, start and resumption of execution tell A the request is in hand)
    assert sent == [
        "acknowledgement",
        "in_progress",
        "in_progress",
        "information_request",
        "in_progress",
        "partial_execution",
        "final_execution",
    ]
    # and each result file left in the message of its communication
    for kind in ("partial_execution", "final_execution"):
        row = Communication.objects.get(case=case, kind=kind)
        assert OutboxMessage.objects.filter(message_id=row.message_id).exists()
        assert [d.message_id for d in row.documents.all()] == [row.message_id]


def test_the_requesting_side_opens_transmits_and_answers_the_question(
    network: Network, people: Any
) -> None:
    # when B starts the demo conversation with A
    [line] = demo_conversation_step(home="XB", start_with="XA")
    case = Case.objects.get(direction="outgoing", title=TITLE)
    # then the request left for A's node with its letter, and a second call does nothing
    assert line == f"{case.our_reference}: transmitted to XA"
    request = OutboxMessage.objects.get(case=case, kind="request")
    assert [d.message_id for d in case.documents.all()] == [request.message_id]
    assert demo_conversation_step(home="XB", start_with="XA") == []
    # when A acknowledges and asks a question
    for data in (
        CommunicationData(CommunicationKind.ACKNOWLEDGEMENT, reference="XA/MLA/2026/000777"),
        CommunicationData(CommunicationKind.INFORMATION_REQUEST, text="Which accounts?"),
    ):
        sealed = network.seal(
            metadata={"kind": "communication", "payload": communication_to_wire(data)},
            reference=case.our_reference,
            documents=[],
        )
        assert network.send(sealed).status_code == 201
    # then B's next move answers it, with the account list
    assert demo_conversation_step(home="XB") == [
        f"{case.our_reference}: answered the request for additional information"
    ]
    answer = Communication.objects.get(case=case, sent=True)
    assert answer.kind == "information_answer"
    assert [d.title for d in answer.documents.all()] == ["Account numbers"]
    case.refresh_from_db()
    assert case.status == "acknowledged"
