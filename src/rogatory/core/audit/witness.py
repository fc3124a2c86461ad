"""The body of a c2sp.org/tlog-witness ``add-checkpoint`` request and of its 409 answer.

Request::

    old <size the witness last cosigned>
    <base64 consistency proof hash>     (0 to 63 lines)

    <checkpoint note>

Parsing is strict (canonical decimal and base64, at most 63 proof lines, bounded size): the
body comes from the network.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rogatory.core.audit.checkpoint import MAX_NOTE_BYTES, NoteError
from rogatory.core.audit.merkle import HASH_SIZE, MAX_TREE_SIZE

__all__ = [
    "MAX_PROOF_LINES",
    "MAX_REQUEST_BYTES",
    "SIZE_CONTENT_TYPE",
    "AddCheckpoint",
    "format_add_checkpoint",
    "parse_add_checkpoint",
    "parse_size_body",
]

MAX_PROOF_LINES = 63
MAX_REQUEST_BYTES = MAX_NOTE_BYTES + 64 * (MAX_PROOF_LINES + 1)
SIZE_CONTENT_TYPE = "text/x.tlog.size"
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,18}")


@dataclass(frozen=True, slots=True)
class AddCheckpoint:
    old_size: int
    proof: tuple[bytes, ...]
    note: str


def _size(text: str) -> int:
    if _DECIMAL.fullmatch(text) is None or int(text) > MAX_TREE_SIZE:
        raise NoteError("witness.request_malformed")
    return int(text)


def format_add_checkpoint(old_size: int, proof: Sequence[bytes], note: str) -> bytes:
    lines = [f"old {old_size}", *(base64.b64encode(h).decode("ascii") for h in proof)]
    return ("\n".join(lines) + "\n\n" + note).encode("utf-8")


def parse_add_checkpoint(body: bytes) -> AddCheckpoint:
    if len(body) > MAX_REQUEST_BYTES:
        raise NoteError("witness.request_too_large")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NoteError("witness.request_malformed") from exc
    head, sep, note = text.partition("\n\n")
    if not sep:
        raise NoteError("witness.request_malformed")
    lines = head.split("\n")
    if not lines[0].startswith("old "):
        raise NoteError("witness.request_malformed")
    old_size = _size(lines[0][4:])
    if len(lines) - 1 > MAX_PROOF_LINES:
        raise NoteError("witness.proof_too_long")
    proof = []
    for line in lines[1:]:
        try:
            digest = base64.b64decode(line, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise NoteError("witness.request_malformed") from exc
        if len(digest) != HASH_SIZE or base64.b64encode(digest).decode("ascii") != line:
            raise NoteError("witness.request_malformed")
        proof.append(digest)
    return AddCheckpoint(old_size, tuple(proof), note)


def parse_size_body(body: bytes) -> int:
    """The 409 answer: the witness's recorded size in decimal and a newline."""
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError as exc:
        raise NoteError("witness.response_malformed") from exc
    if not text.endswith("\n"):
        raise NoteError("witness.response_malformed")
    try:
        return _size(text[:-1])
    except NoteError as exc:
        raise NoteError("witness.response_malformed") from exc
