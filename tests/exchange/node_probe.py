"""Run inside a node's environment (``python -m tests.exchange.node_probe ACTION``) to read or
seed that node's database for the process tests; prints one JSON document."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

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
    elif action in CONVERSATION_ACTIONS:
        print(json.dumps(CONVERSATION_ACTIONS[action](*args), default=str))
    else:
        raise SystemExit(f"unknown action {action}")


# --- The whole conversation between two nodes (issue 15, deliverable 7) ----------------------


def _staff() -> dict[str, str]:
    """Clerk, officer and supervisor of the authority that owns this node's incoming cases."""
    from django.conf import settings

    from rogatory.apps.accounts.models import User
    from rogatory.apps.directory.models import CentralAuthority

    state = settings.NODE_STATE
    authority = CentralAuthority.objects.filter(state_id=state).order_by("id").first()
    if authority is None:
        authority = CentralAuthority.objects.create(
            state_id=state, instrument="untoc_mla", name=f"Central authority of {state}"
        )
    roles = {"clerk": "registry_clerk", "officer": "case_officer", "supervisor": "supervisor"}
    for username, role in roles.items():
        User.objects.update_or_create(
            username=username, defaults={"role": role, "authority": authority}
        )
    return roles


def _case(title: str, direction: str) -> Any:
    from rogatory.apps.cases.models import Case

    return Case.objects.get(title=title, direction=direction)


def _timeline(title: str, direction: str) -> list[dict[str, Any]]:
    """The case's communications in timeline order, with the message that carried each."""
    from rogatory.apps.cases.models import Communication

    rows = Communication.objects.filter(case=_case(title, direction)).order_by("at", "id")
    return [
        {"kind": c.kind, "sent": c.sent, "message_id": c.message_id, "text": c.text} for c in rows
    ]


def _case_documents(title: str, direction: str) -> list[dict[str, Any]]:
    from rogatory.apps.cases.models import Document

    return [
        {
            "title": d.title,
            "sha256": d.sha256,
            "sent_sha256": d.sent_sha256,
            "received": d.received,
            "message_id": d.message_id,
        }
        for d in Document.objects.filter(case=_case(title, direction)).order_by("id")
    ]


def _download_received(title: str, direction: str) -> dict[str, Any]:
    """The officer downloads each received file once; the hash of the bytes read, the audit
    events of the downloads and whether the audit chain verifies."""
    import hashlib
    from pathlib import Path

    from rogatory.apps.accounts.models import User
    from rogatory.apps.audit.models import AuditEvent
    from rogatory.apps.audit.services.verify import audit_verify
    from rogatory.apps.cases.models import Document
    from rogatory.apps.cases.services.custody import document_open

    case = _case(title, direction)
    officer = User.objects.get(username="officer")
    read = {}
    for doc in Document.objects.filter(case=case, received=True).order_by("id"):
        opened = document_open(actor=officer, case_id=case.pk, document_id=doc.pk)
        read[str(doc.pk)] = hashlib.sha256(Path(opened.file.path).read_bytes()).hexdigest()
    events = AuditEvent.objects.filter(action="document.download", case_id=case.pk).order_by("id")
    return {
        "read": read,
        "audited": [[e.object_id, e.actor, e.changes["sha256"]] for e in events],
        "chain_fault": str(audit_verify()[1] or ""),
    }


def _unknown_major(title: str, recipient: str) -> dict[str, Any]:
    """Queue on our outgoing case a communication of a schema major version no node reads."""
    from django.db import transaction

    from rogatory.apps.exchange.services.outbox import message_enqueue

    with transaction.atomic():
        row = message_enqueue(
            case=_case(title, "outgoing"),
            kind="communication",
            payload={"schema": "rogatory.communication/99.0", "kind": "closure", "text": "?"},
            documents=[],
            recipient_node=recipient,
        )
    return {"message_id": row.message_id}


def _open_and_transmit(title: str, peer: str) -> dict[str, Any]:
    """A second request, opened, approved and transmitted through the case workflow."""
    from django.conf import settings
    from django.db import transaction

    from rogatory.apps.accounts.models import User
    from rogatory.apps.cases.services import case_open
    from rogatory.apps.cases.services.demo_data import complete_request_fields
    from rogatory.apps.cases.services.inputs import (
        MeasureInput,
        NameInput,
        OffenceInput,
        PersonInput,
    )
    from rogatory.apps.proceedings.services import case_transition
    from rogatory.core.workflow import CaseKind

    officer = User.objects.get(username="officer")
    supervisor = User.objects.get(username="supervisor")
    with transaction.atomic():
        # Complete enough to pass the approval checks (UNTOC art. 18(15); issue 17).
        case = case_open(
            actor=officer,
            direction="outgoing",
            kind="mla",
            requesting_state=settings.NODE_STATE,
            requested_state=peer,
            legal_bases=["untoc"],
            title=title,
            facts="Proceeds of fraud moved through accounts of Borealis Trading.",
            persons=[PersonInput(role="suspect", names=[NameInput("Ivan Petrov", "primary")])],
            offences=[OffenceInput("Laundering of the proceeds of crime (UNTOC art. 6)")],
            measures=[
                MeasureInput("records", "Account statements", purpose="To trace the proceeds")
            ],
            **complete_request_fields(CaseKind.MLA, settings.NODE_STATE),
        )
        for actor, target in (
            (officer, "pending_approval"),
            (supervisor, "approved"),
            (supervisor, "transmitted"),
        ):
            case_transition(actor=actor, case_id=case.pk, target=target)
    return {"reference": case.our_reference}


def _step(title: str, direction: str, username: str, target: str) -> dict[str, Any]:
    """One step of the case by ``username`` (granted on the case first when incoming)."""
    from rogatory.apps.accounts.models import User
    from rogatory.apps.cases.models import CaseGrant
    from rogatory.apps.proceedings.services import case_transition

    actor = User.objects.get(username=username)
    case = _case(title, direction)
    if direction == "incoming":
        CaseGrant.objects.get_or_create(case=case, user=actor, revoked_at=None)
    case = case_transition(actor=actor, case_id=case.pk, target=target, reason="By the test.")
    return {"status": case.status}


def _clocks(title: str, direction: str) -> dict[str, Any]:
    """The case's status and running clocks ("" as status while it has not arrived)."""
    from rogatory.apps.cases.models import Case, Deadline

    case = Case.objects.filter(title=title, direction=direction).first()
    if case is None:
        return {"status": ""}
    return {
        "status": case.status,
        "due_at": case.due_at,
        "open": sorted(
            Deadline.objects.filter(case=case, met_at=None).values_list("code", flat=True)
        ),
        "communications": case.communications.count(),
    }


def _converse(home: str, until: str, start_with: str = "") -> list[str]:
    """This node's moves in the demo conversation, made as soon as each is open (the other
    node's messages arriving meanwhile), until one ends with ``until``; one process for a run
    of moves rather than one per move."""
    import time

    from rogatory.apps.proceedings.services.demo_conversation import demo_conversation_step

    done: list[str] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        moved = demo_conversation_step(home=home, start_with=start_with or None)
        done += [line.split(": ", 1)[1] for line in moved]
        if done and done[-1].endswith(until):
            return done
        if not moved:
            time.sleep(0.2)
    raise SystemExit(f"{home} stopped after {done}, waiting to {until}")


CONVERSATION_ACTIONS: dict[str, Callable[..., Any]] = {
    "converse": _converse,
    "staff": _staff,
    "timeline": _timeline,
    "case-documents": _case_documents,
    "download-received": _download_received,
    "unknown-major": _unknown_major,
    "open-transmit": _open_and_transmit,
    "step": _step,
    "clocks": _clocks,
}


if __name__ == "__main__":
    main(*sys.argv[1:])
