"""Seal and open whole envelopes: encrypted parts + confidential manifest + signed header.

Part 0 is the confidential manifest (JSON, encrypted like every part): for each document its
file name, media type, plaintext size and SHA-256, plus free case metadata. Parts 1..n are the
documents. Every part is an age v1 file for the recipient node's encryption key and the
sender's own archive key(s). The public header lists each part's ciphertext size and SHA-256 and
is signed by the sender.

Opening verifies the header against the registry first, then each part's size (cheaply, from
the file system), then decrypts the manifest and each document into a temporary file that is
renamed only when the ciphertext hash, the final chunk and the plaintext hash all check out.
If any part fails, the documents already committed by the same call are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from rogatory.core.envelope import age, age_files
from rogatory.core.envelope._hashing import ThreadedSha256
from rogatory.core.envelope.errors import IntegrityError, RegistryError, ValidationError
from rogatory.core.envelope.fields import FieldReader, new_uuid7
from rogatory.core.envelope.header import (
    EnvelopeHeader,
    PartDescriptor,
    sign_header,
    verify_header,
)
from rogatory.core.envelope.jws import strict_json_loads
from rogatory.core.envelope.keys import NodeKeys, canonical_json, jwk_thumbprint
from rogatory.core.envelope.registry import NodeRegistry

__all__ = [
    "MANIFEST_PART_NAME",
    "Document",
    "Manifest",
    "ManifestEntry",
    "OpenedDocument",
    "OpenedEnvelope",
    "SealedEnvelope",
    "open_envelope",
    "part_file_name",
    "seal_envelope",
]

MANIFEST_PART_NAME = "manifest"
MANIFEST_TYPE = "rogatory-manifest"
MAX_MANIFEST_SIZE = 1024 * 1024
DEFAULT_TTL = timedelta(days=7)
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")


def part_file_name(message_id: str, index: int) -> str:
    return f"{message_id}.{index}.age"


@dataclass(frozen=True, slots=True)
class Document:
    """A plaintext document to seal: a path, or a binary stream read to its end.

    ``file_name`` and ``media_type`` only travel inside the encrypted manifest.
    """

    source: Path | BinaryIO
    file_name: str
    media_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    index: int
    file_name: str
    media_type: str
    size: int
    sha256: str

    def to_payload(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "file_name": self.file_name,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    message_id: str
    documents: tuple[ManifestEntry, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return canonical_json(
            {
                "type": MANIFEST_TYPE,
                "message_id": self.message_id,
                "documents": [d.to_payload() for d in self.documents],
                "metadata": dict(self.metadata),
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        try:
            payload = strict_json_loads(data)
        except (ValueError, RecursionError) as exc:
            raise ValidationError("manifest.invalid", {"reason": "syntax"}) from exc
        reader = FieldReader(payload, "manifest.invalid")
        if reader.string("type", max_length=32) != MANIFEST_TYPE:
            raise reader.fail("type")
        entries = []
        for position, item in enumerate(reader.array("documents", max_items=999), start=1):
            entry_reader = FieldReader(item, "manifest.invalid")
            entry = ManifestEntry(
                index=entry_reader.integer("index", maximum=999),
                file_name=entry_reader.string("file_name", max_length=255),
                media_type=entry_reader.string("media_type", max_length=128, pattern=_MEDIA_TYPE),
                size=entry_reader.integer("size", maximum=2**53),
                sha256=entry_reader.sha256("sha256"),
            )
            entry_reader.finish()
            if entry.index != position:
                raise entry_reader.fail("index", "order")
            entries.append(entry)
        metadata = reader.raw("metadata")
        if not isinstance(metadata, dict):
            raise reader.fail("metadata")
        manifest = cls(reader.uuid7("message_id"), tuple(entries), metadata)
        reader.finish()
        return manifest


@dataclass(frozen=True, slots=True)
class SealedEnvelope:
    header: EnvelopeHeader
    header_jws: str
    manifest: Manifest
    part_paths: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class OpenedDocument:
    entry: ManifestEntry
    path: Path


@dataclass(frozen=True, slots=True)
class OpenedEnvelope:
    header: EnvelopeHeader
    manifest: Manifest
    documents: tuple[OpenedDocument, ...]


def _encrypt_part(
    src: BinaryIO,
    destination: Path,
    recipients: Sequence[age.X25519Recipient],
) -> tuple[int, str, int, str]:
    """Encrypt one part; returns (plaintext size, plaintext sha256, ciphertext size, sha256)."""
    with (
        destination.open("xb") as out,
        ThreadedSha256() as plain_digest,
        ThreadedSha256() as cipher_digest,
    ):
        result = age.encrypt(
            src,
            out,
            recipients,
            plaintext_sinks=(plain_digest.update,),
            ciphertext_sinks=(cipher_digest.update,),
        )
        # Durable before the caller records the message in its outbox (crash safety).
        out.flush()
        os.fsync(out.fileno())
        return (
            result.plaintext_size,
            plain_digest.hexdigest(),
            result.ciphertext_size,
            cipher_digest.hexdigest(),
        )


def seal_envelope(
    *,
    documents: Sequence[Document],
    output_dir: Path,
    sender: str,
    sender_keys: NodeKeys,
    recipient: str,
    now: datetime,
    registry: NodeRegistry | None = None,
    recipient_key: X25519PublicKey | None = None,
    ttl: timedelta = DEFAULT_TTL,
    case_reference: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    message_id: str | None = None,
    archive_keys: Sequence[X25519PublicKey] | None = None,
) -> SealedEnvelope:
    """Encrypt ``documents`` (streamed) and the manifest into ``output_dir``; sign the header.

    With ``registry`` (the normal case) sending is refused unless the sender's signing key and
    the recipient node are valid at ``now``, and the parts are encrypted to the recipient's
    newest valid encryption key. Without it, ``recipient_key`` must be given. Recipients of
    every part are that key plus ``archive_keys`` (default: the sender's own encryption key,
    so the sender can read its archive). Part files are named ``<message_id>.<index>.age``;
    ``output_dir`` must exist and the files must not.
    """
    if registry is not None:
        registry.signing_key(sender, sender_keys.signing_kid, now)
        valid = registry.encryption_keys(recipient, now)
        if recipient_key is None:
            recipient_key = registry.encryption_key(recipient, now)
        elif jwk_thumbprint(recipient_key) not in {jwk_thumbprint(k) for k in valid}:
            raise RegistryError("registry.key_unknown", {"node": recipient})
    elif recipient_key is None:
        raise ValueError("either registry or recipient_key is required")
    message_id = message_id or new_uuid7(now)
    archive = (
        list(archive_keys) if archive_keys is not None else [sender_keys.encryption.public_key()]
    )
    recipients = [age.X25519Recipient(recipient_key), *(age.X25519Recipient(k) for k in archive)]
    output_dir = Path(output_dir)
    written: list[Path] = []
    try:
        descriptors: list[PartDescriptor] = []
        entries: list[ManifestEntry] = []
        for index, document in enumerate(documents, start=1):
            path = output_dir / part_file_name(message_id, index)
            written.append(path)
            with contextlib.ExitStack() as stack:
                src = (
                    stack.enter_context(Path(document.source).open("rb"))
                    if isinstance(document.source, (str, Path))
                    else document.source
                )
                size, sha256, cipher_size, cipher_sha256 = _encrypt_part(src, path, recipients)
            entries.append(
                ManifestEntry(index, document.file_name, document.media_type, size, sha256)
            )
            descriptors.append(PartDescriptor(index, f"part-{index}", cipher_size, cipher_sha256))
        manifest = Manifest(message_id, tuple(entries), dict(metadata or {}))
        manifest_bytes = manifest.to_bytes()
        if len(manifest_bytes) > MAX_MANIFEST_SIZE:
            raise ValidationError("manifest.too_large", {"size": len(manifest_bytes)})
        manifest_path = output_dir / part_file_name(message_id, 0)
        written.insert(0, manifest_path)
        _, _, cipher_size, cipher_sha256 = _encrypt_part(
            io.BytesIO(manifest_bytes), manifest_path, recipients
        )
        descriptors.insert(0, PartDescriptor(0, MANIFEST_PART_NAME, cipher_size, cipher_sha256))
        header = EnvelopeHeader(
            message_id=message_id,
            sender=sender,
            recipient=recipient,
            created=now,
            expires=now + ttl,
            case_reference=case_reference,
            parts=tuple(descriptors),
        )
        token = sign_header(header, key=sender_keys.signing)
    except BaseException:
        for path in written:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        raise
    return SealedEnvelope(header, token, manifest, tuple(written))


def open_envelope(
    *,
    header_jws: str,
    parts: Sequence[Path | bytes],
    output_dir: Path,
    recipient: str,
    identities: Sequence[age.X25519Identity],
    registry: NodeRegistry,
    now: datetime,
    ciphertext_hashes_verified: bool = False,
    durable: bool = True,
    verified_header: EnvelopeHeader | None = None,
) -> OpenedEnvelope:
    """Verify and decrypt a received envelope; ``parts[i]`` is the age file of part ``i``.

    A part is a path, or the bytes of a small part that came inline (a batched commit).

    Documents are committed as ``<output_dir>/<message_id>.<index>`` (never under the sender's
    file name, which is returned in the manifest entry for display only).

    ``ciphertext_hashes_verified=True`` tells that the caller (the transport, which hashes every
    chunk as it arrives) has already checked each document part's SHA-256 against this header,
    so it is not computed twice; sizes, the manifest part and plaintext hashes are still checked.
    ``durable=False`` leaves syncing the documents to the caller (see
    ``age_files.decrypt_to_path``).
    ``verified_header`` is the header the caller has just verified from this same
    ``header_jws`` with the same registry, recipient and time (it is not verified twice).
    """
    header = verified_header or verify_header(
        header_jws, registry=registry, recipient=recipient, now=now
    )
    if len(parts) != len(header.parts):
        raise IntegrityError(
            "integrity.part_count", {"expected": len(header.parts), "actual": len(parts)}
        )
    for descriptor, path in zip(header.parts, parts, strict=True):
        actual = len(path) if isinstance(path, bytes) else Path(path).stat().st_size
        if actual != descriptor.size:
            raise IntegrityError(
                "integrity.ciphertext_size",
                {"part": descriptor.index, "expected": descriptor.size, "actual": actual},
            )
    manifest = _open_manifest(header, parts[0], identities)
    if len(manifest.documents) != len(header.parts) - 1:
        raise IntegrityError("integrity.part_count", {"manifest": len(manifest.documents)})
    output_dir = Path(output_dir)
    opened: list[OpenedDocument] = []
    try:
        for entry, descriptor, path in zip(
            manifest.documents, header.parts[1:], parts[1:], strict=True
        ):
            destination = output_dir / f"{header.message_id}.{entry.index}"
            if isinstance(path, bytes) and not durable:
                if not ciphertext_hashes_verified and not hmac.compare_digest(
                    hashlib.sha256(path).hexdigest(), descriptor.sha256
                ):
                    raise IntegrityError("integrity.ciphertext_sha256", {"part": entry.index})
                age_files.decrypt_small_to_path(
                    path,
                    destination,
                    identities,
                    expected_sha256=entry.sha256,
                    expected_size=entry.size,
                )
                opened.append(OpenedDocument(entry, destination))
                continue
            with _reader(path) as src:
                age_files.decrypt_to_path(
                    src,
                    destination,
                    identities,
                    expected_sha256=entry.sha256,
                    expected_size=entry.size,
                    expected_ciphertext_sha256=(
                        None if ciphertext_hashes_verified else descriptor.sha256
                    ),
                    durable=durable,
                )
            opened.append(OpenedDocument(entry, destination))
    except BaseException:
        for document in opened:
            with contextlib.suppress(FileNotFoundError):
                document.path.unlink()
        raise
    return OpenedEnvelope(header, manifest, tuple(opened))


def _reader(part: Path | bytes) -> BinaryIO:
    return io.BytesIO(part) if isinstance(part, bytes) else Path(part).open("rb")


def _open_manifest(
    header: EnvelopeHeader, path: Path | bytes, identities: Sequence[age.X25519Identity]
) -> Manifest:
    descriptor = header.parts[0]
    if descriptor.name != MANIFEST_PART_NAME or descriptor.size > 2 * MAX_MANIFEST_SIZE:
        raise ValidationError("manifest.invalid", {"reason": "descriptor"})
    plaintext = io.BytesIO()
    cipher_digest = hashlib.sha256()
    with _reader(path) as src:
        age.decrypt(src, plaintext, identities, ciphertext_sinks=(cipher_digest.update,))
    if not hmac.compare_digest(cipher_digest.hexdigest(), descriptor.sha256):
        raise IntegrityError("integrity.ciphertext_sha256", {"part": 0})
    if plaintext.tell() > MAX_MANIFEST_SIZE:
        raise ValidationError("manifest.too_large")
    manifest = Manifest.from_bytes(plaintext.getvalue())
    if manifest.message_id != header.message_id:
        raise ValidationError("manifest.message_mismatch")
    return manifest
