"""The one place where the audit app reaches into the exchange app: this node's signing key
and the registry keys and endpoints of other nodes, for checkpoints and witnessing.

Imports of ``rogatory.apps.exchange`` are inside the functions on purpose: the exchange
services import the audit services (every write is audited), so importing them at module load
would be circular. Services take these values as arguments too, so tests and callers that
already hold them never come here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.keys import public_key_from_jwk
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


def node_signer() -> NodeSigner | None:
    """The active node key, or None on a node without exchange keys (no checkpoints there)."""
    from rogatory.apps.exchange.models import NodeIdentity  # lazy: see module doc
    from rogatory.apps.exchange.services.keys import node_identity

    if not NodeIdentity.objects.filter(active=True).exists():
        return None
    identity = node_identity()
    return NodeSigner(identity.node_id, identity.keys.signing)


def own_log_keys() -> tuple[str | None, list[Ed25519PublicKey]]:
    """This node's id and every signing key it ever had (old checkpoints stay verifiable)."""
    from rogatory.apps.exchange.models import NodeIdentity

    rows = list(NodeIdentity.objects.all())
    current = next((r for r in rows if r.active), rows[0] if rows else None)
    keys: list[Ed25519PublicKey] = []
    for row in rows:
        for jwk in row.public_jwks:
            if isinstance(jwk, dict) and jwk.get("crv") == "Ed25519":
                key = public_key_from_jwk(jwk, curve="Ed25519")
                if isinstance(key, Ed25519PublicKey):
                    keys.append(key)
    return (current.node_id if current is not None else None), keys


def registry_signing_keys(node_id: str, at: datetime) -> list[Ed25519PublicKey]:
    """A node's signing keys valid at ``at`` in the accepted registry (``registry.*`` errors
    when it is missing, expired, or does not list the node)."""
    from rogatory.apps.exchange.services.registry import current_registry

    try:
        return current_registry(now=at).signing_keys(node_id, at)
    except EnvelopeError as exc:
        raise DomainError(exc.code, node=node_id) from exc


def registry_witness_peers(node_ids: Sequence[str], at: datetime) -> list[WitnessPeer]:
    """Witness peers for ``node_ids`` from the registry and the peers table (for the worker)."""
    from rogatory.apps.exchange.services.registry import peer_endpoint

    return [
        WitnessPeer(node_id, peer_endpoint(node_id), tuple(registry_signing_keys(node_id, at)))
        for node_id in node_ids
    ]
