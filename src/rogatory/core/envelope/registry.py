"""The signed node registry (trust list): which nodes exist and which keys they hold when.

The registry is a JSON payload signed by k of n registry operators as a JWS General JSON
Serialization (RFC 7515 section 7.2): one signature per operator, each protected header being
exactly ``{"alg": "Ed25519", "typ": "rogatory-registry+jws", "kid": <operator thumbprint>}``.
The operator keys and the threshold are configuration of the verifier (the root of trust), not
part of the document. Verification refuses: oversized input, fewer than ``threshold`` valid
signatures by distinct configured operators, a version lower than the last accepted one
(rollback), an expired list, and a list issued in the future.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from rogatory.core.envelope.encoding import EncodingError, b64url_decode, b64url_encode
from rogatory.core.envelope.errors import (
    KeyStoreError,
    RegistryError,
    ValidationError,
)
from rogatory.core.envelope.fields import FieldReader, format_time
from rogatory.core.envelope.jws import JWS_ALG, strict_json_loads
from rogatory.core.envelope.keys import (
    PublicKey,
    canonical_json,
    jwk_thumbprint,
    public_jwk,
    public_key_from_jwk,
)

__all__ = [
    "REGISTRY_TYP",
    "KeyStatus",
    "NodeRegistry",
    "NodeStatus",
    "RegistryKey",
    "RegistryNode",
    "RegistryTrust",
    "sign_registry",
    "verify_registry",
]

REGISTRY_TYP = "rogatory-registry+jws"
REGISTRY_TYPE = "rogatory-registry"
MAX_REGISTRY_SIZE = 4 * 1024 * 1024
MAX_NODES = 10_000
MAX_KEYS_PER_NODE = 16
MAX_SIGNATURES = 32
MAX_CERTIFICATE_B64 = 8 * 1024
# A list may be issued slightly ahead of our clock (operators' clocks drift).
ISSUED_SKEW = timedelta(minutes=5)

_STATE = re.compile(r"[A-Z]{2}")
_ENDPOINT = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?")


class KeyStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class NodeStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class RegistryKey:
    """A public key with its validity window ``[not_before, not_after)`` and status."""

    key: PublicKey
    not_before: datetime
    not_after: datetime
    status: KeyStatus = KeyStatus.ACTIVE

    @property
    def kid(self) -> str:
        return jwk_thumbprint(self.key)

    def check_at(self, moment: datetime) -> None:
        if self.status is KeyStatus.REVOKED:
            raise RegistryError("registry.key_revoked", {"kid": self.kid})
        if moment < self.not_before:
            raise RegistryError("registry.key_not_yet_valid", {"kid": self.kid})
        if moment >= self.not_after:
            raise RegistryError("registry.key_expired", {"kid": self.kid})

    def valid_at(self, moment: datetime) -> bool:
        try:
            self.check_at(moment)
        except RegistryError:
            return False
        return True

    def to_payload(self) -> dict[str, Any]:
        return {
            "jwk": public_jwk(self.key),
            "not_before": format_time(self.not_before),
            "not_after": format_time(self.not_after),
            "status": self.status.value,
        }


@dataclass(frozen=True, slots=True)
class RegistryNode:
    node_id: str
    state: str
    authority: str
    endpoint: str
    signing_keys: tuple[RegistryKey, ...]
    encryption_keys: tuple[RegistryKey, ...]
    status: NodeStatus = NodeStatus.ACTIVE
    tls_cert_sha256: tuple[str, ...] = ()
    # DER certificates (self-signed); each one's SHA-256 is also in ``tls_cert_sha256``.
    # Servers load them as the trust anchors for client certificates (mutual TLS).
    tls_certificates: tuple[bytes, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "state": self.state,
            "authority": self.authority,
            "endpoint": self.endpoint,
            "status": self.status.value,
            "signing_keys": [k.to_payload() for k in self.signing_keys],
            "encryption_keys": [k.to_payload() for k in self.encryption_keys],
            "tls_cert_sha256": list(self.tls_cert_sha256),
            "tls_certificates": [b64url_encode(der) for der in self.tls_certificates],
        }


@dataclass(frozen=True, slots=True)
class NodeRegistry:
    """A verified (or about to be signed) registry; look-ups are by node id and time."""

    version: int
    issued: datetime
    expires: datetime
    nodes: tuple[RegistryNode, ...]
    _index: dict[str, RegistryNode] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {node.node_id: node for node in self.nodes}
        if len(index) != len(self.nodes):
            raise ValidationError("registry.malformed", {"reason": "duplicate_node"})
        object.__setattr__(self, "_index", index)

    def to_payload(self) -> dict[str, Any]:
        return {
            "type": REGISTRY_TYPE,
            "version": self.version,
            "issued": format_time(self.issued),
            "expires": format_time(self.expires),
            "nodes": [node.to_payload() for node in self.nodes],
        }

    def node(self, node_id: str) -> RegistryNode:
        """The node if listed and active."""
        node = self._index.get(node_id)
        if node is None:
            raise RegistryError("registry.node_unknown", {"node": node_id})
        if node.status is not NodeStatus.ACTIVE:
            raise RegistryError("registry.node_revoked", {"node": node_id})
        return node

    def tls_peer(self, cert_sha256: str) -> RegistryNode | None:
        """The active node whose ``tls_cert_sha256`` lists this certificate hash, if any."""
        for node in self.nodes:
            if node.status is NodeStatus.ACTIVE and cert_sha256 in node.tls_cert_sha256:
                return node
        return None

    def tls_trust_anchors(self) -> list[bytes]:
        """DER certificates of every active node (a TLS server's client-certificate anchors)."""
        return [
            der for n in self.nodes if n.status is NodeStatus.ACTIVE for der in n.tls_certificates
        ]

    def signing_key(self, node_id: str, kid: str, at: datetime) -> Ed25519PublicKey:
        """The node's signing key ``kid``, refused unless active and valid at ``at``."""
        for entry in self.node(node_id).signing_keys:
            if entry.kid == kid:
                entry.check_at(at)
                if not isinstance(entry.key, Ed25519PublicKey):  # pragma: no cover - parsed so
                    raise RegistryError("registry.key_unknown", {"kid": kid})
                return entry.key
        raise RegistryError("registry.key_unknown", {"node": node_id, "kid": kid})

    def signing_keys(self, node_id: str, at: datetime) -> list[Ed25519PublicKey]:
        keys = self.node(node_id).signing_keys
        return [k.key for k in keys if k.valid_at(at) and isinstance(k.key, Ed25519PublicKey)]

    def encryption_keys(self, node_id: str, at: datetime) -> list[X25519PublicKey]:
        """Valid encryption keys, newest (latest ``not_before``) first."""
        keys = sorted(self.node(node_id).encryption_keys, key=lambda k: k.not_before, reverse=True)
        return [k.key for k in keys if k.valid_at(at) and isinstance(k.key, X25519PublicKey)]

    def encryption_key(self, node_id: str, at: datetime) -> X25519PublicKey:
        """The key a sender encrypts to: the newest valid one."""
        keys = self.encryption_keys(node_id, at)
        if not keys:
            raise RegistryError("registry.no_valid_key", {"node": node_id})
        return keys[0]


@dataclass(frozen=True, slots=True)
class RegistryTrust:
    """Root of trust: the registry operators' keys and how many must sign (k of n)."""

    operator_keys: tuple[Ed25519PublicKey, ...]
    threshold: int

    def __post_init__(self) -> None:
        kids = {jwk_thumbprint(k) for k in self.operator_keys}
        if len(kids) != len(self.operator_keys) or not 1 <= self.threshold <= len(kids):
            raise ValueError("threshold must be between 1 and the number of distinct keys")

    def by_kid(self) -> dict[str, Ed25519PublicKey]:
        return {jwk_thumbprint(k): k for k in self.operator_keys}


def sign_registry(registry: NodeRegistry, operator_keys: Iterable[Ed25519PrivateKey]) -> bytes:
    """Produce the General JSON Serialization, one signature per operator key."""
    payload_b64 = b64url_encode(canonical_json(registry.to_payload()))
    signatures = []
    for key in operator_keys:
        protected = {"alg": JWS_ALG, "typ": REGISTRY_TYP, "kid": jwk_thumbprint(key.public_key())}
        protected_b64 = b64url_encode(canonical_json(protected))
        signature = key.sign(f"{protected_b64}.{payload_b64}".encode("ascii"))
        signatures.append({"protected": protected_b64, "signature": b64url_encode(signature)})
    return canonical_json({"payload": payload_b64, "signatures": signatures}) + b"\n"


def verify_registry(
    document: bytes, *, trust: RegistryTrust, now: datetime, min_version: int = 0
) -> NodeRegistry:
    """Verify a signed registry; ``min_version`` is the last version this node accepted."""
    if len(document) > MAX_REGISTRY_SIZE:
        raise RegistryError("registry.too_large", {"size": len(document)})
    try:
        outer = strict_json_loads(document)
        if not isinstance(outer, dict) or set(outer) != {"payload", "signatures"}:
            raise ValueError("members")
        payload_b64 = outer["payload"]
        signatures = outer["signatures"]
        if not isinstance(payload_b64, str) or not isinstance(signatures, list):
            raise ValueError("types")
    except (ValueError, RecursionError) as exc:
        raise RegistryError("registry.malformed", {"reason": "syntax"}) from exc
    if len(signatures) > MAX_SIGNATURES:
        raise RegistryError("registry.malformed", {"reason": "signatures"})
    operators = trust.by_kid()
    signed_by: set[str] = set()
    for entry in signatures:
        kid = _verify_operator_signature(entry, payload_b64, operators)
        if kid is not None:
            signed_by.add(kid)
    if len(signed_by) < trust.threshold:
        raise RegistryError(
            "registry.signatures_insufficient",
            {"valid": len(signed_by), "threshold": trust.threshold},
        )
    try:
        payload = strict_json_loads(b64url_decode(payload_b64))
        registry = _registry_from_payload(payload)
    except (EncodingError, ValueError, RecursionError, KeyStoreError, ValidationError) as exc:
        raise RegistryError("registry.malformed", {"reason": "payload"}) from exc
    if registry.version < min_version:
        raise RegistryError(
            "registry.rollback", {"version": registry.version, "min_version": min_version}
        )
    if registry.issued > now + ISSUED_SKEW:
        raise RegistryError("registry.not_yet_valid")
    if now >= registry.expires:
        raise RegistryError("registry.expired", {"expires": format_time(registry.expires)})
    return registry


def registry_payload_sha256(document: bytes) -> str:
    """SHA-256 of the signed payload bytes, to record which exact list was accepted."""
    outer = strict_json_loads(document)
    return hashlib.sha256(b64url_decode(outer["payload"])).hexdigest()


def _verify_operator_signature(
    entry: object, payload_b64: str, operators: Mapping[str, Ed25519PublicKey]
) -> str | None:
    """Return the operator kid if ``entry`` is a valid signature by a configured operator."""
    if not isinstance(entry, dict) or set(entry) != {"protected", "signature"}:
        return None
    protected_b64, signature_b64 = entry["protected"], entry["signature"]
    if not isinstance(protected_b64, str) or not isinstance(signature_b64, str):
        return None
    try:
        protected = strict_json_loads(b64url_decode(protected_b64))
        signature = b64url_decode(signature_b64)
    except (EncodingError, ValueError, RecursionError):
        return None
    # Same allow-list as every other JWS here: exactly alg/typ/kid, alg Ed25519, our typ.
    if (
        not isinstance(protected, dict)
        or set(protected) != {"alg", "typ", "kid"}
        or protected["alg"] != JWS_ALG
        or protected["typ"] != REGISTRY_TYP
    ):
        return None
    key = operators.get(protected["kid"]) if isinstance(protected["kid"], str) else None
    if key is None or len(signature) != 64:
        return None
    try:
        key.verify(signature, f"{protected_b64}.{payload_b64}".encode("ascii"))
    except InvalidSignature:
        return None
    return str(protected["kid"])


def _keys_from_payload(items: Sequence[object], curve: str) -> tuple[RegistryKey, ...]:
    keys = []
    for item in items:
        reader = FieldReader(item, "registry.malformed")
        key = public_key_from_jwk(reader.raw("jwk"), curve=curve)
        status = reader.string("status", max_length=16)
        if status not in {s.value for s in KeyStatus}:
            raise reader.fail("status")
        entry = RegistryKey(
            key, reader.time("not_before"), reader.time("not_after"), KeyStatus(status)
        )
        reader.finish()
        if entry.not_after <= entry.not_before:
            raise reader.fail("not_after")
        keys.append(entry)
    return tuple(keys)


def _certificates_from_payload(node: FieldReader, hashes: set[str]) -> tuple[bytes, ...]:
    """``tls_certificates`` (optional, absent = none): base64url DER X.509 certificates, each
    listed by hash in ``tls_cert_sha256``."""
    if not node.has("tls_certificates"):
        return ()
    certificates = []
    for item in node.array("tls_certificates", max_items=MAX_KEYS_PER_NODE):
        if not isinstance(item, str) or len(item) > MAX_CERTIFICATE_B64:
            raise node.fail("tls_certificates")
        try:
            der = b64url_decode(item)
            x509.load_der_x509_certificate(der)
        except (EncodingError, ValueError) as exc:
            raise node.fail("tls_certificates") from exc
        if hashlib.sha256(der).hexdigest() not in hashes:
            raise node.fail("tls_certificates", "hash_not_listed")
        certificates.append(der)
    return tuple(certificates)


def _registry_from_payload(payload: object) -> NodeRegistry:
    reader = FieldReader(payload, "registry.malformed")
    if reader.string("type", max_length=32) != REGISTRY_TYPE:
        raise reader.fail("type")
    version = reader.integer("version", minimum=1)
    issued, expires = reader.time("issued"), reader.time("expires")
    nodes = []
    for item in reader.array("nodes", max_items=MAX_NODES):
        node = FieldReader(item, "registry.malformed")
        status = node.string("status", max_length=16)
        if status not in {s.value for s in NodeStatus}:
            raise node.fail("status")
        tls = node.array("tls_cert_sha256", max_items=MAX_KEYS_PER_NODE)
        if not all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in tls):
            raise node.fail("tls_cert_sha256")
        certificates = _certificates_from_payload(node, {str(h) for h in tls})
        nodes.append(
            RegistryNode(
                node_id=node.node_id("node_id"),
                state=node.string("state", max_length=2, pattern=_STATE),
                authority=node.string("authority", max_length=512),
                endpoint=node.string("endpoint", max_length=512, pattern=_ENDPOINT),
                status=NodeStatus(status),
                signing_keys=_keys_from_payload(
                    node.array("signing_keys", max_items=MAX_KEYS_PER_NODE), "Ed25519"
                ),
                encryption_keys=_keys_from_payload(
                    node.array("encryption_keys", max_items=MAX_KEYS_PER_NODE), "X25519"
                ),
                tls_cert_sha256=tuple(str(h) for h in tls),
                tls_certificates=certificates,
            )
        )
        node.finish()
    reader.finish()
    if expires <= issued:
        raise reader.fail("expires")
    return NodeRegistry(version, issued, expires, tuple(nodes))
