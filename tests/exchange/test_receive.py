"""Receiving: chunk upload, commit, receipts, duplicates, and the case an arrival opens."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.exchange.models import Evidence, InboxDocument, InboxMessage, OutboxMessage
from rogatory.apps.exchange.services.payload import peer_node_for_state, request_payload
from rogatory.apps.exchange.storage import incoming_dir
from rogatory.core.envelope.header import header_sha256
from rogatory.core.envelope.receipts import EvidenceType, verify_evidence, verify_receipt
from rogatory.core.errors import DomainError
from rogatory.federation.chunks import iter_chunks
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db

REQUEST = {
    "kind": "request",
    "payload": {
        "kind": "mla",
        "legal_bases": ["untoc"],
        "title": "Bank records of Borealis Trading",
        "facts": "Laundering through accounts held by Ivan Petrov.",
        "persons": [
            {
                "role": "suspect",
                "names": [
                    {"full_name": "Иван Петров", "role": "original_script", "latin": "Ivan Petrov"}
                ],
                "nationalities": ["XB"],
            }
        ],
    },
    "sender_reference": "XA/MLA/2026/000001",
}


def test_a_request_is_receipted_and_opens_an_incoming_case(network: Network) -> None:
    # given a request sealed by A for B with one document
    sealed = network.seal(documents=[b"%PDF-1.7 request"], metadata=REQUEST)
    # when A uploads the parts and commits the header
    statuses = network.upload(sealed)
    reply = network.commit(sealed.header.message_id, sealed.header_jws)
    # then each chunk was stored and the receipt is signed by B and bound to this header
    assert statuses == [201, 201]
    assert reply.status_code == 201
    assert reply["Content-Type"] == "application/jose"
    receipt = verify_receipt(
        reply.content, jwks=network.b_node.public_jwks, expected_issuer="xb-central"
    )
    assert (receipt.message_id, receipt.sender, receipt.header_sha256) == (
        sealed.header.message_id,
        "xa-central",
        header_sha256(sealed.header_jws),
    )
    # and an incoming case waits in the registry queue with the document attached
    case = Case.objects.get()
    assert (case.direction, case.status, case.their_reference) == (
        "incoming",
        "received",
        "XA/MLA/2026/000001",
    )
    assert (case.requesting_state_id, case.requested_state_id) == ("XA", "XB")
    assert list(CaseDocument.objects.values_list("filename", "size")) == [("doc-0.pdf", 16)]
    inbox = InboxMessage.objects.get()
    assert (inbox.state, inbox.case_id, inbox.delivery_error) == ("accepted", case.pk, "")
    assert Evidence.objects.filter(kind="receipt").count() == 1


def test_a_duplicate_commit_returns_the_byte_identical_receipt(network: Network) -> None:
    # given a delivered message
    sealed = network.seal()
    first = network.send(sealed)
    # when the sender retries the whole delivery (its receipt was lost)
    again = network.send(sealed)
    # then the stored receipt bytes come back and nothing new is stored
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.content == first.content
    assert InboxMessage.objects.count() == 1
    assert Evidence.objects.count() == 1


def test_a_follow_up_threads_into_the_case_by_reference(network: Network) -> None:
    # given an incoming case opened by A's request
    network.send(network.seal(metadata=REQUEST))
    case = Case.objects.get()
    # when A sends a follow-up naming the same reference
    follow_up = {"kind": "follow-up", "payload": {"note": "more"}, "sender_reference": "x"}
    reply = network.send(network.seal(metadata=follow_up, documents=[b"annex"]))
    # then no new case is opened; the case records the arrival and the annex
    assert reply.status_code == 201
    assert Case.objects.count() == 1
    assert CaseEvent.objects.filter(case=case, kind="message_received").count() == 1
    assert CaseDocument.objects.filter(case=case).count() == 2


def test_an_arrival_the_case_system_refuses_is_still_receipted(network: Network) -> None:
    # given a request whose case data is invalid (no legal basis)
    bad = {"kind": "request", "payload": {"kind": "mla", "title": "t"}}
    # when it is committed
    reply = network.send(network.seal(metadata=bad))
    # then transport succeeds, no case is opened and the error waits on the inbox row
    assert reply.status_code == 201
    assert Case.objects.count() == 0
    assert InboxMessage.objects.get().delivery_error == "field.required"
    # and A is told, with a signed negative evidence naming the error
    row = OutboxMessage.objects.get(kind="evidence")
    token = Evidence.objects.get(kind="not-delivered").token
    signal = verify_evidence(token, jwks=network.b_node.public_jwks, expected_issuer="xb-central")
    assert (row.recipient_node, signal.evidence_type, signal.reason) == (
        "xa-central",
        EvidenceType.NOT_DELIVERED,
        "field.required",
    )


def test_missing_chunks_are_refused_without_storing_anything(network: Network) -> None:
    # given a message whose document part was never uploaded
    sealed = network.seal()
    network.put_chunk(sealed.header.message_id, 0, 0, sealed.part_paths[0].read_bytes())
    # when it is committed
    reply = network.commit(sealed.header.message_id, sealed.header_jws)
    # then 409 (retryable, unsigned) and nothing is stored
    assert reply.status_code == 409
    assert json.loads(reply.content)["code"] == "exchange.chunks_missing"
    assert InboxMessage.objects.count() == 0
    # and once the chunk arrives the same commit succeeds
    network.put_chunk(sealed.header.message_id, 1, 0, sealed.part_paths[1].read_bytes())
    assert network.commit(sealed.header.message_id, sealed.header_jws).status_code == 201


def test_chunk_upload_checks_digest_and_is_idempotent(network: Network) -> None:
    # given a chunk
    sealed = network.seal()
    message_id, data = sealed.header.message_id, sealed.part_paths[0].read_bytes()
    url = f"/exchange/messages/{message_id}/parts/0/chunks/0"
    # when it is sent without a digest, with a wrong one, then twice correctly, then altered
    no_digest = network.client.put(url, data=data, content_type="application/octet-stream")
    wrong = network.client.put(
        url,
        data=data,
        content_type="application/octet-stream",
        headers={"Repr-Digest": "sha-256=:" + "A" * 43 + "=:"},
    )
    first = network.put_chunk(message_id, 0, 0, data)
    same = network.put_chunk(message_id, 0, 0, data)
    other = network.put_chunk(message_id, 0, 0, data + b"x")
    listed = network.client.get(f"/exchange/messages/{message_id}/parts/0/chunks")
    # then
    assert (no_digest.status_code, wrong.status_code, first, same, other) == (
        400,
        400,
        201,
        204,
        409,
    )
    assert json.loads(listed.content) == {"received": [0]}


def test_receipt_time_is_the_commit_time(network: Network) -> None:
    # given / when
    before = datetime.now(UTC).replace(microsecond=0)
    reply = network.send(network.seal())
    # then
    receipt = verify_receipt(reply.content, jwks=network.b_node.public_jwks)
    assert before <= receipt.received_at <= datetime.now(UTC)


def test_request_payload_of_a_case_opens_an_equivalent_incoming_case(
    network: Network, open_case: Any
) -> None:
    # given an outgoing case with a person, as the requesting side would hold it
    outgoing = open_case(urgency="urgent", urgency_reason="Custody ends soon.")
    # when its request payload arrives at B
    payload = request_payload(outgoing)
    reply = network.send(
        network.seal(metadata={"kind": "request", "payload": payload}, documents=[])
    )
    # then B's incoming case carries the same data
    incoming = Case.objects.get(direction="incoming")
    assert reply.status_code == 201
    assert request_payload(incoming) == payload
    assert (incoming.requesting_state_id, incoming.urgency) == ("XA", "urgent")


def test_the_recipient_node_is_found_by_state(network: Network) -> None:
    assert peer_node_for_state("XA") == "xa-central"
    with pytest.raises(DomainError) as refused:
        peer_node_for_state("FR")
    assert refused.value.code == "exchange.no_peer_for_state"


def test_a_large_part_is_resumed_chunk_by_chunk_and_reassembled(network: Network) -> None:
    # given a 9 MiB document (two 8 MiB chunks on the wire), half uploaded
    document = os.urandom(9 * 1024 * 1024)
    sealed = network.seal(documents=[document])
    message_id = sealed.header.message_id
    chunks = list(iter_chunks(sealed.part_paths[1]))
    network.put_chunk(message_id, 0, 0, sealed.part_paths[0].read_bytes())
    network.put_chunk(message_id, 1, 0, chunks[0][1])
    # when the sender asks what is stored, sends the rest and commits
    listed = json.loads(
        network.client.get(f"/exchange/messages/{message_id}/parts/1/chunks").content
    )
    network.put_chunk(message_id, 1, 1, chunks[1][1])
    reply = network.commit(message_id, sealed.header_jws)
    # then the document arrives whole and no chunk or assembled copy is left behind
    stored = InboxDocument.objects.get()
    assert (listed, len(chunks), reply.status_code) == ({"received": [0]}, 2, 201)
    assert (Path(settings.MEDIA_ROOT) / stored.path).read_bytes() == document
    assert not incoming_dir(message_id).exists()
