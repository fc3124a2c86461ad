"""The age v1 file format (C2SP age specification) over ``cryptography``.

Written from the public specification: a text header of recipient stanzas closed by an
HMAC-SHA-256 MAC, a 16-byte payload nonce, then the STREAM construction: ChaCha20-Poly1305 over
64 KiB chunks with an 11-byte big-endian counter and a last-chunk flag as nonce.

Recipients are X25519 only; passphrase (scrypt) files can be read but not written; ASCII armor
and post-quantum hybrid recipients are not implemented. Other stanzas are parsed strictly and
ignored, as the specification asks.

Chunks are processed in batches (``batch_chunks`` chunks per read/write), in constant memory.
Parsing is strict: non-canonical base64, CRLF, unknown versions, malformed stanzas, truncated,
reordered, extended or empty-final-chunk streams are all rejected with a typed error.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
from collections import deque
from collections.abc import Buffer, Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from rogatory.core.envelope.encoding import (
    EncodingError,
    b64_std_decode,
    b64_std_encode,
    bech32_decode,
    bech32_encode,
)
from rogatory.core.envelope.errors import (
    AgeError,
    AgeHeaderError,
    AgeHmacError,
    AgeNoMatchError,
    AgePayloadError,
)

__all__ = [
    "CHUNK_SIZE",
    "DecryptResult",
    "EncryptResult",
    "Identity",
    "ScryptIdentity",
    "Stanza",
    "X25519Identity",
    "X25519Recipient",
    "ciphertext_size",
    "decrypt",
    "encrypt",
    "parse_identities",
]

INTRO = b"age-encryption.org/v1\n"
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
FILE_KEY_SIZE = 16
PAYLOAD_NONCE_SIZE = 16
X25519_LABEL = b"age-encryption.org/v1/X25519"
SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
RECIPIENT_HRP = "age"
IDENTITY_HRP = "age-secret-key-"

# Bounds that keep a hostile header from consuming memory; real headers are a few hundred bytes.
MAX_HEADER_SIZE = 1024 * 1024
MAX_STANZAS = 1024
DEFAULT_BATCH_CHUNKS = 16
_BODY_COLUMNS = 64

Sink = Callable[[Buffer], object]


# --- keys -----------------------------------------------------------------------------------


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


class X25519Recipient:
    """An age X25519 recipient (``age1...``): the public half of an identity."""

    __slots__ = ("_key", "_raw")

    def __init__(self, public_key: X25519PublicKey) -> None:
        self._key = public_key
        self._raw = _raw_public(public_key)

    @classmethod
    def from_bytes(cls, raw: bytes) -> X25519Recipient:
        if len(raw) != 32:
            raise AgeError("age.recipient_invalid")
        return cls(X25519PublicKey.from_public_bytes(raw))

    @classmethod
    def from_string(cls, text: str) -> X25519Recipient:
        """Parse an ``age1...`` recipient; upper case is refused, as age itself does."""
        try:
            hrp, raw = bech32_decode(text)
        except EncodingError as exc:
            raise AgeError("age.recipient_invalid") from exc
        if hrp != RECIPIENT_HRP or text != text.lower():
            raise AgeError("age.recipient_invalid")
        return cls.from_bytes(raw)

    @property
    def public_bytes(self) -> bytes:
        return self._raw

    def __str__(self) -> str:
        return bech32_encode(RECIPIENT_HRP, self._raw)

    def __repr__(self) -> str:
        return f"X25519Recipient({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, X25519Recipient) and other._raw == self._raw

    def __hash__(self) -> int:
        return hash(self._raw)

    def wrap(self, file_key: bytes) -> Stanza:
        """Make the ``X25519`` stanza that lets this recipient unwrap ``file_key``."""
        ephemeral = X25519PrivateKey.generate()
        share = _raw_public(ephemeral.public_key())
        shared_secret = ephemeral.exchange(self._key)
        wrap_key = _hkdf(shared_secret, share + self._raw, X25519_LABEL)
        body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
        return Stanza("X25519", (b64_std_encode(share).decode("ascii"),), body)


class X25519Identity:
    """An age X25519 identity (``AGE-SECRET-KEY-1...``)."""

    __slots__ = ("_key", "_public")

    def __init__(self, private_key: X25519PrivateKey) -> None:
        self._key = private_key
        self._public = _raw_public(private_key.public_key())

    @classmethod
    def generate(cls) -> X25519Identity:
        return cls(X25519PrivateKey.generate())

    @classmethod
    def from_string(cls, text: str) -> X25519Identity:
        try:
            hrp, raw = bech32_decode(text)
        except EncodingError as exc:
            raise AgeError("age.identity_invalid") from exc
        if hrp != IDENTITY_HRP or len(raw) != 32:
            raise AgeError("age.identity_invalid")
        return cls(X25519PrivateKey.from_private_bytes(raw))

    @property
    def private_key(self) -> X25519PrivateKey:
        return self._key

    @property
    def recipient(self) -> X25519Recipient:
        return X25519Recipient(self._key.public_key())

    def __str__(self) -> str:
        raw = self._key.private_bytes_raw()
        return bech32_encode(IDENTITY_HRP, raw).upper()

    def __repr__(self) -> str:
        return f"X25519Identity(recipient={self.recipient})"

    def unwrap(self, stanza: Stanza) -> bytes | None:
        """Return the file key if ``stanza`` (already validated) is addressed to us, else None."""
        share = b64_std_decode(stanza.args[0].encode("ascii"))
        try:
            shared_secret = self._key.exchange(X25519PublicKey.from_public_bytes(share))
        except ValueError as exc:
            # Low-order share: the all-zero shared secret is forbidden by the specification.
            raise AgeHeaderError("age.header_failure", {"reason": "x25519_low_order"}) from exc
        wrap_key = _hkdf(shared_secret, share + self._public, X25519_LABEL)
        try:
            return ChaCha20Poly1305(wrap_key).decrypt(bytes(12), stanza.body, None)
        except InvalidTag:
            return None


def parse_identities(text: str) -> list[X25519Identity]:
    """Parse an age identity file: one ``AGE-SECRET-KEY-1...`` per line, ``#`` comments."""
    identities = [
        X25519Identity.from_string(line.strip())
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not identities:
        raise AgeError("age.identity_invalid", {"reason": "empty"})
    return identities


class ScryptIdentity:
    """A passphrase, for reading age files made with ``age -p`` (decryption only).

    Nodes never encrypt with passphrases; this exists for operators' archives and for the
    conformance suite. ``max_work_factor`` bounds the scrypt cost an input may demand
    (2**20 iterations need 1 GiB of memory); larger work factors are a header failure.
    """

    __slots__ = ("_max_work_factor", "_passphrase")

    def __init__(self, passphrase: bytes, *, max_work_factor: int = 20) -> None:
        self._passphrase = passphrase
        self._max_work_factor = max_work_factor

    def __repr__(self) -> str:
        return "ScryptIdentity(<passphrase>)"

    def unwrap(self, stanza: Stanza) -> bytes | None:
        """Return the file key of an ``scrypt`` stanza, None if the passphrase is wrong."""
        if len(stanza.args) != 2:
            raise AgeHeaderError("age.header_failure", {"reason": "scrypt_arguments"})
        try:
            salt = b64_std_decode(stanza.args[0].encode("ascii"))
        except EncodingError as exc:
            raise AgeHeaderError("age.header_failure", {"reason": "scrypt_salt"}) from exc
        work_factor = stanza.args[1]
        # Decimal without sign or leading zero, as the specification requires.
        if (
            len(salt) != 16
            or not work_factor.isascii()
            or not work_factor.isdigit()
            or work_factor.startswith("0")
            or len(work_factor) > 2
        ):
            raise AgeHeaderError("age.header_failure", {"reason": "scrypt_parameters"})
        if int(work_factor) > self._max_work_factor:
            raise AgeHeaderError("age.header_failure", {"reason": "scrypt_work_factor"})
        if len(stanza.body) != FILE_KEY_SIZE + TAG_SIZE:
            raise AgeHeaderError("age.header_failure", {"reason": "scrypt_body"})
        kdf = Scrypt(salt=SCRYPT_LABEL + salt, length=32, n=1 << int(work_factor), r=8, p=1)
        wrap_key = kdf.derive(self._passphrase)
        try:
            return ChaCha20Poly1305(wrap_key).decrypt(bytes(12), stanza.body, None)
        except InvalidTag:
            return None


Identity = X25519Identity | ScryptIdentity


# --- header ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stanza:
    """One recipient stanza: ``-> type arg...`` followed by a wrapped body."""

    type: str
    args: tuple[str, ...]
    body: bytes

    def encode(self) -> bytes:
        line = " ".join((self.type, *self.args)).encode("ascii")
        encoded = b64_std_encode(self.body)
        lines = [encoded[i : i + _BODY_COLUMNS] for i in range(0, len(encoded), _BODY_COLUMNS)]
        # The body always ends with a line shorter than 64 columns, empty if need be.
        if not lines or len(lines[-1]) == _BODY_COLUMNS:
            lines.append(b"")
        return b"-> " + line + b"\n" + b"".join(chunk + b"\n" for chunk in lines)


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _header_mac(file_key: bytes, header_without_mac: bytes) -> bytes:
    mac_key = _hkdf(file_key, b"", b"header")
    return hmac.new(mac_key, header_without_mac, hashlib.sha256).digest()


def _is_argument(value: bytes) -> bool:
    return bool(value) and all(0x21 <= c <= 0x7E for c in value)


class _HeaderReader:
    """Reads newline-terminated header lines from a stream, keeping what follows."""

    def __init__(self, src: BinaryIO) -> None:
        self._src = src
        self._buffer = bytearray()
        self._position = 0
        self._consumed = 0

    def readline(self) -> bytes:
        while True:
            end = self._buffer.find(b"\n", self._position)
            if end >= 0:
                line = bytes(self._buffer[self._position : end + 1])
                self._position = end + 1
                self._consumed += len(line)
                return line
            if len(self._buffer) >= MAX_HEADER_SIZE:
                raise AgeHeaderError("age.header_failure", {"reason": "header_too_large"})
            data = self._src.read(min(65536, MAX_HEADER_SIZE + 1 - len(self._buffer)))
            if not data:
                raise AgeHeaderError("age.header_failure", {"reason": "truncated"})
            self._buffer += data

    def remainder(self) -> bytes:
        return bytes(self._buffer[self._position :])


@dataclass(frozen=True, slots=True)
class _Header:
    stanzas: tuple[Stanza, ...]
    mac: bytes
    mac_input: bytes
    remainder: bytes


def _parse_header(src: BinaryIO) -> _Header:
    reader = _HeaderReader(src)
    raw = bytearray()
    intro = reader.readline()
    if intro != INTRO:
        raise AgeHeaderError("age.header_failure", {"reason": "version"})
    raw += intro
    stanzas: list[Stanza] = []
    while True:
        line = reader.readline()
        if line.startswith(b"---"):
            raw += b"---"
            if len(line) != 4 + 43 + 1 or line[3:4] != b" ":
                raise AgeHeaderError("age.header_failure", {"reason": "mac_line"})
            try:
                mac = b64_std_decode(line[4:-1])
            except EncodingError as exc:
                raise AgeHeaderError("age.header_failure", {"reason": "mac_encoding"}) from exc
            return _Header(tuple(stanzas), mac, bytes(raw), reader.remainder())
        if not line.startswith(b"-> "):
            raise AgeHeaderError("age.header_failure", {"reason": "stanza_start"})
        raw += line
        parts = line[3:-1].split(b" ")
        if not all(_is_argument(part) for part in parts):
            raise AgeHeaderError("age.header_failure", {"reason": "stanza_argument"})
        body = bytearray()
        while True:
            body_line = reader.readline()
            raw += body_line
            text = body_line[:-1]
            if len(text) > _BODY_COLUMNS:
                raise AgeHeaderError("age.header_failure", {"reason": "body_line_long"})
            try:
                body += b64_std_decode(text)
            except EncodingError as exc:
                raise AgeHeaderError("age.header_failure", {"reason": "body_encoding"}) from exc
            if len(text) < _BODY_COLUMNS:
                break
        stanzas.append(
            Stanza(
                parts[0].decode("ascii"), tuple(p.decode("ascii") for p in parts[1:]), bytes(body)
            )
        )
        if len(stanzas) > MAX_STANZAS:
            raise AgeHeaderError("age.header_failure", {"reason": "too_many_stanzas"})


def _validate_stanzas(stanzas: Sequence[Stanza]) -> None:
    if any(s.type == "scrypt" for s in stanzas) and len(stanzas) != 1:
        raise AgeHeaderError("age.header_failure", {"reason": "scrypt_not_alone"})
    for stanza in stanzas:
        if stanza.type != "X25519":
            continue
        if len(stanza.args) != 1:
            raise AgeHeaderError("age.header_failure", {"reason": "x25519_arguments"})
        try:
            share = b64_std_decode(stanza.args[0].encode("ascii"))
        except EncodingError as exc:
            raise AgeHeaderError("age.header_failure", {"reason": "x25519_share"}) from exc
        if len(share) != 32:
            raise AgeHeaderError("age.header_failure", {"reason": "x25519_share"})
        if len(stanza.body) != FILE_KEY_SIZE + TAG_SIZE:
            raise AgeHeaderError("age.header_failure", {"reason": "x25519_body"})


def _unwrap_file_key(stanzas: Sequence[Stanza], identities: Sequence[Identity]) -> bytes:
    _validate_stanzas(stanzas)
    for identity in identities:
        wanted = "X25519" if isinstance(identity, X25519Identity) else "scrypt"
        for stanza in stanzas:
            if stanza.type == wanted:
                file_key = identity.unwrap(stanza)
                if file_key is not None:
                    return file_key
    raise AgeNoMatchError()


# --- payload --------------------------------------------------------------------------------


def _read_full(src: BinaryIO, size: int) -> bytes:
    """Read ``size`` bytes unless EOF comes first (streams may return short reads)."""
    data = src.read(size)
    if data is None:
        raise AgeError("age.io", {"reason": "non_blocking_stream"})
    if len(data) == size or not data:
        return bytes(data)
    parts = [data]
    missing = size - len(data)
    while missing:
        more = src.read(missing)
        if not more:
            break
        parts.append(more)
        missing -= len(more)
    return b"".join(parts)


def _fill(src: BinaryIO, buffer: bytearray, start: int = 0) -> int:
    """Fill ``buffer`` from ``start`` until full or EOF; return the number of bytes held."""
    view = memoryview(buffer)
    filled = start
    readinto = getattr(src, "readinto", None)
    while filled < len(buffer):
        if readinto is not None:
            got = readinto(view[filled:])
        else:
            data = src.read(len(buffer) - filled)
            got = None if data is None else len(data)
            if got:
                view[filled : filled + got] = data
        if got is None:
            raise AgeError("age.io", {"reason": "non_blocking_stream"})
        if not got:
            break
        filled += got
    return filled


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _emit(data: Buffer, dst: BinaryIO | None, sinks: Iterable[Sink]) -> list[Future[Any]]:
    """Write ``data`` and hand it to the sinks; return the futures of asynchronous sinks."""
    if dst is not None:
        dst.write(data)
    pending = []
    for sink in sinks:
        result = sink(data)
        if isinstance(result, Future):
            pending.append(result)
    return pending


def _fitted(batch_chunks: int, src: BinaryIO, chunk: int, buffered: int) -> int:
    """Fewer chunks per batch when ``src`` is known to be small.

    Batch buffers are allocated (and zeroed) per call; for the many small files of a batched
    commit a 1 MiB buffer would cost more than the cryptography. A stream of unknown length
    keeps the full batch.
    """
    try:
        if not src.seekable():
            return batch_chunks
        here = src.tell()
        end = src.seek(0, io.SEEK_END)
        src.seek(here)
    except (OSError, ValueError, AttributeError):
        return batch_chunks
    remaining = end - here + buffered
    return max(1, min(batch_chunks, -(-remaining // chunk)))


class _BufferPool:
    """Reusable batch buffers, so large files cause no allocation or page fault per batch.

    A buffer given to sinks goes back to the pool with the futures they returned, and is
    reused only once those have completed (a hashing thread may still be reading it).
    """

    def __init__(self, size: int, count: int = 6) -> None:
        self._size = size
        self._spare = count
        self._free: list[bytearray] = []
        self._busy: deque[tuple[bytearray, list[Future[Any]]]] = deque()

    def take(self) -> bytearray:
        if self._free:
            return self._free.pop()
        if self._spare:
            self._spare -= 1
            return bytearray(self._size)
        buffer, pending = self._busy.popleft()
        for future in pending:
            future.result()
        return buffer

    def give(self, buffer: bytearray, pending: list[Future[Any]] | None = None) -> None:
        if pending:
            self._busy.append((buffer, pending))
        else:
            self._free.append(buffer)


@dataclass(frozen=True, slots=True)
class EncryptResult:
    plaintext_size: int
    ciphertext_size: int


def ciphertext_size(plaintext_size: int, header_size: int) -> int:
    """Size of an age file given its plaintext size and header length (incl. MAC line)."""
    chunks = max(1, -(-plaintext_size // CHUNK_SIZE))
    return header_size + PAYLOAD_NONCE_SIZE + plaintext_size + chunks * TAG_SIZE


def encrypt(
    src: BinaryIO,
    dst: BinaryIO | None,
    recipients: Sequence[X25519Recipient],
    *,
    plaintext_sinks: Sequence[Sink] = (),
    ciphertext_sinks: Sequence[Sink] = (),
    batch_chunks: int = DEFAULT_BATCH_CHUNKS,
) -> EncryptResult:
    """Encrypt ``src`` to ``dst`` as an age v1 file for every recipient.

    Sinks receive each plaintext / ciphertext buffer in order (e.g. ``hashlib`` updates). A sink
    may return a :class:`concurrent.futures.Future`: the buffer is then left untouched until the
    future completes, so a sink may process it on another thread (see ``ThreadedSha256``).
    """
    if not recipients:
        raise AgeError("age.no_recipients")
    if batch_chunks < 1:
        raise ValueError("batch_chunks must be positive")
    file_key = os.urandom(FILE_KEY_SIZE)
    header = INTRO + b"".join(r.wrap(file_key).encode() for r in recipients) + b"---"
    mac = _header_mac(file_key, header)
    nonce = os.urandom(PAYLOAD_NONCE_SIZE)
    head = header + b" " + b64_std_encode(mac) + b"\n" + nonce
    _emit(head, dst, ciphertext_sinks)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))

    batch_chunks = _fitted(batch_chunks, src, CHUNK_SIZE, 0)
    batch_size = batch_chunks * CHUNK_SIZE
    plain_pool = _BufferPool(batch_size)
    cipher_pool = _BufferPool(batch_size + batch_chunks * TAG_SIZE)
    counter = 0
    plaintext_size = 0
    written = len(head)
    data = plain_pool.take()
    filled = _fill(src, data)
    while True:
        following: bytearray | None = None
        following_filled = 0
        if filled == batch_size:
            following = plain_pool.take()
            following_filled = _fill(src, following)
            if not following_filled:
                plain_pool.give(following)
                following = None
        final = following is None
        plaintext_size += filled
        view = memoryview(data)[:filled]
        plain_pending = _emit(view, None, plaintext_sinks) if filled else []
        chunks = max(1, -(-filled // CHUNK_SIZE))
        out = cipher_pool.take()
        out_size = filled + chunks * TAG_SIZE
        out_view = memoryview(out)
        for index in range(chunks):
            start = index * CHUNK_SIZE
            piece = view[start : start + CHUNK_SIZE]
            out_start = index * ENCRYPTED_CHUNK_SIZE
            aead.encrypt_into(
                _nonce(counter, final and index == chunks - 1),
                piece,
                None,
                out_view[out_start : out_start + len(piece) + TAG_SIZE],
            )
            counter += 1
        cipher_pending = _emit(out_view[:out_size], dst, ciphertext_sinks)
        written += out_size
        plain_pool.give(data, plain_pending)
        cipher_pool.give(out, cipher_pending)
        if following is None:
            return EncryptResult(plaintext_size, written)
        data, filled = following, following_filled


@dataclass(frozen=True, slots=True)
class DecryptResult:
    plaintext_size: int
    plaintext_sha256: str | None = None


class _StreamDecryptor:
    def __init__(self, aead: ChaCha20Poly1305, dst: BinaryIO | None, sinks: Sequence[Sink]):
        self._aead = aead
        self._dst = dst
        self._sinks = sinks
        self.counter = 0
        self.size = 0

    def _open(self, piece: memoryview, out: memoryview, last: bool) -> bool:
        try:
            self._aead.decrypt_into(_nonce(self.counter, last), piece, None, out)
        except InvalidTag:
            return False
        return True

    def batch(self, data: memoryview, out: bytearray, *, at_end: bool) -> list[Future[Any]]:
        """Decrypt the whole chunks of ``data`` into ``out`` and emit the plaintext.

        ``at_end`` says that nothing follows ``data``. Plaintext that authenticated before a
        failure is emitted, then the failure is raised.
        """
        if not len(data):
            # A STREAM always has at least one (possibly empty) final chunk.
            raise AgePayloadError("age.payload_failure", {"reason": "no_chunks"})
        chunks = -(-len(data) // ENCRYPTED_CHUNK_SIZE)
        out_view = memoryview(out)
        released = 0
        failure: AgePayloadError | None = None
        for index in range(chunks):
            start = index * ENCRYPTED_CHUNK_SIZE
            piece = data[start : start + ENCRYPTED_CHUNK_SIZE]
            is_tail = index == chunks - 1 and at_end
            if len(piece) < TAG_SIZE:
                failure = AgePayloadError("age.payload_failure", {"reason": "truncated_chunk"})
                break
            if len(piece) == TAG_SIZE and self.counter != 0:
                failure = AgePayloadError("age.payload_failure", {"reason": "empty_last_chunk"})
                break
            target = out_view[released : released + len(piece) - TAG_SIZE]
            if len(piece) < ENCRYPTED_CHUNK_SIZE:
                # A short chunk can only be the final one (it is, since nothing can follow it).
                if not self._open(piece, target, last=True):
                    failure = AgePayloadError("age.payload_failure", {"reason": "chunk_tag"})
                    break
                released += len(target)
                self.counter += 1
                continue
            # A full chunk is normally not final; it is final only if it opens with the flag.
            if self._open(piece, target, last=False):
                released += len(target)
                self.counter += 1
                if is_tail:
                    failure = AgePayloadError("age.payload_failure", {"reason": "no_final_chunk"})
                    break
                continue
            if not self._open(piece, target, last=True):
                failure = AgePayloadError("age.payload_failure", {"reason": "chunk_tag"})
                break
            released += len(target)
            self.counter += 1
            if not is_tail:
                failure = AgePayloadError("age.payload_failure", {"reason": "trailing_data"})
            break
        pending: list[Future[Any]] = []
        if released:
            self.size += released
            pending = _emit(out_view[:released], self._dst, self._sinks)
        if failure is not None:
            raise failure
        return pending


def decrypt(
    src: BinaryIO,
    dst: BinaryIO | None,
    identities: Sequence[Identity],
    *,
    plaintext_sinks: Sequence[Sink] = (),
    ciphertext_sinks: Sequence[Sink] = (),
    batch_chunks: int = DEFAULT_BATCH_CHUNKS,
) -> DecryptResult:
    """Decrypt an age v1 file from ``src``, writing plaintext to ``dst`` as it authenticates.

    Plaintext written before an :class:`AgePayloadError` is authentic but incomplete: callers
    that need all-or-nothing use ``age_files.decrypt_to_path``. Sinks behave as in :func:`encrypt`.
    """
    if batch_chunks < 1:
        raise ValueError("batch_chunks must be positive")
    header = _parse_header(src)
    if not identities:
        raise AgeNoMatchError("age.no_match", {"reason": "no_identities"})
    file_key = _unwrap_file_key(header.stanzas, identities)
    if not hmac.compare_digest(_header_mac(file_key, header.mac_input), header.mac):
        raise AgeHmacError()
    for sink in ciphertext_sinks:
        sink(header.mac_input + b" " + b64_std_encode(header.mac) + b"\n")
    remainder = header.remainder
    nonce = remainder[:PAYLOAD_NONCE_SIZE]
    if len(nonce) < PAYLOAD_NONCE_SIZE:
        nonce += _read_full(src, PAYLOAD_NONCE_SIZE - len(nonce))
        remainder = b""
    else:
        remainder = remainder[PAYLOAD_NONCE_SIZE:]
    if len(nonce) != PAYLOAD_NONCE_SIZE:
        raise AgeHeaderError("age.header_failure", {"reason": "payload_nonce"})
    for sink in ciphertext_sinks:
        sink(nonce)
    stream = _StreamDecryptor(
        ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload")), dst, plaintext_sinks
    )
    batch_chunks = _fitted(batch_chunks, src, ENCRYPTED_CHUNK_SIZE, len(remainder))
    batch_size = batch_chunks * ENCRYPTED_CHUNK_SIZE
    # The header reader reads at most 64 KiB ahead, which always fits in one batch.
    assert len(remainder) <= batch_size  # noqa: S101 - internal invariant, not input validation
    cipher_pool = _BufferPool(batch_size)
    plain_pool = _BufferPool(batch_chunks * CHUNK_SIZE)
    data = cipher_pool.take()
    data[: len(remainder)] = remainder
    filled = _fill(src, data, len(remainder))
    while True:
        following: bytearray | None = None
        following_filled = 0
        if filled == batch_size:
            following = cipher_pool.take()
            following_filled = _fill(src, following)
            if not following_filled:
                cipher_pool.give(following)
                following = None
        view = memoryview(data)[:filled]
        cipher_pending = _emit(view, None, ciphertext_sinks) if filled else []
        out = plain_pool.take()
        plain_pending = stream.batch(view, out, at_end=following is None)
        cipher_pool.give(data, cipher_pending)
        plain_pool.give(out, plain_pending)
        if following is None:
            return DecryptResult(stream.size)
        data, filled = following, following_filled
