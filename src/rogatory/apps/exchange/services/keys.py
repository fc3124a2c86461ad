"""This node's keys: made at run time, stored encrypted under the node passphrase.

The passphrase comes from ``ROGATORY_KEY_PASSPHRASE`` or the file named by
``ROGATORY_KEY_PASSPHRASE_FILE`` (never from the database or git). Decrypting costs a scrypt
derivation (about a third of a second), so loaded keys are cached per process and row.
"""

from __future__ import annotations

import ssl
import threading
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.db import transaction
from django.utils import timezone

from rogatory.apps.exchange.models import NodeIdentity, NodeTlsIdentity
from rogatory.core.envelope.age import X25519Identity
from rogatory.core.envelope.encoding import b64url_encode
from rogatory.core.envelope.errors import KeyStoreError
from rogatory.core.envelope.fields import is_node_id
from rogatory.core.envelope.keys import DEFAULT_SCRYPT_LOG2_N, NodeKeys, open_secret, seal_secret
from rogatory.core.errors import DomainError
from rogatory.federation.tls import TlsCredentials, cert_sha256, make_tls_certificate
from rogatory.settings.env import env_secret

TLS_KEY_FORMAT = "rogatory-tls-key/v1"

_lock = threading.Lock()
_cache: dict[int, NodeKeys] = {}
_tls_cache: dict[int, TlsCredentials] = {}


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
        identity = NodeIdentity.objects.create(
            node_id=node_id,
            signing_kid=public.signing_kid,
            encryption_kid=public.encryption_kid,
            public_jwks=public.jwks(),
            encrypted_keys=encrypted,
            active=True,
            created_at=timezone.now(),
        )
        if not NodeTlsIdentity.objects.filter(active=True).exists():
            node_tls_init(node_id=node_id, scrypt_log2_n=scrypt_log2_n)
        return identity


def node_tls_init(
    *,
    node_id: str | None = None,
    scrypt_log2_n: int = DEFAULT_SCRYPT_LOG2_N,
    rotate: bool = False,
    now: datetime | None = None,
) -> NodeTlsIdentity:
    """Make this node's TLS key and self-signed certificate (``keys init`` does it too).

    With ``rotate`` the new certificate becomes the one presented; publish its hash in the
    registry before (overlap): peers accept only certificates the registry lists.
    """
    passphrase = key_passphrase()
    now = now or timezone.now()
    with transaction.atomic():
        if node_id is None:
            keys_row = NodeIdentity.objects.filter(active=True).first()
            if keys_row is None:
                raise DomainError("keys.missing")
            node_id = keys_row.node_id
        if not is_node_id(node_id):
            raise DomainError("keys.node_id_invalid", node_id=node_id)
        current = NodeTlsIdentity.objects.select_for_update().filter(active=True).first()
        if current is not None and not rotate:
            raise DomainError("keys.exist", node_id=current.node_id)
        key, der = make_tls_certificate(node_id, now=now)
        secret = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            encrypted = seal_secret(
                secret, passphrase, format_name=TLS_KEY_FORMAT, scrypt_log2_n=scrypt_log2_n
            )
        except KeyStoreError as exc:
            raise DomainError(exc.code) from exc
        NodeTlsIdentity.objects.filter(active=True).update(active=False)
        return NodeTlsIdentity.objects.create(
            node_id=node_id,
            certificate_der=der,
            cert_sha256=cert_sha256(der),
            encrypted_key=encrypted,
            not_after=x509.load_der_x509_certificate(der).not_valid_after_utc,
            active=True,
            created_at=now,
        )


def node_tls_credentials() -> TlsCredentials | None:
    """The active TLS certificate with its decrypted key (cached), or None before it exists."""
    row = NodeTlsIdentity.objects.filter(active=True).first()
    if row is None:
        return None
    with _lock:
        cached = _tls_cache.get(row.pk)
    if cached is not None:
        return cached
    try:
        secret = open_secret(bytes(row.encrypted_key), key_passphrase(), format_name=TLS_KEY_FORMAT)
    except KeyStoreError as exc:
        raise DomainError(exc.code) from exc
    credentials = TlsCredentials(bytes(row.certificate_der), secret)
    with _lock:
        _tls_cache[row.pk] = credentials
    return credentials


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
    tls = NodeTlsIdentity.objects.filter(active=True).first()
    if tls is not None:
        # What the registry needs: the pin and the certificate (servers' client-cert anchors).
        exported["tls_cert_sha256"] = tls.cert_sha256
        exported["tls_certificate"] = ssl.DER_cert_to_PEM_cert(bytes(tls.certificate_der))
        # The same as registry node members, ready to paste into a payload to sign.
        exported["registry_tls"] = {
            "tls_cert_sha256": [tls.cert_sha256],
            "tls_certificates": [b64url_encode(bytes(tls.certificate_der))],
        }
    if include_age_identity:
        exported["age_identity"] = str(loaded.age_identity)
    return exported


def forget_cached_keys() -> None:
    """Drop decrypted keys from memory (tests; key rotation)."""
    with _lock:
        _cache.clear()
        _tls_cache.clear()
