"""A case's step with everything it sets off, in one transaction."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.custody import documents_mark_sent
from rogatory.apps.cases.services.notifications import case_queued_notify
from rogatory.apps.cases.services.transition import case_status_change
from rogatory.apps.exchange.services.business import case_status_evidence
from rogatory.apps.exchange.services.transmit import case_transmit
from rogatory.apps.extradition.services.consultation import decision_checks
from rogatory.apps.proceedings.services.communications import communication_with_step
from rogatory.apps.screening.services import case_screen
from rogatory.core.workflow import CaseKind, CaseState

# Steps of an incoming case that the requesting State is told about as a signed evidence
# (the shared cross-border status: UNTOC art. 18(24) lets it ask about the progress).
_SHARED_STAGES = (CaseState.REGISTERED, CaseState.REFUSED, CaseState.EXECUTED)


def case_transition(
    *,
    actor: Any,
    case_id: int,
    target: str,
    reason: str = "",
    ground: str | None = None,
    officer_id: int | None = None,
    document_ids: Sequence[int] = (),
) -> Case:
    """Move a case to ``target`` (see ``case_status_change``) and run the step's side effects
    in the same transaction: a refused step writes and sends nothing."""
    with transaction.atomic():
        case = case_status_change(
            actor=actor,
            case_id=case_id,
            target=target,
            reason=reason,
            ground=ground,
            officer_id=officer_id,
        )
        state = CaseState(case.status)
        # The instrument's conditions on a decision, checked once the table allowed the step:
        # consultation before refusal (UNTOC arts. 16(16), 18(26)), a refusal on nationality
        # against the person's nationalities at the date of decision (ETS 24 art. 6(1)(c)),
        # and the detention assessment before surrender is granted (CJEU C-404/15 and
        # C-659/15 PPU). A refusal here rolls the whole step back.
        decision_checks(case=case, target=state, ground=ground)
        if state is CaseState.TRANSMITTED:
            # The outbox row is written in this transaction (transactional outbox): the
            # request leaves exactly when its status says it has.
            message = case_transmit(case=case)
            if message is not None:
                # What reached the requested State: the documents the request carried.
                documents_mark_sent(
                    case=case,
                    documents=list(case.documents.all()),
                    message_id=message.message_id,
                    at=message.queued_at,
                )
        if state in _SHARED_STAGES:
            # A case that did not come by exchange sends none (see case_status_evidence).
            case_status_evidence(
                case=case,
                status=state.value,
                reason=case.refusal_ground or None if state is CaseState.REFUSED else None,
            )
        # A step that is itself a communication to the other State goes with its reason.
        communication_with_step(actor=actor, case=case, reason=reason, document_ids=document_ids)
        if state is CaseState.REGISTERED and CaseKind(case.kind).is_extradition:
            # Several States may want the same person: screen at registration (see
            # apps.screening); suggestions are written in this same transaction.
            case_screen(actor=actor, case=case)
        # The desk whose queue the case now waits in is told: a supervisor for a submitted
        # draft or a request to assign, the officer a case was assigned to.
        case_queued_notify(case=case, actor=actor)
    return case
