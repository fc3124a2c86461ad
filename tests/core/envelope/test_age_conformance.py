"""The C2SP/CCTV age test vectors, read from ../shared/data/age-testkit (never copied here).

Out of scope, skipped with the reason: ASCII armor and post-quantum hybrid (mlkem768x25519)
recipients. Everything about the binary format with X25519 and scrypt (passphrase) identities
is checked: header syntax, MAC, stanzas, STREAM, and that the plaintext released before a
failure is exactly what the vector says.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from pathlib import Path

import pytest

from rogatory.core.envelope import age
from rogatory.core.envelope.errors import (
    AgeError,
    AgeHeaderError,
    AgeHmacError,
    AgeNoMatchError,
    AgePayloadError,
)

TESTKIT = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "age-testkit"
EXPECTED: dict[str, type[AgeError] | None] = {
    "success": None,
    "no match": AgeNoMatchError,
    "HMAC failure": AgeHmacError,
    "header failure": AgeHeaderError,
    "payload failure": AgePayloadError,
}


def _vector_names() -> list[str]:
    if not TESTKIT.is_dir():
        return []
    return sorted(p.name for p in TESTKIT.iterdir() if p.is_file() and p.name != "README.md")


def _parse(path: Path) -> tuple[dict[str, str], list[str], bytes]:
    raw = path.read_bytes()
    head, body = raw.split(b"\n\n", 1)
    meta: dict[str, str] = {}
    identities: list[str] = []
    for line in head.decode("utf-8").splitlines():
        key, value = line.split(": ", 1)
        if key == "identity":
            identities.append(value)
        meta[key] = value
    if meta.get("compressed") == "zlib":
        body = zlib.decompress(body)
    return meta, identities, body


def _skip_reason(meta: dict[str, str], identities: list[str]) -> str | None:
    if meta.get("armored") == "yes":
        return "ASCII armor is out of scope (envelopes carry binary age files)"
    if any(i.startswith("AGE-SECRET-KEY-PQ-") for i in identities):
        return "post-quantum hybrid recipients are not implemented (suite 2 is planned)"
    return None


@pytest.mark.conformance
@pytest.mark.skipif(not TESTKIT.is_dir(), reason=f"age test vectors not found at {TESTKIT}")
@pytest.mark.parametrize("name", _vector_names() or ["<none>"])
@pytest.mark.parametrize("batch_chunks", [1, 16])
def test_age_vector(name: str, batch_chunks: int) -> None:
    # given
    meta, identity_texts, body = _parse(TESTKIT / name)
    reason = _skip_reason(meta, identity_texts)
    if reason is not None:
        pytest.skip(reason)
    identities: list[age.Identity] = [age.X25519Identity.from_string(t) for t in identity_texts]
    if "passphrase" in meta:
        identities.append(age.ScryptIdentity(meta["passphrase"].encode()))
    expected = EXPECTED[meta["expect"]]
    released = io.BytesIO()
    # when
    raised: AgeError | None = None
    try:
        age.decrypt(io.BytesIO(body), released, identities, batch_chunks=batch_chunks)
    except AgeError as exc:
        raised = exc
    # then
    assert type(raised) is expected if expected else raised is None, repr(raised)
    if "payload" in meta:
        assert hashlib.sha256(released.getvalue()).hexdigest() == meta["payload"]
