"""Reads of the exchange (no access checks here: callers pass a case the actor may see)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rogatory.apps.exchange.models import Evidence, InboxMessage, OutboxMessage

__all__ = ["evidences_for_case"]


def evidences_for_case(case: Any, *, kinds: tuple[str, ...] | None = None) -> QuerySet[Evidence]:
    """Signed signals about the messages of ``case``, oldest first.

    On the sending side: receipts and the business evidences (delivered, registered, refused,
    executed) the peer sent back, plus rejections and non-delivery. On the receiving side: the
    receipts and evidences this node issued. ``kinds`` narrows to some ``EvidenceKind`` values.
    Each row keeps the JWS (``token``), verifiable offline with the issuer's public key.
    """
    # Messages that carry evidences are transport for them, not stages of the case.
    sent = OutboxMessage.objects.filter(case=case).exclude(kind="evidence")
    received = InboxMessage.objects.filter(case=case).exclude(kind="evidence")
    message_ids = [*sent.values_list("message_id", flat=True)]
    message_ids += received.values_list("message_id", flat=True)
    rows = Evidence.objects.filter(message_id__in=message_ids)
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    return rows.order_by("issued_at", "id")
