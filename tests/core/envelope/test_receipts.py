"""Receipts and evidences: signed, bound to the message, verifiable offline with public JWKs."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from jwcrypto import jwk as jwcrypto_jwk
from jwcrypto import jws as jwcrypto_jws

from rogatory.core.envelope.encoding import b64url_decode, b64url_encode
from rogatory.core.envelope.errors import RegistryError, SignatureError, ValidationError
from rogatory.core.envelope.fields import new_uuid7
from rogatory.core.envelope.header import (
    EnvelopeHeader,
    PartDescriptor,
    header_sha256,
    sign_header,
)
from rogatory.core.envelope.jws import sign_compact
from rogatory.core.envelope.keys import public_jwk
from rogatory.core.envelope.receipts import (
    Evidence,
    EvidenceType,
    Receipt,
    check_receipt_for,
    sign_evidence,
    sign_receipt,
    verify_evidence,
    verify_evidence_with_registry,
    verify_receipt,
    verify_receipt_with_registry,
)
from rogatory.core.envelope.registry import KeyStatus, NodeRegistry
from tests.core.envelope.helpers import NOW, Node, flip_bit, make_registry, registry_node

CHECKPOINT = "rogatory.xb/audit\n1042\nq0VtFq1xTQ3TH5cEdjy0y0ptGAK6M+9tTQ7O4Jd3wQ0=\n"


@pytest.fixture
def receipt(xa: Node, xb: Node) -> Receipt:
    return Receipt(
        receipt_id=new_uuid7(NOW),
        message_id=new_uuid7(NOW - timedelta(seconds=3)),
        sender=xa.node_id,
        recipient=xb.node_id,
        header_sha256="c" * 64,
        received_at=NOW,
        audit_checkpoint=CHECKPOINT,
    )


def _evidence(xa: Node, xb: Node, kind: EvidenceType, issuer: str) -> Evidence:
    return Evidence(
        evidence_id=new_uuid7(NOW),
        evidence_type=kind,
        message_id=new_uuid7(NOW),
        sender=xa.node_id,
        recipient=xb.node_id,
        issuer=issuer,
        header_sha256="d" * 64,
        issued_at=NOW,
        reason="timeout"
        if kind in {EvidenceType.NON_DELIVERY, EvidenceType.REFUSED, EvidenceType.REJECTED}
        else None,
    )


def test_receipt_verifies_offline_with_only_the_public_jwk(receipt: Receipt, xb: Node) -> None:
    # given
    token = sign_receipt(receipt, key=xb.keys.signing)
    jwks = json.loads(json.dumps(xb.keys.public().jwks()))  # as read from an archive
    # when
    verified = verify_receipt(token, jwks=jwks, expected_issuer=xb.node_id)
    # then
    assert verified == receipt


def test_receipt_payload_binds_every_documented_field(receipt: Receipt, xb: Node) -> None:
    # given
    token = sign_receipt(receipt, key=xb.keys.signing)
    # when
    payload = json.loads(b64url_decode(token.split(".")[1]))
    protected = json.loads(b64url_decode(token.split(".")[0]))
    # then
    assert payload == {
        "type": "receipt",
        "receipt_id": receipt.receipt_id,
        "message_id": receipt.message_id,
        "sender": "xa-central",
        "recipient": "xb-central",
        "header_sha256": "c" * 64,
        "received_at": "2026-11-27T12:00:00Z",
        "audit_checkpoint": CHECKPOINT,
    }
    assert protected["typ"] == "rogatory-receipt+jws"


def test_receipt_verifies_with_a_second_jose_implementation(receipt: Receipt, xb: Node) -> None:
    # given
    token = sign_receipt(receipt, key=xb.keys.signing)
    # when
    other = jwcrypto_jws.JWS()
    other.deserialize(token)
    other.allowed_algs = ["Ed25519"]
    other.verify(jwcrypto_jwk.JWK(**public_jwk(xb.keys.signing.public_key())))
    # then
    assert json.loads(other.payload)["receipt_id"] == receipt.receipt_id


def test_receipt_signed_by_the_sender_is_not_a_receipt_of_the_recipient(
    receipt: Receipt, xa: Node, xb: Node
) -> None:
    # given: XA forges a receipt "from" XB with its own key; only XA's JWK is known for it
    token = sign_receipt(receipt, key=xa.keys.signing)
    # when / then
    with pytest.raises(SignatureError) as caught:
        verify_receipt(token, jwks=xb.keys.public().jwks())
    assert caught.value.code == "jws.kid_unknown"


def test_receipt_issued_by_someone_else_is_rejected(receipt: Receipt, xa: Node) -> None:
    # given
    token = sign_receipt(receipt, key=xa.keys.signing)
    # when / then
    with pytest.raises(ValidationError) as caught:
        verify_receipt(token, jwks=xa.keys.public().jwks(), expected_issuer=xa.node_id)
    assert caught.value.code == "receipt.wrong_issuer"


def test_receipt_checked_against_the_registry_uses_the_issuers_key(
    receipt: Receipt, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given
    genuine = sign_receipt(receipt, key=xb.keys.signing)
    forged = sign_receipt(receipt, key=xa.keys.signing)
    # when
    verified = verify_receipt_with_registry(genuine, registry=registry, at=NOW)
    # then
    assert verified.receipt_id == receipt.receipt_id
    with pytest.raises(RegistryError) as caught:
        verify_receipt_with_registry(forged, registry=registry, at=NOW)
    assert caught.value.code == "registry.key_unknown"


def test_receipt_by_revoked_key_is_rejected(receipt: Receipt, xa: Node, xb: Node) -> None:
    # given
    registry = make_registry(registry_node(xa), registry_node(xb, key_status=KeyStatus.REVOKED))
    token = sign_receipt(receipt, key=xb.keys.signing)
    # when / then
    with pytest.raises(RegistryError) as caught:
        verify_receipt_with_registry(token, registry=registry, at=NOW)
    assert caught.value.code == "registry.key_revoked"


@pytest.mark.parametrize("segment", [0, 1, 2])
def test_flipped_bit_in_receipt_is_rejected(receipt: Receipt, xb: Node, segment: int) -> None:
    # given
    parts = sign_receipt(receipt, key=xb.keys.signing).split(".")
    parts[segment] = b64url_encode(flip_bit(b64url_decode(parts[segment]), 12))
    # when / then
    with pytest.raises((SignatureError, ValidationError)):
        verify_receipt(".".join(parts), jwks=xb.keys.public().jwks())


def test_envelope_header_cannot_pass_as_a_receipt(receipt: Receipt, xb: Node) -> None:
    # given: same key, same payload, other typ
    token = sign_compact(receipt.to_payload(), key=xb.keys.signing, typ="rogatory-envelope+jws")
    # when / then
    with pytest.raises(SignatureError) as caught:
        verify_receipt(token, jwks=xb.keys.public().jwks())
    assert caught.value.code == "jws.typ_mismatch"


def test_receipt_cannot_pass_as_an_evidence(receipt: Receipt, xb: Node) -> None:
    # given
    token = sign_receipt(receipt, key=xb.keys.signing)
    # when / then
    with pytest.raises(SignatureError) as caught:
        verify_evidence(token, jwks=xb.keys.public().jwks())
    assert caught.value.code == "jws.typ_mismatch"


@pytest.mark.parametrize(
    "kind",
    [
        EvidenceType.DELIVERED,
        EvidenceType.REGISTERED,
        EvidenceType.REFUSED,
        EvidenceType.EXECUTED,
        EvidenceType.REJECTED,
    ],
)
def test_recipient_stage_evidences_verify(xa: Node, xb: Node, kind: EvidenceType) -> None:
    # given
    evidence = _evidence(xa, xb, kind, issuer=xb.node_id)
    token = sign_evidence(evidence, key=xb.keys.signing)
    # when
    verified = verify_evidence(token, jwks=xb.keys.public().jwks(), expected_issuer=xb.node_id)
    # then
    assert verified == evidence


def test_non_delivery_evidence_is_issued_by_the_sender(
    xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given
    evidence = _evidence(xa, xb, EvidenceType.NON_DELIVERY, issuer=xa.node_id)
    token = sign_evidence(evidence, key=xa.keys.signing)
    # when
    verified = verify_evidence_with_registry(token, registry=registry, at=NOW)
    # then
    assert (verified.evidence_type, verified.reason) == (EvidenceType.NON_DELIVERY, "timeout")


@pytest.mark.parametrize(
    ("kind", "issuer_is_sender"),
    [(EvidenceType.NON_DELIVERY, False), (EvidenceType.DELIVERED, True)],
)
def test_evidence_from_the_wrong_party_is_refused(
    xa: Node, xb: Node, kind: EvidenceType, issuer_is_sender: bool
) -> None:
    # given
    issuer = xa if issuer_is_sender else xb
    evidence = _evidence(xa, xb, kind, issuer=issuer.node_id)
    # when / then
    with pytest.raises(ValidationError) as caught:
        sign_evidence(evidence, key=issuer.keys.signing)
    assert caught.value.params == {"field": "issuer", "reason": "stage"}


def test_unknown_evidence_type_is_rejected(xa: Node, xb: Node) -> None:
    # given
    payload = _evidence(xa, xb, EvidenceType.DELIVERED, xb.node_id).to_payload()
    payload["evidence_type"] = "opened"
    token = sign_compact(payload, key=xb.keys.signing, typ="rogatory-evidence+jws")
    # when / then
    with pytest.raises(ValidationError) as caught:
        verify_evidence(token, jwks=xb.keys.public().jwks())
    assert caught.value.params == {"field": "evidence_type", "reason": "invalid"}


@pytest.mark.parametrize(
    ("kind", "reason"),
    [(EvidenceType.REJECTED, None), (EvidenceType.DELIVERED, "integrity.plaintext_sha256")],
)
def test_reason_is_required_exactly_for_negative_evidences(
    xa: Node, xb: Node, kind: EvidenceType, reason: str | None
) -> None:
    # given
    evidence = replace(_evidence(xa, xb, kind, issuer=xb.node_id), reason=reason)
    # when / then
    with pytest.raises(ValidationError) as caught:
        sign_evidence(evidence, key=xb.keys.signing)
    assert caught.value.params == {"field": "reason", "reason": "invalid"}


def test_receipt_for_the_sent_header_is_accepted_by_the_sender(xa: Node, xb: Node) -> None:
    # given
    header = EnvelopeHeader(
        message_id=new_uuid7(NOW),
        sender=xa.node_id,
        recipient=xb.node_id,
        created=NOW,
        expires=NOW + timedelta(days=1),
        case_reference=None,
        parts=(PartDescriptor(0, "manifest", 300, "e" * 64),),
    )
    header_jws = sign_header(header, key=xa.keys.signing)
    receipt = Receipt(
        receipt_id=new_uuid7(NOW),
        message_id=header.message_id,
        sender=xa.node_id,
        recipient=xb.node_id,
        header_sha256=header_sha256(header_jws),
        received_at=NOW,
        audit_checkpoint=CHECKPOINT,
    )
    # when
    check_receipt_for(receipt, header_jws=header_jws, header=header)
    # then: a receipt for another header of the same message is refused
    other_jws = sign_header(replace(header, case_reference="other"), key=xa.keys.signing)
    with pytest.raises(ValidationError) as caught:
        check_receipt_for(receipt, header_jws=other_jws, header=header)
    assert caught.value.code == "receipt.mismatch"
