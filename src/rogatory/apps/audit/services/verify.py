"""`audit verify`: the hash chain, then every stored checkpoint against the recomputed tree.

The chain catches a row edited, deleted, moved or inserted without rehashing. Checkpoints catch
the rest: someone with database access who rewrites the chain from some event onwards (and the
head) cannot re-sign the checkpoints already made, so the first checkpoint covering the rewrite
no longer matches its root; one who also deletes the tail leaves a checkpoint beyond the end.
Both walks are one pass over the events' columns (no model instances: 100,000 events).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from rogatory.apps.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from rogatory.apps.audit.services.checkpoint import event_leaf
from rogatory.apps.audit.services.node import own_log_keys
from rogatory.core.audit.chain import GENESIS, ChainEvent, ChainFault, verify
from rogatory.core.audit.checkpoint import NoteError, log_origin, verify_checkpoint
from rogatory.core.audit.merkle import CompactRange

_COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "actor",
    "action",
    "object_type",
    "object_id",
    "case_id",
    "changes",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True, slots=True)
class CheckpointFault:
    tree_size: int
    problem: str


@dataclass(frozen=True, slots=True)
class AuditReport:
    events: int
    fault: ChainFault | None
    checkpoints: int
    checkpoint_fault: CheckpointFault | None

    @property
    def ok(self) -> bool:
        return self.fault is None and self.checkpoint_fault is None


def _events() -> Iterator[ChainEvent]:
    # Stored order is by primary key (insertion order), not by seq, so that a row moved to
    # another position is caught as well as a renumbered one. The payload mirrors
    # AuditEvent.payload() without building model instances.
    rows = AuditEvent.objects.order_by("id").values_list(*_COLUMNS).iterator(chunk_size=5000)
    for seq, at, actor_id, actor, action, otype, oid, case_id, changes, prev, digest in rows:
        payload = {
            "seq": seq,
            "at": at.isoformat(),
            "actor_id": actor_id,
            "actor": actor,
            "action": action,
            "object_type": otype,
            "object_id": oid,
            "case_id": case_id,
            "changes": changes,
        }
        yield ChainEvent(seq=seq, prev_hash=prev, hash=digest, payload=payload)


class _CheckpointWalk:
    """Checks stored checkpoints, in size order, as the verified prefix of the chain grows."""

    def __init__(self, node_id: str | None, keys: Sequence[Ed25519PublicKey]) -> None:
        self.pending = list(
            AuditCheckpoint.objects.order_by("tree_size").values_list(
                "tree_size", "root_hash", "note"
            )
        )
        self.total = len(self.pending)
        self.origin = log_origin(node_id) if node_id is not None else None
        self.keys = keys
        self.tree = CompactRange()
        self.checked = 0
        self.fault: CheckpointFault | None = None

    def reached(self, size: int) -> None:
        """Events 1..size are verified: check every checkpoint of exactly that size."""
        while self.fault is None and self.pending and self.pending[0][0] == size:
            tree_size, root_hex, note = self.pending.pop(0)
            self.fault = self._check(tree_size, root_hex, note)
            self.checked += 1

    def _check(self, tree_size: int, root_hex: str, note: str) -> CheckpointFault | None:
        if self.origin is None or not self.keys:
            return CheckpointFault(tree_size, "no node key to verify the signature")
        try:
            signed = verify_checkpoint(note, self.keys)
        except NoteError as exc:
            return CheckpointFault(tree_size, f"signature does not verify ({exc.code})")
        if (signed.origin, signed.size, signed.root.hex()) != (self.origin, tree_size, root_hex):
            return CheckpointFault(tree_size, "signed note does not match the stored row")
        if self.tree.root().hex() != root_hex:
            return CheckpointFault(tree_size, "root does not match the events")
        return None

    def tap(self, events: Iterator[ChainEvent]) -> Iterator[ChainEvent]:
        # core.audit.chain.verify asks for the next event only after checking the previous
        # one, so when event n+1 is requested, events 1..n are verified leaves.
        for event in events:
            self.reached(self.tree.size)
            self.tree.append(event_leaf(event.hash))
            yield event

    def finish(self, chain_ok: bool) -> None:
        if chain_ok:
            self.reached(self.tree.size)
            if self.fault is None and self.pending:
                self.fault = CheckpointFault(self.pending[0][0], "beyond the end of the log")


def audit_verify_report() -> AuditReport:
    """Chain first; checkpoints of sizes up to the last verified event (all when intact)."""
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    walk = _CheckpointWalk(*own_log_keys())
    count, fault = verify(walk.tap(_events()), head_seq=head_seq, head_hash=head_hash)
    walk.finish(fault is None)
    return AuditReport(count, fault, walk.checked, walk.fault)


def audit_verify() -> tuple[int, ChainFault | None]:
    """The chain part alone: (events checked, first fault)."""
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    return verify(_events(), head_seq=head_seq, head_hash=head_hash)
