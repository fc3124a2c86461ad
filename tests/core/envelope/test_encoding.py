"""Strict encodings: canonical base64 for age, base64url for JOSE, bech32 for age keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rogatory.core.envelope.encoding import (
    EncodingError,
    b64_std_decode,
    b64_std_encode,
    b64url_decode,
    b64url_encode,
    bech32_decode,
    bech32_encode,
)


@given(st.binary(max_size=200))
def test_base64_round_trips(data: bytes) -> None:
    # when / then
    assert b64_std_decode(b64_std_encode(data)) == data
    assert b64url_decode(b64url_encode(data)) == data


@pytest.mark.parametrize(
    "text", [b"AA==", b"AB", b"A", b"A A", b"AA\n", b"-_8", b"\xc3\xa9"], ids=repr
)
def test_non_canonical_or_foreign_base64_is_rejected(text: bytes) -> None:
    # when / then
    with pytest.raises(EncodingError):
        b64_std_decode(text)


@pytest.mark.parametrize("text", ["AA==", "AB", "A", "+/8", "é"])
def test_non_canonical_base64url_is_rejected(text: str) -> None:
    # when / then
    with pytest.raises(EncodingError):
        b64url_decode(text)


@given(st.binary(min_size=1, max_size=64))
def test_bech32_round_trips(data: bytes) -> None:
    # when
    text = bech32_encode("age", data)
    # then
    assert bech32_decode(text) == ("age", data)
    assert bech32_decode(text.upper()) == ("age", data)


def test_bech32_matches_the_bip173_reference_checksum() -> None:
    # given: the valid test string published in BIP 173
    text = "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
    # when
    hrp, data = bech32_decode(text)
    # then
    assert hrp == "abcdef"
    assert bech32_encode(hrp, data) == text


@pytest.mark.parametrize(
    "text",
    [
        "age1Qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx",
        "nohrp",
        "1qqqqqq",
    ],
)
def test_invalid_bech32_is_rejected(text: str) -> None:
    # when / then
    with pytest.raises(EncodingError):
        bech32_decode(text)
