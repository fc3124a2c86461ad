"""The conversation of a case with the other State, as its page shows it: every
communication both ways with its delivery state from the exchange's signed signals, the files
and what reached the other side, and what the reader may send now.

Reads only; callers pass a case fetched through ``cases.selectors.case_get_for`` (or
``case_detail_for``), so the access check has been made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.condition_selectors import case_conditions, is_evidence
from rogatory.apps.cases.models import Case, Communication, CommunicationKindChoice, Document
from rogatory.apps.cases.selectors import case_get_for, transitions_for
from rogatory.apps.exchange.models import Evidence, OutboxMessage, OutboxState
from rogatory.core.wire.communication import RULES, SENT_WITH_STEP, CommunicationKind
from rogatory.core.wire.conditions import Condition
from rogatory.core.workflow import CaseState, Direction, Role


class Delivery(models.TextChoices):
    """Where a communication or a file stands between the two nodes."""

    QUEUED = "queued", _("Queued for the other State's node")
    SENT = "sent", _("Receipted by the other State's node")
    DELIVERED = "delivered", _("Delivered to the other State's case system")
    REFUSED = "refused", _("Refused by the other State's node")
    RECEIVED = "received", _("Received from the other State (receipt signed)")
    # Registered by hand from paper, e-mail or a diplomatic note (proceedings.models).
    RECEIVED_OTHER_CHANNEL = "received_other_channel", _("Received by another channel")
    OTHER_CHANNEL = "other_channel", _("Kept here only: not sent through the exchange")
    NOT_SENT = "not_sent", _("Not sent to the other State")


_REFUSALS = frozenset({"rejected", "non-delivery", "not-delivered"})
_WRITERS = frozenset({Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR})
# Statuses in which an outgoing request has not left yet: its files are still drafts.
_BEFORE_TRANSMISSION = frozenset({CaseState.DRAFT, CaseState.PENDING_APPROVAL, CaseState.APPROVED})
# A closure is the requested State's last word, after the request's outcome.
_OUTCOMES = frozenset({CaseState.EXECUTED, CaseState.REFUSED, CaseState.WITHDRAWN})


@dataclass(frozen=True, slots=True)
class ConversationLine:
    communication: Communication
    delivery: Delivery
    documents: list[Document]


@dataclass(frozen=True, slots=True)
class DocumentLine:
    document: Document
    # None for a draft's file, which has nowhere to go yet.
    delivery: Delivery | None
    # Its chain of custody on this node: every audited read, oldest first.
    reads: list[AuditEvent] = field(default_factory=list)
    # For evidence the requested State furnished: the limits on its use (UNTOC art. 18(19)),
    # confidentiality (art. 18(20)) and accepted conditions (art. 18(26)) that bind it.
    conditions: list[Condition] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Conversation:
    lines: list[ConversationLine]
    documents: list[DocumentLine]
    # The kinds the reader may send now, as (value, label), and the files they may attach.
    kinds: list[tuple[str, str]] = field(default_factory=list)
    attachable: list[Document] = field(default_factory=list)


def _deliveries(message_ids: Iterable[str]) -> dict[str, Delivery]:
    """The state of each message we sent, judged by the signed signals kept for it."""
    ids = {m for m in message_ids if m}
    states: dict[str, Delivery] = {}
    for message_id, state in OutboxMessage.objects.filter(message_id__in=ids).values_list(
        "message_id", "state"
    ):
        states[message_id] = (
            Delivery.REFUSED
            if state == OutboxState.FAILED
            else Delivery.SENT
            if state == OutboxState.DELIVERED
            else Delivery.QUEUED
        )
    for message_id, kind in Evidence.objects.filter(message_id__in=ids).values_list(
        "message_id", "kind"
    ):
        if kind in _REFUSALS:
            states[message_id] = Delivery.REFUSED
        elif kind == "delivered" and states.get(message_id) is not Delivery.REFUSED:
            states[message_id] = Delivery.DELIVERED
    return states


def step_for(*, case: Case, kind: CommunicationKind) -> CaseState | None:
    """The step of our case that sends ``kind`` (``SENT_WITH_STEP``), when the case is not
    there yet; None when the communication goes on its own."""
    direction = Direction(case.direction)
    if (
        kind is CommunicationKind.INFORMATION_ANSWER
        and case.status == CaseState.ADDITIONAL_INFORMATION_REQUESTED
    ):
        # Supplying what was asked takes the request back to where it stood (UNTOC art. 18(16)).
        return CaseState.ACKNOWLEDGED
    for (side, target), sent in SENT_WITH_STEP.items():
        if side is direction and sent is kind and case.status != target.value:
            return target
    return None


def open_question(
    case: Case, answer: CommunicationKind = CommunicationKind.INFORMATION_ANSWER
) -> str:
    """The message id of the latest communication received on the case that ``answer``
    answers (a request for information, a consultation, conditions, a request for consent)
    and not yet answered (UNTOC art. 18(16), 18(19), 18(26)); "" when none is waiting."""
    question_kind = RULES[answer].answers
    if question_kind is None:
        return ""
    answered = Communication.objects.filter(case=case, sent=True, kind=answer.value).values_list(
        "in_reply_to", flat=True
    )
    question = (
        Communication.objects.filter(case=case, sent=False, kind=question_kind.value)
        .exclude(message_id="")
        .exclude(message_id__in=answered)
        .order_by("-at", "-id")
        .first()
    )
    return question.message_id if question is not None else ""


def kinds_for(*, actor: User, case: Case) -> list[tuple[str, str]]:
    """The communications ``actor`` may send on ``case`` now: its side's kinds whose step
    (if any) is open to the actor, an answer only to a question received, a closure only after
    the request's outcome."""
    if actor.role not in _WRITERS or case.status == CaseState.CLOSED:
        return []
    direction = Direction(case.direction)
    if direction is Direction.OUTGOING and case.status in _BEFORE_TRANSMISSION:
        return []
    targets = {t.target for t in transitions_for(actor=actor, case=case)}
    labels = dict(CommunicationKindChoice.choices)
    offered = []
    for kind, rule in RULES.items():
        if rule.sent_from is not direction:
            continue
        if rule.answers is not None and not open_question(case, kind):
            continue
        if rule.body_required:
            # A kind with a body leaves from the service that writes it, never by hand: a
            # hearing's slot, or the date of an arrest or of surrender recorded on the case's
            # clocks (proceedings.services.event_dates).
            continue
        if kind is CommunicationKind.CLOSURE and case.status not in _OUTCOMES:
            continue
        target = step_for(case=case, kind=kind)
        if target is not None and target not in targets:
            continue
        if (
            target is None
            and kind in SENT_WITH_STEP.values()
            and (kind not in (CommunicationKind.PARTIAL_EXECUTION, CommunicationKind.POSTPONEMENT))
        ):
            # The case already stands at this step: a second acknowledgement, request for
            # information, final execution or withdrawal would say nothing new. Further partial
            # results (UNTOC art. 18(24)) and reasons for a postponement may follow.
            continue
        offered.append((kind.value, str(labels[kind.value])))
    return offered


def conversation_for(*, actor: User, case: Case) -> Conversation:
    """The conversation of a case the actor may already see (see the module docstring)."""
    rows = list(case.communications.select_related("actor").order_by("at", "id"))
    documents = list(case.documents.order_by("id"))
    states = _deliveries(
        [r.message_id for r in rows if r.sent] + [d.message_id for d in documents if not d.received]
    )
    by_communication: dict[int, list[Document]] = {}
    for d in documents:
        if d.communication_id is not None:
            by_communication.setdefault(d.communication_id, []).append(d)
    lines = [
        ConversationLine(
            communication=r,
            delivery=(Delivery.RECEIVED if r.message_id else Delivery.RECEIVED_OTHER_CHANNEL)
            if not r.sent
            else states.get(r.message_id, Delivery.OTHER_CHANNEL)
            if r.message_id
            else Delivery.OTHER_CHANNEL,
            documents=by_communication.get(r.pk, []),
        )
        for r in rows
    ]
    drafting = case.direction == Direction.OUTGOING and case.status in _BEFORE_TRANSMISSION
    reads: dict[str, list[AuditEvent]] = {}
    for event in AuditEvent.objects.filter(
        case_id=case.pk, action="document.download", object_type="cases.document"
    ).order_by("seq"):
        reads.setdefault(event.object_id, []).append(event)
    conditions = case_conditions(case)
    document_lines = [
        DocumentLine(
            document=d,
            delivery=(Delivery.RECEIVED if d.message_id else Delivery.RECEIVED_OTHER_CHANNEL)
            if d.received
            else states.get(d.message_id, Delivery.QUEUED)
            if d.message_id
            else None
            if drafting
            else Delivery.NOT_SENT,
            reads=reads.get(str(d.pk), []),
            conditions=conditions if is_evidence(case, d) else [],
        )
        for d in documents
    ]
    kinds = kinds_for(actor=actor, case=case)
    attachable = [d for d in documents if not d.received and not d.message_id] if kinds else []
    return Conversation(lines=lines, documents=document_lines, kinds=kinds, attachable=attachable)


def case_conversation_for(*, actor: User, case_id: int) -> tuple[Case, Conversation]:
    """The case, if the actor may see it, with its conversation (the page to send from)."""
    case = case_get_for(actor=actor, case_id=case_id, action="communication.send")
    return case, conversation_for(actor=actor, case=case)
