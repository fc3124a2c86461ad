"""Keeping the signed signals (receipts, rejections, non-delivery) that either side holds."""

from datetime import datetime

from rogatory.apps.exchange.models import Evidence
from rogatory.core.envelope.receipts import Evidence as EvidenceSignal
from rogatory.core.envelope.receipts import Receipt


def evidence_record(
    *, token: str, kind: str, signal: Receipt | EvidenceSignal, at: datetime
) -> Evidence:
    """Store a verified signed signal once (a repeated signal is the same row)."""
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
    row, _ = Evidence.objects.get_or_create(
        signal_id=signal_id,
        defaults={
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
        },
    )
    return row
