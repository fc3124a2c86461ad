"""The sending side: enqueue in the caller's transaction, claim due rows, send, record.

``message_enqueue`` seals the envelope (files are fsynced first) and writes the outbox row in
the caller's transaction, so the business change and the duty to send commit together. Workers
claim due rows with the ``update(...) == 1`` idiom; a claim is a lease, so a row whose worker
died is claimed again once the lease has passed. Every answer is judged by its signature: a
valid receipt marks the row delivered, a valid signed rejection marks it failed, anything else
(network error, unsigned error, bad signature) is retried per the policy until 72 h, then the
row fails with a signed non-delivery evidence.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from rogatory.apps.cases.models import WorkQueue
from rogatory.apps.cases.services.notifications import queue_notify
from rogatory.apps.exchange.models import Evidence, EvidenceKind, OutboxMessage, OutboxState
from rogatory.apps.exchange.services.evidence import evidence_record, evidence_record_many
from rogatory.apps.exchange.services.keys import node_identity
from rogatory.apps.exchange.services.registry import current_registry, peer_endpoint
from rogatory.apps.exchange.storage import outbox_dir
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.fields import new_uuid7
from rogatory.core.envelope.header import EnvelopeHeader, header_sha256
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.envelope.receipts import (
    Evidence as EvidenceSignal,
)
from rogatory.core.envelope.receipts import (
    EvidenceType,
    Receipt,
    check_receipt_binds,
    sign_evidence,
    verify_evidence_with_registry,
    verify_receipt_with_registry,
)
from rogatory.core.envelope.registry import NodeRegistry
from rogatory.core.envelope.seal import Document, part_file_name, seal_envelope
from rogatory.core.errors import DomainError
from rogatory.federation.batch import (
    INLINE_LIMIT,
    MAX_BATCH_MESSAGES,
    InlineMessage,
    deliver_batch,
)
from rogatory.federation.policy import RetryPolicy
from rogatory.federation.sender import deliver
from rogatory.federation.transport import Response, Transport, TransportError
from rogatory.settings.env import env_int

if TYPE_CHECKING:
    from rogatory.apps.exchange.lanes import LargeLane

log = logging.getLogger("rogatory.exchange")
alerts = logging.getLogger("rogatory.security")

# A worker that dies mid-send loses its claim after this long.
CLAIM_LEASE = timedelta(minutes=5)
MESSAGE_KINDS = frozenset({"request", "follow-up", "communication", "ping", "evidence"})


def retry_policy() -> RetryPolicy:
    """The protocol's schedule; the environment may shorten it for tests and demos only."""
    return RetryPolicy(
        base=timedelta(seconds=env_int("ROGATORY_EXCHANGE_RETRY_BASE_SECONDS", 30)),
        cap=timedelta(seconds=env_int("ROGATORY_EXCHANGE_RETRY_CAP_SECONDS", 3600)),
        give_up_after=timedelta(seconds=env_int("ROGATORY_EXCHANGE_GIVE_UP_SECONDS", 72 * 3600)),
    )


def _as_document(item: Any) -> Document:
    if isinstance(item, Document):
        return item
    # A cases.Document row: its stored file, under its display name.
    return Document(
        Path(item.file.path), item.filename, item.content_type or "application/octet-stream"
    )


def message_enqueue(
    *,
    case: Any,
    kind: str,
    payload: dict[str, Any],
    documents: Sequence[Any],
    recipient_node: str,
    now: datetime | None = None,
) -> OutboxMessage:
    """Seal a message for ``recipient_node`` and queue it, inside the caller's transaction.

    ``case`` may be ``None`` (a ping). The case reference on the wire is the requesting
    State's reference: ours for an outgoing case, theirs for an incoming one.
    ``documents`` are ``core.envelope.seal.Document`` items or ``cases.Document`` rows.
    """
    if not transaction.get_connection().in_atomic_block:
        raise DomainError("exchange.transaction_required")
    if kind not in MESSAGE_KINDS:
        raise DomainError("field.invalid_choice", field="kind", value=kind)
    now = now or timezone.now()
    identity = node_identity()
    registry = current_registry(now=now)
    reference = ""
    if case is not None:
        reference = case.their_reference if case.direction == "incoming" else case.our_reference
    metadata = {
        "kind": kind,
        "payload": payload,
        "sender_reference": case.our_reference if case is not None else None,
    }
    try:
        sealed = seal_envelope(
            documents=[_as_document(d) for d in documents],
            output_dir=outbox_dir(),
            sender=identity.node_id,
            sender_keys=identity.keys,
            recipient=recipient_node,
            now=now,
            registry=registry,
            case_reference=reference or None,
            metadata=metadata,
        )
    except EnvelopeError as exc:
        raise DomainError(exc.code, node=recipient_node) from exc
    return OutboxMessage.objects.create(
        message_id=sealed.header.message_id,
        recipient_node=recipient_node,
        case=case,
        kind=kind,
        case_reference=reference,
        header_jws=sealed.header_jws,
        header_sha256=header_sha256(sealed.header_jws),
        part_count=len(sealed.part_paths),
        state=OutboxState.PENDING,
        queued_at=now,
        next_attempt_at=now,
    )


def _due(now: datetime) -> Q:
    return Q(state=OutboxState.PENDING, next_attempt_at__lte=now) | Q(
        state=OutboxState.SENDING, claimed_until__lt=now
    )


def outbox_claim_due(*, now: datetime, limit: int = 50) -> list[OutboxMessage]:
    """Claim up to ``limit`` due rows; each claim is atomic (one worker wins each row).

    On PostgreSQL ``SKIP LOCKED`` keeps concurrent workers off each other's candidates; the
    ``update(...) == 1`` on each row is what decides, on every database.
    """
    with transaction.atomic():
        candidates = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(_due(now))
            .order_by("next_attempt_at", "id")
            .values_list("pk", flat=True)[:limit]
        )
        if connection.features.has_select_for_update_skip_locked:
            # The candidates are row-locked by this transaction: nobody else can claim them,
            # so one statement claims them all.
            OutboxMessage.objects.filter(pk__in=candidates).update(
                state=OutboxState.SENDING, claimed_until=now + CLAIM_LEASE
            )
            claimed = candidates
        else:
            claimed = [
                pk
                for pk in candidates
                if OutboxMessage.objects.filter(_due(now), pk=pk).update(
                    state=OutboxState.SENDING, claimed_until=now + CLAIM_LEASE
                )
                == 1
            ]
    return list(OutboxMessage.objects.filter(pk__in=claimed).order_by("id"))


def part_paths(message: OutboxMessage) -> list[Path]:
    return [outbox_dir() / part_file_name(message.message_id, i) for i in range(message.part_count)]


@dataclass(frozen=True, slots=True)
class SendResult:
    state: str
    code: str


def _header(message: OutboxMessage) -> EnvelopeHeader:
    return EnvelopeHeader.from_payload(
        parse_compact(message.header_jws, typ="rogatory-envelope+jws").payload
    )


def _verified_receipt(
    message: OutboxMessage,
    token: str,
    now: datetime,
    registry: NodeRegistry | None = None,
    sender: str | None = None,
) -> Receipt | None:
    """The receipt in ``token`` if it is signed by the recipient and binds this message.

    ``registry`` and ``sender`` (our node id) are passed by callers checking many receipts.
    """
    try:
        registry = registry or current_registry(now=now)
        sender = sender or node_identity().node_id
        receipt = verify_receipt_with_registry(token, registry=registry, at=now)
        # The row's recorded header hash stands for the header (the sealing node wrote both).
        check_receipt_binds(
            receipt,
            message_id=message.message_id,
            sender=sender,
            recipient=message.recipient_node,
            header_sha256=message.header_sha256,
        )
    except (EnvelopeError, DomainError) as exc:
        alerts.warning(
            "exchange.receipt_invalid message=%s code=%s",
            message.message_id,
            getattr(exc, "code", "?"),
        )
        return None
    return receipt


def _record_receipts(
    received: Sequence[tuple[OutboxMessage, str, Receipt]], now: datetime, *, attempted: bool
) -> None:
    """Mark the messages delivered with their verified receipts, in one transaction.

    A receipt for a message we already gave up on is kept, never dropped, and raises a
    conflict alert (protocol R5: a late receipt).
    """
    with transaction.atomic():
        rows = {
            row.pk: row
            for row in OutboxMessage.objects.select_for_update().filter(
                pk__in=[m.pk for m, _, _ in received]
            )
        }
        evidence_record_many(
            [(token, EvidenceKind.RECEIPT, receipt) for _, token, receipt in received], at=now
        )
        delivered, late = [], []
        for message, token, _ in received:
            row = rows[message.pk]
            if row.state == OutboxState.DELIVERED:
                continue  # already recorded (by a worker that took over a lapsed claim)
            row.receipt_jws = token
            if row.state == OutboxState.FAILED:
                row.conflict = True
                late.append(row)
                alerts.error("exchange.late_receipt message=%s", row.message_id)
            else:
                delivered.append(row)
        increment = {"attempts": F("attempts") + 1} if attempted else {}
        # The same values for every row in one statement; only the receipt differs per row.
        OutboxMessage.objects.filter(pk__in=[r.pk for r in delivered]).update(
            state=OutboxState.DELIVERED,
            delivered_at=now,
            claimed_until=None,
            next_attempt_at=None,
            last_error="",
            **increment,
        )
        OutboxMessage.objects.filter(pk__in=[r.pk for r in late]).update(conflict=True, **increment)
        # Each row's receipt, from the evidence rows just written (one statement, not one each).
        OutboxMessage.objects.filter(pk__in=[r.pk for r in (*delivered, *late)]).update(
            receipt_jws=Subquery(
                Evidence.objects.filter(
                    signal_id__in=[receipt.receipt_id for _, _, receipt in received],
                    message_id=OuterRef("message_id"),
                ).values("token")[:1]
            )
        )


def outbox_record_receipt(*, message: OutboxMessage, token: str, now: datetime) -> bool:
    """Verify a receipt for ``message`` and record it; ``False`` if it is not valid."""
    receipt = _verified_receipt(message, token, now)
    if receipt is None:
        return False
    _record_receipts([(message, token, receipt)], now, attempted=False)
    return True


def outbox_record_rejection(
    *, message: OutboxMessage, reply: Response, now: datetime
) -> str | None:
    """If ``reply`` carries a valid signed rejection of this message, record it; its reason."""
    try:
        token = json.loads(reply.body)["evidence"]
        evidence = verify_evidence_with_registry(token, registry=current_registry(now=now), at=now)
    except (ValueError, KeyError, TypeError, EnvelopeError, DomainError):
        return None
    header = _header(message)
    if (
        evidence.evidence_type is not EvidenceType.REJECTED
        or evidence.issuer != header.recipient
        or (evidence.message_id, evidence.sender, evidence.header_sha256)
        != (header.message_id, header.sender, message.header_sha256)
    ):
        return None
    with transaction.atomic():
        evidence_record(token=token, kind=EvidenceKind.REJECTED, signal=evidence, at=now)
        OutboxMessage.objects.filter(pk=message.pk).exclude(state=OutboxState.DELIVERED).update(
            state=OutboxState.FAILED,
            failure_reason=evidence.reason or "rejected",
            claimed_until=None,
            next_attempt_at=None,
        )
        _failed_notify(message, now)
    alerts.warning("exchange.rejected message=%s reason=%s", message.message_id, evidence.reason)
    return evidence.reason


def _still_claimed(message: OutboxMessage) -> Any:
    """The row, only while this worker's claim holds: the claim's lease time fences it.

    A worker that stalled past its lease must not overwrite what the worker that took the row
    over has recorded (a delivery, say) with its own stale outcome.
    """
    return OutboxMessage.objects.filter(
        pk=message.pk, state=OutboxState.SENDING, claimed_until=message.claimed_until
    )


def _give_up(message: OutboxMessage, code: str, now: datetime, attempts: int) -> bool:
    """FAILED with a signed non-delivery evidence, if the claim still holds; whether it did."""
    identity = node_identity()
    header = _header(message)
    evidence = EvidenceSignal(
        evidence_id=new_uuid7(now),
        evidence_type=EvidenceType.NON_DELIVERY,
        message_id=header.message_id,
        sender=header.sender,
        recipient=header.recipient,
        issuer=header.sender,
        header_sha256=message.header_sha256,
        issued_at=now,
        reason=code[:64],
    )
    token = sign_evidence(evidence, key=identity.keys.signing)
    with transaction.atomic():
        taken = _still_claimed(message).update(
            state=OutboxState.FAILED,
            attempts=attempts,
            failure_reason="non-delivery",
            last_error=code[:64],
            claimed_until=None,
            next_attempt_at=None,
        )
        if not taken:
            return False
        evidence_record(token=token, kind=EvidenceKind.NON_DELIVERY, signal=evidence, at=now)
        _failed_notify(message, now)
    alerts.error("exchange.non_delivery message=%s last_error=%s", message.message_id, code)
    return True


def _failed_notify(message: OutboxMessage, now: datetime) -> None:
    """Tell the desk that works failed messages (registry and supervisors who may see the
    case): a request that did not leave must not wait unseen (issue 13 item 3)."""
    if message.case is not None:
        queue_notify(case=message.case, queue=WorkQueue.FAILED_MESSAGES, at=now)


def _retry(message: OutboxMessage, code: str, now: datetime) -> SendResult:
    attempts = message.attempts + 1
    following = retry_policy().next_attempt(queued_at=message.queued_at, attempts=attempts, now=now)
    if following is None:
        if _give_up(message, code, now, attempts):
            return SendResult(OutboxState.FAILED, "non-delivery")
        return SendResult(OutboxState.SENDING, "exchange.claim_lapsed")
    _still_claimed(message).update(
        state=OutboxState.PENDING,
        attempts=attempts,
        next_attempt_at=following,
        claimed_until=None,
        last_error=code[:64],
    )
    return SendResult(OutboxState.PENDING, code)


def _is_receipt(reply: Response) -> bool:
    return reply.status in (200, 201) and reply.content_type.startswith("application/jose")


def _judge(message: OutboxMessage, reply: Response, now: datetime) -> SendResult:
    """Record the answer to a commit that is not a valid receipt: a signed rejection or retry."""
    if 400 <= reply.status < 500:
        reason = outbox_record_rejection(message=message, reply=reply, now=now)
        if reason is not None:
            OutboxMessage.objects.filter(pk=message.pk).update(attempts=message.attempts + 1)
            return SendResult(OutboxState.FAILED, reason)
    # Unsigned errors are ignored as signals: retry (protocol design §14).
    return _retry(message, f"http.{reply.status}", now)


def outbox_send(
    *, message: OutboxMessage, transport: Transport, now: datetime | None = None
) -> SendResult:
    """Send one claimed message and record the outcome (see the module docstring)."""
    now = now or timezone.now()
    try:
        reply = deliver(
            transport,
            endpoint=peer_endpoint(message.recipient_node),
            message_id=message.message_id,
            header_jws=message.header_jws,
            parts=part_paths(message),
        )
    except TransportError as exc:
        return _retry(message, exc.code, now)
    except (DomainError, OSError) as exc:
        return _retry(message, getattr(exc, "code", "exchange.local_error"), now)
    if _is_receipt(reply):
        token = reply.body.decode("ascii", "replace")
        receipt = _verified_receipt(message, token, now)
        if receipt is None:
            return _retry(message, "receipt.invalid", now)
        _record_receipts([(message, token, receipt)], now, attempted=True)
        return SendResult(OutboxState.DELIVERED, "")
    return _judge(message, reply, now)


def _inline(message: OutboxMessage) -> InlineMessage | None:
    """The message with its parts in memory, if it is small enough to go in a batch."""
    paths = part_paths(message)
    try:
        if sum(p.stat().st_size for p in paths) > INLINE_LIMIT:
            return None
        return InlineMessage(
            message.message_id, message.header_jws, tuple(p.read_bytes() for p in paths)
        )
    except OSError:
        return None  # the single path reports and retries it


def outbox_send_batch(
    *, items: Sequence[tuple[OutboxMessage, InlineMessage]], transport: Transport, now: datetime
) -> list[SendResult]:
    """Commit claimed small messages for one recipient in one request (``federation.batch``).

    Every message is then judged on its own answer, exactly as after a single commit. A peer
    that does not know batches (404/405) gets the messages one by one.
    """
    messages = [m for m, _ in items]
    try:
        replies = deliver_batch(
            transport,
            endpoint=peer_endpoint(messages[0].recipient_node),
            messages=[inline for _, inline in items],
        )
    except TransportError as exc:
        if exc.code in ("http.404", "http.405"):
            return [outbox_send(message=m, transport=transport, now=now) for m in messages]
        return [_retry(m, exc.code, now) for m in messages]
    except DomainError as exc:
        return [_retry(m, exc.code, now) for m in messages]
    results: dict[int, SendResult] = {}
    received: list[tuple[OutboxMessage, str, Receipt]] = []
    try:
        registry: NodeRegistry | None = current_registry(now=now)
        sender: str | None = node_identity().node_id
    except DomainError:
        registry = sender = None  # each receipt is then refused (and retried) on its own
    for message in messages:
        reply = replies[message.message_id]
        if not _is_receipt(reply):
            results[message.pk] = _judge(message, reply, now)
            continue
        token = reply.body.decode("ascii", "replace")
        receipt = _verified_receipt(message, token, now, registry, sender)
        if receipt is None:
            results[message.pk] = _retry(message, "receipt.invalid", now)
            continue
        received.append((message, token, receipt))
        results[message.pk] = SendResult(OutboxState.DELIVERED, "")
    if received:
        _record_receipts(received, now, attempted=True)
    return [results[m.pk] for m in messages]


def outbox_process_due(
    *,
    transport: Transport,
    now: datetime | None = None,
    limit: int = 50,
    large_lane: LargeLane | None = None,
) -> int:
    """Claim and send due messages once; returns how many were handled.

    Small messages go to each recipient in batches (one request, one transaction on each
    side), first; larger ones, and any message whose files cannot be read, one by one after
    them, or on the worker's lane for large transfers (R8: no small message waits for them).
    """
    claimed = outbox_claim_due(now=now or timezone.now(), limit=limit)
    batches: dict[str, list[tuple[OutboxMessage, InlineMessage]]] = {}
    large: list[OutboxMessage] = []
    for message in claimed:
        inline = _inline(message)
        if inline is None:
            large.append(message)
        else:
            batches.setdefault(message.recipient_node, []).append((message, inline))
    for items in batches.values():
        for start in range(0, len(items), MAX_BATCH_MESSAGES):
            outbox_send_batch(
                items=items[start : start + MAX_BATCH_MESSAGES],
                transport=transport,
                now=now or timezone.now(),
            )
    for message in large:
        if large_lane is not None:
            large_lane.submit(message)
            continue
        # A real clock moves on while sending; a fake one (tests) stays put.
        outbox_send(message=message, transport=transport, now=now or timezone.now())
    return len(claimed)


def outbox_resend(*, message_id: str, now: datetime | None = None) -> OutboxMessage:
    """Manual resend of a FAILED message, keeping its id: queued again with a fresh period."""
    now = now or timezone.now()
    updated = OutboxMessage.objects.filter(message_id=message_id, state=OutboxState.FAILED).update(
        state=OutboxState.PENDING,
        queued_at=now,
        next_attempt_at=now,
        attempts=0,
        failure_reason="",
        claimed_until=None,
    )
    if updated != 1:
        raise DomainError("exchange.not_resendable", message_id=message_id)
    return OutboxMessage.objects.get(message_id=message_id)
