"""Communications of a case as exchange messages (kind ``communication``, docs/protocol.md
§15): queued to the other State's node in the caller's transaction, threaded by the request's
reference like every message of the case."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.exchange.models import InboxMessage, InboxState, NodeIdentity, OutboxMessage
from rogatory.apps.exchange.services.outbox import message_enqueue

KIND = "communication"


def peer_node_of_case(case: Case) -> str | None:
    """The node the case travels with: the one that sent us an incoming request, or the one we
    sent an outgoing request to; None for a case that went by another channel."""
    if case.direction == "incoming":
        inbox = (
            InboxMessage.objects.filter(case=case, state=InboxState.ACCEPTED, kind="request")
            .order_by("received_at", "id")
            .first()
        )
        return inbox.sender_node if inbox is not None else None
    sent = OutboxMessage.objects.filter(case=case, kind="request").order_by("id").first()
    return sent.recipient_node if sent is not None else None


def communication_transmit(
    *, case: Case, payload: dict[str, Any], documents: Sequence[CaseDocument] = ()
) -> OutboxMessage | None:
    """Queue a communication for the other State's node, inside the caller's transaction;
    None when the case does not travel by exchange (the communication is still kept)."""
    node = peer_node_of_case(case)
    if node is None or not NodeIdentity.objects.filter(active=True).exists():
        return None
    return message_enqueue(
        case=case, kind=KIND, payload=payload, documents=list(documents), recipient_node=node
    )
