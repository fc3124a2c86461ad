"""Chunked upload of part files: 8 MiB slices, each named by ``Repr-Digest`` (RFC 9530)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["CHUNK_SIZE", "chunk_count", "iter_chunks", "parse_repr_digest", "repr_digest"]

CHUNK_SIZE = 8 * 1024 * 1024
_DIGEST = re.compile(r"sha-256=:([A-Za-z0-9+/]{43}=):")


def chunk_count(size: int) -> int:
    """Chunks of a part of ``size`` bytes; an empty part still has one (empty) chunk."""
    return max(1, -(-size // CHUNK_SIZE))


def iter_chunks(path: Path) -> Iterator[tuple[int, bytes]]:
    """Yield ``(k, data)`` for each 8 MiB slice of the file (one at a time: bounded memory)."""
    with path.open("rb") as src:
        index = 0
        while True:
            data = src.read(CHUNK_SIZE)
            if not data and index > 0:
                return
            yield index, data
            index += 1
            if len(data) < CHUNK_SIZE:
                return


def repr_digest(data: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + ":"


def parse_repr_digest(value: str) -> bytes | None:
    """The SHA-256 named by a ``Repr-Digest`` header, or ``None`` if absent or malformed."""
    match = _DIGEST.fullmatch(value.strip())
    if match is None:
        return None
    try:
        digest = base64.b64decode(match.group(1), validate=True)
    except binascii.Error:
        return None
    return digest if len(digest) == 32 else None
