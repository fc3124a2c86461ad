"""Witnessing audit checkpoints (c2sp.org/tlog-witness): both sides.

As a witness, :func:`witness_cosign` cosigns another node's checkpoint only if it extends the
last one we cosigned for that node (the first is trusted on first use): a rolled-back or forked
log cannot get a second view cosigned, which is what makes split views detectable.

As a log, :func:`audit_checkpoint_publish` sends our latest checkpoint with a consistency proof
to peer witnesses and stores the cosignatures they return.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from rogatory.apps.audit.models import AuditCheckpoint, AuditCosignature, WitnessedLog
from rogatory.apps.audit.services.checkpoint import audit_consistency_proof
from rogatory.apps.audit.services.node import (
    NodeSigner,
    WitnessPeer,
    node_signer,
    registry_signing_keys,
)
from rogatory.core.audit.checkpoint import (
    CosignatureVerifier,
    NoteError,
    SignedNote,
    cosign,
    log_origin,
    parse_checkpoint,
    parse_note,
    parse_signature_lines,
    verified_by,
    verify_checkpoint,
    witness_name,
)
from rogatory.core.audit.merkle import verify_consistency
from rogatory.core.audit.witness import SIZE_CONTENT_TYPE, format_add_checkpoint, parse_size_body
from rogatory.core.errors import DomainError
from rogatory.federation.transport import Transport, TransportError, join_url

logger = logging.getLogger("rogatory.audit")
security_log = logging.getLogger("rogatory.security")

# Relative to a peer's registry endpoint (``https://host/exchange``); see witness_urls.
ADD_CHECKPOINT_PATH = "witness/add-checkpoint"


def witness_cosign(
    *,
    origin_node: str,
    checkpoint_note: str,
    consistency_proof: Sequence[bytes],
    old_size: int,
    now: datetime | None = None,
    origin_keys: Sequence[Ed25519PublicKey] | None = None,
    witness: NodeSigner | None = None,
) -> str:
    """Cosign ``checkpoint_note`` of ``origin_node``'s audit log; return the signature line.

    Checks, in tlog-witness order: the note parses and names the origin's log
    (``witness.malformed``); the origin is a registry node (``witness.origin_unknown``); a
    signature by one of its registry keys verifies (``witness.signature_invalid``); ``old_size``
    is not beyond the checkpoint (``witness.old_size_invalid``); ``old_size`` is the size we
    last cosigned, 0 at first (``witness.old_size_mismatch``, with our ``size``); at equal size
    the root is the same (``witness.root_mismatch``); the consistency proof verifies
    (``witness.proof_invalid``). Then records the checkpoint and cosigns it, atomically.
    """
    now = now or timezone.now()
    try:
        checkpoint, _ = parse_checkpoint(checkpoint_note)
    except NoteError as exc:
        raise DomainError("witness.malformed", reason=exc.code) from exc
    if checkpoint.origin != log_origin(origin_node):
        raise DomainError("witness.malformed", reason="origin")
    if origin_keys is None:
        try:
            origin_keys = registry_signing_keys(origin_node, now)
        except DomainError as exc:
            raise DomainError("witness.origin_unknown", node=origin_node) from exc
    try:
        verify_checkpoint(checkpoint_note, origin_keys)
    except NoteError as exc:
        raise DomainError("witness.signature_invalid", reason=exc.code) from exc
    if old_size > checkpoint.size:
        raise DomainError("witness.old_size_invalid", size=old_size)
    witness = witness or node_signer()
    if witness is None:
        raise DomainError("keys.missing")
    with transaction.atomic():
        # Check and update under the row lock (tlog-witness: otherwise two requests could
        # interleave and roll the recorded size back).
        state = WitnessedLog.objects.select_for_update().filter(origin_node=origin_node).first()
        recorded_size = state.tree_size if state is not None else 0
        recorded_root = bytes.fromhex(state.root_hash) if state is not None else b""
        if old_size != recorded_size:
            _conflict(origin_node, recorded_size, checkpoint.size, "old size")
            raise DomainError("witness.old_size_mismatch", size=recorded_size)
        if old_size == checkpoint.size and state is not None:
            if checkpoint.root != recorded_root:
                _conflict(origin_node, recorded_size, checkpoint.size, "root")
                raise DomainError("witness.root_mismatch", size=recorded_size)
        elif state is not None and not verify_consistency(
            old_size, checkpoint.size, recorded_root, checkpoint.root, consistency_proof
        ):
            _conflict(origin_node, recorded_size, checkpoint.size, "consistency proof")
            raise DomainError("witness.proof_invalid", size=recorded_size)
        elif state is None and consistency_proof:
            # tlog-witness: the proof MUST be empty when the old size is zero.
            raise DomainError("witness.proof_invalid", size=0)
        if state is None:
            state = WitnessedLog(origin_node=origin_node)
        state.tree_size, state.root_hash = checkpoint.size, checkpoint.root.hex()
        state.note, state.updated_at = checkpoint_note, now
        state.save()
        line = cosign(
            checkpoint.body(),
            name=witness_name(witness.node_id),
            key=witness.key,
            timestamp=int(now.timestamp()),
        )
    return line.line()


def _conflict(origin: str, recorded: int, submitted: int, what: str) -> None:
    # A signed checkpoint that does not extend what we cosigned is evidence of a fork or a
    # rollback of that node's audit log (or of a lost cosignature): keep a trace.
    security_log.warning(
        "witness_conflict origin=%r recorded=%d submitted=%d check=%r",
        origin,
        recorded,
        submitted,
        what,
    )


@dataclass
class PublishResult:
    tree_size: int
    cosigned: list[str] = field(default_factory=list)  # witnesses holding this checkpoint
    failed: dict[str, str] = field(default_factory=dict)  # witness -> reason code


def _last_cosigned_size(node_id: str) -> int:
    found = AuditCosignature.objects.filter(witness_node=node_id).aggregate(
        size=Max("checkpoint__tree_size")
    )["size"]
    return int(found or 0)


def _request(
    transport: Transport, peer: WitnessPeer, row: AuditCheckpoint, old_size: int
) -> tuple[int, str, bytes]:
    body = format_add_checkpoint(old_size, audit_consistency_proof(old_size, row), row.note)
    reply = transport.request(
        "POST",
        join_url(peer.endpoint, ADD_CHECKPOINT_PATH),
        body=body,
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    return reply.status, reply.content_type, reply.body


def _store(peer: WitnessPeer, row: AuditCheckpoint, body: bytes, now: datetime) -> str:
    """Keep the first cosignature line that verifies with one of the peer's keys."""
    name = witness_name(peer.node_id)
    verifiers = [CosignatureVerifier(name, key) for key in peer.keys]
    try:
        lines = parse_signature_lines(body.decode("utf-8"))
    except (NoteError, UnicodeDecodeError):
        return "witness.response_malformed"
    note = parse_note(row.note)
    for line in lines:
        try:
            good = verified_by(SignedNote(note.body, (line,)), verifiers)
        except NoteError:
            return "witness.cosignature_invalid"
        if good:
            try:
                with transaction.atomic():
                    AuditCosignature.objects.create(
                        checkpoint=row,
                        witness_node=peer.node_id,
                        signature=line.line().rstrip("\n"),
                        received_at=now,
                    )
            except IntegrityError:
                pass  # a concurrent publish stored it first
            return ""
    return "witness.cosignature_missing"


def audit_checkpoint_publish(
    transport: Transport, peers: Sequence[WitnessPeer], *, now: datetime | None = None
) -> PublishResult | None:
    """Send our latest checkpoint to each witness in ``peers`` with a consistency proof from
    the size it last cosigned; store the cosignatures. None when there is no checkpoint.

    Design point 17 wants at least two witnesses: the caller passes two or more peers and can
    check ``len(result.cosigned)``. Failures are per witness and retried on the next call.
    """
    now = now or timezone.now()
    row = AuditCheckpoint.objects.first()
    if row is None:
        return None
    result = PublishResult(row.tree_size)
    for peer in peers:
        if row.cosignatures.filter(witness_node=peer.node_id).exists():
            result.cosigned.append(peer.node_id)
            continue
        reason = _publish_one(transport, peer, row, now)
        if reason:
            result.failed[peer.node_id] = reason
            logger.warning("audit_publish_failed witness=%r reason=%s", peer.node_id, reason)
        else:
            result.cosigned.append(peer.node_id)
    return result


def _publish_one(
    transport: Transport, peer: WitnessPeer, row: AuditCheckpoint, now: datetime
) -> str:
    old_size = _last_cosigned_size(peer.node_id)
    if old_size > row.tree_size:
        old_size = 0
    try:
        for _attempt in range(2):
            status, content_type, body = _request(transport, peer, row, old_size)
            if status == 200:
                return _store(peer, row, body, now)
            if status == 409 and content_type.startswith(SIZE_CONTENT_TYPE):
                # The witness recorded another size (our cosignature was lost, or it was
                # reset): retry once from its size, if it is a prefix size of ours.
                witness_size = parse_size_body(body)
                if witness_size > row.tree_size:
                    # It cosigned a bigger tree than ours: our log lost events.
                    security_log.error(
                        "audit_log_behind_witness witness=%r size=%d ours=%d",
                        peer.node_id,
                        witness_size,
                        row.tree_size,
                    )
                    return "witness.ahead"
                if witness_size != old_size:
                    old_size = witness_size
                    continue
            return f"witness.http_{status}"
    except TransportError as exc:
        return exc.code
    except NoteError as exc:
        return exc.code
    return "witness.conflict"
