"""Builders shared by the exchange tests: operator keys, registries, sealed envelopes."""

from __future__ import annotations

import json
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rogatory.core.envelope.keys import NodeKeys, public_jwk, public_key_from_jwk
from rogatory.core.envelope.registry import (
    KeyStatus,
    NodeRegistry,
    RegistryKey,
    RegistryNode,
    sign_registry,
)

NOT_BEFORE = datetime(2026, 1, 1, tzinfo=UTC)
NOT_AFTER = datetime(2030, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class NodeEntry:
    node_id: str
    state: str
    jwks: Sequence[dict[str, str]]
    signing_status: KeyStatus = KeyStatus.ACTIVE
    signing_not_after: datetime = NOT_AFTER
    # From ``rogatory keys export``: the TLS pin and the PEM certificate (mutual TLS).
    tls_cert_sha256: tuple[str, ...] = ()
    tls_certificates: tuple[str, ...] = ()


def entry_for(node_id: str, state: str, keys: NodeKeys, **kwargs: Any) -> NodeEntry:
    return NodeEntry(node_id, state, keys.public().jwks(), **kwargs)


def build_registry(nodes: Sequence[NodeEntry], *, version: int = 1) -> NodeRegistry:
    issued = datetime.now(UTC).replace(microsecond=0) - timedelta(days=10)
    built = []
    for node in nodes:
        sig = next(j for j in node.jwks if j["crv"] == "Ed25519")
        enc = next(j for j in node.jwks if j["crv"] == "X25519")
        built.append(
            RegistryNode(
                node_id=node.node_id,
                state=node.state,
                authority=f"Central authority of {node.state}",
                endpoint=f"https://{node.node_id}.example.test/exchange",
                signing_keys=(
                    RegistryKey(
                        public_key_from_jwk(sig),
                        NOT_BEFORE,
                        node.signing_not_after,
                        node.signing_status,
                    ),
                ),
                encryption_keys=(RegistryKey(public_key_from_jwk(enc), NOT_BEFORE, NOT_AFTER),),
                tls_cert_sha256=node.tls_cert_sha256,
                tls_certificates=tuple(ssl.PEM_cert_to_DER_cert(p) for p in node.tls_certificates),
            )
        )
    return NodeRegistry(version, issued, issued + timedelta(days=30), tuple(built))


@dataclass
class Operators:
    """Two registry operators; a 2-of-2 threshold keeps the tests honest about k of n."""

    keys: tuple[NodeKeys, ...]

    @classmethod
    def make(cls, n: int = 2) -> Operators:
        return cls(tuple(NodeKeys.generate() for _ in range(n)))

    def jwks(self) -> list[dict[str, str]]:
        return [public_jwk(k.signing.public_key()) for k in self.keys]

    def config(self) -> dict[str, Any]:
        return {"threshold": len(self.keys), "keys": self.jwks()}

    def write_config(self, path: Path) -> Path:
        path.write_text(json.dumps(self.config()), encoding="utf-8")
        return path

    def sign(self, registry: NodeRegistry) -> bytes:
        return sign_registry(registry, [k.signing for k in self.keys])
