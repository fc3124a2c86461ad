"""The threaded SHA-256 gives the same digest as hashlib, in order, for any split."""

from __future__ import annotations

import hashlib
import os

from rogatory.core.envelope._hashing import ThreadedSha256


def test_threaded_digest_equals_sequential_digest() -> None:
    # given
    pieces = [os.urandom(n) for n in (0, 1, 4096, 1 << 20, 3, 1 << 18) * 4]
    # when
    with ThreadedSha256() as digest:
        for piece in pieces:
            digest.update(piece)
        result = digest.hexdigest()
    # then
    assert result == hashlib.sha256(b"".join(pieces)).hexdigest()
    assert digest.size == sum(len(p) for p in pieces)
