"""Node key pairs: Ed25519 for signatures, X25519 for encryption (as an age identity).

Private keys are stored encrypted at rest in a small JSON document::

    {"format": "rogatory-node-keys/v1",
     "kdf": {"name": "scrypt", "log2_n": 17, "r": 8, "p": 1, "salt": "<b64url 16 bytes>"},
     "aead": "ChaCha20-Poly1305", "nonce": "<b64url 12 bytes>",
     "ciphertext": "<b64url>"}

The ciphertext holds ``{"signing": <b64url raw 32>, "encryption": <b64url raw 32>}``; the
associated data is the canonical JSON of every field but ``ciphertext``, so parameters cannot be
downgraded without detection. Public keys travel as JWK (RFC 8037 OKP) whose ``kid`` is the
RFC 7638 thumbprint.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from rogatory.core.envelope.age import X25519Identity, X25519Recipient
from rogatory.core.envelope.encoding import EncodingError, b64url_decode, b64url_encode
from rogatory.core.envelope.errors import KeyStoreError

__all__ = [
    "KEY_FILE_FORMAT",
    "NodeKeys",
    "NodePublicKeys",
    "PublicKey",
    "canonical_json",
    "jwk_thumbprint",
    "open_secret",
    "public_jwk",
    "public_key_from_jwk",
    "seal_secret",
]

KEY_FILE_FORMAT = "rogatory-node-keys/v1"
DEFAULT_SCRYPT_LOG2_N = 17
# Accepted scrypt cost range when loading: below is too weak, above would let a file exhaust RAM.
MIN_SCRYPT_LOG2_N = 10
MAX_SCRYPT_LOG2_N = 20
MAX_KEY_FILE_SIZE = 16 * 1024

PublicKey = Ed25519PublicKey | X25519PublicKey

_CURVES: dict[str, type[Ed25519PublicKey] | type[X25519PublicKey]] = {
    "Ed25519": Ed25519PublicKey,
    "X25519": X25519PublicKey,
}


def canonical_json(value: Any) -> bytes:
    """Compact, key-sorted, UTF-8 JSON (the form that is signed and hashed)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _raw(key: PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _curve(key: PublicKey) -> str:
    return "Ed25519" if isinstance(key, Ed25519PublicKey) else "X25519"


def jwk_thumbprint(key: PublicKey) -> str:
    """RFC 7638 thumbprint (SHA-256, base64url) of an OKP public key: the key's ``kid``."""
    members = {"crv": _curve(key), "kty": "OKP", "x": b64url_encode(_raw(key))}
    return b64url_encode(hashlib.sha256(canonical_json(members)).digest())


def public_jwk(key: PublicKey) -> dict[str, str]:
    """The public JWK with ``kid`` = thumbprint, ``use`` and (for signing keys) ``alg``."""
    jwk = {"kty": "OKP", "crv": _curve(key), "x": b64url_encode(_raw(key))}
    if isinstance(key, Ed25519PublicKey):
        jwk |= {"use": "sig", "alg": "Ed25519"}
    else:
        jwk |= {"use": "enc"}
    jwk["kid"] = jwk_thumbprint(key)
    return jwk


def public_key_from_jwk(jwk: object, *, curve: str | None = None) -> PublicKey:
    """Parse a public OKP JWK strictly: no private part, 32-byte ``x``, ``kid`` == thumbprint."""
    if not isinstance(jwk, dict):
        raise KeyStoreError("keys.jwk_invalid", {"reason": "not_an_object"})
    if "d" in jwk:
        raise KeyStoreError("keys.jwk_invalid", {"reason": "private_member"})
    crv = jwk.get("crv")
    if jwk.get("kty") != "OKP" or crv not in _CURVES or (curve is not None and crv != curve):
        raise KeyStoreError("keys.jwk_invalid", {"reason": "curve"})
    x = jwk.get("x")
    if not isinstance(x, str):
        raise KeyStoreError("keys.jwk_invalid", {"reason": "x"})
    try:
        raw = b64url_decode(x)
    except EncodingError as exc:
        raise KeyStoreError("keys.jwk_invalid", {"reason": "x"}) from exc
    if len(raw) != 32:
        raise KeyStoreError("keys.jwk_invalid", {"reason": "x"})
    key: PublicKey = _CURVES[crv].from_public_bytes(raw)
    kid = jwk.get("kid")
    if kid is not None and kid != jwk_thumbprint(key):
        raise KeyStoreError("keys.jwk_invalid", {"reason": "kid"})
    return key


@dataclass(frozen=True, slots=True)
class NodePublicKeys:
    """A node's public keys, as published in the registry."""

    signing: Ed25519PublicKey
    encryption: X25519PublicKey

    @property
    def signing_kid(self) -> str:
        return jwk_thumbprint(self.signing)

    @property
    def encryption_kid(self) -> str:
        return jwk_thumbprint(self.encryption)

    @property
    def age_recipient(self) -> X25519Recipient:
        return X25519Recipient(self.encryption)

    def jwks(self) -> list[dict[str, str]]:
        return [public_jwk(self.signing), public_jwk(self.encryption)]


@dataclass(frozen=True, slots=True)
class NodeKeys:
    """A node's private signing and encryption keys."""

    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @classmethod
    def generate(cls) -> NodeKeys:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    def public(self) -> NodePublicKeys:
        return NodePublicKeys(self.signing.public_key(), self.encryption.public_key())

    @property
    def signing_kid(self) -> str:
        return jwk_thumbprint(self.signing.public_key())

    @property
    def age_identity(self) -> X25519Identity:
        return X25519Identity(self.encryption)

    def __repr__(self) -> str:
        # Never print key material.
        return f"NodeKeys(signing_kid={self.signing_kid!r})"

    def to_encrypted_json(
        self, passphrase: bytes, *, scrypt_log2_n: int = DEFAULT_SCRYPT_LOG2_N
    ) -> bytes:
        """Serialise both private keys under ``passphrase`` (scrypt + ChaCha20-Poly1305)."""
        secret = canonical_json(
            {
                "signing": b64url_encode(self.signing.private_bytes_raw()),
                "encryption": b64url_encode(self.encryption.private_bytes_raw()),
            }
        )
        return seal_secret(
            secret, passphrase, format_name=KEY_FILE_FORMAT, scrypt_log2_n=scrypt_log2_n
        )

    @classmethod
    def from_encrypted_json(cls, data: bytes, passphrase: bytes) -> NodeKeys:
        """Load keys from :meth:`to_encrypted_json`; a wrong passphrase is ``keys.decrypt``."""
        material = json.loads(open_secret(data, passphrase, format_name=KEY_FILE_FORMAT))
        return cls(
            Ed25519PrivateKey.from_private_bytes(b64url_decode(material["signing"])),
            X25519PrivateKey.from_private_bytes(b64url_decode(material["encryption"])),
        )


def _scrypt(passphrase: bytes, salt: bytes, log2_n: int) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=1 << log2_n, r=8, p=1)
    return kdf.derive(passphrase)


def seal_secret(
    secret: bytes,
    passphrase: bytes,
    *,
    format_name: str,
    scrypt_log2_n: int = DEFAULT_SCRYPT_LOG2_N,
) -> bytes:
    """Encrypt other private material (e.g. the TLS key) exactly as the node keys are stored:
    scrypt + ChaCha20-Poly1305, the other members as associated data; ``format_name`` names
    what the file holds so one kind of file cannot be loaded as another."""
    if not passphrase:
        raise KeyStoreError("keys.passphrase_empty")
    if not MIN_SCRYPT_LOG2_N <= scrypt_log2_n <= MAX_SCRYPT_LOG2_N:
        raise KeyStoreError("keys.kdf_parameters")
    salt, nonce = os.urandom(16), os.urandom(12)
    envelope: dict[str, Any] = {
        "format": format_name,
        "kdf": {
            "name": "scrypt",
            "log2_n": scrypt_log2_n,
            "r": 8,
            "p": 1,
            "salt": b64url_encode(salt),
        },
        "aead": "ChaCha20-Poly1305",
        "nonce": b64url_encode(nonce),
    }
    key = _scrypt(passphrase, salt, scrypt_log2_n)
    envelope["ciphertext"] = b64url_encode(
        ChaCha20Poly1305(key).encrypt(nonce, secret, canonical_json(envelope))
    )
    return canonical_json(envelope) + b"\n"


def open_secret(data: bytes, passphrase: bytes, *, format_name: str) -> bytes:
    """Decrypt :func:`seal_secret` output; a wrong passphrase is ``keys.decrypt``."""
    if len(data) > MAX_KEY_FILE_SIZE:
        raise KeyStoreError("keys.file_invalid", {"reason": "size"})
    try:
        envelope = json.loads(data)
        ciphertext = b64url_decode(envelope.pop("ciphertext"))
        kdf = envelope["kdf"]
        if (
            envelope["format"] != format_name
            or envelope["aead"] != "ChaCha20-Poly1305"
            or kdf["name"] != "scrypt"
            or (kdf["r"], kdf["p"]) != (8, 1)
            or type(kdf["log2_n"]) is not int
            or not MIN_SCRYPT_LOG2_N <= kdf["log2_n"] <= MAX_SCRYPT_LOG2_N
        ):
            raise KeyStoreError("keys.file_invalid", {"reason": "parameters"})
        salt = b64url_decode(kdf["salt"])
        nonce = b64url_decode(envelope["nonce"])
    except (ValueError, KeyError, TypeError, AttributeError, EncodingError) as exc:
        raise KeyStoreError("keys.file_invalid", {"reason": "syntax"}) from exc
    if len(nonce) != 12:
        raise KeyStoreError("keys.file_invalid", {"reason": "nonce"})
    key = _scrypt(passphrase, salt, kdf["log2_n"])
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, canonical_json(envelope))
    except InvalidTag as exc:
        raise KeyStoreError("keys.decrypt") from exc
