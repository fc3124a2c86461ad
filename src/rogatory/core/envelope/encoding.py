"""Strict encodings: canonical base64 (age), base64url (JOSE) and bech32 (age keys)."""

from __future__ import annotations

import base64
import binascii
import re

from rogatory.core.envelope.errors import EnvelopeError

_STD_B64 = re.compile(rb"[A-Za-z0-9+/]*")
_URL_B64 = re.compile(r"[A-Za-z0-9_-]*")


class EncodingError(EnvelopeError):
    """Input is not in the canonical encoding."""

    default_code = "encoding.invalid"


def b64_std_encode(data: bytes) -> bytes:
    """Standard alphabet, no padding (age's encoding)."""
    return base64.b64encode(data).rstrip(b"=")


def b64_std_decode(text: bytes) -> bytes:
    """Decode unpadded standard base64, rejecting padding and non-canonical trailing bits."""
    if _STD_B64.fullmatch(text) is None or len(text) % 4 == 1:
        raise EncodingError("encoding.base64")
    try:
        data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except binascii.Error as exc:
        raise EncodingError("encoding.base64") from exc
    # Canonical means re-encoding gives the same text (unused low bits are zero).
    if b64_std_encode(data) != text:
        raise EncodingError("encoding.base64_not_canonical")
    return data


def b64url_encode(data: bytes) -> str:
    """base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url, rejecting padding, other alphabets and non-canonical bits."""
    if _URL_B64.fullmatch(text) is None or len(text) % 4 == 1:
        raise EncodingError("encoding.base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise EncodingError("encoding.base64url") from exc
    if b64url_encode(data) != text:
        raise EncodingError("encoding.base64url_not_canonical")
    return data


# --- bech32 (BIP 173), as used by age for keys -------------------------------------------------

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATORS = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
# age keys are longer than BIP 173's 90-character limit; age lifts it.
_MAX_BECH32_LENGTH = 1000


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = ((checksum & 0x1FFFFFF) << 5) ^ value
        for i, generator in enumerate(_GENERATORS):
            if (top >> i) & 1:
                checksum ^= generator
    return checksum


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, *, pad: bool) -> list[int]:
    accumulator = 0
    bits = 0
    out: list[int] = []
    max_value = (1 << to_bits) - 1
    for value in data:
        accumulator = (accumulator << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((accumulator >> bits) & max_value)
    if pad:
        if bits:
            out.append((accumulator << (to_bits - bits)) & max_value)
    elif bits >= from_bits or ((accumulator << (to_bits - bits)) & max_value):
        raise EncodingError("encoding.bech32_padding")
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    """Encode ``data`` with human-readable part ``hrp`` (lower case)."""
    values = _convert_bits(data, 8, 5, pad=True)
    polymod = _polymod([*_hrp_expand(hrp), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[v] for v in values + checksum)


def bech32_decode(text: str) -> tuple[str, bytes]:
    """Decode a bech32 string (all lower or all upper case); returns (hrp in lower case, data)."""
    if len(text) > _MAX_BECH32_LENGTH or not text.isascii():
        raise EncodingError("encoding.bech32")
    if text.lower() != text and text.upper() != text:
        raise EncodingError("encoding.bech32_mixed_case")
    text = text.lower()
    separator = text.rfind("1")
    if separator < 1 or separator + 7 > len(text):
        raise EncodingError("encoding.bech32")
    hrp, payload = text[:separator], text[separator + 1 :]
    if any(ord(c) < 33 or ord(c) > 126 for c in hrp) or any(c not in _CHARSET for c in payload):
        raise EncodingError("encoding.bech32")
    values = [_CHARSET.index(c) for c in payload]
    if _polymod(_hrp_expand(hrp) + values) != 1:
        raise EncodingError("encoding.bech32_checksum")
    return hrp, bytes(_convert_bits(values[:-6], 5, 8, pad=False))
