"""Business evidences (docs/protocol.md §5.2, §12): signed stages of a message sent back to its
sender through the outbox.

The recipient of a message issues, signs and keeps an evidence, then queues it to the message's
sender as a message of kind ``evidence`` (manifest payload ``{"evidence": <JWS>}``), in the
same transaction as the business change: ``delivered`` when an arrival opened or updated a
case, ``registered`` / ``refused`` / ``executed`` when the incoming case reaches that status
(:func:`case_status_evidence`). Evidence messages get the outbox's retries, receipts and pull
mode like any other message; they never cause an evidence themselves.

The sender verifies an arriving evidence (:func:`evidence_from_message`) against the registry
and against the message it names (one it sent to the issuer, same header hash) before keeping
it; ``selectors.evidences_for_case`` shows them.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.services.arrivals import case_event_add
from rogatory.apps.cases.services.communications import case_follow_refusal
from rogatory.apps.exchange.models import (
    Evidence,
    InboxMessage,
    InboxState,
    NodeIdentity,
    OutboxMessage,
)
from rogatory.apps.exchange.services.cases import exchange_system_user
from rogatory.apps.exchange.services.evidence import evidence_record
from rogatory.apps.exchange.services.keys import node_identity
from rogatory.apps.exchange.services.outbox import message_enqueue
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.fields import new_uuid7
from rogatory.core.envelope.receipts import (
    Evidence as EvidenceSignal,
)
from rogatory.core.envelope.receipts import (
    EvidenceType,
    sign_evidence,
    verify_evidence_with_registry,
)
from rogatory.core.errors import DomainError

__all__ = [
    "BUSINESS_EVIDENCES",
    "CASE_STATUS_EVIDENCES",
    "case_status_evidence",
    "evidence_from_message",
    "evidence_issue",
]

log = logging.getLogger("rogatory.exchange")
alerts = logging.getLogger("rogatory.security")

# Case status at the recipient -> evidence sent to the requesting node.
CASE_STATUS_EVIDENCES = {
    "registered": EvidenceType.REGISTERED,
    "refused": EvidenceType.REFUSED,
    "executed": EvidenceType.EXECUTED,
}
# Only these travel as evidence messages; rejected and non-delivery have their own paths.
BUSINESS_EVIDENCES = frozenset(
    {
        EvidenceType.DELIVERED,
        EvidenceType.NOT_DELIVERED,
        EvidenceType.REGISTERED,
        EvidenceType.REFUSED,
        EvidenceType.EXECUTED,
    }
)
DEFAULT_REFUSAL_REASON = "case.refused"


def evidence_issue(
    *,
    inbox: InboxMessage,
    evidence_type: EvidenceType,
    case: Any,
    reason: str | None = None,
    now: datetime | None = None,
) -> OutboxMessage | None:
    """Sign an evidence about the accepted message ``inbox``, keep it and queue it back to its
    sender, inside the caller's transaction. ``None`` (and an alert) when it cannot be sealed
    for the sender (e.g. the sender left the registry): the business change still stands."""
    if evidence_type not in BUSINESS_EVIDENCES:
        raise DomainError("field.invalid_choice", field="evidence_type", value=str(evidence_type))
    if not transaction.get_connection().in_atomic_block:
        raise DomainError("exchange.transaction_required")
    now = now or timezone.now()
    identity = node_identity()
    if evidence_type is EvidenceType.REFUSED:
        reason = (reason or DEFAULT_REFUSAL_REASON)[:64]
    elif evidence_type is EvidenceType.NOT_DELIVERED:
        reason = (reason or "exchange.not_delivered")[:64]
    else:
        reason = None
    signal = EvidenceSignal(
        evidence_id=new_uuid7(now),
        evidence_type=evidence_type,
        message_id=inbox.message_id,
        sender=inbox.sender_node,
        recipient=identity.node_id,
        issuer=identity.node_id,
        header_sha256=inbox.header_sha256,
        issued_at=now,
        reason=reason,
        audit_checkpoint=None,
    )
    token = sign_evidence(signal, key=identity.keys.signing)
    try:
        with transaction.atomic():
            evidence_record(token=token, kind=evidence_type.value, signal=signal, at=now)
            return message_enqueue(
                case=case,
                kind="evidence",
                payload={"evidence": token},
                documents=[],
                recipient_node=inbox.sender_node,
                now=now,
            )
    except DomainError as exc:
        alerts.error(
            "exchange.evidence_not_queued message=%s type=%s code=%s",
            inbox.message_id,
            evidence_type.value,
            exc.code,
        )
        return None


def _originating_message(case: Any) -> InboxMessage | None:
    """The accepted message that opened an incoming case (its first request)."""
    return (
        InboxMessage.objects.filter(case=case, state=InboxState.ACCEPTED, kind="request")
        .order_by("received_at", "id")
        .first()
    )


def case_status_evidence(
    *, case: Any, status: str, reason: str | None = None, now: datetime | None = None
) -> OutboxMessage | None:
    """Queue the signed evidence of an incoming case's new ``status`` for the requesting node.

    Call it from the case transition, inside its transaction, when an incoming case becomes
    ``registered``, ``refused`` or ``executed``. ``reason`` is the stable code carried by a
    ``refused`` evidence (e.g. the refusal ground); it defaults to ``case.refused``.

    Returns the queued outbox row, or ``None`` when there is nothing to send: another status,
    an outgoing case, a case that did not arrive through the exchange, a node without keys, or
    an evidence that could not be sealed for the sender (alerted, see :func:`evidence_issue`).
    """
    evidence_type = CASE_STATUS_EVIDENCES.get(str(status))
    if evidence_type is None or getattr(case, "direction", None) != "incoming":
        return None
    if not NodeIdentity.objects.filter(active=True).exists():
        return None
    inbox = _originating_message(case)
    if inbox is None:
        return None
    return evidence_issue(
        inbox=inbox, evidence_type=evidence_type, case=case, reason=reason, now=now
    )


def _on_timeline(
    *, case_id: int, inbox: InboxMessage, signal: Any, row: Evidence, now: datetime
) -> None:
    """The requesting State's officer sees on the case what the requested State did with the
    request (received into its case system, registered, refused with the ground, executed):
    the shared cross-border status of UNTOC art. 18(24), from the signed evidence."""
    actor = exchange_system_user()
    refused = signal.evidence_type is EvidenceType.REFUSED
    case_event_add(
        case_id=case_id,
        at=now,
        actor=actor,
        kind=f"evidence_{signal.evidence_type.value}".replace("-", "_"),
        # A refusal names its ground (UNTOC art. 18(21)); a failed delivery its error code.
        ground=(signal.reason or "") if refused else "",
        reason="" if refused else (signal.reason or ""),
    )
    if refused:
        case_follow_refusal(actor=actor, case_id=case_id, ground=signal.reason or "")
    audit_record(
        actor=actor,
        action="exchange.evidence",
        obj=row,
        case_id=case_id,
        changes={
            "message_id": signal.message_id,
            "issuer": signal.issuer,
            "type": signal.evidence_type.value,
            "evidence_message": inbox.message_id,
        },
    )


def evidence_from_message(*, inbox: InboxMessage, now: datetime) -> Evidence:
    """Verify and keep the evidence carried by an accepted ``evidence`` message.

    Refused (``DomainError``, kept as the inbox row's ``delivery_error``) unless the token is
    a valid business evidence signed by the node that sent the message, about a message this
    node sent to that node, with the same header hash.
    """
    payload = inbox.metadata.get("payload")
    token = payload.get("evidence") if isinstance(payload, dict) else None
    if not isinstance(token, str):
        raise DomainError("evidence.invalid", field="evidence")
    try:
        signal = verify_evidence_with_registry(token, registry=current_registry(now=now), at=now)
    except EnvelopeError as exc:
        raise DomainError(exc.code) from exc
    if signal.evidence_type not in BUSINESS_EVIDENCES:
        raise DomainError("evidence.invalid", field="evidence_type")
    if signal.issuer != inbox.sender_node or signal.recipient != inbox.sender_node:
        raise DomainError("evidence.wrong_issuer")
    sent = OutboxMessage.objects.filter(
        message_id=signal.message_id, recipient_node=signal.issuer
    ).first()
    if (
        sent is None
        or signal.sender != node_identity().node_id
        or sent.header_sha256 != signal.header_sha256
    ):
        raise DomainError("evidence.unknown_message")
    repeated = Evidence.objects.filter(signal_id=signal.evidence_id).exists()
    row = evidence_record(token=token, kind=signal.evidence_type.value, signal=signal, at=now)
    if sent.case_id is not None and not repeated:
        if inbox.case_id is None:
            inbox.case_id = sent.case_id
            inbox.save(update_fields=["case"])
        _on_timeline(case_id=sent.case_id, inbox=inbox, signal=signal, row=row, now=now)
    log.info(
        "exchange.evidence sender=%s message=%s type=%s",
        signal.issuer,
        signal.message_id,
        signal.evidence_type.value,
    )
    return row
