"""Sending: the outbox, the worker's claim, receipts judged by signature, retries, give-up.

This test database is node B sending to A; A is simulated in the test process behind
``federation.fake.FakeTransport`` (a fake per boundary, no mocks).
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.db import transaction

from rogatory.apps.exchange.models import Evidence, OutboxMessage
from rogatory.apps.exchange.services.outbox import (
    message_enqueue,
    outbox_claim_due,
    outbox_process_due,
    outbox_resend,
)
from rogatory.apps.exchange.services.pull import outbox_accept_signal
from rogatory.core.envelope.fields import new_uuid7
from rogatory.core.envelope.header import header_sha256, verify_header
from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.envelope.receipts import Receipt, sign_receipt, verify_evidence
from rogatory.core.envelope.seal import Document
from rogatory.core.errors import DomainError
from rogatory.federation.batch import INLINE_LIMIT, decode_batch, encode_results
from rogatory.federation.fake import FakeTransport
from rogatory.federation.policy import DEFAULT_POLICY, retry_schedule
from rogatory.federation.transport import Response
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db


@dataclass
class FakeNodeA:
    """Just enough of node A: stores chunks, verifies the header, signs (and keeps) receipts."""

    network: Network
    keys: NodeKeys
    signer: NodeKeys | None = None
    receipts: dict[str, bytes] = field(default_factory=dict)
    commits: int = 0

    def __call__(self, method: str, url: str, body: bytes, headers: Mapping[str, str]) -> Response:
        path = urlsplit(url).path
        if method == "PUT":
            return Response(201)
        if method == "GET":
            return Response(200, "application/json", b'{"received":[]}')
        if path.endswith("/batch"):
            # The batched commit: each message answered as its own commit (federation.batch).
            messages = decode_batch(body)
            return Response(
                200,
                "application/json",
                encode_results(
                    [
                        (m.message_id, self.commit(m.header_jws.encode(), m.message_id))
                        for m in messages
                    ]
                ),
            )
        message_id = path.rsplit("/", 2)[-2]
        assert path.endswith(f"/messages/{message_id}/commit")
        return self.commit(body, message_id)

    def commit(self, body: bytes, message_id: str) -> Response:
        self.commits += 1
        header = verify_header(
            body, registry=self.network.registry, recipient="xa-central", now=datetime.now(UTC)
        )
        assert header.message_id == message_id
        if header.message_id not in self.receipts:
            receipt = Receipt(
                new_uuid7(),
                header.message_id,
                header.sender,
                header.recipient,
                header_sha256(body.decode()),
                datetime.now(UTC).replace(microsecond=0),
                "checkpoint",
            )
            token = sign_receipt(receipt, key=(self.signer or self.keys).signing)
            self.receipts[header.message_id] = token.encode()
            return Response(201, "application/jose", self.receipts[header.message_id])
        return Response(200, "application/jose", self.receipts[header.message_id])


def _enqueue(now: datetime | None = None, *, document_size: int = 0) -> OutboxMessage:
    documents = []
    if document_size:
        documents = [Document(io.BytesIO(os.urandom(document_size)), "evidence.bin")]
    with transaction.atomic():
        return message_enqueue(
            case=None,
            kind="ping",
            payload={"n": 1},
            documents=documents,
            recipient_node="xa-central",
            now=now,
        )


@pytest.fixture
def node_a(network: Network) -> FakeNodeA:
    return FakeNodeA(network, network.a_keys)


def test_the_worker_delivers_and_records_the_verified_receipt(
    network: Network, node_a: FakeNodeA
) -> None:
    # given a queued message
    message = _enqueue()
    transport = FakeTransport(node_a)
    # when the worker runs once
    handled = outbox_process_due(transport=transport)
    # then it is delivered with A's receipt stored, in one batched commit (it is small)
    message.refresh_from_db()
    assert (handled, message.state, message.attempts) == (1, "delivered", 1)
    assert message.receipt_jws.encode() == node_a.receipts[message.message_id]
    assert [(r.method, urlsplit(r.url).path) for r in transport.requests] == [
        ("POST", "/exchange/batch")
    ]
    assert list(Evidence.objects.values_list("kind", "issuer_node")) == [("receipt", "xa-central")]


def test_small_messages_to_one_node_go_in_one_request_and_each_gets_its_receipt(
    network: Network, node_a: FakeNodeA
) -> None:
    # given five small messages queued for the same node
    messages = [_enqueue(document_size=1024) for _ in range(5)]
    transport = FakeTransport(node_a)
    # when the worker runs once
    outbox_process_due(transport=transport)
    # then one request carried them all and each holds its own receipt
    assert [r.method for r in transport.requests] == ["POST"]
    for message in messages:
        message.refresh_from_db()
        assert (message.state, message.attempts) == ("delivered", 1)
        assert message.receipt_jws.encode() == node_a.receipts[message.message_id]
    assert Evidence.objects.filter(kind="receipt").count() == 5


def test_a_message_too_large_to_go_inline_is_uploaded_in_chunks_then_committed(
    network: Network, node_a: FakeNodeA
) -> None:
    # given a message whose parts exceed the inline limit
    message = _enqueue(document_size=INLINE_LIMIT + 1)
    transport = FakeTransport(node_a)
    # when the worker runs once
    outbox_process_due(transport=transport)
    # then its parts went as chunks before the commit, and it is delivered
    message.refresh_from_db()
    assert message.state == "delivered"
    assert [r.method for r in transport.requests] == ["PUT", "PUT", "POST"]
    assert urlsplit(transport.requests[-1].url).path.endswith("/commit")


def test_a_peer_without_batches_gets_the_messages_one_by_one(
    network: Network, node_a: FakeNodeA
) -> None:
    # given a peer that answers 404 to a batch (an older node)
    def no_batches(method: str, url: str, body: bytes, headers: Mapping[str, str]) -> Response:
        if urlsplit(url).path.endswith("/batch"):
            return Response(404, "text/html", b"not found")
        return node_a(method, url, body, headers)

    message = _enqueue()
    transport = FakeTransport(no_batches)
    # when the worker runs once
    outbox_process_due(transport=transport)
    # then the message was sent again by the chunked path and delivered
    message.refresh_from_db()
    assert message.state == "delivered"
    assert [r.method for r in transport.requests] == ["POST", "PUT", "POST"]


def test_a_lost_receipt_is_retried_and_the_duplicate_is_suppressed(
    network: Network, node_a: FakeNodeA
) -> None:
    # given a message whose first commit answer is lost on the way back
    message = _enqueue()
    transport = FakeTransport(node_a, lose_commit_replies=1)
    start = datetime.now(UTC)
    # when the worker runs, and again once the retry is due
    outbox_process_due(transport=transport, now=start)
    message.refresh_from_db()
    first_state, due = message.state, message.next_attempt_at
    outbox_process_due(transport=transport, now=start + timedelta(seconds=30))
    # then A processed two commits but issued one receipt, which B recorded
    message.refresh_from_db()
    assert (first_state, due) == ("pending", start + timedelta(seconds=30))
    assert (node_a.commits, len(node_a.receipts), message.state) == (2, 1, "delivered")


def test_retries_follow_the_policy_then_fail_with_signed_non_delivery(network: Network) -> None:
    # given a message queued now and a peer that stays down for 80 hours
    queued = datetime.now(UTC).replace(microsecond=0)
    message = _enqueue(now=queued)
    transport = FakeTransport(down=True)
    attempts: list[datetime] = []
    # when the worker runs at every due time
    clock = queued
    while True:
        message.refresh_from_db()
        if message.state == "failed":
            break
        clock = message.next_attempt_at or clock
        outbox_process_due(transport=transport, now=clock)
        attempts.append(clock)
    # then the attempts match the policy exactly: 30 s doubling, 1 h cap, last one at 72 h
    assert attempts == retry_schedule(DEFAULT_POLICY, queued)
    assert attempts[-1] == queued + timedelta(hours=72)
    assert [b - a for a, b in itertools.pairwise(attempts)][:8] == [
        timedelta(seconds=30 * 2**i) for i in range(7)
    ] + [timedelta(hours=1)]
    # and a non-delivery evidence signed by this node records the failure
    evidence = Evidence.objects.get()
    signal = verify_evidence(evidence.token, jwks=network.b_node.public_jwks)
    assert (message.failure_reason, signal.evidence_type.value, signal.issuer) == (
        "non-delivery",
        "non-delivery",
        "xb-central",
    )


def test_a_manual_resend_after_failure_keeps_the_message_id(
    network: Network, node_a: FakeNodeA
) -> None:
    # given a message that failed after 72 h
    queued = datetime.now(UTC) - timedelta(hours=80)
    message = _enqueue(now=queued)
    OutboxMessage.objects.filter(pk=message.pk).update(
        state="failed", failure_reason="non-delivery"
    )
    # when the operator resends it and A is up
    outbox_resend(message_id=message.message_id)
    outbox_process_due(transport=FakeTransport(node_a))
    # then it is delivered once, under the same id
    message.refresh_from_db()
    assert (message.state, list(node_a.receipts)) == ("delivered", [message.message_id])


def test_a_receipt_signed_by_the_wrong_key_is_ignored(network: Network) -> None:
    # given a peer whose receipts are signed by C's key
    message = _enqueue()
    liar = FakeNodeA(network, network.a_keys, signer=network.c_keys)
    # when the worker sends
    outbox_process_due(transport=FakeTransport(liar))
    # then the message is retried later, not delivered, and nothing is recorded
    message.refresh_from_db()
    assert (message.state, message.last_error, message.receipt_jws) == (
        "pending",
        "receipt.invalid",
        "",
    )
    assert Evidence.objects.count() == 0


def test_an_unsigned_refusal_is_retried(network: Network) -> None:
    # given a peer that answers an unsigned 400
    message = _enqueue()

    def refuse(method: str, url: str, body: bytes, headers: Mapping[str, str]) -> Response:
        if method == "PUT":
            return Response(201)
        return Response(400, "application/json", b'{"code":"x","message":"x","params":{}}')

    # when
    outbox_process_due(transport=FakeTransport(refuse))
    # then
    message.refresh_from_db()
    assert (message.state, message.last_error) == ("pending", "http.400")


def test_a_due_row_is_claimed_by_one_worker_only(network: Network) -> None:
    # given one due message
    _enqueue()
    now = datetime.now(UTC)
    # when two workers claim at the same time
    first, second = outbox_claim_due(now=now), outbox_claim_due(now=now)
    # then one wins it; after the lease expires it may be claimed again
    assert (len(first), len(second)) == (1, 0)
    assert len(outbox_claim_due(now=now + timedelta(minutes=6))) == 1


@pytest.mark.django_db(transaction=True)
def test_enqueue_outside_a_transaction_is_refused(network: Network) -> None:
    # given no transaction / when / then
    with pytest.raises(DomainError) as refused:
        message_enqueue(
            case=None, kind="ping", payload={}, documents=[], recipient_node="xa-central"
        )
    assert refused.value.code == "exchange.transaction_required"
    assert OutboxMessage.objects.count() == 0


def test_a_receipt_after_give_up_is_recorded_with_a_conflict_alert(
    network: Network, node_a: FakeNodeA
) -> None:
    # given a message B gave up on, which A had in fact received
    message = _enqueue()
    token = node_a(
        "POST",
        f"https://a/exchange/messages/{message.message_id}/commit",
        message.header_jws.encode(),
        {},
    ).body
    OutboxMessage.objects.filter(pk=message.pk).update(
        state="failed", failure_reason="non-delivery"
    )
    # when A's receipt arrives late (pull mode answer)
    state = outbox_accept_signal(
        message_id=message.message_id,
        content_type="application/jose",
        body=token,
        peer=message.recipient_node,
    )
    # then the receipt is kept, the row stays failed and is flagged as a conflict
    message.refresh_from_db()
    assert (state, message.state, message.conflict) == ("failed", "failed", True)
    assert message.receipt_jws.encode() == token
    assert list(Evidence.objects.values_list("kind", flat=True)) == ["receipt"]
