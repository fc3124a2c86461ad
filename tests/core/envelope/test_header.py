"""Envelope header: strict schema, signature through the registry, recipient and time window."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from jwcrypto import jwk as jwcrypto_jwk
from jwcrypto import jws as jwcrypto_jws

from rogatory.core.envelope.encoding import b64url_decode, b64url_encode
from rogatory.core.envelope.errors import (
    RegistryError,
    SignatureError,
    ValidationError,
)
from rogatory.core.envelope.fields import new_uuid7
from rogatory.core.envelope.header import (
    EnvelopeHeader,
    PartDescriptor,
    header_sha256,
    sign_header,
    verify_header,
)
from rogatory.core.envelope.jws import sign_compact
from rogatory.core.envelope.keys import public_jwk
from rogatory.core.envelope.registry import KeyStatus, NodeRegistry
from tests.core.envelope.helpers import NOW, Node, flip_bit, make_registry, registry_node


@pytest.fixture
def header(xa: Node, xb: Node) -> EnvelopeHeader:
    return EnvelopeHeader(
        message_id=new_uuid7(NOW),
        sender=xa.node_id,
        recipient=xb.node_id,
        created=NOW,
        expires=NOW + timedelta(days=3),
        case_reference="XA-2026-000123",
        parts=(
            PartDescriptor(0, "manifest", 412, "a" * 64),
            PartDescriptor(1, "part-1", 70_000, "b" * 64),
        ),
    )


def _verify(
    token: str,
    registry: NodeRegistry,
    xb: Node,
    *,
    recipient: str | None = None,
    now: datetime = NOW,
) -> EnvelopeHeader:
    return verify_header(token, registry=registry, recipient=recipient or xb.node_id, now=now)


def test_signed_header_verifies_for_its_recipient(
    header: EnvelopeHeader, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given
    token = sign_header(header, key=xa.keys.signing)
    # when
    verified = _verify(token, registry, xb)
    # then
    assert verified == header


def test_header_payload_has_exactly_the_documented_members(
    header: EnvelopeHeader, xa: Node
) -> None:
    # given
    token = sign_header(header, key=xa.keys.signing)
    # when
    protected = json.loads(b64url_decode(token.split(".")[0]))
    payload = json.loads(b64url_decode(token.split(".")[1]))
    # then
    assert protected == {
        "alg": "Ed25519",
        "typ": "rogatory-envelope+jws",
        "kid": xa.keys.signing_kid,
    }
    assert sorted(payload) == sorted(
        [
            "version",
            "suite",
            "message_id",
            "sender",
            "recipient",
            "created",
            "expires",
            "case_reference",
            "parts",
        ]
    )
    assert payload["created"] == "2026-11-27T12:00:00Z"
    assert payload["parts"][1] == {"index": 1, "name": "part-1", "size": 70000, "sha256": "b" * 64}


def test_header_verifies_with_a_second_jose_implementation(
    header: EnvelopeHeader, xa: Node
) -> None:
    # given
    token = sign_header(header, key=xa.keys.signing)
    # when
    other = jwcrypto_jws.JWS()
    other.deserialize(token)
    other.allowed_algs = ["Ed25519"]
    other.verify(jwcrypto_jwk.JWK(**public_jwk(xa.keys.signing.public_key())))
    # then
    assert json.loads(other.payload)["message_id"] == header.message_id


def test_header_hash_is_sha256_of_the_compact_token(header: EnvelopeHeader, xa: Node) -> None:
    # given
    token = sign_header(header, key=xa.keys.signing)
    # when
    digest = header_sha256(token)
    # then
    assert digest == hashlib.sha256(token.encode()).hexdigest()


def test_header_for_another_recipient_is_rejected(
    header: EnvelopeHeader, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given: a valid header for XB presented to XA (forwarding / replay to another node)
    token = sign_header(header, key=xa.keys.signing)
    # when / then
    with pytest.raises(ValidationError) as caught:
        _verify(token, registry, xb, recipient=xa.node_id)
    assert caught.value.code == "envelope.wrong_recipient"


def test_expired_header_is_rejected(
    header: EnvelopeHeader, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given
    token = sign_header(header, key=xa.keys.signing)
    # when / then
    with pytest.raises(ValidationError) as caught:
        _verify(token, registry, xb, now=header.expires)
    assert caught.value.code == "envelope.expired"


def test_header_created_too_far_in_the_future_is_rejected(
    header: EnvelopeHeader, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given: created 6 minutes ahead of the receiver's clock (5 minutes are tolerated)
    early = replace(header, created=NOW + timedelta(minutes=6))
    token = sign_header(early, key=xa.keys.signing)
    # when / then
    with pytest.raises(ValidationError) as caught:
        _verify(token, registry, xb)
    assert caught.value.code == "envelope.not_yet_valid"


def test_small_clock_skew_is_tolerated(
    header: EnvelopeHeader, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given
    token = sign_header(replace(header, created=NOW + timedelta(minutes=4)), key=xa.keys.signing)
    # when
    verified = _verify(token, registry, xb)
    # then
    assert verified.created == NOW + timedelta(minutes=4)


def test_header_signed_by_another_trusted_node_posing_as_sender_is_rejected(
    header: EnvelopeHeader, xb: Node, registry: NodeRegistry
) -> None:
    # given: XB (trusted) signs a header claiming to come from XA
    token = sign_header(header, key=xb.keys.signing)
    # when / then
    with pytest.raises(RegistryError) as caught:
        _verify(token, registry, xb)
    assert caught.value.code == "registry.key_unknown"


def test_header_signed_with_revoked_key_is_rejected(
    header: EnvelopeHeader, xa: Node, xb: Node
) -> None:
    # given
    registry = make_registry(registry_node(xa, key_status=KeyStatus.REVOKED), registry_node(xb))
    token = sign_header(header, key=xa.keys.signing)
    # when / then
    with pytest.raises(RegistryError) as caught:
        _verify(token, registry, xb)
    assert caught.value.code == "registry.key_revoked"


def test_header_signed_with_expired_key_is_rejected(
    header: EnvelopeHeader, xa: Node, xb: Node
) -> None:
    # given
    registry = make_registry(registry_node(xa, not_after=NOW), registry_node(xb))
    token = sign_header(header, key=xa.keys.signing)
    # when / then
    with pytest.raises(RegistryError) as caught:
        _verify(token, registry, xb)
    assert caught.value.code == "registry.key_expired"


@pytest.mark.parametrize("segment", [0, 1, 2], ids=["protected", "payload", "signature"])
def test_flipped_bit_in_header_is_rejected(
    header: EnvelopeHeader, xa: Node, xb: Node, registry: NodeRegistry, segment: int
) -> None:
    # given
    parts = sign_header(header, key=xa.keys.signing).split(".")
    parts[segment] = b64url_encode(flip_bit(b64url_decode(parts[segment]), 9))
    # when / then
    with pytest.raises((SignatureError, ValidationError, RegistryError)):
        _verify(".".join(parts), registry, xb)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"suite": "hpke-mlkem768x25519+ed25519"}, "envelope.suite_unsupported"),
        ({"version": 2}, "envelope.version_unsupported"),
        ({"extra": 1}, "envelope.header_invalid"),
        ({"message_id": "0190c5f2-1e1e-4e1e-8e1e-1e1e1e1e1e1e"}, "envelope.header_invalid"),
        ({"created": "2026-11-27T12:00:00+00:00"}, "envelope.header_invalid"),
        ({"parts": []}, "envelope.header_invalid"),
        ({"sender": "XA CENTRAL"}, "envelope.header_invalid"),
        ({"version": True}, "envelope.header_invalid"),
    ],
)
def test_header_payload_outside_the_schema_is_rejected(
    header: EnvelopeHeader,
    xa: Node,
    xb: Node,
    registry: NodeRegistry,
    change: dict[str, object],
    code: str,
) -> None:
    # given: correctly signed by the sender, but not a valid v1 header
    payload = header.to_payload() | change
    token = sign_compact(payload, key=xa.keys.signing, typ="rogatory-envelope+jws")
    # when / then
    with pytest.raises(ValidationError) as caught:
        _verify(token, registry, xb)
    assert caught.value.code == code


def test_parts_out_of_order_are_rejected(header: EnvelopeHeader) -> None:
    # given
    payload = header.to_payload()
    payload["parts"].reverse()
    # when / then
    with pytest.raises(ValidationError) as caught:
        EnvelopeHeader.from_payload(payload)
    assert caught.value.params == {"field": "index", "reason": "order"}


def test_too_many_parts_are_rejected_cheaply(header: EnvelopeHeader) -> None:
    # given: a 10**6-part header
    payload = header.to_payload()
    payload["parts"] = [payload["parts"][0]] * 1_000_000
    # when / then
    with pytest.raises(ValidationError) as caught:
        EnvelopeHeader.from_payload(payload)
    assert caught.value.params == {"field": "parts", "reason": "invalid"}


def test_oversized_header_token_is_rejected(xb: Node, registry: NodeRegistry) -> None:
    # when / then
    with pytest.raises(SignatureError) as caught:
        _verify("a" * (300 * 1024), registry, xb)
    assert caught.value.code == "jws.too_large"
