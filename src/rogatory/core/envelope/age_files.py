"""age files decrypted straight to disk: committed under their name only once complete,
authentic and as expected (size and SHA-256 of the plaintext, SHA-256 of the age file).

The age format itself, and decryption to any stream, are in ``age.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from rogatory.core.envelope._hashing import ThreadedSha256
from rogatory.core.envelope.age import (
    DEFAULT_BATCH_CHUNKS,
    DecryptResult,
    Identity,
    Sink,
    decrypt,
)
from rogatory.core.envelope.errors import IntegrityError


def decrypt_to_path(
    src: BinaryIO,
    destination: Path,
    identities: Sequence[Identity],
    *,
    expected_sha256: str | None = None,
    expected_size: int | None = None,
    expected_ciphertext_sha256: str | None = None,
    batch_chunks: int = DEFAULT_BATCH_CHUNKS,
    durable: bool = True,
) -> DecryptResult:
    """Decrypt into a temporary file beside ``destination`` and rename it only on success.

    Success means: the header MAC and every chunk authenticated, the final chunk was seen with
    nothing after it, and the plaintext SHA-256 and size (and the SHA-256 of the whole age file)
    equal the expected values when given. On any failure the temporary file is removed and
    ``destination`` is left untouched; the error is raised.

    With ``durable=False`` the file and its directory are not fsynced: a caller committing many
    small files syncs them once, together, before it acknowledges them (the batch receiver).
    """
    destination = Path(destination)
    descriptor, temporary_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
    )
    temporary = Path(temporary_name)
    try:
        with (
            os.fdopen(descriptor, "wb") as out,
            ThreadedSha256() as plain_digest,
            ThreadedSha256() as cipher_digest,
        ):
            cipher_sinks: tuple[Sink, ...] = ()
            if expected_ciphertext_sha256 is not None:
                cipher_sinks = (cipher_digest.update,)
            result = decrypt(
                src,
                out,
                identities,
                plaintext_sinks=(plain_digest.update,),
                ciphertext_sinks=cipher_sinks,
                batch_chunks=batch_chunks,
            )
            actual = plain_digest.hexdigest()
            actual_ciphertext = cipher_digest.hexdigest()
            out.flush()
            if durable:
                os.fsync(out.fileno())
        if expected_ciphertext_sha256 is not None and not hmac.compare_digest(
            actual_ciphertext, expected_ciphertext_sha256
        ):
            raise IntegrityError("integrity.ciphertext_sha256")
        if expected_size is not None and result.plaintext_size != expected_size:
            raise IntegrityError(
                "integrity.plaintext_size",
                {"expected": expected_size, "actual": result.plaintext_size},
            )
        if expected_sha256 is not None and not hmac.compare_digest(actual, expected_sha256):
            raise IntegrityError("integrity.plaintext_sha256")
        temporary.replace(destination)
        if durable:
            fsync_directory(destination.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    return DecryptResult(result.plaintext_size, actual)


def decrypt_small_to_path(
    data: bytes,
    destination: Path,
    identities: Sequence[Identity],
    *,
    expected_sha256: str,
    expected_size: int,
) -> DecryptResult:
    """:func:`decrypt_to_path` for an age file held in memory (a part sent inline, <= 64 KiB).

    The plaintext is authenticated and checked in memory, then written once to a new
    ``destination``: no temporary file and rename. Not synced: the caller syncs the files of
    its batch together before acknowledging them. A failed write leaves no file behind.
    """
    plaintext = io.BytesIO()
    digest = hashlib.sha256()
    result = decrypt(io.BytesIO(data), plaintext, identities, plaintext_sinks=(digest.update,))
    if result.plaintext_size != expected_size:
        raise IntegrityError(
            "integrity.plaintext_size",
            {"expected": expected_size, "actual": result.plaintext_size},
        )
    actual = digest.hexdigest()
    if not hmac.compare_digest(actual, expected_sha256):
        raise IntegrityError("integrity.plaintext_sha256")
    destination = Path(destination)
    try:
        with destination.open("xb") as out:
            out.write(plaintext.getbuffer())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            destination.unlink()
        raise
    return DecryptResult(result.plaintext_size, actual)


def fsync_directory(directory: Path) -> None:
    """Make a file created or renamed in ``directory`` survive a crash (its entry is on disk)."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
