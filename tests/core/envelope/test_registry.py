"""Signed node registry: k-of-n signatures, rollback, expiry, key validity and revocation."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwcrypto import jwk as jwcrypto_jwk
from jwcrypto import jws as jwcrypto_jws

from rogatory.core.envelope.encoding import b64url_decode, b64url_encode
from rogatory.core.envelope.errors import RegistryError
from rogatory.core.envelope.keys import NodeKeys, public_jwk
from rogatory.core.envelope.registry import (
    KeyStatus,
    NodeRegistry,
    NodeStatus,
    RegistryKey,
    RegistryTrust,
    registry_payload_sha256,
    sign_registry,
    verify_registry,
)
from tests.core.envelope.helpers import NOW, YEAR, Node, flip_bit, make_registry, registry_node


def test_registry_signed_by_two_of_three_operators_verifies(
    registry: NodeRegistry, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    document = sign_registry(registry, operators[:2])
    # when
    verified = verify_registry(document, trust=trust, now=NOW)
    # then
    assert verified.to_payload() == registry.to_payload()
    assert len(registry_payload_sha256(document)) == 64


def test_single_operator_signature_is_insufficient(
    registry: NodeRegistry, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    document = sign_registry(registry, operators[:1])
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(document, trust=trust, now=NOW)
    assert (caught.value.code, caught.value.params) == (
        "registry.signatures_insufficient",
        {"valid": 1, "threshold": 2},
    )


def test_same_operator_signing_twice_counts_once(
    registry: NodeRegistry, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    document = sign_registry(registry, [operators[0], operators[0]])
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(document, trust=trust, now=NOW)
    assert caught.value.code == "registry.signatures_insufficient"


def test_signatures_by_unknown_keys_do_not_count(
    registry: NodeRegistry, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    strangers = [Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()]
    document = sign_registry(registry, [operators[0], *strangers])
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(document, trust=trust, now=NOW)
    assert caught.value.code == "registry.signatures_insufficient"


def test_flipped_bit_in_payload_invalidates_every_signature(
    registry: NodeRegistry, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    outer = json.loads(sign_registry(registry, operators))
    outer["payload"] = b64url_encode(flip_bit(b64url_decode(outer["payload"]), 100))
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(json.dumps(outer).encode(), trust=trust, now=NOW)
    assert caught.value.params == {"valid": 0, "threshold": 2}


def test_flipped_bit_in_one_signature_leaves_too_few(
    registry: NodeRegistry, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    outer = json.loads(sign_registry(registry, operators[:2]))
    signature = b64url_decode(outer["signatures"][1]["signature"])
    outer["signatures"][1]["signature"] = b64url_encode(flip_bit(signature, 7))
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(json.dumps(outer).encode(), trust=trust, now=NOW)
    assert caught.value.code == "registry.signatures_insufficient"


def test_older_version_is_rejected_as_rollback(
    xa: Node, xb: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given: version 7 was accepted before; an attacker replays a validly signed version 6
    old = make_registry(registry_node(xa), registry_node(xb), version=6)
    document = sign_registry(old, operators)
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(document, trust=trust, now=NOW, min_version=7)
    assert (caught.value.code, caught.value.params) == (
        "registry.rollback",
        {"version": 6, "min_version": 7},
    )


def test_same_or_newer_version_is_accepted(
    xa: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    document = sign_registry(make_registry(registry_node(xa), version=7), operators)
    # when
    verified = verify_registry(document, trust=trust, now=NOW, min_version=7)
    # then
    assert verified.version == 7


def test_expired_registry_is_rejected(
    xa: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    stale = make_registry(registry_node(xa), issued=NOW - timedelta(days=31), expires=NOW)
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(sign_registry(stale, operators), trust=trust, now=NOW)
    assert caught.value.code == "registry.expired"


def test_registry_issued_in_the_future_is_rejected(
    xa: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    # given
    future = make_registry(registry_node(xa), issued=NOW + timedelta(hours=1))
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(sign_registry(future, operators), trust=trust, now=NOW)
    assert caught.value.code == "registry.not_yet_valid"


@pytest.mark.parametrize(
    "document",
    [b"", b"[]", b'{"payload":"e30","signatures":[],"x":1}', b"\xff", b'{"payload":1}'],
)
def test_malformed_registry_is_a_typed_error(document: bytes, trust: RegistryTrust) -> None:
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(document, trust=trust, now=NOW)
    assert caught.value.code == "registry.malformed"


def test_oversized_registry_is_rejected_before_parsing(trust: RegistryTrust) -> None:
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_registry(b" " * (5 * 1024 * 1024), trust=trust, now=NOW)
    assert caught.value.code == "registry.too_large"


def test_second_jose_implementation_verifies_each_operator_signature(
    registry: NodeRegistry, operators: list[Ed25519PrivateKey]
) -> None:
    # given
    document = sign_registry(registry, operators[:2]).decode()
    # when
    verified = []
    for operator in operators[:2]:
        token = jwcrypto_jws.JWS()
        token.deserialize(document)
        token.allowed_algs = ["Ed25519"]
        token.verify(jwcrypto_jwk.JWK(**public_jwk(operator.public_key())))
        verified.append(json.loads(token.payload)["version"])
    # then
    assert verified == [1, 1]


# --- look-ups ---------------------------------------------------------------------------------


def test_signing_key_lookup_returns_the_listed_key(xa: Node, registry: NodeRegistry) -> None:
    # when
    key = registry.signing_key(xa.node_id, xa.keys.signing_kid, NOW)
    # then
    assert key == xa.keys.signing.public_key()


@pytest.mark.parametrize(
    ("node_status", "key_status", "shift", "code"),
    [
        (NodeStatus.REVOKED, KeyStatus.ACTIVE, timedelta(0), "registry.node_revoked"),
        (NodeStatus.ACTIVE, KeyStatus.REVOKED, timedelta(0), "registry.key_revoked"),
        (NodeStatus.ACTIVE, KeyStatus.ACTIVE, 2 * YEAR, "registry.key_expired"),
        (NodeStatus.ACTIVE, KeyStatus.ACTIVE, -2 * YEAR, "registry.key_not_yet_valid"),
    ],
)
def test_unusable_signing_keys_are_refused(
    xa: Node, node_status: NodeStatus, key_status: KeyStatus, shift: timedelta, code: str
) -> None:
    # given
    registry = make_registry(registry_node(xa, status=node_status, key_status=key_status))
    # when / then
    with pytest.raises(RegistryError) as caught:
        registry.signing_key(xa.node_id, xa.keys.signing_kid, NOW + shift)
    assert caught.value.code == code


def test_unknown_node_and_unknown_kid_are_refused(xa: Node, registry: NodeRegistry) -> None:
    # when / then
    with pytest.raises(RegistryError) as unknown_node:
        registry.signing_key("xz-central", xa.keys.signing_kid, NOW)
    with pytest.raises(RegistryError) as unknown_kid:
        registry.signing_key(xa.node_id, "no-such-kid", NOW)
    assert unknown_node.value.code == "registry.node_unknown"
    assert unknown_kid.value.code == "registry.key_unknown"


def test_rotation_overlap_accepts_old_and_new_keys(xa: Node) -> None:
    # given: old key valid until NOW + 3 days, new key valid from NOW - 4 days (7-day overlap)
    new = NodeKeys.generate()
    rotated = make_registry(
        registry_node(
            xa,
            not_after=NOW + timedelta(days=3),
            extra_signing=(
                RegistryKey(new.signing.public_key(), NOW - timedelta(days=4), NOW + YEAR),
            ),
        )
    )
    # when
    during = rotated.signing_keys(xa.node_id, NOW)
    after = rotated.signing_keys(xa.node_id, NOW + timedelta(days=3))
    # then
    assert during == [xa.keys.signing.public_key(), new.signing.public_key()]
    assert after == [new.signing.public_key()]


def test_newest_valid_encryption_key_is_chosen_for_sending(xa: Node) -> None:
    # given
    new = NodeKeys.generate()
    node = registry_node(xa)
    newer = RegistryKey(new.encryption.public_key(), NOW - timedelta(days=1), NOW + YEAR)
    rotated = make_registry(replace(node, encryption_keys=(*node.encryption_keys, newer)))
    # when
    chosen = rotated.encryption_key(xa.node_id, NOW)
    # then
    assert chosen == new.encryption.public_key()
    assert len(rotated.encryption_keys(xa.node_id, NOW)) == 2


def test_node_without_valid_encryption_key_cannot_be_sent_to(xa: Node) -> None:
    # given
    registry = make_registry(registry_node(xa, key_status=KeyStatus.REVOKED))
    # when / then
    with pytest.raises(RegistryError) as caught:
        registry.encryption_key(xa.node_id, NOW)
    assert caught.value.code == "registry.no_valid_key"


def test_trust_threshold_must_be_reachable(operators: list[Ed25519PrivateKey]) -> None:
    # when / then
    with pytest.raises(ValueError, match="threshold"):
        RegistryTrust(tuple(k.public_key() for k in operators), threshold=4)
