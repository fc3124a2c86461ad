"""Strict JWS: allow-list of one algorithm, typ, header members, sizes; a corpus of confusions."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwcrypto import jwk as jwcrypto_jwk
from jwcrypto import jws as jwcrypto_jws

from rogatory.core.envelope.encoding import b64url_decode, b64url_encode
from rogatory.core.envelope.errors import SignatureError
from rogatory.core.envelope.jws import parse_compact, sign_compact
from rogatory.core.envelope.keys import jwk_thumbprint, public_jwk
from tests.core.envelope.helpers import flip_bit

TYP = "rogatory-test+jws"
PAYLOAD = {"message_id": "m", "n": 1}


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _segment(value: object) -> str:
    return b64url_encode(json.dumps(value, separators=(",", ":")).encode())


def _forge(header: dict[str, object], secret: bytes, payload: object = PAYLOAD) -> str:
    """An HMAC-signed token, as an attacker would make it."""
    signing_input = f"{_segment(header)}.{_segment(payload)}"
    tag = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url_encode(tag)}"


def test_signed_token_verifies_and_returns_payload(key: Ed25519PrivateKey) -> None:
    # given
    token = sign_compact(PAYLOAD, key=key, typ=TYP)
    # when
    parsed = parse_compact(token, typ=TYP)
    # then
    assert parsed.verify(key.public_key()) == PAYLOAD
    assert parsed.protected == {
        "alg": "Ed25519",
        "typ": TYP,
        "kid": jwk_thumbprint(key.public_key()),
    }


def test_second_jose_implementation_verifies_our_token(key: Ed25519PrivateKey) -> None:
    # given
    token = sign_compact(PAYLOAD, key=key, typ=TYP)
    verifier = jwcrypto_jwk.JWK(**public_jwk(key.public_key()))
    # when
    other = jwcrypto_jws.JWS()
    other.deserialize(token)
    other.allowed_algs = ["Ed25519"]
    other.verify(verifier)
    # then
    assert json.loads(other.payload) == PAYLOAD
    assert other.jose_header["typ"] == TYP


def test_token_from_second_jose_implementation_verifies(key: Ed25519PrivateKey) -> None:
    # given: jwcrypto signs with the same protected header members
    signer = jwcrypto_jwk.JWK.from_pyca(key)
    token_builder = jwcrypto_jws.JWS(json.dumps(PAYLOAD).encode())
    token_builder.allowed_algs = ["Ed25519"]
    protected = {"alg": "Ed25519", "typ": TYP, "kid": jwk_thumbprint(key.public_key())}
    token_builder.add_signature(signer, None, json.dumps(protected))
    token = token_builder.serialize(compact=True)
    # when
    payload = parse_compact(token, typ=TYP).verify(key.public_key())
    # then
    assert payload == PAYLOAD


def _public_key_forms(key: Ed25519PrivateKey) -> list[bytes]:
    public = key.public_key()
    return [
        public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        public.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
        json.dumps(public_jwk(public)).encode(),
    ]


@pytest.mark.parametrize("form", range(4), ids=["pem", "der", "raw", "jwk"])
def test_hs256_keyed_with_our_public_key_is_rejected(key: Ed25519PrivateKey, form: int) -> None:
    # given
    secret = _public_key_forms(key)[form]
    token = _forge({"alg": "HS256", "typ": TYP, "kid": jwk_thumbprint(key.public_key())}, secret)
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert (caught.value.code, caught.value.params) == ("jws.alg_not_allowed", {"alg": "HS256"})


@pytest.mark.parametrize(
    "alg", ["none", "None", "NONE", "EdDSA", "ES256", "RS256", "PS256", "Ed448"]
)
def test_other_algorithms_are_rejected_before_key_use(key: Ed25519PrivateKey, alg: str) -> None:
    # given: a structurally valid token whose signature part is whatever the attacker wants
    kid = jwk_thumbprint(key.public_key())
    token = f"{_segment({'alg': alg, 'typ': TYP, 'kid': kid})}.{_segment(PAYLOAD)}."
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert caught.value.code == "jws.alg_not_allowed"


def test_es256_signature_by_a_real_key_is_rejected(key: Ed25519PrivateKey) -> None:
    # given
    ec_key = ec.generate_private_key(ec.SECP256R1())
    signing_input = f"{_segment({'alg': 'ES256', 'typ': TYP, 'kid': 'x'})}.{_segment(PAYLOAD)}"
    signature = ec_key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    token = f"{signing_input}.{b64url_encode(signature)}"
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert caught.value.code == "jws.alg_not_allowed"


def test_jwe_is_rejected_where_jws_is_expected() -> None:
    # given: five segments, the shape of a compact JWE (even with zip: DEF)
    header = _segment({"alg": "ECDH-ES", "enc": "A256GCM", "zip": "DEF"})
    token = f"{header}.AAAA.AAAA.AAAA.AAAA"
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert caught.value.code == "jws.jwe_rejected"


def test_wrong_typ_is_rejected(key: Ed25519PrivateKey) -> None:
    # given: a genuine signature, but for another kind of object
    token = sign_compact(PAYLOAD, key=key, typ="rogatory-receipt+jws")
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert caught.value.code == "jws.typ_mismatch"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"crit": ["exp"], "exp": 1}, "jws.crit_unsupported"),
        ({"crit": []}, "jws.crit_unsupported"),
        ({"jwk": {"kty": "OKP"}}, "jws.header_invalid"),
        ({"jku": "https://attacker.example/jwks"}, "jws.header_invalid"),
        ({"x5c": ["MIIB"]}, "jws.header_invalid"),
        ({"b64": False}, "jws.header_invalid"),
        ({"zip": "DEF"}, "jws.header_invalid"),
    ],
)
def test_unexpected_header_members_are_rejected(
    key: Ed25519PrivateKey, extra: dict[str, object], code: str
) -> None:
    # given
    header = {"alg": "Ed25519", "typ": TYP, "kid": jwk_thumbprint(key.public_key()), **extra}
    signing_input = f"{_segment(header)}.{_segment(PAYLOAD)}"
    token = f"{signing_input}.{b64url_encode(key.sign(signing_input.encode()))}"
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert caught.value.code == code


def test_duplicate_header_member_is_rejected(key: Ed25519PrivateKey) -> None:
    # given: {"alg":"none","alg":"Ed25519"}: parsers disagree on which wins, so refuse both
    raw = f'{{"alg":"none","alg":"Ed25519","typ":"{TYP}","kid":"k"}}'.encode()
    token = f"{b64url_encode(raw)}.{_segment(PAYLOAD)}.{b64url_encode(bytes(64))}"
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert (caught.value.code, caught.value.params) == ("jws.header_invalid", {"reason": "syntax"})


def test_oversized_token_is_rejected_before_parsing() -> None:
    # given: 100 MiB of dots is not even decoded
    token = "." * (100 * 1024 * 1024)
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert caught.value.code == "jws.too_large"


@pytest.mark.parametrize("segment", [0, 1, 2])
def test_flipped_bit_anywhere_is_rejected(key: Ed25519PrivateKey, segment: int) -> None:
    # given
    token = sign_compact(PAYLOAD, key=key, typ=TYP)
    parts = token.split(".")
    parts[segment] = b64url_encode(flip_bit(b64url_decode(parts[segment]), 5))
    tampered = ".".join(parts)
    # when / then
    with pytest.raises(SignatureError):
        parse_compact(tampered, typ=TYP).verify(key.public_key())


def test_signature_by_another_key_is_rejected(key: Ed25519PrivateKey) -> None:
    # given: another key signs but claims our kid
    other = Ed25519PrivateKey.generate()
    token = sign_compact(PAYLOAD, key=other, typ=TYP, kid=jwk_thumbprint(key.public_key()))
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP).verify(key.public_key())
    assert caught.value.code == "jws.signature_invalid"


def test_key_not_matching_kid_is_refused(key: Ed25519PrivateKey) -> None:
    # given
    token = sign_compact(PAYLOAD, key=key, typ=TYP)
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP).verify(Ed25519PrivateKey.generate().public_key())
    assert caught.value.code == "jws.kid_mismatch"


@pytest.mark.parametrize(
    "payload", [b"[1,2]", b'{"a":1,"a":2}', b'{"n":NaN}', b"\xff\xfe", b'{"a":1'], ids=str
)
def test_payload_that_is_not_a_strict_json_object_is_rejected(
    key: Ed25519PrivateKey, payload: bytes
) -> None:
    # given
    header = {"alg": "Ed25519", "typ": TYP, "kid": jwk_thumbprint(key.public_key())}
    signing_input = f"{_segment(header)}.{b64url_encode(payload)}"
    token = f"{signing_input}.{b64url_encode(key.sign(signing_input.encode()))}"
    # when / then
    with pytest.raises(SignatureError) as caught:
        parse_compact(token, typ=TYP)
    assert caught.value.code == "jws.payload_invalid"


def test_padded_base64_is_rejected(key: Ed25519PrivateKey) -> None:
    # given
    token = sign_compact(PAYLOAD, key=key, typ=TYP)
    header, payload, signature = token.split(".")
    # when / then
    with pytest.raises(SignatureError):
        parse_compact(f"{header}.{payload}.{signature}==", typ=TYP)
