"""Sending a communication of a case to the other State: kept on our case file and queued as
a signed exchange message in one transaction (a refused one writes and sends nothing)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.cases.models import Case, CaseEvent, Communication
from rogatory.apps.cases.services.communications import communication_add
from rogatory.apps.cases.services.custody import documents_mark_sent
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.exchange.services.communications import communication_transmit
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.wire import DocumentNote
from rogatory.core.wire.communication import (
    RULES,
    SENT_WITH_STEP,
    CommunicationKind,
    communication_check,
    communication_to_wire,
)
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.workflow import CaseState, Direction


def _kind(value: str) -> CommunicationKind:
    try:
        return CommunicationKind(value)
    except ValueError:
        raise DomainError("field.invalid_choice", field="kind", value=value) from None


def _contact(actor: Any) -> str:
    name = (actor.get_full_name() or actor.username).strip()
    return f"{name} <{actor.email}>" if actor.email else name


def _send(
    *, actor: Any, case: Case, data: CommunicationData, document_ids: Sequence[int] = ()
) -> Communication:
    communication_check(data, sender_direction=Direction(case.direction))
    answered = RULES[data.kind].answers
    if (
        answered is not None
        and not Communication.objects.filter(
            case=case, sent=False, kind=answered.value, message_id=data.in_reply_to
        )
        .exclude(message_id="")
        .exists()
    ):
        # An answer names the request it answers (UNTOC art. 18(16)), received on this case.
        raise DomainError("communication.in_reply_to_unknown", field="in_reply_to")
    documents = list(case.documents.filter(pk__in=list(document_ids)))
    if len(documents) != len(set(document_ids)):
        raise DomainError("document.not_found", document_id=",".join(map(str, document_ids)))
    data = replace(
        data,
        documents=tuple(DocumentNote(d.sha256, d.title, d.language) for d in documents),
    )
    message = communication_transmit(
        case=case, payload=communication_to_wire(data), documents=documents
    )
    row = communication_add(
        actor=actor,
        case=case,
        data=data,
        sent=True,
        at=timezone.now(),
        message_id=message.message_id if message is not None else "",
    )
    if message is not None:
        # The results returned (UNTOC art. 18(24)) are kept with the message that carried them.
        documents_mark_sent(
            case=case,
            documents=documents,
            message_id=message.message_id,
            at=row.at,
            communication=row,
        )
    return row


def communication_send(
    *,
    actor: Any,
    case_id: int,
    kind: str,
    text: str = "",
    contact: str = "",
    in_reply_to: str = "",
    document_ids: Sequence[int] = (),
) -> Communication:
    """Send one communication of the case to the other State (by exchange when the case
    travels by it; otherwise it is only kept, for dispatch by another channel)."""
    bounded_text(text, "text")
    bounded_text(contact, "contact", 1_000)
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="communication.send")
        data = CommunicationData(
            kind=_kind(kind),
            text=text.strip(),
            reference=case.our_reference,
            contact=contact.strip() or _contact(actor),
            in_reply_to=in_reply_to,
        )
        return _send(actor=actor, case=case, data=data, document_ids=document_ids)


def communication_send_body(
    *,
    actor: Any,
    case: Case,
    kind: CommunicationKind,
    body: Mapping[str, Any],
    text: str = "",
    in_reply_to: str = "",
    document_ids: Sequence[int] = (),
) -> Communication:
    """Send a communication with a structured body (a hearing's slot, its minutes' signature),
    inside the caller's transaction; the caller has locked the case for writing."""
    bounded_text(text, "text")
    data = CommunicationData(
        kind=kind,
        text=text.strip(),
        reference=case.our_reference,
        contact=_contact(actor),
        in_reply_to=in_reply_to,
        body=dict(body),
    )
    return _send(actor=actor, case=case, data=data, document_ids=document_ids)


def communication_with_step(
    *, actor: Any, case: Case, reason: str, document_ids: Sequence[int] = ()
) -> Communication | None:
    """The communication a step of our case is to the other State (``SENT_WITH_STEP``: a
    postponement with its reasons, UNTOC art. 18(25); a withdrawal, art. 18(24); ...), sent in
    the step's transaction; None for a step the other State is not told of this way."""
    kind = SENT_WITH_STEP.get((Direction(case.direction), CaseState(case.status)))
    in_reply_to = ""
    if kind is None and _supplies_information(case):
        # Recording that we supplied what the requested State asked for (UNTOC art. 18(16))
        # sends it, as the answer to the latest question received on the case.
        question = (
            Communication.objects.filter(
                case=case, sent=False, kind=CommunicationKind.INFORMATION_REQUEST.value
            )
            .exclude(message_id="")
            .order_by("-at", "-id")
            .first()
        )
        if question is not None:
            kind, in_reply_to = CommunicationKind.INFORMATION_ANSWER, question.message_id
    if kind is None:
        if document_ids:
            # Files chosen for a step that tells the other State nothing would silently stay.
            raise DomainError("communication.documents_without_message", field="document_ids")
        return None
    # Once assigned, the officer handling the request is whom the other State contacts.
    handler = case.officer if kind is CommunicationKind.IN_PROGRESS and case.officer else actor
    data = CommunicationData(
        kind=kind,
        text=reason.strip(),
        reference=case.our_reference,
        contact=_contact(handler),
        in_reply_to=in_reply_to,
    )
    return _send(actor=actor, case=case, data=data, document_ids=document_ids)


def _supplies_information(case: Case) -> bool:
    """Whether the step just taken on our outgoing case answered a request for information."""
    if case.direction != Direction.OUTGOING.value or case.status != CaseState.ACKNOWLEDGED:
        return False
    step = CaseEvent.objects.filter(case=case, kind="transition").order_by("-id").first()
    return step is not None and step.from_status == CaseState.ADDITIONAL_INFORMATION_REQUESTED
