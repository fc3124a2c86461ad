"""Transmission of a case's request when its status becomes *transmitted*."""

from typing import Any

from rogatory.apps.exchange.models import NodeIdentity, OutboxMessage, Peer
from rogatory.apps.exchange.services.outbox import message_enqueue
from rogatory.apps.exchange.services.payload import peer_node_for_state, request_payload


def case_transmit(*, case: Any) -> OutboxMessage | None:
    """Queue the request with its documents for the requested State's node, in the caller's
    transaction; None when that State has no node in our registry (or this node has no keys),
    in which case the request goes by another channel (UNTOC art. 18(13): diplomatic channel,
    INTERPOL, post) and only the status is recorded."""
    if not NodeIdentity.objects.exists():
        return None
    if not Peer.objects.filter(state=case.requested_state_id, status="active").exists():
        return None
    return message_enqueue(
        case=case,
        kind="request",
        payload=request_payload(case),
        documents=list(case.documents.all()),
        recipient_node=peer_node_for_state(case.requested_state_id),
    )
