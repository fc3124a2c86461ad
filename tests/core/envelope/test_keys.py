"""Node keys: encrypted storage, JWK export with RFC 7638 kid, age identity and recipient."""

from __future__ import annotations

import json
import subprocess

import pyrage
import pytest
from joserfc.jwk import OKPKey
from jwcrypto import jwk as jwcrypto_jwk

from rogatory.core.envelope.errors import KeyStoreError
from rogatory.core.envelope.keys import (
    NodeKeys,
    jwk_thumbprint,
    public_jwk,
    public_key_from_jwk,
)
from tests.core.envelope.helpers import AGE_BINARY, requires_age_tool

PASSPHRASE = b"correct horse battery staple"
FAST = 10  # scrypt cost for tests; production default is 2**17


@pytest.fixture(scope="module")
def keys() -> NodeKeys:
    return NodeKeys.generate()


def test_encrypted_key_file_round_trips(keys: NodeKeys) -> None:
    # given
    stored = keys.to_encrypted_json(PASSPHRASE, scrypt_log2_n=FAST)
    # when
    loaded = NodeKeys.from_encrypted_json(stored, PASSPHRASE)
    # then
    assert loaded.signing.private_bytes_raw() == keys.signing.private_bytes_raw()
    assert loaded.encryption.private_bytes_raw() == keys.encryption.private_bytes_raw()


def test_key_file_contains_no_raw_key_material(keys: NodeKeys) -> None:
    # given
    stored = keys.to_encrypted_json(PASSPHRASE, scrypt_log2_n=FAST)
    # when
    document = json.loads(stored)
    # then
    assert set(document) == {"format", "kdf", "aead", "nonce", "ciphertext"}
    assert str(keys.age_identity).encode() not in stored
    assert keys.signing.private_bytes_raw().hex().encode() not in stored


def test_default_key_file_uses_strong_scrypt(keys: NodeKeys) -> None:
    # when
    document = json.loads(keys.to_encrypted_json(PASSPHRASE))
    # then
    assert document["kdf"]["log2_n"] == 17


def test_wrong_passphrase_is_refused(keys: NodeKeys) -> None:
    # given
    stored = keys.to_encrypted_json(PASSPHRASE, scrypt_log2_n=FAST)
    # when / then
    with pytest.raises(KeyStoreError) as caught:
        NodeKeys.from_encrypted_json(stored, b"wrong")
    assert caught.value.code == "keys.decrypt"


def test_downgraded_kdf_parameters_are_detected(keys: NodeKeys) -> None:
    # given: an attacker lowers the cost in the file (the parameters are authenticated data)
    document = json.loads(keys.to_encrypted_json(PASSPHRASE, scrypt_log2_n=FAST + 1))
    document["kdf"]["log2_n"] = FAST
    # when / then
    with pytest.raises(KeyStoreError) as caught:
        NodeKeys.from_encrypted_json(json.dumps(document).encode(), PASSPHRASE)
    assert caught.value.code == "keys.decrypt"


@pytest.mark.parametrize("log2_n", [4, 30])
def test_out_of_range_kdf_cost_is_refused_before_running_it(keys: NodeKeys, log2_n: int) -> None:
    # given
    document = json.loads(keys.to_encrypted_json(PASSPHRASE, scrypt_log2_n=FAST))
    document["kdf"]["log2_n"] = log2_n
    # when / then
    with pytest.raises(KeyStoreError) as caught:
        NodeKeys.from_encrypted_json(json.dumps(document).encode(), PASSPHRASE)
    assert caught.value.params == {"reason": "parameters"}


def test_garbage_key_file_is_a_typed_error() -> None:
    # when / then
    with pytest.raises(KeyStoreError) as caught:
        NodeKeys.from_encrypted_json(b"{not json", PASSPHRASE)
    assert caught.value.code == "keys.file_invalid"


def test_repr_does_not_reveal_private_keys(keys: NodeKeys) -> None:
    # when
    text = repr(keys)
    # then
    assert text == f"NodeKeys(signing_kid={keys.signing_kid!r})"


def test_kid_is_the_rfc7638_thumbprint_other_libraries_compute(keys: NodeKeys) -> None:
    # given
    jwks = keys.public().jwks()
    # when
    ours = [jwk["kid"] for jwk in jwks]
    joserfc_kids = [OKPKey.import_key(k).thumbprint() for k in (keys.signing, keys.encryption)]
    jwcrypto_kids = [
        jwcrypto_jwk.JWK(**{k: v for k, v in jwk.items() if k != "kid"}).thumbprint()
        for jwk in jwks
    ]
    # then
    assert ours == joserfc_kids == jwcrypto_kids


def test_public_jwks_have_the_expected_members(keys: NodeKeys) -> None:
    # when
    signing, encryption = keys.public().jwks()
    # then
    assert set(signing) == {"kty", "crv", "x", "use", "alg", "kid"}
    assert (signing["kty"], signing["crv"], signing["use"], signing["alg"]) == (
        "OKP",
        "Ed25519",
        "sig",
        "Ed25519",
    )
    assert set(encryption) == {"kty", "crv", "x", "use", "kid"}
    assert (encryption["crv"], encryption["use"]) == ("X25519", "enc")


def test_jwk_round_trips(keys: NodeKeys) -> None:
    # given
    jwk = public_jwk(keys.signing.public_key())
    # when
    key = public_key_from_jwk(jwk)
    # then
    assert jwk_thumbprint(key) == jwk["kid"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"d": "AAAA"}, "private_member"),
        ({"kty": "EC"}, "curve"),
        ({"crv": "Ed448"}, "curve"),
        ({"x": "short"}, "x"),
        ({"kid": "not-the-thumbprint"}, "kid"),
    ],
)
def test_bad_jwk_is_refused(keys: NodeKeys, change: dict[str, str], reason: str) -> None:
    # given
    jwk = public_jwk(keys.signing.public_key()) | change
    # when / then
    with pytest.raises(KeyStoreError) as caught:
        public_key_from_jwk(jwk)
    assert caught.value.params == {"reason": reason}


def test_jwk_of_wrong_curve_for_purpose_is_refused(keys: NodeKeys) -> None:
    # when / then
    with pytest.raises(KeyStoreError):
        public_key_from_jwk(public_jwk(keys.encryption.public_key()), curve="Ed25519")


def test_age_identity_matches_pyrage_derivation(keys: NodeKeys) -> None:
    # when
    native = pyrage.x25519.Identity.from_str(str(keys.age_identity))
    # then
    assert str(native.to_public()) == str(keys.public().age_recipient)


@requires_age_tool
def test_age_keygen_derives_the_same_recipient(keys: NodeKeys) -> None:
    # given
    keygen = str(AGE_BINARY) + "-keygen"
    # when
    result = subprocess.run(
        [keygen, "-y"], input=f"{keys.age_identity}\n".encode(), capture_output=True
    )
    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == str(keys.public().age_recipient)
