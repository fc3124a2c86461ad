"""Run inside a loopback node (``python -m tests.security.reliability_probe ACTION ...``) for
the reliability tests R8, R9, R11 and R12; prints one JSON document."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import django


def _pings(count: int, rate: float, recipient: str, size: int) -> list[str]:
    """Queue `count` small messages at `rate` per second (0: at once), each with a document
    of `size` bytes when given."""
    import io

    from django.db import transaction

    from rogatory.apps.exchange.services.outbox import message_enqueue
    from rogatory.core.envelope.seal import Document

    ids: list[str] = []
    started = time.monotonic()
    for i in range(count):
        if rate:
            time.sleep(max(0.0, started + i / rate - time.monotonic()))
        documents = [Document(io.BytesIO(b"x" * size), "note.txt", "text/plain")] if size else []
        with transaction.atomic():
            row = message_enqueue(
                case=None,
                kind="ping",
                payload={"probe": i},
                documents=documents,
                recipient_node=recipient,
            )
        ids.append(row.message_id)
    return ids


def _outbox() -> list[dict[str, Any]]:
    from rogatory.apps.exchange.models import OutboxMessage

    return [
        {
            "message_id": m.message_id,
            "state": m.state,
            "queued": m.queued_at.timestamp(),
            "delivered": m.delivered_at.timestamp() if m.delivered_at else None,
            "claimed_until": m.claimed_until.timestamp() if m.claimed_until else None,
            "attempts": m.attempts,
            "last_error": m.last_error,
            "parts": m.part_count,
        }
        for m in OutboxMessage.objects.order_by("id")
    ]


def _inbox() -> dict[str, Any]:
    from django.db import connection

    from rogatory.apps.exchange.models import InboxMessage

    rows = list(InboxMessage.objects.values_list("sender_node", "message_id", "state"))
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        integrity = [r[0] for r in cursor.fetchall()]
        cursor.execute("PRAGMA foreign_key_check")
        fk = cursor.fetchall()
    return {
        "messages": [list(r) for r in rows],
        "integrity": integrity,
        "foreign_key_violations": len(fk),
    }


def main(action: str, *args: str) -> None:
    django.setup()
    if action == "pings":
        count, rate, recipient = int(args[0]), float(args[1]), args[2]
        size = int(args[3]) if len(args) > 3 else 0
        print(json.dumps(_pings(count, rate, recipient, size)))
    elif action == "large_later":
        # One big file sealed now and due `delay` seconds later (R8: its transfer then starts
        # in the middle of a steady flow of small messages).
        from datetime import timedelta
        from pathlib import Path

        from django.db import transaction
        from django.utils import timezone

        from rogatory.apps.exchange.models import OutboxMessage
        from rogatory.apps.exchange.services.outbox import message_enqueue
        from rogatory.core.envelope.seal import Document

        with transaction.atomic():
            row = message_enqueue(
                case=None,
                kind="ping",
                payload={"r8": True},
                documents=[Document(Path(args[0]), "evidence.bin")],
                recipient_node=args[1],
            )
            due = timezone.now() + timedelta(seconds=float(args[2]))
            OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=due)
        print(json.dumps({"message_id": row.message_id, "due": due.timestamp()}))
    elif action == "received_at":
        from rogatory.apps.exchange.models import InboxMessage

        row = InboxMessage.objects.filter(message_id=args[0]).first()
        print(json.dumps(row.received_at.timestamp() if row else None))
    elif action == "outbox":
        print(json.dumps(_outbox()))
    elif action == "inbox":
        print(json.dumps(_inbox()))
    elif action == "receipts":
        from rogatory.apps.exchange.models import InboxMessage, OutboxMessage

        model = OutboxMessage if args[0] == "outbox" else InboxMessage
        print(json.dumps(dict(model.objects.values_list("message_id", "receipt_jws"))))
    else:
        raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    main(*sys.argv[1:])
