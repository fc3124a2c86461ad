"""What the audit app needs from this node's keys and the registry, for checkpoints and
witnessing: this node's signing key and every key it ever had, and other nodes' signing keys and
endpoints.

The keys and the registry belong to the exchange app, which sits above the audit app (every
exchange write is audited). So the audit app declares what it needs (:class:`NodeKeysSource`)
and the exchange app registers its implementation when Django starts
(``ExchangeConfig.ready``): the audit app imports no other app, and lint-imports checks it.
Services take these values as arguments too, so tests and callers that already hold them never
come here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rogatory.core.errors import DomainError


@dataclass(frozen=True, slots=True)
class NodeSigner:
    """This node's id and Ed25519 signing key (log signatures and witness cosignatures)."""

    node_id: str
    key: Ed25519PrivateKey


@dataclass(frozen=True, slots=True)
class WitnessPeer:
    """A node asked to cosign our checkpoints: where it listens and the keys it may use."""

    node_id: str
    endpoint: str
    keys: tuple[Ed25519PublicKey, ...]


class NodeKeysSource(Protocol):
    """This node's keys and the accepted registry, as the exchange app keeps them."""

    def signer(self) -> NodeSigner | None: ...

    def own_log_keys(self) -> tuple[str | None, list[Ed25519PublicKey]]: ...

    def signing_keys(self, node_id: str, at: datetime) -> list[Ed25519PublicKey]: ...

    def endpoint(self, node_id: str) -> str: ...


_source: NodeKeysSource | None = None


def node_keys_source_register(source: NodeKeysSource | None) -> None:
    """Called once by the exchange app at start-up (``None`` unregisters, for tests)."""
    global _source
    _source = source


def node_signer() -> NodeSigner | None:
    """The active node key, or None on a node without exchange keys (no checkpoints there)."""
    return _source.signer() if _source is not None else None


def own_log_keys() -> tuple[str | None, list[Ed25519PublicKey]]:
    """This node's id and every signing key it ever had (old checkpoints stay verifiable)."""
    return _source.own_log_keys() if _source is not None else (None, [])


def registry_signing_keys(node_id: str, at: datetime) -> list[Ed25519PublicKey]:
    """A node's signing keys valid at ``at`` in the accepted registry (``registry.*`` errors
    when it is missing, expired, or does not list the node)."""
    if _source is None:
        raise DomainError("registry.missing", node=node_id)
    return _source.signing_keys(node_id, at)


def registry_witness_peers(node_ids: Sequence[str], at: datetime) -> list[WitnessPeer]:
    """Witness peers for ``node_ids`` from the registry and the peers table (for the worker)."""
    if _source is None:
        raise DomainError("registry.missing")
    return [
        WitnessPeer(node_id, _source.endpoint(node_id), tuple(registry_signing_keys(node_id, at)))
        for node_id in node_ids
    ]
