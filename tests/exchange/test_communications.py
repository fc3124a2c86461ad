"""Communications of a case after the request: each a signed, receipted exchange message
threaded by the request's reference, kept on both sides' case files, the receiving case
following what the other State did (docs/protocol.md §15)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import transaction

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent, CaseGrant, Communication, Deadline
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.exchange.models import InboxMessage, OutboxMessage
from rogatory.apps.exchange.services.outbox import message_enqueue, part_paths
from rogatory.apps.proceedings.services import case_transition, communication_send
from rogatory.core.envelope.seal import open_envelope
from rogatory.core.errors import DomainError
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


def _as_a(network: Network, row: OutboxMessage) -> dict[str, Any]:
    """Open a message B queued for A, as A would, and return its manifest metadata."""
    out = network.tmp / f"opened-{row.message_id}"
    out.mkdir()
    opened = open_envelope(
        header_jws=row.header_jws,
        parts=part_paths(row),
        output_dir=out,
        recipient="xa-central",
        identities=[network.a_keys.age_identity],
        registry=network.registry,
        now=datetime.now(UTC),
    )
    return dict(opened.manifest.metadata)


def _from_a(
    network: Network,
    data: CommunicationData,
    *,
    reference: str = A_REFERENCE,
    documents: list[bytes] | None = None,
) -> Any:
    sealed = network.seal(
        metadata={
            "kind": "communication",
            "payload": communication_to_wire(data),
            "sender_reference": A_REFERENCE,
        },
        reference=reference,
        documents=documents or [],
    )
    return network.send(sealed), sealed.header.message_id


def _incoming(network: Network, people: Any) -> Case:
    """A's request arrived at B and opened an incoming case; B's team may work it."""
    assert network.send(network.seal(metadata=REQUEST)).status_code == 201
    case = Case.objects.get(direction="incoming")
    for member in ("clerk", "officer", "supervisor"):
        # B's team works at the central authority that holds the arrivals.
        people[member].authority_id = case.owner_authority_id
        people[member].save(update_fields=["authority"])
        CaseGrant.objects.get_or_create(case=case, user=people[member], revoked_at=None)
    return case


# --- B is the requested State ---------------------------------------------------------------


def test_registration_sends_the_acknowledgement_with_our_reference_and_contact(
    network: Network, people: Any
) -> None:
    # given A's request arrived at B
    case = _incoming(network, people)
    # when B's clerk registers it
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    # then an acknowledgement is queued for A: B's reference and who to contact
    row = OutboxMessage.objects.get(kind="communication", case=case)
    metadata = _as_a(network, row)
    assert (row.recipient_node, row.case_reference) == ("xa-central", A_REFERENCE)
    assert metadata["payload"]["kind"] == "acknowledgement"
    assert metadata["payload"]["reference"] == case.our_reference
    assert metadata["payload"]["contact"]
    assert metadata["sender_reference"] == case.our_reference
    # and it is on B's case file, tied to the message that carries it
    sent = Communication.objects.get(case=case)
    assert (sent.kind, sent.sent, sent.message_id) == ("acknowledgement", True, row.message_id)
    assert CaseEvent.objects.filter(case=case, kind="sent_acknowledgement").exists()


def test_asking_for_information_sends_the_question_and_the_answer_threads_back(
    network: Network, people: Any
) -> None:
    # given A's request registered, assigned and under execution at B
    case = _incoming(network, people)
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    case_transition(actor=people["officer"], case_id=case.pk, target="under_execution")
    # when B's officer asks for additional information (UNTOC art. 18(16))
    question = "Which accounts, with their numbers?"
    case_transition(
        actor=people["officer"],
        case_id=case.pk,
        target="additional_information_requested",
        reason=question,
    )
    # then the question leaves for A with the step
    asked = Communication.objects.get(case=case, kind="information_request")
    metadata = _as_a(network, OutboxMessage.objects.get(message_id=asked.message_id))
    assert (metadata["payload"]["kind"], metadata["payload"]["text"]) == (
        "information_request",
        question,
    )
    # when A answers it, naming the question, with an annex
    answer = CommunicationData(
        CommunicationKind.INFORMATION_ANSWER,
        text="Accounts 4411 and 4412.",
        reference=A_REFERENCE,
        in_reply_to=asked.message_id,
    )
    reply, message_id = _from_a(network, answer, documents=[b"%PDF-1.7 annex"])
    # then B keeps the answer threaded to its question, with the annex on the case
    assert reply.status_code == 201
    got = Communication.objects.get(case=case, sent=False)
    assert (got.kind, got.text, got.in_reply_to, got.message_id) == (
        "information_answer",
        "Accounts 4411 and 4412.",
        asked.message_id,
        message_id,
    )
    assert CaseDocument.objects.filter(case=case, size=len(b"%PDF-1.7 annex")).count() == 1
    assert CaseEvent.objects.filter(case=case, kind="received_information_answer").exists()
    # and A was told, signed, that the answer reached B's case system
    inbox = InboxMessage.objects.get(message_id=message_id)
    assert (inbox.case_id, inbox.delivery_error) == (case.pk, "")


def test_a_withdrawal_withdraws_the_requested_case_and_stops_its_clocks(
    network: Network, people: Any
) -> None:
    # given A's request received at B, with B's clock to register it running
    case = _incoming(network, people)
    assert Deadline.objects.filter(case=case, met_at=None).exists()
    # when A withdraws its request (UNTOC art. 18(24))
    withdrawal = CommunicationData(
        CommunicationKind.WITHDRAWAL, text="The proceedings were discontinued."
    )
    reply, _ = _from_a(network, withdrawal)
    # then B's case is withdrawn, on the other State's word, and no clock of it runs
    assert reply.status_code == 201
    case.refresh_from_db()
    assert case.status == "withdrawn"
    assert case.due_at is None
    assert not Deadline.objects.filter(case=case, met_at=None).exists()
    event = CaseEvent.objects.filter(case=case, kind="transition").latest("id")
    assert (event.to_status, event.actor.username) == ("withdrawn", "exchange-system")
    assert CaseEvent.objects.filter(case=case, kind="received_withdrawal").exists()


def test_the_requested_state_cannot_withdraw_the_request_and_nothing_is_written_or_sent(
    network: Network, people: Any
) -> None:
    case = _incoming(network, people)
    sent, audited = OutboxMessage.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        communication_send(actor=people["officer"], case_id=case.pk, kind="withdrawal")
    assert refused.value.code == "communication.wrong_side"
    assert Communication.objects.count() == 0
    assert (OutboxMessage.objects.count(), AuditEvent.objects.count()) == (sent, audited)


def test_an_answer_must_name_a_question_received_on_the_case(
    network: Network, open_case: Any, people: Any
) -> None:
    case = open_case(requesting_state="XB", requested_state="XA")
    with pytest.raises(DomainError) as refused:
        communication_send(
            actor=people["officer"],
            case_id=case.pk,
            kind="information_answer",
            text="Here it is.",
            in_reply_to="01a21ce0-6e00-7bc2-b869-79dea47e9714",
        )
    assert refused.value.code == "communication.in_reply_to_unknown"
    assert Communication.objects.count() == 0


# --- B is the requesting State --------------------------------------------------------------


def _sent_to_a(open_case: Any) -> Case:
    case = open_case(requesting_state="XB", requested_state="XA")
    Case.objects.filter(pk=case.pk).update(status="transmitted")
    with transaction.atomic():
        message_enqueue(
            case=case,
            kind="request",
            payload={"kind": "mla"},
            documents=[],
            recipient_node="xa-central",
        )
    case.refresh_from_db()
    return case


def test_the_acknowledgement_gives_our_case_their_reference_and_status(
    network: Network, open_case: Any
) -> None:
    # given B's request transmitted to A
    case = _sent_to_a(open_case)
    # when A acknowledges it with its own reference and contact officer
    ack = CommunicationData(
        CommunicationKind.ACKNOWLEDGEMENT,
        reference="XA/MLA/2026/000777",
        contact="Ms A. Officer <a.officer@xa.example>",
    )
    reply, _ = _from_a(network, ack, reference=case.our_reference)
    # then B's case carries A's reference and shows the request acknowledged
    assert reply.status_code == 201
    case.refresh_from_db()
    assert (case.their_reference, case.status) == ("XA/MLA/2026/000777", "acknowledged")
    got = Communication.objects.get(case=case)
    assert (got.kind, got.contact) == ("acknowledgement", "Ms A. Officer <a.officer@xa.example>")


def test_partial_then_final_execution_move_our_case_along(network: Network, open_case: Any) -> None:
    case = _sent_to_a(open_case)
    _from_a(
        network,
        CommunicationData(CommunicationKind.ACKNOWLEDGEMENT, reference="XA/MLA/2026/000777"),
        reference=case.our_reference,
    )
    _from_a(
        network,
        CommunicationData(CommunicationKind.PARTIAL_EXECUTION, text="First statements."),
        reference=case.our_reference,
        documents=[b"statements"],
    )
    case.refresh_from_db()
    assert case.status == "partially_executed"
    _from_a(
        network,
        CommunicationData(CommunicationKind.FINAL_EXECUTION, text="All records sent."),
        reference=case.our_reference,
    )
    case.refresh_from_db()
    assert case.status == "executed"
    kinds = list(Communication.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["acknowledgement", "partial_execution", "final_execution"]


def test_a_communication_of_an_unknown_major_version_is_refused_and_nothing_stored(
    network: Network, people: Any
) -> None:
    case = _incoming(network, people)
    payload = {"schema": "rogatory.communication/2.0", "kind": "withdrawal"}
    sealed = network.seal(
        metadata={"kind": "communication", "payload": payload}, reference=A_REFERENCE
    )
    reply = network.send(sealed)
    assert reply.status_code == 422
    assert json.loads(reply.content)["code"] == "wire.schema_unsupported"
    case.refresh_from_db()
    assert case.status == "received"
    assert Communication.objects.count() == 0


def test_a_communication_from_the_wrong_side_is_received_but_not_applied(
    network: Network, people: Any
) -> None:
    # given A's request at B; when A "acknowledges" it, a step only B may take
    case = _incoming(network, people)
    ack = CommunicationData(CommunicationKind.ACKNOWLEDGEMENT, reference="XA/X/1")
    reply, message_id = _from_a(network, ack)
    # then it is receipted, nothing is applied, and A is told why, signed
    assert reply.status_code == 201
    case.refresh_from_db()
    assert (case.status, case.their_reference) == ("received", A_REFERENCE)
    assert Communication.objects.count() == 0
    inbox = InboxMessage.objects.get(message_id=message_id)
    assert inbox.delivery_error == "communication.wrong_side"
    assert OutboxMessage.objects.filter(kind="evidence", recipient_node="xa-central").exists()


def test_recording_the_information_supplied_sends_the_answer_to_the_question(
    network: Network, open_case: Any, people: Any
) -> None:
    # given B's request to A, which A acknowledged and then asked a question about
    case = _sent_to_a(open_case)
    _from_a(
        network,
        CommunicationData(CommunicationKind.ACKNOWLEDGEMENT, reference="XA/MLA/2026/000777"),
        reference=case.our_reference,
    )
    _, question_id = _from_a(
        network,
        CommunicationData(CommunicationKind.INFORMATION_REQUEST, text="Which accounts?"),
        reference=case.our_reference,
    )
    case.refresh_from_db()
    assert case.status == "additional_information_requested"
    # when B's officer records the information supplied, with the answer as the reason
    case_transition(
        actor=people["officer"], case_id=case.pk, target="acknowledged", reason="Accounts 4411."
    )
    # then the answer leaves for A, naming A's question
    sent = Communication.objects.get(case=case, sent=True)
    assert (sent.kind, sent.text, sent.in_reply_to) == (
        "information_answer",
        "Accounts 4411.",
        question_id,
    )
    metadata = _as_a(network, OutboxMessage.objects.get(message_id=sent.message_id))
    assert metadata["payload"]["in_reply_to"] == question_id
