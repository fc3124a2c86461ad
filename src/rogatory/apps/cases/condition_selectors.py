"""The conditions on the evidence of a case (``core.wire.conditions``), read from its
communications: shown beside each evidence file on the case page, in the API and on the
download. Reads only; callers have checked the actor may see the case."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.models import Case, Document
from rogatory.core.wire.conditions import Condition, ConditionKind, Said, conditions_of
from rogatory.core.workflow import Direction

C = ConditionKind

CONDITION_LABELS: dict[ConditionKind, Promise] = {
    C.CONDITIONS_ACCEPTED: _("Conditions accepted"),
    C.CONDITIONS_PROPOSED: _("Conditions proposed, not yet accepted"),
    C.CONFIDENTIALITY: _("Confidential: the request and its contents are kept confidential"),
    C.CONFIDENTIALITY_NOT_KEPT: _("The requested State cannot keep the request confidential"),
    C.USE_LIMITED: _(
        "Use limited to the proceedings stated in the request, unless the requested State "
        "consents first"
    ),
    C.USE_CONSENTED: _("Consent given to use the evidence in other proceedings"),
}


def condition_label(kind: ConditionKind | str) -> str:
    try:
        return str(CONDITION_LABELS[ConditionKind(kind)])
    except ValueError:
        return str(kind)


def case_conditions(case: Case) -> list[Condition]:
    """What binds the evidence of the case now, in the order it was said."""
    said = [
        Said(kind=kind, text=text, at=at, message_id=message_id, in_reply_to=in_reply_to)
        for kind, text, at, message_id, in_reply_to in case.communications.order_by(
            "at", "id"
        ).values_list("kind", "text", "at", "message_id", "in_reply_to")
    ]
    return conditions_of(said, untoc="untoc" in (case.legal_bases or []))


def is_evidence(case: Case, document: Document) -> bool:
    """A file the requested State furnished: received on our outgoing request, or returned
    with a communication of our incoming one (UNTOC art. 18(24))."""
    if case.direction == Direction.OUTGOING:
        return document.received
    return document.communication_id is not None and not document.received


def document_conditions(document: Document, *, case: Case | None = None) -> list[Condition]:
    """The conditions that bind one file: the case's, when the file is evidence; none for the
    request's own files."""
    case = case or document.case
    return case_conditions(case) if is_evidence(case, document) else []
