"""Key rollover at a receiving node: old and new keys overlap (protocol design point 15)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from rogatory.apps.exchange.models import InboxMessage
from rogatory.apps.exchange.services.keys import forget_cached_keys, node_keys_init
from rogatory.apps.exchange.services.registry import forget_cached_registry, registry_import
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.receipts import verify_receipt, verify_receipt_with_registry
from rogatory.core.envelope.registry import NodeRegistry
from tests.exchange.conftest import Network
from tests.exchange.support import NodeEntry, build_registry

pytestmark = pytest.mark.django_db


def _overlap_registry(network: Network, new_jwks: list[dict[str, str]]) -> NodeRegistry:
    """Version 2: B lists its new keys and, for the overlap, its old ones."""
    old = network.registry.node("xb-central")
    rotated = build_registry(
        [
            *(e for e in network.entries() if e.node_id != "xb-central"),
            NodeEntry("xb-central", "XB", new_jwks),
        ],
        version=2,
    )
    nodes = []
    for node in rotated.nodes:
        if node.node_id == "xb-central":
            node = dataclasses.replace(
                node,
                signing_keys=(*node.signing_keys, *old.signing_keys),
                encryption_keys=(*node.encryption_keys, *old.encryption_keys),
            )
        nodes.append(node)
    return dataclasses.replace(rotated, nodes=tuple(nodes))


def _publish(network: Network, registry: NodeRegistry) -> None:
    registry_import(
        document=network.operators.sign(registry),
        operator_jwks=network.operators.jwks(),
        threshold=2,
    )
    forget_cached_registry()


def test_a_message_sealed_before_b_rotated_its_keys_is_received_and_receipted_with_the_new_key(
    network: Network,
) -> None:
    # given a message A sealed to B's keys, uploaded, and an earlier receipt signed by B
    earlier = network.send(network.seal())
    assert earlier.status_code == 201
    sealed = network.seal()
    network.upload(sealed)
    old_jwks = network.b_node.public_jwks
    # when B rotates its keys and the operators publish a registry listing old and new keys
    rotated = node_keys_init(node_id="xb-central", scrypt_log2_n=10, rotate=True)
    forget_cached_keys()
    overlap = _overlap_registry(network, rotated.public_jwks)
    _publish(network, overlap)
    reply = network.commit(sealed.header.message_id, sealed.header_jws)
    # then B still decrypts it with its old key, and signs the receipt with its new key
    assert reply.status_code == 201
    token = reply.content.decode()
    now = datetime.now(UTC)
    verify_receipt(token, jwks=rotated.public_jwks, expected_issuer="xb-central")
    with pytest.raises(EnvelopeError):
        verify_receipt(token, jwks=old_jwks, expected_issuer="xb-central")
    # and during the overlap both the new receipt and the earlier one verify with the registry
    assert verify_receipt_with_registry(token, registry=overlap, at=now).message_id == (
        sealed.header.message_id
    )
    verify_receipt_with_registry(earlier.content.decode(), registry=overlap, at=now)
    assert InboxMessage.objects.filter(state="accepted").count() == 2


def test_after_the_overlap_a_message_signed_with_a_retired_key_is_refused(
    network: Network,
) -> None:
    # given A rotated its signing key and the registry no longer lists the old one
    from rogatory.core.envelope.keys import NodeKeys

    old_a = network.a_keys
    network.a_keys = NodeKeys.generate()
    _publish(network, build_registry(network.entries(), version=2))
    # when a message signed with A's retired key is committed
    sealed = network.seal(keys=old_a, registry=network.registry)
    reply = network.send(sealed)
    # then it is refused with a 403 and nothing is stored
    assert (reply.status_code, reply.json()["code"]) == (403, "registry.key_unknown")
    assert InboxMessage.objects.count() == 0
