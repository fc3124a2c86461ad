"""This node's keys: made at run time, stored encrypted under the node passphrase.

The passphrase comes from ``ROGATORY_KEY_PASSPHRASE`` or the file named by
``ROGATORY_KEY_PASSPHRASE_FILE`` (never from the database or git). Decrypting costs a scrypt
derivation (about a third of a second), so loaded keys are cached per process and row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rogatory.apps.exchange.models import NodeIdentity
from rogatory.core.envelope.age import X25519Identity
from rogatory.core.envelope.errors import KeyStoreError
from rogatory.core.envelope.fields import is_node_id
from rogatory.core.envelope.keys import DEFAULT_SCRYPT_LOG2_N, NodeKeys
from rogatory.core.errors import DomainError
from rogatory.settings.env import env_secret

_lock = threading.Lock()
_cache: dict[int, NodeKeys] = {}


@dataclass(frozen=True, slots=True)
class LoadedIdentity:
    node_id: str
    keys: NodeKeys
    # Every identity this node ever had: old decryption keys stay usable for archives.
    decryption: tuple[X25519Identity, ...]


def key_passphrase() -> bytes:
    value = env_secret("ROGATORY_KEY_PASSPHRASE")
    if not value:
        raise DomainError("keys.passphrase_missing")
    return value.encode("utf-8")


def node_keys_init(
    *, node_id: str, scrypt_log2_n: int = DEFAULT_SCRYPT_LOG2_N, rotate: bool = False
) -> NodeIdentity:
    """Make this node's key pairs (refused if keys exist, unless ``rotate``)."""
    if not is_node_id(node_id):
        raise DomainError("keys.node_id_invalid", node_id=node_id)
    passphrase = key_passphrase()
    with transaction.atomic():
        current = NodeIdentity.objects.select_for_update().filter(active=True).first()
        if current is not None and not rotate:
            raise DomainError("keys.exist", node_id=current.node_id)
        if current is not None and current.node_id != node_id:
            raise DomainError("keys.node_id_changed", node_id=current.node_id)
        keys = NodeKeys.generate()
        try:
            encrypted = keys.to_encrypted_json(passphrase, scrypt_log2_n=scrypt_log2_n)
        except KeyStoreError as exc:
            raise DomainError(exc.code) from exc
        public = keys.public()
        return NodeIdentity.objects.create(
            node_id=node_id,
            signing_kid=public.signing_kid,
            encryption_kid=public.encryption_kid,
            public_jwks=public.jwks(),
            encrypted_keys=encrypted,
            active=True,
            created_at=timezone.now(),
        )


def _load(row: NodeIdentity) -> NodeKeys:
    with _lock:
        cached = _cache.get(row.pk)
        if cached is not None:
            return cached
    try:
        keys = NodeKeys.from_encrypted_json(bytes(row.encrypted_keys), key_passphrase())
    except KeyStoreError as exc:
        raise DomainError(exc.code) from exc
    with _lock:
        _cache[row.pk] = keys
    return keys


def node_identity() -> LoadedIdentity:
    """The active identity with its private keys (``keys.missing`` before ``keys init``)."""
    rows = list(NodeIdentity.objects.all())
    active = next((r for r in rows if r.active), None)
    if active is None:
        raise DomainError("keys.missing")
    keys = _load(active)
    decryption = tuple(_load(r).age_identity for r in rows)
    return LoadedIdentity(active.node_id, keys, decryption)


def node_keys_export(*, include_age_identity: bool = False) -> dict[str, object]:
    """Public keys as JWKs (and, only on request, the age identity for offline decryption)."""
    row = NodeIdentity.objects.filter(active=True).first()
    if row is None:
        raise DomainError("keys.missing")
    exported: dict[str, object] = {"node_id": row.node_id, "keys": row.public_jwks}
    loaded = _load(row)
    exported["age_recipient"] = str(loaded.public().age_recipient)
    if include_age_identity:
        exported["age_identity"] = str(loaded.age_identity)
    return exported


def forget_cached_keys() -> None:
    """Drop decrypted keys from memory (tests; key rotation)."""
    with _lock:
        _cache.clear()
