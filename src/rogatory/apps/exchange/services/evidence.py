"""Keeping the signed signals (receipts, rejections, non-delivery) that either side holds."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rogatory.apps.exchange.models import Evidence
from rogatory.core.envelope.receipts import Evidence as EvidenceSignal
from rogatory.core.envelope.receipts import Receipt


def _fields(
    token: str, kind: str, signal: Receipt | EvidenceSignal, at: datetime
) -> dict[str, Any]:
    if isinstance(signal, Receipt):
        signal_id, issuer, issued, reason = (
            signal.receipt_id,
            signal.recipient,
            signal.received_at,
            "",
        )
    else:
        signal_id, issuer, issued = signal.evidence_id, signal.issuer, signal.issued_at
        reason = signal.reason or ""
    return {
        "signal_id": signal_id,
        "kind": kind,
        "message_id": signal.message_id,
        "sender_node": signal.sender,
        "recipient_node": signal.recipient,
        "issuer_node": issuer,
        "header_sha256": signal.header_sha256,
        "issued_at": issued,
        "reason": reason,
        "token": token,
        "recorded_at": at,
    }


def evidence_record(
    *, token: str, kind: str, signal: Receipt | EvidenceSignal, at: datetime
) -> Evidence:
    """Store a verified signed signal once (a repeated signal is the same row)."""
    fields = _fields(token, kind, signal, at)
    row, _ = Evidence.objects.get_or_create(signal_id=fields.pop("signal_id"), defaults=fields)
    return row


def evidence_record_many(
    signals: Sequence[tuple[str, str, Receipt | EvidenceSignal]], *, at: datetime
) -> None:
    """:func:`evidence_record` for a batch, in one statement (a signal already kept is skipped)."""
    Evidence.objects.bulk_create(
        [Evidence(**_fields(token, kind, signal, at)) for token, kind, signal in signals],
        ignore_conflicts=True,
    )
