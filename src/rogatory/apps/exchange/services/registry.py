"""The trust list this node accepted, its root of trust, and the peers it lists.

A registry document is accepted only when it verifies against the configured operators (k of
n) and is not older than the last accepted version (rollback protection). The verified
registry is cached per process by snapshot, and re-checked for expiry on every use.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import transaction
from django.utils import timezone

from rogatory.apps.exchange.models import Peer, RegistrySnapshot, TrustAnchor
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.keys import public_key_from_jwk
from rogatory.core.envelope.registry import (
    NodeRegistry,
    RegistryTrust,
    registry_payload_sha256,
    verify_registry,
)
from rogatory.core.errors import DomainError

_lock = threading.Lock()
_cache: dict[int, NodeRegistry] = {}


def registry_trust_from(operator_jwks: list[Any], threshold: int) -> RegistryTrust:
    keys: list[Ed25519PublicKey] = []
    try:
        for jwk in operator_jwks:
            key = public_key_from_jwk(jwk, curve="Ed25519")
            if isinstance(key, Ed25519PublicKey):
                keys.append(key)
        return RegistryTrust(tuple(keys), threshold)
    except EnvelopeError as exc:
        raise DomainError("registry.operators_invalid", reason=exc.code) from exc
    except ValueError as exc:
        raise DomainError("registry.operators_invalid", reason="threshold") from exc


def registry_trust() -> RegistryTrust:
    anchor = TrustAnchor.objects.first()
    if anchor is None:
        raise DomainError("registry.trust_missing")
    return registry_trust_from(list(anchor.operator_jwks), anchor.threshold)


def registry_import(
    *,
    document: bytes,
    operator_jwks: list[Any] | None = None,
    threshold: int | None = None,
    endpoint_overrides: dict[str, str] | None = None,
    now: datetime | None = None,
) -> RegistrySnapshot:
    """Verify and accept a registry; optionally (re)configure the operators first.

    ``endpoint_overrides`` maps node ids to a local endpoint (plain HTTP on loopback in tests
    and demos); production uses the registry's ``https`` endpoints.
    """
    now = now or timezone.now()
    with transaction.atomic():
        anchor = TrustAnchor.objects.select_for_update().first()
        if operator_jwks is not None:
            k = threshold if threshold is not None else (anchor.threshold if anchor else 1)
            registry_trust_from(operator_jwks, k)
            if anchor is None:
                anchor = TrustAnchor(operator_jwks=operator_jwks, threshold=k, updated_at=now)
            anchor.operator_jwks, anchor.threshold, anchor.updated_at = operator_jwks, k, now
            anchor.save()
        trust = registry_trust()
        last = RegistrySnapshot.objects.select_for_update().first()
        try:
            registry = verify_registry(
                document, trust=trust, now=now, min_version=last.version if last else 0
            )
        except EnvelopeError as exc:
            raise DomainError(exc.code, **_params(exc.params)) from exc
        snapshot = RegistrySnapshot.objects.create(
            version=registry.version,
            payload_sha256=registry_payload_sha256(document),
            document=document,
            issued=registry.issued,
            expires=registry.expires,
            accepted_at=now,
        )
        overrides = endpoint_overrides or {}
        for node in registry.nodes:
            peer, _ = Peer.objects.get_or_create(
                node_id=node.node_id,
                defaults={"state": node.state, "updated_at": now, "status": node.status.value},
            )
            peer.state, peer.authority = node.state, node.authority
            peer.endpoint, peer.status, peer.updated_at = node.endpoint, node.status.value, now
            if node.node_id in overrides:
                peer.endpoint_override = overrides[node.node_id]
            peer.save()
        Peer.objects.exclude(node_id__in=[n.node_id for n in registry.nodes]).update(
            status="removed", updated_at=now
        )
    return snapshot


def _params(params: dict[str, object]) -> dict[str, str | int]:
    return {k: v if isinstance(v, int) else str(v) for k, v in params.items()}


def current_registry(*, now: datetime | None = None) -> NodeRegistry:
    """The latest accepted registry, refused once expired (``registry.expired``)."""
    now = now or timezone.now()
    snapshot = RegistrySnapshot.objects.only("id", "expires").order_by("-version", "-id").first()
    if snapshot is None:
        raise DomainError("registry.missing")
    if now >= snapshot.expires:
        raise DomainError("registry.expired")
    with _lock:
        cached = _cache.get(snapshot.pk)
    if cached is not None:
        return cached
    document = bytes(
        RegistrySnapshot.objects.values_list("document", flat=True).get(pk=snapshot.pk)
    )
    try:
        # Re-verified when first loaded in a process: the database is not the root of trust.
        registry = verify_registry(document, trust=registry_trust(), now=now)
    except EnvelopeError as exc:
        raise DomainError(exc.code) from exc
    with _lock:
        _cache[snapshot.pk] = registry
    return registry


def peer_endpoint(node_id: str) -> str:
    peer = Peer.objects.filter(node_id=node_id).first()
    if peer is None:
        raise DomainError("registry.node_unknown", node=node_id)
    return peer.transport_endpoint


def forget_cached_registry() -> None:
    with _lock:
        _cache.clear()
