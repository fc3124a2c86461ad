"""Typed errors of the envelope library.

Every error carries a stable machine-readable ``code`` (documented in ``docs/protocol.md``) and
a ``params`` mapping; no prose is part of the contract, so the edges can translate the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar


class EnvelopeError(Exception):
    """Base class: ``code`` is stable and safe to show to a peer; ``params`` adds detail."""

    default_code: ClassVar[str] = "envelope.error"

    def __init__(self, code: str | None = None, params: Mapping[str, object] | None = None):
        self.code: str = code or self.default_code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(self.code)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, params={self.params!r})"


class AgeError(EnvelopeError):
    """An age v1 file is malformed or does not authenticate."""

    default_code = "age.error"


class AgeHeaderError(AgeError):
    """The age header is malformed, non-canonical or uses an unsupported version."""

    default_code = "age.header_failure"


class AgeHmacError(AgeError):
    """The age header MAC does not match the header."""

    default_code = "age.hmac_failure"


class AgeNoMatchError(AgeError):
    """No identity unwraps the file key of any recipient stanza."""

    default_code = "age.no_match"


class AgePayloadError(AgeError):
    """The STREAM payload is truncated, reordered, extended or altered."""

    default_code = "age.payload_failure"


class KeyStoreError(EnvelopeError):
    """A key could not be loaded, decrypted or parsed."""

    default_code = "keys.invalid"


class SignatureError(EnvelopeError):
    """A JWS (header, receipt, evidence, registry) was rejected."""

    default_code = "jws.invalid"


class ValidationError(EnvelopeError):
    """A signed payload is well signed but its content is not acceptable."""

    default_code = "payload.invalid"


class RegistryError(EnvelopeError):
    """The node registry (trust list) was rejected or does not vouch for a key."""

    default_code = "registry.invalid"


class IntegrityError(EnvelopeError):
    """A size or SHA-256 of a part does not match the signed value."""

    default_code = "integrity.mismatch"
