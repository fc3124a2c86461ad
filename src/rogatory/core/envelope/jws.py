"""Strict compact JWS with exactly one algorithm: ``Ed25519`` (RFC 9864, EdDSA on Ed25519).

Everything that can be refused without a key is refused first, cheaply, in this order: size,
shape (three segments; five would be a JWE), base64url, the protected header (an object with
exactly ``alg``, ``typ`` and ``kid``; no ``crit``, ``jwk``, ``jku``, ``x5c``, ``b64``, ``zip``),
the algorithm allow-list and the expected ``typ``. Only then is a key looked up (by the caller,
usually through the registry) and the signature checked with joserfc restricted to
``["Ed25519"]``. ``alg: none``, ``HS256`` keyed with a public key, ``EdDSA``, ``ES256``, ``RS256``
and so on never reach key handling.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from joserfc import jws as joserfc_jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from rogatory.core.envelope.encoding import EncodingError, b64url_decode
from rogatory.core.envelope.errors import SignatureError
from rogatory.core.envelope.keys import canonical_json, jwk_thumbprint

__all__ = [
    "JWS_ALG",
    "MAX_JWS_SIZE",
    "ParsedJws",
    "parse_compact",
    "sign_compact",
    "strict_json_loads",
]

JWS_ALG = "Ed25519"
ALLOWED_ALGORITHMS = (JWS_ALG,)
MAX_JWS_SIZE = 256 * 1024
MAX_PROTECTED_HEADER_SIZE = 1024
_HEADER_MEMBERS = frozenset({"alg", "typ", "kid"})


class _Registry(joserfc_jws.JWSRegistry):
    # joserfc's defaults (128 kB payload) are below our own limit, which is checked first.
    max_header_length = MAX_PROTECTED_HEADER_SIZE
    max_payload_length = MAX_JWS_SIZE
    max_signature_length = 128


def _registry() -> _Registry:
    return _Registry(algorithms=list(ALLOWED_ALGORITHMS))


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate member")
        result[key] = value
    return result


def strict_json_loads(data: bytes) -> Any:
    """JSON that refuses duplicate members, NaN/Infinity and invalid UTF-8."""
    return json.loads(
        data.decode("utf-8"), object_pairs_hook=_unique_object, parse_constant=_reject_constant
    )


def sign_compact(
    payload: Mapping[str, Any], *, key: Ed25519PrivateKey, typ: str, kid: str | None = None
) -> str:
    """Sign canonical JSON of ``payload``; ``kid`` defaults to the key's RFC 7638 thumbprint."""
    protected = {"alg": JWS_ALG, "typ": typ, "kid": kid or jwk_thumbprint(key.public_key())}
    token = joserfc_jws.serialize_compact(
        protected, canonical_json(dict(payload)), OKPKey.import_key(key), registry=_registry()
    )
    if len(token) > MAX_JWS_SIZE:
        raise SignatureError("jws.too_large", {"size": len(token)})
    return token


@dataclass(frozen=True, slots=True)
class ParsedJws:
    """A compact JWS whose form is valid; its signature is NOT yet verified."""

    token: str
    protected: dict[str, str]
    payload: dict[str, Any]
    signature: bytes

    @property
    def kid(self) -> str:
        return self.protected["kid"]

    def verify(self, public_key: Ed25519PublicKey) -> dict[str, Any]:
        """Check the signature with joserfc (allow-list: Ed25519 only); return the payload."""
        if jwk_thumbprint(public_key) != self.kid:
            raise SignatureError("jws.kid_mismatch")
        try:
            joserfc_jws.deserialize_compact(
                self.token, OKPKey.import_key(public_key), registry=_registry()
            )
        except JoseError as exc:
            raise SignatureError("jws.signature_invalid") from exc
        return self.payload


def parse_compact(token: str | bytes, *, typ: str, max_size: int = MAX_JWS_SIZE) -> ParsedJws:
    """Parse and vet a compact JWS without any key (see the module docstring for the order)."""
    if len(token) > max_size:
        raise SignatureError("jws.too_large", {"size": len(token), "limit": max_size})
    if isinstance(token, bytes):
        try:
            token = token.decode("ascii")
        except UnicodeDecodeError as exc:
            raise SignatureError("jws.malformed") from exc
    if not token.isascii():
        raise SignatureError("jws.malformed")
    segments = token.split(".")
    if len(segments) == 5:
        raise SignatureError("jws.jwe_rejected")
    if len(segments) != 3:
        raise SignatureError("jws.malformed")
    header_b64, payload_b64, signature_b64 = segments
    if len(header_b64) > MAX_PROTECTED_HEADER_SIZE * 4 // 3 + 4:
        raise SignatureError("jws.header_invalid", {"reason": "size"})
    try:
        header_bytes = b64url_decode(header_b64)
        protected = strict_json_loads(header_bytes)
    except (EncodingError, ValueError) as exc:
        raise SignatureError("jws.header_invalid", {"reason": "syntax"}) from exc
    _check_protected(protected, typ)
    try:
        signature = b64url_decode(signature_b64)
    except EncodingError as exc:
        raise SignatureError("jws.malformed", {"reason": "signature"}) from exc
    if len(signature) != 64:
        raise SignatureError("jws.signature_invalid", {"reason": "length"})
    try:
        payload = strict_json_loads(b64url_decode(payload_b64))
    except (EncodingError, ValueError, RecursionError) as exc:
        raise SignatureError("jws.payload_invalid", {"reason": "syntax"}) from exc
    if not isinstance(payload, dict):
        raise SignatureError("jws.payload_invalid", {"reason": "not_an_object"})
    return ParsedJws(token, protected, payload, signature)


def _check_protected(protected: object, typ: str) -> None:
    if not isinstance(protected, dict):
        raise SignatureError("jws.header_invalid", {"reason": "not_an_object"})
    if "crit" in protected:
        raise SignatureError("jws.crit_unsupported")
    if "enc" in protected:
        raise SignatureError("jws.jwe_rejected")
    alg = protected.get("alg")
    if alg not in ALLOWED_ALGORITHMS:
        raise SignatureError("jws.alg_not_allowed", {"alg": str(alg)[:32]})
    extra = set(protected) - _HEADER_MEMBERS
    if extra:
        raise SignatureError("jws.header_invalid", {"members": sorted(extra)[:8]})
    if protected.get("typ") != typ:
        raise SignatureError("jws.typ_mismatch", {"expected": typ})
    kid = protected.get("kid")
    if not isinstance(kid, str) or not 1 <= len(kid) <= 128:
        raise SignatureError("jws.header_invalid", {"reason": "kid"})
