"""Audit checkpoints as C2SP signed notes (c2sp.org/signed-note, tlog-checkpoint,
tlog-cosignature), signed with Ed25519.

A checkpoint note looks like::

    rogatory.node/xb-central
    1042
    <base64 RFC 9162 root hash>

    — rogatory.node/xb-central <base64(key id || Ed25519 signature)>
    — rogatory.witness/xa-central <base64(key id || timestamp || Ed25519 signature)>

The first signature is the log's (type 0x01, over the note text); further lines are witness
cosignatures (type 0x04, over ``cosignature/v1``, ``time <t>`` and the note text). Parsing is
strict and bounded, because notes arrive from peers: at most ``MAX_NOTE_BYTES``, at most
``MAX_SIGNATURES`` signature lines, exactly three body lines (we neither make nor accept
extension lines, which tlog-checkpoint does not recommend), canonical decimal and base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from rogatory.core.audit.merkle import HASH_SIZE, MAX_TREE_SIZE

__all__ = [
    "COSIGNATURE_V1",
    "ED25519",
    "MAX_NOTE_BYTES",
    "MAX_SIGNATURES",
    "Checkpoint",
    "CosignatureVerifier",
    "NoteError",
    "NoteSignature",
    "NoteVerifier",
    "SignedNote",
    "add_signatures",
    "checkpoint_body",
    "cosign",
    "key_id",
    "log_origin",
    "parse_checkpoint",
    "parse_note",
    "parse_signature_lines",
    "sign_checkpoint",
    "verify_checkpoint",
    "witness_name",
]

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
# The note format requires accepting at least 16 signatures; 32 leaves room for key rotation
# while bounding the work a peer can make us do.
MAX_SIGNATURES = 32
MAX_NOTE_BYTES = 8 * 1024
MAX_ORIGIN_LENGTH = 128
SIGNATURE_PREFIX = "\u2014 "
_ED25519_SIG = 64
_TIMESTAMP_MAX = 2**63 - 1

# Key names: non-empty, no Unicode space, no plus. \s covers Unicode whitespace in Python's re.
_KEY_NAME = re.compile(r"[^\s+]{1,256}")
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,18}")


class NoteError(ValueError):
    """A malformed, oversized or unverifiable note; ``code`` is stable, safe to show a peer."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def log_origin(node_id: str) -> str:
    """The origin line (and log key name) of a node's audit log."""
    return f"rogatory.node/{node_id}"


def witness_name(node_id: str) -> str:
    """The key name a node cosigns with; distinct from its log name so roles never mix."""
    return f"rogatory.witness/{node_id}"


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(name: str, sig_type: int, key: Ed25519PublicKey) -> bytes:
    """SHA-256(name || 0x0A || type || public key)[:4], as signed-note recommends."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([sig_type]) + _raw(key)).digest()[:4]


def _b64decode(text: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise NoteError("note.base64") from exc
    # Only the canonical encoding is accepted, so one note has one spelling.
    if base64.b64encode(raw).decode("ascii") != text:
        raise NoteError("note.base64")
    return raw


@dataclass(frozen=True, slots=True)
class NoteSignature:
    name: str
    key_id: bytes
    signature: bytes

    def line(self) -> str:
        return f"{SIGNATURE_PREFIX}{self.name} {_b64(self.key_id + self.signature)}\n"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True, slots=True)
class SignedNote:
    body: str  # the signed text, ending in a newline
    signatures: tuple[NoteSignature, ...]

    def text(self) -> str:
        return self.body + "\n" + "".join(s.line() for s in self.signatures)


def _check_characters(text: str) -> None:
    if any(ord(ch) < 0x20 and ch != "\n" for ch in text):
        raise NoteError("note.control_character")


def parse_signature_lines(text: str) -> tuple[NoteSignature, ...]:
    """Signature lines, each ``— <name> <base64>`` ending in a newline."""
    if not text.endswith("\n"):
        raise NoteError("note.signature_malformed")
    lines = text[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError("note.too_many_signatures")
    out = []
    for line in lines:
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError("note.signature_malformed")
        name, sep, encoded = line[len(SIGNATURE_PREFIX) :].partition(" ")
        if not sep or _KEY_NAME.fullmatch(name) is None or " " in encoded:
            raise NoteError("note.signature_malformed")
        raw = _b64decode(encoded)
        if len(raw) < 5:
            raise NoteError("note.signature_malformed")
        out.append(NoteSignature(name, raw[:4], raw[4:]))
    return tuple(out)


def parse_note(text: str) -> SignedNote:
    """Split a signed note at its last blank line; check sizes, characters and line syntax."""
    if len(text.encode("utf-8")) > MAX_NOTE_BYTES:
        raise NoteError("note.too_large")
    _check_characters(text)
    cut = text.rfind("\n\n")
    if cut < 0:
        raise NoteError("note.unsigned")
    body, signatures = text[: cut + 1], text[cut + 2 :]
    if not signatures:
        raise NoteError("note.unsigned")
    return SignedNote(body, parse_signature_lines(signatures))


@dataclass(frozen=True, slots=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def body(self) -> str:
        return checkpoint_body(self.origin, self.size, self.root)


def checkpoint_body(origin: str, size: int, root: bytes) -> str:
    if _KEY_NAME.fullmatch(origin) is None or len(origin) > MAX_ORIGIN_LENGTH:
        raise NoteError("checkpoint.origin")
    if not 0 <= size <= MAX_TREE_SIZE or len(root) != HASH_SIZE:
        raise NoteError("checkpoint.malformed")
    return f"{origin}\n{size}\n{_b64(root)}\n"


def parse_checkpoint(text: str) -> tuple[Checkpoint, SignedNote]:
    """A checkpoint note: origin, canonical decimal size, base64 32-byte root; nothing else."""
    note = parse_note(text)
    lines = note.body[:-1].split("\n")
    if len(lines) != 3:
        raise NoteError("checkpoint.malformed")
    origin, size_text, root_text = lines
    if _KEY_NAME.fullmatch(origin) is None or len(origin) > MAX_ORIGIN_LENGTH:
        raise NoteError("checkpoint.origin")
    if _DECIMAL.fullmatch(size_text) is None or int(size_text) > MAX_TREE_SIZE:
        raise NoteError("checkpoint.size")
    root = _b64decode(root_text)
    if len(root) != HASH_SIZE:
        raise NoteError("checkpoint.root")
    return Checkpoint(origin, int(size_text), root), note


def sign_checkpoint(checkpoint: Checkpoint, key: Ed25519PrivateKey) -> str:
    """The note text of ``checkpoint`` signed by the log key, named after its origin."""
    body = checkpoint.body()
    kid = key_id(checkpoint.origin, ED25519, key.public_key())
    return SignedNote(
        body, (NoteSignature(checkpoint.origin, kid, key.sign(body.encode())),)
    ).text()


def _cosigned_message(body: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{body}".encode()


def cosign(body: str, *, name: str, key: Ed25519PrivateKey, timestamp: int) -> NoteSignature:
    """A tlog-cosignature/v1 (Ed25519) over a checkpoint body, as of ``timestamp`` (POSIX s)."""
    if not 0 <= timestamp <= _TIMESTAMP_MAX:
        raise NoteError("cosignature.timestamp")
    signature = key.sign(_cosigned_message(body, timestamp))
    kid = key_id(name, COSIGNATURE_V1, key.public_key())
    return NoteSignature(name, kid, struct.pack(">Q", timestamp) + signature)


@dataclass(frozen=True, slots=True)
class NoteVerifier:
    """A log key (type 0x01): the signature is Ed25519 over the note body."""

    name: str
    key: Ed25519PublicKey

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, ED25519, self.key)

    def verify(self, body: str, signature: bytes) -> bool:
        if len(signature) != _ED25519_SIG:
            return False
        try:
            self.key.verify(signature, body.encode())
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True, slots=True)
class CosignatureVerifier:
    """A witness key (type 0x04): 8-byte big-endian timestamp, then Ed25519 over the
    ``cosignature/v1`` message."""

    name: str
    key: Ed25519PublicKey

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, COSIGNATURE_V1, self.key)

    def verify(self, body: str, signature: bytes) -> bool:
        if len(signature) != 8 + _ED25519_SIG:
            return False
        (timestamp,) = struct.unpack(">Q", signature[:8])
        if timestamp > _TIMESTAMP_MAX:
            return False
        try:
            self.key.verify(signature[8:], _cosigned_message(body, timestamp))
        except InvalidSignature:
            return False
        return True


Verifier = NoteVerifier | CosignatureVerifier


def verified_by(note: SignedNote, verifiers: Sequence[Verifier]) -> list[Verifier]:
    """The verifiers whose signature is on the note and valid.

    Per signed-note: lines from unknown keys (name and key id not both matching) are ignored;
    a line from a known key that fails to verify rejects the whole note.
    """
    known = {(v.name, v.key_id): v for v in verifiers}
    good: list[Verifier] = []
    for sig in note.signatures:
        verifier = known.get((sig.name, sig.key_id))
        if verifier is None:
            continue
        if not verifier.verify(note.body, sig.signature):
            raise NoteError("note.signature_invalid")
        if verifier not in good:
            good.append(verifier)
    return good


def verify_checkpoint(text: str, log_keys: Iterable[Ed25519PublicKey]) -> Checkpoint:
    """Parse ``text`` and require a valid signature by one of ``log_keys`` named after the
    checkpoint's origin (several keys: a rotation overlap)."""
    checkpoint, note = parse_checkpoint(text)
    verifiers = [NoteVerifier(checkpoint.origin, key) for key in log_keys]
    if not verified_by(note, verifiers):
        raise NoteError("note.no_trusted_signature")
    return checkpoint


def add_signatures(text: str, signatures: Iterable[NoteSignature]) -> str:
    """The note with signature lines appended, skipping lines it already carries."""
    note = parse_note(text)
    present = set(note.signatures)
    extra = tuple(s for s in signatures if s not in present)
    combined = SignedNote(note.body, note.signatures + extra)
    if len(combined.signatures) > MAX_SIGNATURES:
        raise NoteError("note.too_many_signatures")
    return combined.text()
