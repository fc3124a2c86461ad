"""Arrival of a message in the case system: a new incoming case, or a follow-up threaded in.

A ``request`` opens an incoming case (status ``received``, in the registry queue) through
``case_open``, acting as this node's exchange system user. A ``follow-up`` (or a repeated
request) is threaded into the case the reference names: our outgoing case when the peer
answers us, or the incoming case the peer opened with us before.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.cases.services import open as case_services_open
from rogatory.apps.cases.services.inputs import (
    IdDocumentInput,
    MeasureInput,
    NameInput,
    OffenceInput,
    PersonInput,
)
from rogatory.apps.directory.models import CentralAuthority, State
from rogatory.apps.exchange.models import InboxDocument, InboxMessage
from rogatory.core.errors import DomainError

SYSTEM_USERNAME = "exchange-system"
_CASE_FIELDS = (
    "treaty",
    "subject",
    "facts",
    "urgency",
    "urgency_reason",
    "custody",
    "confidential",
)


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


def _person(data: Any) -> PersonInput:
    if not isinstance(data, dict):
        raise DomainError("exchange.payload_invalid", field="persons")
    try:
        return PersonInput(
            role=str(data["role"]),
            names=[NameInput(**n) for n in data.get("names", [])],
            gender=str(data.get("gender", "")),
            birth_date=str(data.get("birth_date", "")),
            birth_place=str(data.get("birth_place", "")),
            location=str(data.get("location", "")),
            nationalities=[str(s) for s in data.get("nationalities", [])],
            documents=[IdDocumentInput(**d) for d in data.get("documents", [])],
        )
    except (KeyError, TypeError) as exc:
        raise DomainError("exchange.payload_invalid", field="persons") from exc


def _records(items: Any, kind: type[Any], field: str) -> list[Any]:
    try:
        return [kind(**item) for item in items or []]
    except TypeError as exc:
        raise DomainError("exchange.payload_invalid", field=field) from exc


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
    if inbox.kind not in ("request", "follow-up"):
        raise DomainError("exchange.kind_unknown", kind=inbox.kind)
    actor = exchange_system_user()
    payload = inbox.metadata.get("payload")
    if not isinstance(payload, dict):
        raise DomainError("exchange.payload_invalid", field="payload")
    case = _thread(inbox.case_reference, sender_state)
    if case is None and inbox.kind == "request":
        if len(inbox.case_reference) > 64:
            raise DomainError("field.too_long", field="case_reference", max_length=64)
        extra = {k: payload[k] for k in _CASE_FIELDS if k in payload}
        case = case_services_open.case_open(
            actor=actor,
            direction="incoming",
            kind=str(payload.get("kind", "")),
            requesting_state=sender_state,
            requested_state=settings.NODE_STATE,
            legal_bases=list(payload.get("legal_bases") or []),
            title=str(payload.get("title", "")),
            their_reference=inbox.case_reference,
            persons=[_person(p) for p in payload.get("persons") or []],
            offences=_records(payload.get("offences"), OffenceInput, "offences"),
            measures=_records(payload.get("measures"), MeasureInput, "measures"),
            **extra,
        )
    elif case is None:
        raise DomainError("exchange.case_unknown", reference=inbox.case_reference)
    else:
        CaseEvent.objects.create(
            case=case, at=now, actor=actor, kind="message_received", reason=inbox.kind
        )
    CaseDocument.objects.bulk_create(
        [
            CaseDocument(
                case=case,
                title=d.file_name,
                filename=d.file_name,
                content_type=d.media_type[:100],
                file=d.path,
                sha256=d.sha256,
                size=d.size,
                uploaded_by=actor,
            )
            for d in documents
        ]
    )
    inbox.case = case
    inbox.save(update_fields=["case"])
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
