"""Checkpoints as C2SP signed notes: made, parsed strictly, verified, cosigned; tampering and
malformed input are refused with stable codes."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from rogatory.core.audit.checkpoint import (
    MAX_SIGNATURES,
    Checkpoint,
    CosignatureVerifier,
    NoteError,
    NoteVerifier,
    add_signatures,
    cosign,
    key_id,
    log_origin,
    parse_checkpoint,
    parse_note,
    sign_checkpoint,
    verified_by,
    verify_checkpoint,
    witness_name,
)
from rogatory.core.audit.witness import (
    format_add_checkpoint,
    parse_add_checkpoint,
    parse_size_body,
)

ORIGIN = log_origin("xb-central")
ROOT = hashlib.sha256(b"root").digest()
LOG_KEY = Ed25519PrivateKey.generate()
WITNESS_KEY = Ed25519PrivateKey.generate()


def _note(size: int = 1042, root: bytes = ROOT, key: Ed25519PrivateKey = LOG_KEY) -> str:
    return sign_checkpoint(Checkpoint(ORIGIN, size, root), key)


def _code(text: str) -> str:
    with pytest.raises(NoteError) as err:
        verify_checkpoint(text, [LOG_KEY.public_key()])
    return err.value.code


def test_a_checkpoint_note_has_the_tlog_checkpoint_shape_and_verifies() -> None:
    # given a checkpoint signed by the node's key
    text = _note()
    # then it is origin, size, base64 root, a blank line and one signature line by the origin
    body, signature = text.split("\n\n")
    assert body == f"rogatory.node/xb-central\n1042\n{base64.b64encode(ROOT).decode()}"
    assert signature.startswith("\u2014 rogatory.node/xb-central ")
    raw = base64.b64decode(signature.split(" ")[2])
    assert raw[:4] == key_id(ORIGIN, 0x01, LOG_KEY.public_key())
    assert len(raw) == 4 + 64
    # and it verifies with that key
    assert verify_checkpoint(text, [LOG_KEY.public_key()]) == Checkpoint(ORIGIN, 1042, ROOT)


def test_the_key_id_is_the_signed_note_formula() -> None:
    public = LOG_KEY.public_key()
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    expected = hashlib.sha256(ORIGIN.encode() + b"\n\x01" + raw).digest()[:4]
    assert key_id(ORIGIN, 0x01, public) == expected


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("\n1042\n", "\n1043\n", "note.signature_invalid"),
        # Another origin names another log key: the signature is ignored, none is trusted.
        ("rogatory.node/xb-central\n", "rogatory.node/xb-centrak\n", "note.no_trusted_signature"),
    ],
)
def test_a_tampered_body_is_refused(old: str, new: str, code: str) -> None:
    assert _code(_note().replace(old, new, 1)) == code


def test_a_tampered_root_fails_its_signature() -> None:
    other = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    text = _note().replace(base64.b64encode(ROOT).decode(), other)
    assert _code(text) == "note.signature_invalid"


def test_a_note_signed_by_another_key_has_no_trusted_signature() -> None:
    # An unknown key (other key id) is ignored, as signed-note requires; nothing remains.
    assert _code(_note(key=Ed25519PrivateKey.generate())) == "note.no_trusted_signature"


def test_unknown_signature_lines_are_ignored_next_to_a_valid_one() -> None:
    stranger = cosign(
        _note().split("\n\n")[0] + "\n", name="elsewhere.example/w", key=WITNESS_KEY, timestamp=5
    )
    text = add_signatures(_note(), [stranger])
    assert verify_checkpoint(text, [LOG_KEY.public_key()]).size == 1042


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("rogatory.node/x\n1\n" + base64.b64encode(ROOT).decode() + "\n", "note.unsigned"),
        ("a\n01\nAAAA\n\n\u2014 a AAAAAAB=\n", "note.base64"),
        ("x" * 9000, "note.too_large"),
        ("a\tb\n1\nr\n\n\u2014 a AAAAAAAA\n", "note.control_character"),
        ("a\n1\nr\n\n- a AAAAAAAA\n", "note.signature_malformed"),
        ("a\n1\nr\n\n\u2014 a+b AAAAAAAA\n", "note.signature_malformed"),
        ("a\n1\nr\n\n\u2014 a AAAAAAAA", "note.signature_malformed"),
    ],
)
def test_malformed_notes_are_refused(text: str, code: str) -> None:
    with pytest.raises(NoteError) as err:
        parse_note(text)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("rogatory.node/x\n01\n{root}\n", "checkpoint.size"),
        ("rogatory.node/x\n-1\n{root}\n", "checkpoint.size"),
        ("rogatory.node/x\n99999999999999999999\n{root}\n", "checkpoint.size"),
        ("rogatory.node/x\n1\nAAAA\n", "checkpoint.root"),
        ("rogatory.node/x\n1\n{root}\nextension\n", "checkpoint.malformed"),
        ("rogatory node\n1\n{root}\n", "checkpoint.origin"),
    ],
)
def test_malformed_checkpoint_bodies_are_refused(body: str, code: str) -> None:
    text = body.format(root=base64.b64encode(ROOT).decode()) + "\n\u2014 a AAAAAAAA\n"
    with pytest.raises(NoteError) as err:
        parse_checkpoint(text)
    assert err.value.code == code


def test_too_many_signature_lines_are_refused() -> None:
    line = "\u2014 a AAAAAAAA\n"
    with pytest.raises(NoteError) as err:
        parse_note("a\n1\nr\n\n" + line * (MAX_SIGNATURES + 1))
    assert err.value.code == "note.too_many_signatures"
    assert len(parse_note("a\n1\nr\n\n" + line * 16).signatures) == 16


def test_a_cosignature_verifies_over_the_body_and_its_timestamp() -> None:
    # given a witness cosignature appended to a checkpoint
    text = _note()
    name = witness_name("xa-central")
    line = cosign(parse_note(text).body, name=name, key=WITNESS_KEY, timestamp=1_700_000_000)
    cosigned = parse_note(add_signatures(text, [line]))
    verifier = CosignatureVerifier(name, WITNESS_KEY.public_key())
    # then the witness verifier accepts it, alongside the log's own signature
    assert line.key_id == key_id(name, 0x04, WITNESS_KEY.public_key())
    assert line.signature[:8] == (1_700_000_000).to_bytes(8, "big")
    assert verified_by(cosigned, [verifier]) == [verifier]
    assert verify_checkpoint(cosigned.text(), [LOG_KEY.public_key()]).size == 1042
    # and a changed timestamp breaks it
    bad = type(line)(line.name, line.key_id, (1).to_bytes(8, "big") + line.signature[8:])
    with pytest.raises(NoteError) as err:
        verified_by(parse_note(add_signatures(text, [bad])), [verifier])
    assert err.value.code == "note.signature_invalid"


def test_a_log_signature_is_not_a_cosignature() -> None:
    # The same key as log (0x01) and as witness (0x04) has two key ids: never confused.
    text = _note(key=WITNESS_KEY)
    verifier = CosignatureVerifier(ORIGIN, WITNESS_KEY.public_key())
    assert verified_by(parse_note(text), [verifier]) == []
    assert verified_by(parse_note(text), [NoteVerifier(ORIGIN, WITNESS_KEY.public_key())]) != []


def test_an_add_checkpoint_request_round_trips_and_is_parsed_strictly() -> None:
    proof = [hashlib.sha256(bytes([i])).digest() for i in range(3)]
    body = format_add_checkpoint(17, proof, _note())
    parsed = parse_add_checkpoint(body)
    assert (parsed.old_size, list(parsed.proof), parsed.note) == (17, proof, _note())
    for bad, code in [
        (b"old 017\n\n" + _note().encode(), "witness.request_malformed"),
        (b"new 1\n\n" + _note().encode(), "witness.request_malformed"),
        (b"old 1\nAAAA\n\n" + _note().encode(), "witness.request_malformed"),
        (format_add_checkpoint(1, proof * 22, _note()), "witness.proof_too_long"),
    ]:
        with pytest.raises(NoteError) as err:
            parse_add_checkpoint(bad)
        assert err.value.code == code
    assert parse_size_body(b"42\n") == 42
    with pytest.raises(NoteError):
        parse_size_body(b"042\n")
