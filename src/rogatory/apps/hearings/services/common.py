"""What every hearing write shares: the hearing of a case the actor may write, its body on the
case thread, and the message row that keys the body by the exchange message."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.hearings.models import Hearing, HearingMessage
from rogatory.apps.proceedings.services.communications import communication_send_body
from rogatory.core.errors import DomainError
from rogatory.core.hearings.wire import HearingBody, body_to_wire
from rogatory.core.wire.communication import CommunicationKind


def hearing_for_write(*, actor: User, hearing_id: int, action: str) -> tuple[Case, Hearing]:
    """The hearing, its case locked, if the actor may write the case (same error as a missing
    hearing otherwise: a hearing never reveals a case the actor cannot see)."""
    case_id = Hearing.objects.filter(pk=hearing_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise DomainError("hearing.not_found", hearing_id=hearing_id)
    case = case_for_write(actor=actor, case_id=case_id, action=action)
    hearing = Hearing.objects.select_for_update().get(pk=hearing_id)
    return case, hearing


def send(
    *,
    actor: User,
    case: Case,
    hearing: Hearing,
    kind: CommunicationKind,
    body: HearingBody,
    text: str = "",
    document_ids: tuple[int, ...] = (),
) -> HearingMessage:
    """Tell the other State, on the case thread, in the caller's transaction."""
    wire = body_to_wire(body)
    row = communication_send_body(
        actor=actor, case=case, kind=kind, body=wire, text=text, document_ids=document_ids
    )
    return HearingMessage.objects.create(
        hearing=hearing,
        case=case,
        # A case not travelling by exchange still keeps its body (sent by another channel),
        # under a local id: 32 hex digits, never the dashed form of an exchange message id.
        message_id=row.message_id or uuid.uuid4().hex,
        kind=kind.value,
        sent=True,
        body=wire,
        at=row.at or timezone.now(),
    )


def actor_name(actor: Any) -> str:
    return str((actor.get_full_name() or actor.username).strip())
