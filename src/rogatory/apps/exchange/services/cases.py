"""Arrival of a message in the case system: a new incoming case, or a follow-up threaded in.

A ``request`` opens an incoming case (status ``received``, in the registry queue) through
``case_open``, acting as this node's exchange system user. A ``follow-up``, a
``communication`` (or a repeated request) is threaded into the case the reference names: our
outgoing case when the peer answers us, or the incoming case the peer opened with us before; a
communication is kept and followed by the case (``cases.services.communications``).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Q

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services import open as case_services_open
from rogatory.apps.cases.services.arrivals import (
    ReceivedFile,
    case_event_add,
    received_files_attach,
)
from rogatory.apps.cases.services.communications import communication_receive
from rogatory.apps.cases.wire import details_of
from rogatory.apps.directory.models import CentralAuthority, State
from rogatory.apps.exchange.arrivals import Arrival, communication_arrived
from rogatory.apps.exchange.models import InboxDocument, InboxMessage
from rogatory.core.errors import DomainError
from rogatory.core.wire import DocumentNote, from_wire
from rogatory.core.wire.communication import communication_from_wire

SYSTEM_USERNAME = "exchange-system"


def exchange_system_user() -> User:
    """The account that registers arrivals: a registry clerk of this node's authority.

    It cannot sign in (no usable password, inactive); it only appears as the actor of
    arrivals in case events and the audit trail.
    """
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is not None:
        return user
    state = settings.NODE_STATE
    authority = CentralAuthority.objects.filter(state_id=state).order_by("id").first()
    if authority is None:
        if not State.objects.filter(code=state).exists():
            raise DomainError("exchange.node_state_unknown", state=state)
        authority = CentralAuthority.objects.create(
            state_id=state, instrument="untoc_mla", name=f"Central authority of {state}"
        )
    user = User(username=SYSTEM_USERNAME, role="registry_clerk", authority=authority)
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return user


def _thread(reference: str, sender_state: str) -> Case | None:
    if not reference:
        return None
    return (
        Case.objects.filter(
            Q(our_reference=reference, requested_state_id=sender_state)
            | Q(direction="incoming", their_reference=reference, requesting_state_id=sender_state)
        )
        .order_by("id")
        .first()
    )


def incoming_case_from_message(
    *,
    inbox: InboxMessage,
    sender_state: str,
    documents: list[InboxDocument],
    now: datetime,
) -> Case | None:
    """Open or thread the case of an accepted message; call inside the inbox transaction."""
    if inbox.kind == "ping":
        return None
    if inbox.kind not in ("request", "follow-up", "communication"):
        raise DomainError("exchange.kind_unknown", kind=inbox.kind)
    actor = exchange_system_user()
    payload = inbox.metadata.get("payload")
    if not isinstance(payload, dict):
        raise DomainError("exchange.payload_invalid", field="payload")
    case = _thread(inbox.case_reference, sender_state)
    notes: list[DocumentNote] = []
    communication = None
    if case is None and inbox.kind == "request":
        if len(inbox.case_reference) > 64:
            raise DomainError("field.too_long", field="case_reference", max_length=64)
        data = from_wire(payload)
        notes = data.documents
        case = case_services_open.case_open(
            actor=actor,
            direction="incoming",
            kind=data.kind,
            requesting_state=sender_state,
            requested_state=settings.NODE_STATE,
            legal_bases=data.legal_bases,
            title=data.title,
            treaty=data.treaty,
            subject=data.subject,
            facts=data.facts,
            urgency=data.urgency,
            urgency_reason=data.urgency_reason,
            custody=data.custody,
            confidential=data.confidential,
            requested_by=data.requested_by,
            their_reference=inbox.case_reference,
            persons=data.persons,
            offences=data.offences,
            measures=data.measures,
            # The fields of wire schema 1.1 (requesting authority, language, contact...).
            **details_of(data),
        )
    elif case is None:
        raise DomainError("exchange.case_unknown", reference=inbox.case_reference)
    elif inbox.kind == "communication":
        said = communication_from_wire(payload)
        notes = list(said.documents)
        communication = communication_receive(
            actor=actor, case=case, data=said, message_id=inbox.message_id, at=now
        )
    else:
        case_event_add(
            case_id=case.pk, actor=actor, at=now, kind="message_received", reason=inbox.kind
        )
    received_files_attach(
        case=case,
        actor=actor,
        files=[
            ReceivedFile(d.file_name, d.media_type, d.path, d.sha256, d.size) for d in documents
        ],
        notes=notes,
        message_id=inbox.message_id,
        communication=communication,
    )
    inbox.case = case
    inbox.save(update_fields=["case"])
    if communication is not None:
        # Apps above the exchange (hearings) apply what the communication carries once the
        # receiving transaction commits (``arrivals``: they register, we never import them).
        communication_arrived(Arrival(case.pk, communication.kind, inbox.message_id))
    audit_record(
        actor=actor,
        action="exchange.received",
        obj=inbox,
        case_id=case.pk,
        changes={
            "message_id": inbox.message_id,
            "sender": inbox.sender_node,
            "kind": inbox.kind,
            "documents": len(documents),
        },
    )
    return case
