"""Sending from the case page's conversation: one communication, with the step of our case it
stands for when there is one (a final execution executes the case), and the files chosen.

This is how the executing officer returns results and evidence (UNTOC art. 18(24)): the files
already stored on the case (uploaded in chunks when large, see ``web.views.documents``) travel
in the same signed, receipted message, each listed in its manifest with its SHA-256.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Communication
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.extradition.services.consultation import consultation_record
from rogatory.apps.extradition.services.detention import node_today
from rogatory.apps.proceedings.selectors import kinds_for, open_question, step_for
from rogatory.apps.proceedings.services.communications import communication_send
from rogatory.apps.proceedings.services.transition import case_transition
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.wire.communication import CommunicationKind


def conversation_send(
    *,
    actor: User,
    case_id: int,
    kind: str,
    text: str = "",
    document_ids: Sequence[int] = (),
) -> Communication:
    """Send ``kind`` if the actor may send it now (``kinds_for``), as its step when it has one;
    a refused one writes and sends nothing."""
    bounded_text(text, "text")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="communication.send")
        if kind not in {value for value, _label in kinds_for(actor=actor, case=case)}:
            raise DomainError("communication.not_now", field="kind")
        chosen = CommunicationKind(kind)
        target = step_for(case=case, kind=chosen)
        if target is not None:
            case_transition(
                actor=actor,
                case_id=case.pk,
                target=target.value,
                reason=text,
                document_ids=document_ids,
            )
            sent = (
                Communication.objects.filter(case=case, sent=True, kind=kind)
                .order_by("-id")
                .first()
            )
            if sent is None:  # the step's table and SENT_WITH_STEP disagree: never silently
                raise DomainError("communication.not_now", field="kind")
            return sent
        sent = communication_send(
            actor=actor,
            case_id=case.pk,
            kind=kind,
            text=text,
            in_reply_to=open_question(case, chosen),
            document_ids=document_ids,
        )
        if chosen is CommunicationKind.CONSULTATION:
            # The consultation a refusal or postponement must follow (UNTOC art. 18(26),
            # 16(16)) is then on record for the decision's check, asked today.
            consultation_record(
                actor=actor,
                purpose="before_refusal",
                party="requesting_state",
                case_id=case.pk,
                asked_on=node_today(),
                question=text,
            )
        return sent
