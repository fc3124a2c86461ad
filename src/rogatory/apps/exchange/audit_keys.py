"""The exchange app's keys and registry, as the audit app asks for them (checkpoints and
witnessing; see ``rogatory.apps.audit.services.node``). Registered in ``ExchangeConfig.ready``."""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from rogatory.apps.audit.services.node import NodeSigner
from rogatory.apps.exchange.models import NodeIdentity
from rogatory.apps.exchange.services.keys import node_identity
from rogatory.apps.exchange.services.registry import current_registry, peer_endpoint
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.keys import public_key_from_jwk
from rogatory.core.errors import DomainError


class ExchangeNodeKeys:
    """Implements ``NodeKeysSource`` from the node identities and the accepted registry."""

    def signer(self) -> NodeSigner | None:
        if not NodeIdentity.objects.filter(active=True).exists():
            return None
        identity = node_identity()
        return NodeSigner(identity.node_id, identity.keys.signing)

    def own_log_keys(self) -> tuple[str | None, list[Ed25519PublicKey]]:
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

    def signing_keys(self, node_id: str, at: datetime) -> list[Ed25519PublicKey]:
        try:
            return current_registry(now=at).signing_keys(node_id, at)
        except EnvelopeError as exc:
            raise DomainError(exc.code, node=node_id) from exc

    def endpoint(self, node_id: str) -> str:
        return peer_endpoint(node_id)
