"""Results and evidence returned (issue 15, deliverable 2): the executing officer sends files
with a partial or final execution; the requesting case receives each with its SHA-256 as sent
and as received, its sender and receipt; every later read is audited in the hash chain."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.audit.services.verify import audit_verify
from rogatory.apps.cases.models import Case, Communication
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.cases.services import document_add
from rogatory.apps.exchange.models import InboxMessage, OutboxMessage
from rogatory.apps.exchange.services.outbox import part_paths
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.proceedings.services.conversation import conversation_send
from rogatory.core.envelope.seal import open_envelope
from rogatory.core.errors import DomainError
from rogatory.core.wire import DocumentNote
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.wire.communication import CommunicationKind, communication_to_wire
from tests.exchange.conftest import Network
from tests.exchange.test_communications import _incoming, _sent_to_a

pytestmark = pytest.mark.django_db


def _under_execution(network: Network, people: Any) -> Case:
    case = _incoming(network, people)
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    case_transition(actor=people["officer"], case_id=case.pk, target="under_execution")
    return case


def _upload(people: Any, case: Case, data: bytes, title: str) -> CaseDocument:
    return document_add(
        actor=people["officer"],
        case_id=case.pk,
        title=title,
        filename=f"{title}.pdf",
        stream=io.BytesIO(data),
        content_type="application/pdf",
    )


def test_the_executing_officer_returns_results_with_a_final_execution(
    network: Network, people: Any
) -> None:
    # given A's request under execution at B, and the bank records B obtained
    case = _under_execution(network, people)
    records = b"%PDF-1.7 bank records of Borealis Trading" * 1000
    doc = _upload(people, case, records, "Bank records")
    # when B's officer sends the final execution with the records
    sent = conversation_send(
        actor=people["officer"],
        case_id=case.pk,
        kind="final_execution",
        text="All records obtained.",
        document_ids=[doc.pk],
    )
    # then the case is executed, and the records leave in the message of the communication
    case.refresh_from_db()
    assert case.status == "executed"
    assert (sent.kind, sent.sent, sent.text) == ("final_execution", True, "All records obtained.")
    row = OutboxMessage.objects.get(message_id=sent.message_id)
    out = network.tmp / "opened-results"
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
    assert opened.manifest.metadata["payload"]["kind"] == "final_execution"
    assert opened.manifest.metadata["payload"]["documents"] == [
        {"sha256": hashlib.sha256(records).hexdigest(), "title": "Bank records", "language": ""}
    ]
    assert [d.entry.sha256 for d in opened.documents] == [hashlib.sha256(records).hexdigest()]
    assert opened.documents[0].path.read_bytes() == records
    # and B's file says which message and communication carried it
    doc.refresh_from_db()
    assert (doc.message_id, doc.communication_id) == (sent.message_id, sent.pk)


def test_a_kind_not_open_now_is_refused_and_nothing_is_written_or_sent(
    network: Network, people: Any
) -> None:
    # given A's request just received at B (not yet registered, let alone executed)
    case = _incoming(network, people)
    doc = _upload(people, case, b"%PDF-1.7 too early", "Early")
    sent, audited = OutboxMessage.objects.count(), AuditEvent.objects.count()
    # when B's officer tries to send a final execution
    with pytest.raises(DomainError) as refused:
        conversation_send(
            actor=people["officer"], case_id=case.pk, kind="final_execution", document_ids=[doc.pk]
        )
    # then it is refused; nothing is written or sent
    assert refused.value.code == "communication.not_now"
    case.refresh_from_db()
    doc.refresh_from_db()
    assert (case.status, doc.message_id) == ("received", "")
    assert Communication.objects.filter(case=case, sent=True).count() == 0
    assert (OutboxMessage.objects.count(), AuditEvent.objects.count()) == (sent, audited)


def test_returned_evidence_arrives_with_the_same_sha256_as_sent_and_as_received(
    network: Network, open_case: Any, people: Any
) -> None:
    # given B's request transmitted to A
    case = _sent_to_a(open_case)
    evidence = b"witness statement, signed" * 4096
    digest = hashlib.sha256(evidence).hexdigest()
    # when A returns the evidence with its final execution, titled in the message
    sealed = network.seal(
        metadata={
            "kind": "communication",
            "payload": communication_to_wire(
                CommunicationData(
                    CommunicationKind.FINAL_EXECUTION,
                    text="Statement taken.",
                    reference="XA/MLA/2026/000777",
                    contact="Ms A. Officer",
                    documents=(DocumentNote(digest, "Statement of the witness", "en"),),
                )
            ),
            "sender_reference": "XA/MLA/2026/000777",
        },
        reference=case.our_reference,
        documents=[evidence],
    )
    reply = network.send(sealed)
    # then B keeps it on the case, tied to the communication and to its receipted message
    assert reply.status_code == 201
    received = Communication.objects.get(case=case, sent=False)
    assert (received.kind, received.contact) == ("final_execution", "Ms A. Officer")
    doc = CaseDocument.objects.get(case=case)
    assert (doc.received, doc.sent_sha256, doc.sha256) == (True, digest, digest)
    assert (doc.title, doc.language) == ("Statement of the witness", "en")
    assert (doc.communication_id, doc.message_id) == (received.pk, sealed.header.message_id)
    assert InboxMessage.objects.get(message_id=doc.message_id).receipt_jws
    assert hashlib.sha256(Path(doc.file.path).read_bytes()).hexdigest() == digest


def test_each_download_of_evidence_is_audited_with_its_hash_in_the_verified_chain(
    network: Network, open_case: Any, people: Any
) -> None:
    # given evidence A returned on B's case
    case = _sent_to_a(open_case)
    evidence = b"seized ledger, page 1"
    network.send(
        network.seal(
            metadata={
                "kind": "communication",
                "payload": communication_to_wire(
                    CommunicationData(CommunicationKind.PARTIAL_EXECUTION, text="Ledger.")
                ),
            },
            reference=case.our_reference,
            documents=[evidence],
        )
    )
    doc = CaseDocument.objects.get(case=case)
    client = Client()
    client.force_login(people["officer"])
    # when B's officer downloads it twice
    for _ in range(2):
        response = client.get(f"/cases/{case.pk}/documents/{doc.pk}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == evidence  # type: ignore[attr-defined]
    # then each download is an audit event naming the reader and the file's hash
    reads = AuditEvent.objects.filter(action="document.download", object_id=str(doc.pk))
    assert [(e.actor, e.changes["sha256"], e.case_id) for e in reads] == [
        ("officer", hashlib.sha256(evidence).hexdigest(), case.pk)
    ] * 2
    # and the chain that holds them verifies
    assert audit_verify()[1] is None
    # and the case page shows the hashes and the chain of custody
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert hashlib.sha256(evidence).hexdigest() in page
    assert "Chain of custody on this node (2)" in page
