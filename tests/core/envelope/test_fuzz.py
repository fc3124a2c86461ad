"""Parsers only ever raise typed errors (S14), whatever bytes they are given."""

from __future__ import annotations

import io
import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rogatory.core.envelope import age
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.jws import parse_compact, sign_compact
from rogatory.core.envelope.registry import RegistryTrust, verify_registry
from rogatory.core.envelope.seal import Manifest
from tests.core.envelope.helpers import NOW

IDENTITY = age.X25519Identity.generate()
SIGNER = Ed25519PrivateKey.generate()
SAMPLE = io.BytesIO()
age.encrypt(io.BytesIO(os.urandom(2 * age.CHUNK_SIZE + 5)), SAMPLE, [IDENTITY.recipient])
VALID_AGE = SAMPLE.getvalue()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    position=st.integers(min_value=0, max_value=len(VALID_AGE) - 1),
    value=st.integers(min_value=0, max_value=255),
    cut=st.integers(min_value=0, max_value=len(VALID_AGE)),
)
def test_mutated_age_file_fails_only_with_typed_errors(position: int, value: int, cut: int) -> None:
    # given
    mutated = bytearray(VALID_AGE)
    mutated[position] = value
    data = bytes(mutated[:cut]) if cut < len(VALID_AGE) else bytes(mutated)
    # when
    try:
        age.decrypt(io.BytesIO(data), io.BytesIO(), [IDENTITY], batch_chunks=1)
    except EnvelopeError:
        return
    # then: only an unchanged file may decrypt
    assert data == VALID_AGE


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_random_header_bytes_fail_only_with_typed_errors(data: bytes) -> None:
    # when / then
    with pytest.raises(EnvelopeError):
        age.decrypt(io.BytesIO(b"age-encryption.org/v1\n" + data), io.BytesIO(), [IDENTITY])


@settings(max_examples=300)
@given(
    st.text(max_size=300)
    | st.from_regex(r"[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,90}")
)
def test_random_tokens_fail_only_with_typed_errors(token: str) -> None:
    # when / then
    with pytest.raises(EnvelopeError):
        parse_compact(token, typ="rogatory-envelope+jws")


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=255))
def test_mutated_token_fails_only_with_typed_errors(position: int, value: int) -> None:
    # given
    key = SIGNER
    token = sign_compact({"a": [1, 2, {"b": "c"}]}, key=key, typ="t+jws")
    chars = list(token)
    chars[position % len(chars)] = chr(value)
    mutated = "".join(chars)
    # when
    try:
        parse_compact(mutated, typ="t+jws").verify(key.public_key())
    except EnvelopeError:
        return
    # then
    assert mutated == token


@settings(max_examples=200)
@given(st.binary(max_size=600))
def test_random_registry_documents_fail_only_with_typed_errors(document: bytes) -> None:
    # given
    trust = RegistryTrust((SIGNER.public_key(),), threshold=1)
    # when / then
    with pytest.raises(EnvelopeError):
        verify_registry(document, trust=trust, now=NOW)


@settings(max_examples=200)
@given(st.binary(max_size=400) | st.from_regex(r'\{"type":"rogatory-manifest".{0,80}\}'))
def test_random_manifests_fail_only_with_typed_errors(data: bytes | str) -> None:
    # when / then
    with pytest.raises(EnvelopeError):
        Manifest.from_bytes(data.encode() if isinstance(data, str) else data)


@settings(max_examples=40, deadline=None)
@given(
    size=st.integers(min_value=0, max_value=5 * age.CHUNK_SIZE),
    encrypt_batch=st.integers(min_value=1, max_value=6),
    decrypt_batch=st.integers(min_value=1, max_value=6),
)
def test_any_size_round_trips_with_any_batching(
    size: int, encrypt_batch: int, decrypt_batch: int
) -> None:
    # given
    data = os.urandom(size)
    blob = io.BytesIO()
    age.encrypt(io.BytesIO(data), blob, [IDENTITY.recipient], batch_chunks=encrypt_batch)
    restored = io.BytesIO()
    # when
    age.decrypt(io.BytesIO(blob.getvalue()), restored, [IDENTITY], batch_chunks=decrypt_batch)
    # then
    assert restored.getvalue() == data
