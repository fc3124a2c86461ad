"""Pull mode: a node that cannot accept inbound connections fetches its messages.

The sender lists what it holds for the poller (``outbox_list_for``) and serves the part chunks;
the poller stores them locally with ``chunk_store``, commits them with ``message_commit`` (the
very same checks as push mode) and posts the answer (the signed receipt or signed rejection)
back, where ``outbox_accept_signal`` verifies it exactly as a push answer.

Only the node a message is addressed to may list it, fetch its parts or answer it: ``peer`` is
the node mutual TLS authenticated. ``None`` is a caller the settings let in without a
certificate (the loopback demo's opt-out); the middleware refuses it everywhere else. A message
addressed to another node answers ``exchange.not_found``, as a missing one, and is logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime
from typing import Any

from django.utils import timezone

from rogatory.apps.exchange.models import OutboxMessage, OutboxState
from rogatory.apps.exchange.security import exchange_denied
from rogatory.apps.exchange.services.inbox import chunk_store, message_commit
from rogatory.apps.exchange.services.keys import node_identity
from rogatory.apps.exchange.services.outbox import (
    outbox_record_receipt,
    outbox_record_rejection,
    part_paths,
)
from rogatory.apps.exchange.services.registry import peer_endpoint
from rogatory.core.envelope.fields import is_node_id
from rogatory.core.errors import DomainError
from rogatory.federation.chunks import CHUNK_SIZE, chunk_count
from rogatory.federation.transport import Response, Transport, TransportError, join_url

log = logging.getLogger("rogatory.exchange")
MAX_LISTED = 100


def outbox_list_for(*, node_id: str, peer: str | None = None) -> list[dict[str, Any]]:
    """Messages waiting for ``node_id`` (public headers only: parts stay encrypted).

    ``peer``: the node mutual TLS authenticated; it may list only what is addressed to it.
    """
    if not is_node_id(node_id):
        raise DomainError("field.invalid_choice", field="for", value=node_id[:64])
    if peer is not None and peer != node_id:
        exchange_denied(actor=peer, action="exchange.outbox_list", object_id=node_id)
        raise DomainError("exchange.peer_mismatch", peer=peer)
    rows = OutboxMessage.objects.filter(
        recipient_node=node_id, state__in=[OutboxState.PENDING, OutboxState.SENDING]
    ).order_by("id")[:MAX_LISTED]
    listed = []
    for row in rows:
        sizes = [p.stat().st_size for p in part_paths(row)]
        listed.append(
            {
                "message_id": row.message_id,
                "header": row.header_jws,
                "parts": [{"index": i, "chunks": chunk_count(s)} for i, s in enumerate(sizes)],
            }
        )
    return listed


def _outbox_row_for(*, message_id: str, peer: str | None, action: str) -> OutboxMessage:
    row = OutboxMessage.objects.filter(message_id=message_id).first()
    if row is None:
        raise DomainError("exchange.not_found")
    if peer is not None and row.recipient_node != peer:
        exchange_denied(actor=peer, action=action, object_id=message_id)
        raise DomainError("exchange.not_found")
    return row


def outbox_chunk(*, message_id: str, part: int, chunk: int, peer: str | None) -> bytes:
    row = _outbox_row_for(message_id=message_id, peer=peer, action="exchange.outbox_chunk")
    if not 0 <= part < row.part_count or chunk < 0:
        raise DomainError("exchange.not_found")
    with part_paths(row)[part].open("rb") as src:
        src.seek(chunk * CHUNK_SIZE)
        data = src.read(CHUNK_SIZE)
    if not data and chunk > 0:
        raise DomainError("exchange.not_found")
    return data


def outbox_accept_signal(
    *,
    message_id: str,
    content_type: str,
    body: bytes,
    peer: str | None,
    now: datetime | None = None,
) -> str:
    """Record the poller's answer if validly signed; returns the new state or ``ignored``."""
    now = now or timezone.now()
    row = _outbox_row_for(message_id=message_id, peer=peer, action="exchange.outbox_signal")
    if content_type.startswith("application/jose"):
        token = body.decode("ascii", "replace")
        if outbox_record_receipt(message=row, token=token, now=now):
            # "failed" when the receipt came after we gave up (recorded, flagged as conflict).
            return str(OutboxMessage.objects.values_list("state", flat=True).get(pk=row.pk))
        return "ignored"
    reason = outbox_record_rejection(message=row, reply=Response(422, content_type, body), now=now)
    return OutboxState.FAILED if reason is not None else "ignored"


def exchange_poll(*, peer_node: str, transport: Transport, now: datetime | None = None) -> int:
    """Fetch, commit and answer every message ``peer_node`` holds for us; returns the count."""
    me = node_identity().node_id
    endpoint = peer_endpoint(peer_node)
    reply = transport.request("GET", join_url(endpoint, f"outbox?for={me}"))
    if reply.status != 200:
        raise TransportError("transport.poll_refused", str(reply.status))
    try:
        listed = json.loads(reply.body)["messages"]
    except (ValueError, KeyError, TypeError) as exc:
        raise TransportError("transport.poll_malformed") from exc
    handled = 0
    for item in listed:
        message_id = str(item["message_id"])
        for part in item["parts"]:
            for k in range(int(part["chunks"])):
                url = join_url(endpoint, f"outbox/{message_id}/parts/{part['index']}/chunks/{k}")
                data = transport.request("GET", url)
                if data.status != 200:
                    raise TransportError("transport.chunk_unavailable", str(data.status))
                chunk_store(
                    message_id=message_id,
                    part=int(part["index"]),
                    chunk=k,
                    data=data.body,
                    # Integrity is judged against the signed header at commit.
                    digest=hashlib.sha256(data.body).digest(),
                    owner=peer_node,
                )
        outcome = message_commit(
            message_id=message_id, header_jws=str(item["header"]).encode("ascii"), now=now
        )
        transport.request(
            "POST",
            join_url(endpoint, f"outbox/{message_id}/signal"),
            body=outcome.body,
            headers={"Content-Type": outcome.content_type},
        )
        handled += 1
    return handled
