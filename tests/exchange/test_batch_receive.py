"""Node B receiving batched commits (federation.batch) and binding commits to the TLS peer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rogatory.apps.exchange.models import Evidence, InboxMessage
from rogatory.apps.exchange.services.inbox import message_commit
from rogatory.apps.exchange.services.inbox_batch import messages_commit_batch
from rogatory.apps.exchange.storage import documents_dir
from rogatory.core.envelope.receipts import verify_receipt
from rogatory.core.envelope.seal import SealedEnvelope
from rogatory.federation.batch import InlineMessage, decode_results, encode_batch
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db


def _inline(sealed: SealedEnvelope) -> InlineMessage:
    return InlineMessage(
        sealed.header.message_id,
        sealed.header_jws,
        tuple(path.read_bytes() for path in sealed.part_paths),
    )


def _post(network: Network, messages: list[InlineMessage]) -> Any:
    return network.client.post(
        "/exchange/batch", data=encode_batch(messages), content_type="application/json"
    )


def test_each_message_of_a_batch_gets_its_own_signed_receipt(network: Network) -> None:
    # given three small messages from A
    sealed = [network.seal(documents=[f"doc {n}".encode()]) for n in range(3)]
    # when A commits them in one batch
    reply = _post(network, [_inline(s) for s in sealed])
    # then each is stored once with its documents, and answered with a receipt B signed for it
    assert reply.status_code == 200
    results = decode_results(reply.content, [s.header.message_id for s in sealed])
    b_jwks = network.b_node.public_jwks
    for s in sealed:
        answer = results[s.header.message_id]
        assert (answer.status, answer.content_type) == (201, "application/jose")
        receipt = verify_receipt(answer.body.decode(), jwks=b_jwks, expected_issuer="xb-central")
        assert receipt.message_id == s.header.message_id
    rows = InboxMessage.objects.order_by("id")
    assert [r.message_id for r in rows] == [s.header.message_id for s in sealed]
    assert [r.documents.count() for r in rows] == [1, 1, 1]
    assert Evidence.objects.filter(kind="receipt").count() == 3


def test_a_batch_repeated_gets_the_byte_identical_receipts(network: Network) -> None:
    # given a batch that was received once
    sealed = [network.seal() for _ in range(2)]
    ids = [s.header.message_id for s in sealed]
    first = decode_results(_post(network, [_inline(s) for s in sealed]).content, ids)
    # when the same batch comes again (its answer was lost on the way back)
    second = decode_results(_post(network, [_inline(s) for s in sealed]).content, ids)
    # then the stored receipts come back byte for byte and nothing more is stored
    assert [second[i].body for i in ids] == [first[i].body for i in ids]
    assert [second[i].status for i in ids] == [200, 200]
    assert InboxMessage.objects.count() == 2


def test_a_tampered_message_is_rejected_alone_and_the_rest_of_the_batch_is_received(
    network: Network,
) -> None:
    # given a batch whose second message has one flipped bit in a document part
    good, bad = network.seal(), network.seal()
    broken = _inline(bad)
    part = bytearray(broken.parts[1])
    part[-1] ^= 1
    broken = InlineMessage(broken.message_id, broken.header_jws, (broken.parts[0], bytes(part)))
    # when it is committed
    reply = _post(network, [_inline(good), broken])
    results = decode_results(reply.content, [good.header.message_id, bad.header.message_id])
    # then the good one is receipted and the bad one gets a signed rejection, stored as such
    assert results[good.header.message_id].status == 201
    rejected = results[bad.header.message_id]
    assert rejected.status == 422
    assert json.loads(rejected.body)["code"] == "integrity.ciphertext_sha256"
    assert "evidence" in json.loads(rejected.body)
    states = dict(InboxMessage.objects.values_list("message_id", "state"))
    assert states == {good.header.message_id: "accepted", bad.header.message_id: "rejected"}
    assert InboxMessage.objects.get(message_id=bad.header.message_id).documents.count() == 0
    # and no decrypted file of the rejected message is left on disk
    written = {p.name.split(".")[0] for p in documents_dir().rglob("*") if p.is_file()}
    assert written == {good.header.message_id}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"not json", "batch.malformed"),
        (b'{"messages": []}', "batch.malformed"),
        (b'{"messages": [{"message_id": "x", "header": "y", "parts": ["!!"]}]}', "batch.malformed"),
    ],
)
def test_an_unreadable_batch_is_refused_whole_and_nothing_is_stored(
    network: Network, body: bytes, code: str
) -> None:
    # given a batch that cannot be read
    # when it is posted
    reply = network.client.post("/exchange/batch", data=body, content_type="application/json")
    # then it is refused with a 400 naming the problem, and nothing is stored
    assert (reply.status_code, reply.json()["code"]) == (400, code)
    assert InboxMessage.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_a_batch_with_the_same_message_twice_is_refused(network: Network) -> None:
    # given one message put twice in a batch
    message = _inline(network.seal())
    body = encode_batch([message, message])
    # when it is posted
    reply = network.client.post("/exchange/batch", data=body, content_type="application/json")
    # then the batch is refused and nothing stored
    assert (reply.status_code, reply.json()["code"]) == (400, "batch.duplicate_message")
    assert InboxMessage.objects.count() == 0


def test_a_message_signed_by_another_node_than_the_tls_peer_is_refused(
    network: Network,
) -> None:
    # given a message signed by A, arriving over a connection mutual TLS authenticated as C
    sealed = network.seal()
    network.upload(sealed)
    # when it is committed, alone and in a batch
    single = message_commit(
        message_id=sealed.header.message_id,
        header_jws=sealed.header_jws.encode(),
        peer="xc-central",
    )
    (batched,) = messages_commit_batch(messages=[_inline(network.seal())], peer="xc-central")
    # then both are refused with a 403 and nothing is stored
    assert (single.status, json.loads(single.body)["code"]) == (403, "exchange.peer_mismatch")
    assert (batched.status, json.loads(batched.body)["code"]) == (403, "exchange.peer_mismatch")
    assert InboxMessage.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_a_message_from_the_authenticated_peer_itself_is_received(network: Network) -> None:
    # given a message signed by A over a connection authenticated as A
    # when it is committed in a batch
    (answer,) = messages_commit_batch(messages=[_inline(network.seal())], peer="xa-central")
    # then it is receipted
    assert answer.status == 201
    assert InboxMessage.objects.count() == 1
