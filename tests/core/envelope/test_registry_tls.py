"""The registry's TLS members: pins (``tls_cert_sha256``) and certificates (anchors)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from rogatory.core.envelope.encoding import b64url_decode, b64url_encode
from rogatory.core.envelope.errors import RegistryError
from rogatory.core.envelope.registry import (
    NodeStatus,
    RegistryTrust,
    sign_registry,
    verify_registry,
)
from rogatory.federation.tls import make_tls_certificate
from tests.core.envelope.helpers import NOW, Node, make_registry, registry_node


def _with_certificate(node: Node, *, listed: bool = True, status: NodeStatus = NodeStatus.ACTIVE):
    _, der = make_tls_certificate(node.node_id, now=NOW)
    pin = hashlib.sha256(der).hexdigest()
    entry = registry_node(node, status=status)
    return replace(
        entry, tls_cert_sha256=(pin,) if listed else ("ab" * 32,), tls_certificates=(der,)
    ), pin


def test_certificates_round_trip_and_map_to_their_node(
    xa: Node, xb: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    a_entry, a_pin = _with_certificate(xa)
    registry = make_registry(a_entry, registry_node(xb))
    verified = verify_registry(sign_registry(registry, operators[:2]), trust=trust, now=NOW)
    assert verified.node("xa-central").tls_certificates == a_entry.tls_certificates
    assert verified.tls_peer(a_pin).node_id == "xa-central"  # type: ignore[union-attr]
    assert verified.tls_peer("cd" * 32) is None
    assert verified.tls_trust_anchors() == list(a_entry.tls_certificates)


def test_a_revoked_node_is_no_tls_peer_and_no_anchor(
    xa: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    entry, pin = _with_certificate(xa, status=NodeStatus.REVOKED)
    verified = verify_registry(
        sign_registry(make_registry(entry), operators[:2]), trust=trust, now=NOW
    )
    assert verified.tls_peer(pin) is None
    assert verified.tls_trust_anchors() == []


def test_a_certificate_whose_hash_is_not_listed_is_malformed(
    xa: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    entry, _ = _with_certificate(xa, listed=False)
    document = sign_registry(make_registry(entry), operators[:2])
    with pytest.raises(RegistryError, match=r"registry\.malformed"):
        verify_registry(document, trust=trust, now=NOW)


def test_a_registry_without_the_certificates_member_still_verifies(
    xa: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust
) -> None:
    payload = make_registry(registry_node(xa)).to_payload()
    del payload["nodes"][0]["tls_certificates"]
    verified = _verify_payload(payload, operators, trust)
    assert verified.node("xa-central").tls_certificates == ()


@pytest.mark.parametrize("bad", ["not base64!", b64url_encode(b"not a certificate"), 7])
def test_a_certificate_that_does_not_parse_is_malformed(
    xa: Node, operators: list[Ed25519PrivateKey], trust: RegistryTrust, bad: object
) -> None:
    payload = make_registry(registry_node(xa)).to_payload()
    payload["nodes"][0]["tls_certificates"] = [bad]
    with pytest.raises(RegistryError, match=r"registry\.malformed"):
        _verify_payload(payload, operators, trust)


def _verify_payload(payload: dict, operators: list[Ed25519PrivateKey], trust: RegistryTrust):
    from rogatory.core.envelope.keys import canonical_json, jwk_thumbprint

    payload_b64 = b64url_encode(canonical_json(payload))
    signatures = []
    for key in operators[:2]:
        protected = b64url_encode(
            canonical_json(
                {
                    "alg": "Ed25519",
                    "typ": "rogatory-registry+jws",
                    "kid": jwk_thumbprint(key.public_key()),
                }
            )
        )
        signature = key.sign(f"{protected}.{payload_b64}".encode("ascii"))
        signatures.append({"protected": protected, "signature": b64url_encode(signature)})
    document = json.dumps({"payload": payload_b64, "signatures": signatures}).encode()
    assert b64url_decode(payload_b64)
    return verify_registry(document, trust=trust, now=NOW)
