"""The public envelope header: who sends what to whom, signed as a compact JWS.

The header names sender, recipient and message id (so a message cannot be forwarded or
replayed to another node), its validity window and, for every encrypted part, the size and
SHA-256 of the ciphertext. It carries no confidential data: file names, media types and
plaintext hashes live in the encrypted manifest (part 0).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from rogatory.core.envelope.errors import ValidationError
from rogatory.core.envelope.fields import FieldReader, format_time
from rogatory.core.envelope.jws import parse_compact, sign_compact
from rogatory.core.envelope.registry import NodeRegistry

__all__ = [
    "ENVELOPE_TYP",
    "MAX_HEADER_JWS_SIZE",
    "SUITE_AGE_X25519",
    "SUPPORTED_SUITES",
    "EnvelopeHeader",
    "PartDescriptor",
    "header_sha256",
    "sign_header",
    "verify_header",
]

ENVELOPE_TYP = "rogatory-envelope+jws"
SUITE_AGE_X25519 = "age-v1-x25519+ed25519"
SUPPORTED_SUITES = frozenset({SUITE_AGE_X25519})
HEADER_VERSION = 1
MAX_PARTS = 1000
MAX_HEADER_JWS_SIZE = 256 * 1024
# Peers' clocks may run ahead of ours by this much (protocol.md, replay rule).
MAX_CLOCK_SKEW = timedelta(minutes=5)
_PART_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True, slots=True)
class PartDescriptor:
    """One encrypted part as seen on the wire: its position, label, ciphertext size and hash."""

    index: int
    name: str
    size: int
    sha256: str

    def to_payload(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class EnvelopeHeader:
    message_id: str
    sender: str
    recipient: str
    created: datetime
    expires: datetime
    case_reference: str | None
    parts: tuple[PartDescriptor, ...]
    suite: str = SUITE_AGE_X25519
    version: int = HEADER_VERSION

    def to_payload(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "suite": self.suite,
            "message_id": self.message_id,
            "sender": self.sender,
            "recipient": self.recipient,
            "created": format_time(self.created),
            "expires": format_time(self.expires),
            "case_reference": self.case_reference,
            "parts": [part.to_payload() for part in self.parts],
        }

    @classmethod
    def from_payload(cls, payload: object) -> EnvelopeHeader:
        """Strictly parse a header payload (unknown or missing members are refused)."""
        reader = FieldReader(payload, "envelope.header_invalid")
        version = reader.integer("version", minimum=1, maximum=2**31)
        if version != HEADER_VERSION:
            raise ValidationError("envelope.version_unsupported", {"version": version})
        suite = reader.string("suite", max_length=64)
        if suite not in SUPPORTED_SUITES:
            raise ValidationError("envelope.suite_unsupported", {"suite": suite})
        parts = []
        for position, item in enumerate(reader.array("parts", max_items=MAX_PARTS)):
            part_reader = FieldReader(item, "envelope.header_invalid")
            part = PartDescriptor(
                index=part_reader.integer("index", maximum=MAX_PARTS),
                name=part_reader.string("name", max_length=64, pattern=_PART_NAME),
                size=part_reader.integer("size", maximum=2**53),
                sha256=part_reader.sha256("sha256"),
            )
            part_reader.finish()
            if part.index != position:
                raise part_reader.fail("index", "order")
            parts.append(part)
        if not parts:
            raise reader.fail("parts", "empty")
        header = cls(
            message_id=reader.uuid7("message_id"),
            sender=reader.node_id("sender"),
            recipient=reader.node_id("recipient"),
            created=reader.time("created"),
            expires=reader.time("expires"),
            case_reference=reader.optional_string("case_reference", max_length=128),
            parts=tuple(parts),
            suite=suite,
            version=version,
        )
        reader.finish()
        if header.expires <= header.created:
            raise reader.fail("expires", "before_created")
        return header


def header_sha256(token: str) -> str:
    """SHA-256 (hex) of the compact JWS bytes: what receipts and evidences bind to."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def sign_header(header: EnvelopeHeader, *, key: Ed25519PrivateKey) -> str:
    """Sign ``header`` as a compact JWS (``typ: rogatory-envelope+jws``)."""
    EnvelopeHeader.from_payload(header.to_payload())  # refuse to sign what we would not accept
    return sign_compact(header.to_payload(), key=key, typ=ENVELOPE_TYP)


def verify_header(
    token: str | bytes,
    *,
    registry: NodeRegistry,
    recipient: str,
    now: datetime,
    max_clock_skew: timedelta = MAX_CLOCK_SKEW,
) -> EnvelopeHeader:
    """Verify a signed header for delivery to ``recipient`` at ``now``.

    Checks, in order: size and JWS form (no key used), payload schema, the sender's signing key
    in the registry (node active, key listed, active and valid at ``now``), the signature, the
    recipient, and the time window (``created <= now + skew``, ``now < expires``).
    """
    parsed = parse_compact(token, typ=ENVELOPE_TYP, max_size=MAX_HEADER_JWS_SIZE)
    header = EnvelopeHeader.from_payload(parsed.payload)
    parsed.verify(registry.signing_key(header.sender, parsed.kid, now))
    if header.recipient != recipient:
        raise ValidationError("envelope.wrong_recipient", {"recipient": header.recipient})
    if header.created > now + max_clock_skew:
        raise ValidationError("envelope.not_yet_valid", {"created": format_time(header.created)})
    if now >= header.expires:
        raise ValidationError("envelope.expired", {"expires": format_time(header.expires)})
    return header
