"""docs/protocol.md stays true: its example header verifies in two libraries, as documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jwcrypto import jwk as jwcrypto_jwk
from jwcrypto import jws as jwcrypto_jws

from rogatory.core.envelope.header import ENVELOPE_TYP, EnvelopeHeader
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.envelope.keys import public_key_from_jwk

PROTOCOL = Path(__file__).resolve().parents[3] / "docs" / "protocol.md"


def _block_after(marker: str) -> str:
    text = PROTOCOL.read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\n```[a-z]*\n(.*?)\n```", text, flags=re.DOTALL)
    assert match is not None, marker
    return match.group(1).strip()


@pytest.fixture(scope="module")
def example() -> tuple[dict[str, str], str]:
    return json.loads(_block_after("example-jwk")), _block_after("example-header-jws")


def test_documented_example_header_verifies_with_our_implementation(
    example: tuple[dict[str, str], str],
) -> None:
    # given
    jwk, token = example
    key = public_key_from_jwk(jwk, curve="Ed25519")
    assert isinstance(key, Ed25519PublicKey)
    # when
    parsed = parse_compact(token, typ=ENVELOPE_TYP)
    payload = parsed.verify(key)
    # then
    header = EnvelopeHeader.from_payload(payload)
    assert (header.sender, header.recipient, len(header.parts)) == ("xa-central", "xb-central", 2)


def test_documented_jwcrypto_recipe_works(example: tuple[dict[str, str], str]) -> None:
    # given
    jwk, token = example
    key = jwcrypto_jwk.JWK(**jwk)
    # when
    verifier = jwcrypto_jws.JWS()
    verifier.deserialize(token)
    verifier.allowed_algs = ["Ed25519"]
    verifier.verify(key)
    # then
    assert verifier.jose_header == {
        "alg": "Ed25519",
        "typ": "rogatory-envelope+jws",
        "kid": key.thumbprint(),
    }
    assert json.loads(verifier.payload)["suite"] == "age-v1-x25519+ed25519"
