"""Signed receipts and business evidences (compact JWS, same rules as the header).

A receipt is issued by the recipient node when it has durably stored a message; it binds the
receipt id, message id, sender, recipient, SHA-256 of the header JWS, the reception time and the
audit checkpoint current at that time. An evidence records a later stage (delivered, registered,
refused, executed), a transport rejection by the recipient (rejected, e.g. a bad part hash) or a
failure (non-delivery, issued by the sender after the retry deadline). Negative evidences carry
a ``reason`` code; positive ones must not.

Both verify offline with nothing but public JWKs: :func:`verify_receipt` and
:func:`verify_evidence` take a list of JWKs and pick the key by ``kid``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rogatory.core.envelope.errors import SignatureError, ValidationError
from rogatory.core.envelope.fields import FieldReader, format_time
from rogatory.core.envelope.header import EnvelopeHeader, header_sha256
from rogatory.core.envelope.jws import MAX_JWS_SIZE, ParsedJws, parse_compact, sign_compact
from rogatory.core.envelope.keys import jwk_thumbprint, public_key_from_jwk
from rogatory.core.envelope.registry import NodeRegistry

__all__ = [
    "EVIDENCE_TYP",
    "RECEIPT_TYP",
    "Evidence",
    "EvidenceType",
    "Receipt",
    "check_receipt_binds",
    "check_receipt_for",
    "sign_evidence",
    "sign_receipt",
    "verify_evidence",
    "verify_evidence_with_registry",
    "verify_receipt",
    "verify_receipt_with_registry",
]

RECEIPT_TYP = "rogatory-receipt+jws"
EVIDENCE_TYP = "rogatory-evidence+jws"
MAX_SIGNAL_SIZE = 16 * 1024
MAX_CHECKPOINT_LENGTH = 4096
MAX_REASON_LENGTH = 64


class EvidenceType(StrEnum):
    DELIVERED = "delivered"
    REGISTERED = "registered"
    REFUSED = "refused"
    EXECUTED = "executed"
    NON_DELIVERY = "non-delivery"
    REJECTED = "rejected"
    # Received and receipted, but the recipient's case system could not take it (bad case data,
    # unknown reference): the sender learns it instead of waiting for a "delivered" that never
    # comes (e-CODEX's negative delivery evidence).
    NOT_DELIVERED = "not-delivered"


# Negative outcomes must say why (a stable error code such as ``integrity.plaintext_sha256``).
_NEEDS_REASON = frozenset(
    {
        EvidenceType.REFUSED,
        EvidenceType.NON_DELIVERY,
        EvidenceType.REJECTED,
        EvidenceType.NOT_DELIVERED,
    }
)


@dataclass(frozen=True, slots=True)
class Receipt:
    """Issued and signed by ``recipient``."""

    receipt_id: str
    message_id: str
    sender: str
    recipient: str
    header_sha256: str
    received_at: datetime
    audit_checkpoint: str

    def to_payload(self) -> dict[str, Any]:
        return {
            "type": "receipt",
            "receipt_id": self.receipt_id,
            "message_id": self.message_id,
            "sender": self.sender,
            "recipient": self.recipient,
            "header_sha256": self.header_sha256,
            "received_at": format_time(self.received_at),
            "audit_checkpoint": self.audit_checkpoint,
        }

    @property
    def issuer(self) -> str:
        return self.recipient

    @classmethod
    def from_payload(cls, payload: object) -> Receipt:
        reader = FieldReader(payload, "receipt.invalid")
        if reader.string("type", max_length=16) != "receipt":
            raise reader.fail("type")
        receipt = cls(
            receipt_id=reader.uuid7("receipt_id"),
            message_id=reader.uuid7("message_id"),
            sender=reader.node_id("sender"),
            recipient=reader.node_id("recipient"),
            header_sha256=reader.sha256("header_sha256"),
            received_at=reader.time("received_at"),
            audit_checkpoint=reader.string("audit_checkpoint", max_length=MAX_CHECKPOINT_LENGTH),
        )
        reader.finish()
        return receipt


@dataclass(frozen=True, slots=True)
class Evidence:
    """Issued and signed by ``issuer`` (the recipient, or the sender for non-delivery)."""

    evidence_id: str
    evidence_type: EvidenceType
    message_id: str
    sender: str
    recipient: str
    issuer: str
    header_sha256: str
    issued_at: datetime
    reason: str | None = None
    audit_checkpoint: str | None = None

    def to_payload(self) -> dict[str, Any]:
        return {
            "type": "evidence",
            "evidence_id": self.evidence_id,
            "evidence_type": self.evidence_type.value,
            "message_id": self.message_id,
            "sender": self.sender,
            "recipient": self.recipient,
            "issuer": self.issuer,
            "header_sha256": self.header_sha256,
            "issued_at": format_time(self.issued_at),
            "reason": self.reason,
            "audit_checkpoint": self.audit_checkpoint,
        }

    @classmethod
    def from_payload(cls, payload: object) -> Evidence:
        reader = FieldReader(payload, "evidence.invalid")
        if reader.string("type", max_length=16) != "evidence":
            raise reader.fail("type")
        kind = reader.string("evidence_type", max_length=32)
        if kind not in {e.value for e in EvidenceType}:
            raise reader.fail("evidence_type")
        evidence = cls(
            evidence_id=reader.uuid7("evidence_id"),
            evidence_type=EvidenceType(kind),
            message_id=reader.uuid7("message_id"),
            sender=reader.node_id("sender"),
            recipient=reader.node_id("recipient"),
            issuer=reader.node_id("issuer"),
            header_sha256=reader.sha256("header_sha256"),
            issued_at=reader.time("issued_at"),
            reason=reader.optional_string("reason", max_length=MAX_REASON_LENGTH),
            audit_checkpoint=reader.optional_string(
                "audit_checkpoint", max_length=MAX_CHECKPOINT_LENGTH
            ),
        )
        reader.finish()
        if evidence.issuer not in {evidence.sender, evidence.recipient}:
            raise reader.fail("issuer")
        if (evidence.evidence_type is EvidenceType.NON_DELIVERY) != (
            evidence.issuer == evidence.sender
        ):
            raise reader.fail("issuer", "stage")
        if (evidence.evidence_type in _NEEDS_REASON) != (evidence.reason is not None):
            raise reader.fail("reason")
        return evidence


def check_receipt_for(receipt: Receipt, *, header_jws: str, header: EnvelopeHeader) -> None:
    """Check that a verified receipt acknowledges exactly this sent header (sender side)."""
    check_receipt_binds(
        receipt,
        message_id=header.message_id,
        sender=header.sender,
        recipient=header.recipient,
        header_sha256=header_sha256(header_jws),
    )


def check_receipt_binds(
    receipt: Receipt, *, message_id: str, sender: str, recipient: str, header_sha256: str
) -> None:
    """:func:`check_receipt_for` given what the sender recorded of its header."""
    expected = (message_id, sender, recipient, header_sha256)
    actual = (receipt.message_id, receipt.sender, receipt.recipient, receipt.header_sha256)
    if actual != expected:
        raise ValidationError("receipt.mismatch")


def sign_receipt(receipt: Receipt, *, key: Ed25519PrivateKey) -> str:
    Receipt.from_payload(receipt.to_payload())
    return sign_compact(receipt.to_payload(), key=key, typ=RECEIPT_TYP)


def sign_evidence(evidence: Evidence, *, key: Ed25519PrivateKey) -> str:
    Evidence.from_payload(evidence.to_payload())
    return sign_compact(evidence.to_payload(), key=key, typ=EVIDENCE_TYP)


def _keys_by_kid(jwks: Iterable[object]) -> dict[str, Ed25519PublicKey]:
    keys: dict[str, Ed25519PublicKey] = {}
    for jwk in jwks:
        if isinstance(jwk, dict) and jwk.get("use") == "enc":
            continue  # a node's JWK set also lists its X25519 encryption key
        key = public_key_from_jwk(jwk, curve="Ed25519")
        if isinstance(key, Ed25519PublicKey):
            keys[jwk_thumbprint(key)] = key
    return keys


def _verify_with_jwks(token: str | bytes, typ: str, jwks: Iterable[object]) -> ParsedJws:
    parsed = parse_compact(token, typ=typ, max_size=min(MAX_SIGNAL_SIZE, MAX_JWS_SIZE))
    key = _keys_by_kid(jwks).get(parsed.kid)
    if key is None:
        raise SignatureError("jws.kid_unknown", {"kid": parsed.kid})
    parsed.verify(key)
    return parsed


def verify_receipt(
    token: str | bytes, *, jwks: Iterable[object], expected_issuer: str | None = None
) -> Receipt:
    """Standalone offline check with public JWKs only (e.g. from an archived registry)."""
    receipt = Receipt.from_payload(_verify_with_jwks(token, RECEIPT_TYP, jwks).payload)
    if expected_issuer is not None and receipt.issuer != expected_issuer:
        raise ValidationError("receipt.wrong_issuer")
    return receipt


def verify_evidence(
    token: str | bytes, *, jwks: Iterable[object], expected_issuer: str | None = None
) -> Evidence:
    evidence = Evidence.from_payload(_verify_with_jwks(token, EVIDENCE_TYP, jwks).payload)
    if expected_issuer is not None and evidence.issuer != expected_issuer:
        raise ValidationError("evidence.wrong_issuer")
    return evidence


def verify_receipt_with_registry(
    token: str | bytes, *, registry: NodeRegistry, at: datetime
) -> Receipt:
    """Verify against the issuer's registry key valid at ``at`` (the reception time)."""
    parsed = parse_compact(token, typ=RECEIPT_TYP, max_size=MAX_SIGNAL_SIZE)
    receipt = Receipt.from_payload(parsed.payload)
    parsed.verify(registry.signing_key(receipt.issuer, parsed.kid, at))
    return receipt


def verify_evidence_with_registry(
    token: str | bytes, *, registry: NodeRegistry, at: datetime
) -> Evidence:
    parsed = parse_compact(token, typ=EVIDENCE_TYP, max_size=MAX_SIGNAL_SIZE)
    evidence = Evidence.from_payload(parsed.payload)
    parsed.verify(registry.signing_key(evidence.issuer, parsed.kid, at))
    return evidence
