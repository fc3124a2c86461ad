"""Run inside a node's environment (``python -m tests.exchange.node_probe ACTION``) to read or
seed that node's database for the process tests; prints one JSON document."""

from __future__ import annotations

import json
import sys

import django


def main(action: str, *args: str) -> None:
    django.setup()
    from django.db import transaction

    from rogatory.apps.exchange.models import InboxMessage, OutboxMessage
    from rogatory.apps.exchange.services.outbox import message_enqueue

    if action == "outbox":
        rows = OutboxMessage.objects.values(
            "message_id", "state", "header_jws", "receipt_jws", "attempts", "delivered_at"
        )
        print(json.dumps(list(rows), default=str))
    elif action == "inbox":
        rows = InboxMessage.objects.values(
            "sender_node",
            "message_id",
            "state",
            "receipt_jws",
            "case__their_reference",
            "case__status",
            "delivery_error",
        )
        print(json.dumps(list(rows), default=str))
    elif action == "request":
        from rogatory.apps.accounts.models import User
        from rogatory.apps.cases.services import case_open
        from rogatory.apps.directory.models import CentralAuthority

        # Reused when several tests of one node pair queue requests.
        authority, _ = CentralAuthority.objects.get_or_create(
            state_id="XA", instrument="untoc_mla", name="Central authority of XA"
        )
        officer, _ = User.objects.get_or_create(
            username="officer", defaults={"role": "case_officer", "authority": authority}
        )
        with transaction.atomic():
            case = case_open(
                actor=officer,
                direction="outgoing",
                kind="mla",
                requesting_state="XA",
                requested_state="XB",
                legal_bases=["untoc"],
                title="Bank records",
            )
            row = message_enqueue(
                case=case,
                kind="request",
                payload={"kind": "mla", "legal_bases": ["untoc"], "title": "Bank records"},
                documents=[],
                recipient_node=args[0],
            )
        print(json.dumps({"message_id": row.message_id, "reference": case.our_reference}))
    elif action == "evidences":
        from rogatory.apps.exchange.models import Evidence

        rows = Evidence.objects.order_by("id").values(
            "kind", "message_id", "issuer_node", "sender_node", "token"
        )
        print(json.dumps(list(rows)))
    elif action == "large":
        # A ping carrying one big file (R7); reports this process's own peak RSS for sealing.
        import resource
        import time
        from pathlib import Path

        from rogatory.core.envelope.seal import Document

        started = time.monotonic()
        with transaction.atomic():
            row = message_enqueue(
                case=None,
                kind="ping",
                payload={"r7": True},
                documents=[Document(Path(args[0]), "evidence.bin")],
                recipient_node=args[1],
            )
        print(
            json.dumps(
                {
                    "message_id": row.message_id,
                    "seconds": time.monotonic() - started,
                    "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                }
            )
        )
    elif action == "documents":
        from pathlib import Path

        from django.conf import settings

        from rogatory.apps.exchange.models import InboxDocument

        rows = [
            {
                "message_id": d.inbox.message_id,
                "size": d.size,
                "sha256": d.sha256,
                "path": str(Path(settings.MEDIA_ROOT) / d.path),
            }
            for d in InboxDocument.objects.select_related("inbox")
        ]
        print(json.dumps(rows))
    else:
        raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    main(*sys.argv[1:])
