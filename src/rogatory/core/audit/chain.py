"""SHA-256 hash chain over audit events.

Each event's hash covers its own canonical content and the previous event's hash, so editing,
deleting, reordering or inserting a row breaks the chain at that row. The chain head (last
sequence number and hash) is kept apart, so that removing events from the end is caught too.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def event_hash(prev_hash: str, payload: Mapping[str, Any]) -> str:
    h = hashlib.sha256()
    h.update(prev_hash.encode("ascii"))
    h.update(b"\n")
    h.update(canonical(payload))
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class ChainEvent:
    seq: int
    prev_hash: str
    hash: str
    payload: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ChainFault:
    """The first bad position: ``seq`` is the sequence number the event stored there should
    have (1-based index in stored order), so an edit, a deletion, a swap or an insertion is
    reported where the log first departs from a valid chain."""

    seq: int
    problem: str


def verify(
    events: Iterable[ChainEvent], *, head_seq: int, head_hash: str
) -> tuple[int, ChainFault | None]:
    """Walk events in stored order; return (count checked, first fault or None)."""
    expected_seq = 1
    prev = GENESIS
    count = 0
    for ev in events:
        count += 1
        if ev.seq != expected_seq:
            return count, ChainFault(expected_seq, f"sequence gap: found {ev.seq}")
        if ev.prev_hash != prev:
            return count, ChainFault(expected_seq, "previous hash does not match")
        if event_hash(prev, ev.payload) != ev.hash:
            return count, ChainFault(expected_seq, "content does not match its hash")
        prev = ev.hash
        expected_seq += 1
    if expected_seq - 1 != head_seq or prev != head_hash:
        return count, ChainFault(expected_seq, f"chain ends before the recorded head {head_seq}")
    return count, None
