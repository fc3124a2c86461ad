"""Witnessing (c2sp.org/tlog-witness): B cosigns A's checkpoints only along one append-only
history, over HTTP; and B publishes its own checkpoints to witnesses and keeps their
cosignatures."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from django.utils import timezone

from rogatory.apps.audit.models import AuditCosignature, WitnessedLog
from rogatory.apps.audit.services import (
    NodeSigner,
    WitnessPeer,
    audit_checkpoint_make,
    audit_checkpoint_publish,
    latest_audit_checkpoint,
    registry_witness_peers,
)
from rogatory.core.audit.checkpoint import (
    Checkpoint,
    CosignatureVerifier,
    cosign,
    log_origin,
    parse_checkpoint,
    parse_note,
    sign_checkpoint,
    verified_by,
    verify_checkpoint,
    witness_name,
)
from rogatory.core.audit.merkle import (
    consistency_proof_from_leaves,
    leaf_hash,
    root_hash,
    verify_consistency,
)
from rogatory.core.audit.witness import (
    SIZE_CONTENT_TYPE,
    format_add_checkpoint,
    parse_add_checkpoint,
)
from rogatory.core.envelope.keys import NodeKeys
from rogatory.federation.fake import FakeTransport
from rogatory.federation.transport import Response

pytestmark = pytest.mark.django_db
URL = "/exchange/witness/add-checkpoint"


@pytest.fixture
def client(settings: Any, registry: None) -> Client:
    settings.ROOT_URLCONF = "rogatory.apps.audit.tests.urls"
    return Client()


@dataclass
class Log:
    """Node A's audit log, kept in the test: leaves, signed checkpoints, proofs."""

    key: Ed25519PrivateKey
    leaves: list[bytes] = field(default_factory=list)

    def grow(self, n: int, tag: str = "") -> None:
        start = len(self.leaves)
        self.leaves += [leaf_hash(f"A event {tag}{i}".encode()) for i in range(start, start + n)]

    def note(self, size: int | None = None, key: Ed25519PrivateKey | None = None) -> str:
        size = len(self.leaves) if size is None else size
        checkpoint = Checkpoint(log_origin("xa-central"), size, root_hash(self.leaves[:size]))
        return sign_checkpoint(checkpoint, key or self.key)

    def body(self, old: int, size: int | None = None) -> bytes:
        size = len(self.leaves) if size is None else size
        proof = consistency_proof_from_leaves(old, self.leaves[:size]) if old else []
        return format_add_checkpoint(old, proof, self.note(size))


def post(client: Client, body: bytes) -> Any:
    return client.post(URL, data=body, content_type="text/plain")


@pytest.fixture
def log_a(a_keys: NodeKeys) -> Log:
    log = Log(a_keys.signing)
    log.grow(100)
    return log


def test_a_first_checkpoint_is_trusted_and_cosigned(
    client: Client, log_a: Log, node_b: NodeSigner
) -> None:
    # when A submits its first checkpoint (old size 0, no proof)
    reply = post(client, log_a.body(0))
    # then B cosigns it with its witness key and records it
    assert reply.status_code == 200
    line = reply.content.decode()
    cosigned = parse_note(log_a.note() + line)
    verifier = CosignatureVerifier(witness_name("xb-central"), node_b.key.public_key())
    assert verified_by(cosigned, [verifier]) == [verifier]
    state = WitnessedLog.objects.get(origin_node="xa-central")
    assert (state.tree_size, state.root_hash) == (100, root_hash(log_a.leaves).hex())


def test_a_consistent_extension_is_cosigned(client: Client, log_a: Log) -> None:
    # given B cosigned A at 100 events
    assert post(client, log_a.body(0)).status_code == 200
    # when A grows to 1,337 and sends a proof from 100
    log_a.grow(1237)
    reply = post(client, log_a.body(100))
    # then B cosigns and now records 1,337
    assert reply.status_code == 200
    assert WitnessedLog.objects.get(origin_node="xa-central").tree_size == 1337
    # and the same checkpoint again (same size, same root) is cosigned again
    assert post(client, log_a.body(1337)).status_code == 200


def test_a_forked_history_is_rejected(client: Client, log_a: Log) -> None:
    # given B cosigned A at 100 events
    assert post(client, log_a.body(0)).status_code == 200
    # when A rewrites event 42 and grows to 150, then proves "consistency" from 100
    forked = Log(log_a.key, [*log_a.leaves[:42], leaf_hash(b"rewritten"), *log_a.leaves[43:]])
    forked.grow(50, tag="fork")
    reply = post(client, forked.body(100))
    # then the proof does not link B's recorded root to the fork: 422, nothing recorded
    assert reply.status_code == 422
    assert reply.content == b"witness.proof_invalid\n"
    assert WitnessedLog.objects.get(origin_node="xa-central").tree_size == 100


def test_another_root_at_the_recorded_size_is_a_conflict(client: Client, log_a: Log) -> None:
    # given B cosigned A at 100 events
    assert post(client, log_a.body(0)).status_code == 200
    # when A presents a different tree of the same size (a split view)
    other = Log(log_a.key)
    other.grow(100, tag="other")
    reply = post(client, other.body(100))
    # then 409 with B's recorded size, as tlog-witness specifies
    assert reply.status_code == 409
    assert reply["Content-Type"] == SIZE_CONTENT_TYPE
    assert reply.content == b"100\n"


def test_a_rolled_back_checkpoint_is_a_conflict(client: Client, log_a: Log) -> None:
    # given B cosigned A at 100 events
    assert post(client, log_a.body(0)).status_code == 200
    # when A presents its tree at 60 events, claiming B last saw 60 (or nothing)
    for old in (60, 0):
        reply = post(client, log_a.body(old, size=60))
        # then 409: B's recorded size is 100
        assert (reply.status_code, reply.content) == (409, b"100\n")
    # and a claimed old size beyond the checkpoint is a bad request
    beyond = format_add_checkpoint(100, [], log_a.note(60))
    assert (post(client, beyond).status_code, post(client, beyond).content) == (
        400,
        b"witness.old_size_invalid\n",
    )


def test_a_checkpoint_not_signed_by_the_origin_registry_key_is_forbidden(
    client: Client, log_a: Log
) -> None:
    body = format_add_checkpoint(0, [], log_a.note(key=Ed25519PrivateKey.generate()))
    reply = post(client, body)
    assert (reply.status_code, reply.content) == (403, b"witness.signature_invalid\n")
    assert not WitnessedLog.objects.exists()


def test_an_unknown_origin_is_not_found(client: Client, log_a: Log) -> None:
    stranger = sign_checkpoint(
        Checkpoint(log_origin("xq-central"), 1, root_hash(log_a.leaves[:1])), log_a.key
    )
    reply = post(client, format_add_checkpoint(0, [], stranger))
    assert (reply.status_code, reply.content) == (404, b"witness.origin_unknown\n")


@pytest.mark.parametrize(
    "body",
    [b"", b"old 0\n", b"old x\n\nnote", b"old 0\n\nrogatory.node/xa-central\n1\n", b"\xff\xfe"],
)
def test_a_malformed_request_is_unprocessable(client: Client, body: bytes) -> None:
    assert post(client, body).status_code == 422


def test_a_request_that_is_not_a_post_or_too_large_is_refused(client: Client) -> None:
    assert client.get(URL).status_code == 405
    assert post(client, b"x" * 20_000).status_code == 413


# --- B as a log: publishing to witnesses ----------------------------------------------------


@dataclass
class FakeWitness:
    """A tlog-witness in memory, with its own key, checking what B publishes."""

    node_id: str
    log_key: Any
    key: Ed25519PrivateKey = field(default_factory=lambda: NodeKeys.generate().signing)
    size: int = 0
    root: bytes = b""
    seen_old_sizes: list[int] = field(default_factory=list)

    def peer(self) -> WitnessPeer:
        return WitnessPeer(
            self.node_id, f"https://{self.node_id}.test/exchange", (self.key.public_key(),)
        )

    def handle(self, body: bytes) -> Response:
        request = parse_add_checkpoint(body)
        self.seen_old_sizes.append(request.old_size)
        checkpoint = verify_checkpoint(request.note, [self.log_key])
        if request.old_size != self.size:
            return Response(409, SIZE_CONTENT_TYPE, f"{self.size}\n".encode())
        if self.size and not verify_consistency(
            self.size, checkpoint.size, self.root, checkpoint.root, request.proof
        ):
            return Response(422)
        self.size, self.root = checkpoint.size, checkpoint.root
        line = cosign(checkpoint.body(), name=witness_name(self.node_id), key=self.key, timestamp=9)
        return Response(200, "text/plain", line.line().encode())


def _transport(witnesses: list[FakeWitness]) -> FakeTransport:
    by_host = {w.node_id: w for w in witnesses}

    def handler(method: str, url: str, body: bytes, headers: Mapping[str, str]) -> Response:
        assert (method, url.split("/", 3)[3]) == ("POST", "exchange/witness/add-checkpoint")
        return by_host[url.split("/")[2].removesuffix(".test")].handle(body)

    return FakeTransport(handler=handler)


def test_publishing_stores_two_cosignatures_and_extends_from_the_last_cosigned_size(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given two witnesses and a first checkpoint of B's log
    witnesses = [FakeWitness(n, node_b.key.public_key()) for n in ("xa-central", "xc-central")]
    transport = _transport(witnesses)
    append_events(120)
    audit_checkpoint_make()
    # when it is published
    result = audit_checkpoint_publish(transport, [w.peer() for w in witnesses])
    # then both cosigned, and the receipt quote carries both cosignatures
    assert result is not None
    assert (result.tree_size, result.cosigned, result.failed) == (
        120,
        ["xa-central", "xc-central"],
        {},
    )
    quoted = parse_note(latest_audit_checkpoint())
    verifiers = [
        CosignatureVerifier(witness_name(w.node_id), w.key.public_key()) for w in witnesses
    ]
    assert verified_by(quoted, verifiers) == verifiers
    # when the log grows and the next checkpoint is published
    append_events(1000)
    audit_checkpoint_make()
    result = audit_checkpoint_publish(transport, [w.peer() for w in witnesses])
    # then each witness got a proof from 120, verified it and cosigned 1,120
    assert result is not None
    assert (result.tree_size, result.cosigned) == (1120, ["xa-central", "xc-central"])
    assert [w.seen_old_sizes for w in witnesses] == [[0, 120], [0, 120]]
    assert AuditCosignature.objects.filter(checkpoint__tree_size=1120).count() == 2
    # and publishing again sends nothing: both already hold it
    sent = len(transport.requests)
    audit_checkpoint_publish(transport, [w.peer() for w in witnesses])
    assert len(transport.requests) == sent


def test_publishing_retries_from_the_size_a_witness_reports(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given a witness that cosigned B at 50 but whose cosignature B never stored
    witness = FakeWitness("xa-central", node_b.key.public_key())
    append_events(50)
    audit_checkpoint_make()
    row_note = latest_audit_checkpoint()
    checkpoint, _ = parse_checkpoint(row_note)
    witness.size, witness.root = checkpoint.size, checkpoint.root
    append_events(1000)
    audit_checkpoint_make()
    # when B publishes (from size 0, it believes)
    result = audit_checkpoint_publish(_transport([witness]), [witness.peer()])
    # then the 409 tells it 50; the retry from 50 is cosigned
    assert result is not None
    assert (result.cosigned, witness.seen_old_sizes) == (["xa-central"], [0, 50])


def test_a_witness_that_is_down_or_answers_garbage_is_reported(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    append_events(5)
    audit_checkpoint_make()
    peer = FakeWitness("xa-central", node_b.key.public_key()).peer()
    down = FakeTransport(down=True)
    garbage = FakeTransport(handler=lambda *_: Response(200, "text/plain", b"not a signature\n"))
    result_down = audit_checkpoint_publish(down, [peer])
    result_garbage = audit_checkpoint_publish(garbage, [peer])
    assert result_down is not None
    assert result_garbage is not None
    assert result_down.failed == {"xa-central": "transport.connection"}
    assert result_garbage.failed == {"xa-central": "witness.response_malformed"}
    assert not AuditCosignature.objects.exists()


def test_nothing_is_published_before_the_first_checkpoint(node_b: NodeSigner) -> None:
    assert audit_checkpoint_publish(FakeTransport(), []) is None


def test_witness_peers_come_from_the_registry(registry: None, a_keys: NodeKeys) -> None:
    # given the registry lists A, when the worker asks for A as a witness
    (peer,) = registry_witness_peers(["xa-central"], timezone.now())
    # then it gets A's registry endpoint and signing key
    assert (peer.node_id, peer.endpoint) == (
        "xa-central",
        "https://xa-central.example.test/exchange",
    )
    assert [k.public_bytes_raw() for k in peer.keys] == [
        a_keys.signing.public_key().public_bytes_raw()
    ]
