"""Signed Merkle checkpoints of the audit chain (protocol design point 17, property S7).

The tree's leaves are the events' chain hashes, in sequence order: leaf i is
``SHA-256(0x00 || bytes.fromhex(event[i].hash))``. A chain hash already commits to the event's
canonical content *and* to every event before it, so the leaf is a fixed 32 bytes that needs no
second serialisation of the payload (which could drift from ``core.audit.chain.canonical``), and
building the tree reads one column. Whoever holds an event's payload checks it against the leaf
with ``event_hash(prev_hash, payload)``, then against a checkpoint with an inclusion proof.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from rogatory.apps.audit.services.node import NodeSigner, node_signer
from rogatory.core.audit.chain import GENESIS
from rogatory.core.audit.checkpoint import (
    Checkpoint,
    NoteError,
    NoteSignature,
    add_signatures,
    log_origin,
    parse_signature_lines,
    sign_checkpoint,
)
from rogatory.core.audit.merkle import CompactRange, MerkleError, consistency_proof, leaf_hash
from rogatory.core.errors import DomainError

logger = logging.getLogger("rogatory.audit")

# Design point 17: a checkpoint every 60 s or every 1,000 events, whichever comes first.
CHECKPOINT_INTERVAL = timedelta(seconds=60)
CHECKPOINT_EVENTS = 1000
# Receipts carry the checkpoint in a field of at most 4,096 characters (docs/protocol.md 5.1);
# a note with its log signature and eight cosignatures stays well under it.
MAX_QUOTED_COSIGNATURES = 8


def event_leaf(chain_hash: str) -> bytes:
    return leaf_hash(bytes.fromhex(chain_hash))


def _leaves(after: int, upto: int) -> list[bytes]:
    """Leaf hashes of events ``after < seq <= upto``, in sequence order."""
    hashes = AuditEvent.objects.filter(seq__gt=after, seq__lte=upto).order_by("seq")
    return [event_leaf(h) for h in hashes.values_list("hash", flat=True).iterator(5000)]


def _due(size: int, last_size: int | None, last_at: datetime | None, now: datetime) -> bool:
    if last_size is None or last_at is None:
        return True
    if size <= last_size:
        return False
    return size - last_size >= CHECKPOINT_EVENTS or now - last_at >= CHECKPOINT_INTERVAL


def _stored_range(row: AuditCheckpoint) -> CompactRange:
    """The stored compact range, refused if it does not give the signed root (it is not
    itself signed, so a tampered one must not seed the next checkpoint)."""
    try:
        compact = CompactRange.from_text(row.compact_range)
    except MerkleError as exc:
        raise DomainError("audit.checkpoint_broken", tree_size=row.tree_size) from exc
    if compact.size != row.tree_size or compact.root().hex() != row.root_hash:
        raise DomainError("audit.checkpoint_broken", tree_size=row.tree_size)
    return compact


def audit_checkpoint_make(
    *, now: datetime | None = None, signer: NodeSigner | None = None, force: bool = False
) -> AuditCheckpoint | None:
    """Sign a new checkpoint when 60 s or 1,000 events have passed since the last one.

    A cheap no-op (two single-row reads) when none is due, and when the node has no keys.
    ``force`` makes one whenever the log grew (tests, operators). Raises
    ``audit.chain_broken`` rather than sign a log whose stored rows do not reach its head.
    """
    now = now or timezone.now()
    head = AuditHead.objects.filter(id=1).values_list("seq", flat=True).first() or 0
    last = AuditCheckpoint.objects.values_list("tree_size", "created_at").first()
    last_size, last_at = last if last is not None else (None, None)
    if not (force and (last_size is None or head > last_size)) and not _due(
        head, last_size, last_at, now
    ):
        return None
    signer = signer or node_signer()
    if signer is None:
        return None
    with transaction.atomic():
        # The head lock orders us with appends: events 1..seq are all committed and no other
        # checkpoint maker runs, so the signed size and root describe one prefix of the log.
        locked, _ = AuditHead.objects.select_for_update().get_or_create(
            id=1, defaults={"seq": 0, "hash": GENESIS}
        )
        previous = AuditCheckpoint.objects.first()
        if previous is not None and previous.tree_size >= locked.seq:
            return None
        compact = _stored_range(previous) if previous is not None else CompactRange()
        hashes = list(
            AuditEvent.objects.filter(seq__gt=compact.size, seq__lte=locked.seq)
            .order_by("seq")
            .values_list("hash", flat=True)
        )
        if len(hashes) != locked.seq - compact.size or (hashes and hashes[-1] != locked.hash):
            raise DomainError("audit.chain_broken", seq=locked.seq)
        compact.extend(event_leaf(h) for h in hashes)
        root = compact.root()
        note = sign_checkpoint(
            Checkpoint(log_origin(signer.node_id), compact.size, root), signer.key
        )
        return AuditCheckpoint.objects.create(
            tree_size=compact.size,
            root_hash=root.hex(),
            note=note,
            compact_range=compact.to_text(),
            created_at=now,
        )


def checkpoint_with_cosignatures(row: AuditCheckpoint, limit: int = MAX_QUOTED_COSIGNATURES) -> str:
    """The stored note with up to ``limit`` witness cosignature lines appended."""
    lines: list[NoteSignature] = []
    for cosignature in row.cosignatures.order_by("received_at", "id")[:limit]:
        try:
            lines.extend(parse_signature_lines(cosignature.signature + "\n"))
        except NoteError:
            logger.warning("audit_cosignature_unreadable id=%s", cosignature.pk)
    return add_signatures(row.note, lines)


def latest_audit_checkpoint() -> str:
    """The note a receipt quotes: this node's latest signed checkpoint with its cosignatures.

    Makes one first when due (so receipts are at most 60 s or 1,000 events behind even without
    the worker); a failure to make one is logged and the latest stored one is quoted. Raises
    ``audit.checkpoint_missing`` only when there is none at all (a node without keys).
    """
    try:
        audit_checkpoint_make()
    except DomainError as err:
        logger.error("audit_checkpoint_failed code=%s", err.code)
    row = AuditCheckpoint.objects.first()
    if row is None:
        raise DomainError("audit.checkpoint_missing")
    return checkpoint_with_cosignatures(row)


def audit_consistency_proof(old_size: int, new: AuditCheckpoint) -> list[bytes]:
    """RFC 9162 consistency proof from our tree at ``old_size`` to checkpoint ``new``.

    From a stored checkpoint it reads only the events added since (its compact range covers
    the rest); from any other size it reads the whole prefix once.
    """
    if not 0 <= old_size <= new.tree_size:
        raise DomainError("audit.size_invalid", size=old_size)
    if old_size in (0, new.tree_size):
        return []
    stored = AuditCheckpoint.objects.filter(tree_size=old_size).first()
    if stored is not None:
        old = _stored_range(stored)
    else:
        old = CompactRange()
        old.extend(_leaves(0, old_size))
    fresh: Sequence[bytes] = _leaves(old_size, new.tree_size)
    if len(fresh) != new.tree_size - old_size:
        raise DomainError("audit.chain_broken", seq=new.tree_size)
    return consistency_proof(old, fresh)
