"""age v1: round trips, interoperability with the `age` tool and pyrage, and attacks."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import subprocess
from pathlib import Path
from typing import BinaryIO, cast

import pyrage
import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from rogatory.core.envelope import age, age_files
from rogatory.core.envelope.errors import (
    AgeError,
    AgeHeaderError,
    AgeHmacError,
    AgeNoMatchError,
    AgePayloadError,
    IntegrityError,
)
from tests.core.envelope.helpers import AGE_BINARY, flip_bit, requires_age_tool

CHUNK = age.CHUNK_SIZE
ENCRYPTED_CHUNK = age.CHUNK_SIZE + 16
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 17 * CHUNK + 5, 33 * CHUNK]


def _encrypt(data: bytes, *recipients: age.X25519Recipient, batch_chunks: int = 4) -> bytes:
    out = io.BytesIO()
    age.encrypt(io.BytesIO(data), out, list(recipients), batch_chunks=batch_chunks)
    return out.getvalue()


def _decrypt(blob: bytes, *identities: age.Identity, batch_chunks: int = 4) -> bytes:
    out = io.BytesIO()
    age.decrypt(io.BytesIO(blob), out, list(identities), batch_chunks=batch_chunks)
    return out.getvalue()


def _payload_offset(blob: bytes) -> int:
    """Offset of the first STREAM chunk: after the MAC line and the 16-byte nonce."""
    return blob.index(b"\n---") + len(b"\n--- ") + 43 + 1 + 16


@pytest.fixture(scope="module")
def identity() -> age.X25519Identity:
    return age.X25519Identity.generate()


@pytest.fixture(scope="module")
def identity_file(tmp_path_factory: pytest.TempPathFactory, identity: age.X25519Identity) -> Path:
    path = tmp_path_factory.mktemp("keys") / "identity.txt"
    path.write_text(f"# test identity\n{identity}\n")
    return path


@pytest.mark.parametrize("size", SIZES)
def test_round_trip_restores_plaintext(identity: age.X25519Identity, size: int) -> None:
    # given
    data = os.urandom(size)
    # when
    blob = _encrypt(data, identity.recipient)
    # then
    assert _decrypt(blob, identity) == data
    assert len(blob) == age.ciphertext_size(size, _payload_offset(blob) - 16)


@pytest.mark.parametrize("batch_chunks", [1, 2, 7, 64])
def test_batch_size_does_not_change_the_result(
    identity: age.X25519Identity, batch_chunks: int
) -> None:
    # given: a file of 10 full chunks and a tail, encrypted with a different batch size
    data = os.urandom(10 * CHUNK + 99)
    blob = _encrypt(data, identity.recipient, batch_chunks=3)
    # when
    restored = _decrypt(blob, identity, batch_chunks=batch_chunks)
    # then
    assert restored == data


class _TrickleReader:
    """A socket-like stream: only ``read``, and never more than 1000 bytes at a time."""

    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(min(size, 1000) if size >= 0 else 1000)


def test_short_reads_from_a_stream_without_readinto_are_handled(
    identity: age.X25519Identity,
) -> None:
    # given
    data = os.urandom(3 * CHUNK + 10)
    encrypted = io.BytesIO()
    age.encrypt(cast(BinaryIO, _TrickleReader(data)), encrypted, [identity.recipient])
    restored = io.BytesIO()
    # when
    age.decrypt(cast(BinaryIO, _TrickleReader(encrypted.getvalue())), restored, [identity])
    # then
    assert restored.getvalue() == data


def test_every_recipient_can_decrypt(identity: age.X25519Identity) -> None:
    # given
    other = age.X25519Identity.generate()
    blob = _encrypt(b"two readers", identity.recipient, other.recipient)
    # when / then
    assert _decrypt(blob, identity) == b"two readers"
    assert _decrypt(blob, other) == b"two readers"


def test_wrong_identity_is_no_match(identity: age.X25519Identity) -> None:
    # given
    blob = _encrypt(b"secret", identity.recipient)
    # when / then
    with pytest.raises(AgeNoMatchError) as caught:
        _decrypt(blob, age.X25519Identity.generate())
    assert caught.value.code == "age.no_match"


def test_keys_round_trip_through_their_text_forms(identity: age.X25519Identity) -> None:
    # given
    text = str(identity)
    # when
    parsed = age.X25519Identity.from_string(text)
    # then
    assert text.startswith("AGE-SECRET-KEY-1")
    assert str(parsed.recipient) == str(identity.recipient)
    assert str(identity.recipient).startswith("age1")
    assert age.X25519Recipient.from_string(str(identity.recipient)) == identity.recipient


def test_identity_file_with_comments_is_parsed(identity: age.X25519Identity) -> None:
    # given
    text = f"# created: today\n\n{identity}\n"
    # when
    identities = age.parse_identities(text)
    # then
    assert [str(i) for i in identities] == [str(identity)]


@pytest.mark.parametrize(
    "text",
    [
        "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
        "AGE1",
        "not a key",
    ],
)
def test_malformed_recipient_is_refused(text: str) -> None:
    # when / then
    with pytest.raises(AgeError) as caught:
        age.X25519Recipient.from_string(text)
    assert caught.value.code == "age.recipient_invalid"


def test_upper_case_recipient_is_refused(identity: age.X25519Identity) -> None:
    # when / then
    with pytest.raises(AgeError) as caught:
        age.X25519Recipient.from_string(str(identity.recipient).upper())
    assert caught.value.code == "age.recipient_invalid"


def test_sinks_see_exactly_the_plaintext_and_ciphertext(identity: age.X25519Identity) -> None:
    # given
    data = os.urandom(5 * CHUNK + 3)
    plain, cipher = hashlib.sha256(), hashlib.sha256()
    out = io.BytesIO()
    # when
    result = age.encrypt(
        io.BytesIO(data),
        out,
        [identity.recipient],
        plaintext_sinks=(plain.update,),
        ciphertext_sinks=(cipher.update,),
        batch_chunks=2,
    )
    # then
    assert plain.hexdigest() == hashlib.sha256(data).hexdigest()
    assert cipher.hexdigest() == hashlib.sha256(out.getvalue()).hexdigest()
    assert (result.plaintext_size, result.ciphertext_size) == (len(data), len(out.getvalue()))


# --- interoperability ------------------------------------------------------------------------


@requires_age_tool
@pytest.mark.parametrize("size", [0, CHUNK, 5 * CHUNK + 17])
def test_age_tool_decrypts_our_files(
    identity: age.X25519Identity, identity_file: Path, size: int
) -> None:
    # given
    data = os.urandom(size)
    blob = _encrypt(data, identity.recipient)
    # when
    result = subprocess.run(
        [str(AGE_BINARY), "-d", "-i", str(identity_file)], input=blob, capture_output=True
    )
    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout == data


@requires_age_tool
@pytest.mark.parametrize("size", [0, CHUNK, 5 * CHUNK + 17])
def test_we_decrypt_files_of_the_age_tool(identity: age.X25519Identity, size: int) -> None:
    # given
    data = os.urandom(size)
    other = age.X25519Identity.generate()
    result = subprocess.run(
        [str(AGE_BINARY), "-r", str(other.recipient), "-r", str(identity.recipient)],
        input=data,
        capture_output=True,
        check=True,
    )
    # when
    restored = _decrypt(result.stdout, identity)
    # then
    assert restored == data


@pytest.mark.parametrize("size", [0, 2 * CHUNK + 1])
def test_pyrage_decrypts_our_files(identity: age.X25519Identity, size: int) -> None:
    # given
    data = os.urandom(size)
    blob = _encrypt(data, identity.recipient)
    # when
    restored = pyrage.decrypt(blob, [pyrage.x25519.Identity.from_str(str(identity))])
    # then
    assert restored == data


@pytest.mark.parametrize("size", [0, 2 * CHUNK + 1])
def test_we_decrypt_files_of_pyrage(identity: age.X25519Identity, size: int) -> None:
    # given
    data = os.urandom(size)
    blob = pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(str(identity.recipient))])
    # when
    restored = _decrypt(blob, identity)
    # then
    assert restored == data


def test_pyrage_generated_identity_is_accepted() -> None:
    # given
    native = pyrage.x25519.Identity.generate()
    # when
    ours = age.X25519Identity.from_string(str(native))
    # then
    assert str(ours.recipient) == str(native.to_public())


# --- attacks on the STREAM -------------------------------------------------------------------


@pytest.fixture(scope="module")
def four_chunks(identity: age.X25519Identity) -> tuple[bytes, bytes]:
    data = os.urandom(3 * CHUNK + 1000)
    return data, _encrypt(data, identity.recipient)


def test_dropping_the_last_chunk_is_rejected(
    identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    start = _payload_offset(blob)
    truncated = blob[: start + 3 * ENCRYPTED_CHUNK]
    # when / then
    with pytest.raises(AgePayloadError) as caught:
        _decrypt(truncated, identity)
    assert caught.value.params == {"reason": "no_final_chunk"}


def test_cutting_a_chunk_short_is_rejected(
    identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    # when / then
    with pytest.raises(AgePayloadError):
        _decrypt(blob[:-1], identity)


def test_swapping_two_chunks_is_rejected(
    identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    start = _payload_offset(blob)
    first = blob[start : start + ENCRYPTED_CHUNK]
    second = blob[start + ENCRYPTED_CHUNK : start + 2 * ENCRYPTED_CHUNK]
    swapped = blob[:start] + second + first + blob[start + 2 * ENCRYPTED_CHUNK :]
    # when / then
    with pytest.raises(AgePayloadError) as caught:
        _decrypt(swapped, identity)
    assert caught.value.params == {"reason": "chunk_tag"}


def test_appending_a_chunk_is_rejected(
    identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    start = _payload_offset(blob)
    extended = blob + blob[start : start + ENCRYPTED_CHUNK]
    # when / then
    with pytest.raises(AgePayloadError):
        _decrypt(extended, identity)


def test_trailing_bytes_after_a_full_final_chunk_are_rejected(
    identity: age.X25519Identity,
) -> None:
    # given: the final chunk is full-sized, so only its flag marks it final
    blob = _encrypt(os.urandom(2 * CHUNK), identity.recipient)
    # when / then
    with pytest.raises(AgePayloadError) as caught:
        _decrypt(blob + b"\x00", identity)
    assert caught.value.params == {"reason": "trailing_data"}


def test_flipped_bit_in_ciphertext_is_rejected(
    identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    tampered = flip_bit(blob, (_payload_offset(blob) + ENCRYPTED_CHUNK + 10) * 8 + 3)
    # when / then
    with pytest.raises(AgePayloadError):
        _decrypt(tampered, identity)


def test_flipped_bit_in_payload_nonce_is_rejected(
    identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    tampered = flip_bit(blob, (_payload_offset(blob) - 1) * 8)
    # when / then
    with pytest.raises(AgePayloadError):
        _decrypt(tampered, identity)


def test_flipped_bit_in_header_mac_is_rejected(identity: age.X25519Identity) -> None:
    # given: change the first MAC character to another base64 letter
    blob = bytearray(_encrypt(b"data", identity.recipient))
    position = blob.index(b"\n--- ") + 5
    blob[position] = ord("A") if blob[position] != ord("A") else ord("B")
    # when / then
    with pytest.raises((AgeHmacError, AgeHeaderError)):
        _decrypt(bytes(blob), identity)


def test_extra_stanza_added_to_header_fails_the_mac(identity: age.X25519Identity) -> None:
    # given: a stanza inserted by an attacker (valid syntax, MAC not recomputed)
    blob = _encrypt(b"data", identity.recipient)
    position = blob.index(b"\n---") + 1
    tampered = blob[:position] + b"-> grease x\n\n" + blob[position:]
    # when / then
    with pytest.raises(AgeHmacError) as caught:
        _decrypt(tampered, identity)
    assert caught.value.code == "age.hmac_failure"


@pytest.mark.parametrize(
    ("mutation", "reason"),
    [
        (lambda b: b.replace(b"age-encryption.org/v1\n", b"age-encryption.org/v2\n"), "version"),
        (lambda b: b.replace(b"\n", b"\r\n", 2), "version"),
        (lambda b: b[: b.index(b"\n---")], "truncated"),
        (lambda b: b.replace(b"-> X25519 ", b"->  X25519 ", 1), "stanza_argument"),
        (lambda b: b"", "truncated"),
    ],
)
def test_malformed_header_is_rejected(
    identity: age.X25519Identity, mutation: object, reason: str
) -> None:
    # given
    blob = _encrypt(b"data", identity.recipient)
    assert callable(mutation)
    # when / then
    with pytest.raises(AgeHeaderError) as caught:
        _decrypt(mutation(blob), identity)
    assert caught.value.params == {"reason": reason}


def test_oversized_header_is_rejected_without_reading_it_all(
    identity: age.X25519Identity,
) -> None:
    # given: a header line that never ends
    endless = b"age-encryption.org/v1\n-> " + b"a" * (2 * age.MAX_HEADER_SIZE)
    # when / then
    with pytest.raises(AgeHeaderError) as caught:
        _decrypt(endless, identity)
    assert caught.value.params == {"reason": "header_too_large"}


# --- commit semantics ------------------------------------------------------------------------


def test_decrypt_to_path_commits_only_complete_authentic_files(
    tmp_path: Path, identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    data, blob = four_chunks
    destination = tmp_path / "document.pdf"
    # when
    result = age_files.decrypt_to_path(
        io.BytesIO(blob),
        destination,
        [identity],
        expected_sha256=hashlib.sha256(data).hexdigest(),
        expected_size=len(data),
        expected_ciphertext_sha256=hashlib.sha256(blob).hexdigest(),
    )
    # then
    assert destination.read_bytes() == data
    assert result.plaintext_sha256 == hashlib.sha256(data).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["document.pdf"]


def test_truncated_file_leaves_no_plaintext_behind(
    tmp_path: Path, identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    destination = tmp_path / "document.pdf"
    truncated = blob[: _payload_offset(blob) + 2 * ENCRYPTED_CHUNK]
    # when
    with pytest.raises(AgePayloadError):
        age_files.decrypt_to_path(io.BytesIO(truncated), destination, [identity])
    # then
    assert list(tmp_path.iterdir()) == []


def test_plaintext_hash_mismatch_is_not_committed(
    tmp_path: Path, identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    destination = tmp_path / "document.pdf"
    # when
    with pytest.raises(IntegrityError) as caught:
        age_files.decrypt_to_path(
            io.BytesIO(blob), destination, [identity], expected_sha256="0" * 64
        )
    # then
    assert caught.value.code == "integrity.plaintext_sha256"
    assert list(tmp_path.iterdir()) == []


def test_ciphertext_hash_mismatch_is_not_committed(
    tmp_path: Path, identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    # when
    with pytest.raises(IntegrityError) as caught:
        age_files.decrypt_to_path(
            io.BytesIO(blob),
            tmp_path / "document.pdf",
            [identity],
            expected_ciphertext_sha256="0" * 64,
        )
    # then
    assert caught.value.code == "integrity.ciphertext_sha256"
    assert list(tmp_path.iterdir()) == []


def test_existing_destination_survives_a_failed_decrypt(
    tmp_path: Path, identity: age.X25519Identity, four_chunks: tuple[bytes, bytes]
) -> None:
    # given
    _, blob = four_chunks
    destination = tmp_path / "document.pdf"
    destination.write_bytes(b"previous version")
    # when
    with pytest.raises(AgePayloadError):
        age_files.decrypt_to_path(io.BytesIO(blob[:-20]), destination, [identity])
    # then
    assert destination.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["document.pdf"]


# --- passphrase files (read only) ------------------------------------------------------------


class _CheapScryptRecipient:
    """An ``scrypt`` stanza built from the specification with a tiny work factor (tests only)."""

    def __init__(self, passphrase: bytes, work_factor: int) -> None:
        self._passphrase = passphrase
        self._work_factor = work_factor

    def wrap(self, file_key: bytes) -> age.Stanza:
        salt = os.urandom(16)
        kdf = Scrypt(salt=age.SCRYPT_LABEL + salt, length=32, n=1 << self._work_factor, r=8, p=1)
        body = ChaCha20Poly1305(kdf.derive(self._passphrase)).encrypt(bytes(12), file_key, None)
        encoded_salt = base64.b64encode(salt).decode().rstrip("=")
        return age.Stanza("scrypt", (encoded_salt, str(self._work_factor)), body)


@pytest.fixture(scope="module")
def passphrase_file() -> bytes:
    recipient = cast(age.X25519Recipient, _CheapScryptRecipient(b"correct horse", 10))
    return _encrypt(b"archived evidence", recipient)


def test_passphrase_file_decrypts(passphrase_file: bytes) -> None:
    # when
    restored = _decrypt(passphrase_file, age.ScryptIdentity(b"correct horse"))
    # then
    assert restored == b"archived evidence"


def test_wrong_passphrase_is_no_match(passphrase_file: bytes) -> None:
    # when / then
    with pytest.raises(AgeNoMatchError):
        _decrypt(passphrase_file, age.ScryptIdentity(b"wrong"))


def test_excessive_scrypt_work_factor_is_refused_before_running_it(
    passphrase_file: bytes,
) -> None:
    # given: the file asks for work factor 10; this reader accepts at most 9
    identity = age.ScryptIdentity(b"correct horse", max_work_factor=9)
    # when / then
    with pytest.raises(AgeHeaderError) as caught:
        _decrypt(passphrase_file, identity)
    assert caught.value.params == {"reason": "scrypt_work_factor"}
