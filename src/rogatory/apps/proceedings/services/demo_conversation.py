"""A whole conversation between two demo nodes (issue 15, deliverable 6), one move at a time.

Each call makes, on this node, the next move of the demo case for whichever side this node
holds: the requesting State opens and transmits the request, answers the question asked; the
requested State registers, assigns, asks for additional information (UNTOC art. 18(16)),
resumes, then returns evidence in a partial and a final execution (art. 18(24)). Between calls
the nodes' exchange workers carry each message across, so ``tools/demo_nodes.py`` calls this on
both nodes in turn until neither has anything left to do.
"""

from __future__ import annotations

import io

from django.db import transaction

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case, CaseGrant, Communication
from rogatory.apps.cases.services import case_open, document_add
from rogatory.apps.cases.services.demo_data import complete_request_fields
from rogatory.apps.cases.services.inputs import MeasureInput, NameInput, OffenceInput, PersonInput
from rogatory.apps.proceedings.services.conversation import conversation_send
from rogatory.apps.proceedings.services.transition import case_transition
from rogatory.core.wire.communication import CommunicationKind
from rogatory.core.workflow import CaseKind, CaseState

TITLE = "Demo conversation: accounts of Borealis Trading"
_K = CommunicationKind


def _staff() -> dict[str, User]:
    return {
        u.username: u for u in User.objects.filter(username__in=["clerk", "officer", "supervisor"])
    }


def _file(actor: User, case: Case, title: str, body: str) -> int:
    return document_add(
        actor=actor,
        case_id=case.pk,
        title=title,
        filename=title.lower().replace(" ", "-") + ".txt",
        stream=io.BytesIO(body.encode()),
        content_type="text/plain",
        language="en",
    ).pk


def _open(staff: dict[str, User], home: str, peer: str) -> Case:
    officer, supervisor = staff["officer"], staff["supervisor"]
    case = case_open(
        actor=officer,
        direction="outgoing",
        kind="mla",
        requesting_state=home,
        requested_state=peer,
        legal_bases=["untoc"],
        title=TITLE,
        facts="Proceeds of fraud moved through accounts of Borealis Trading held at a bank in "
        f"{peer}.",
        persons=[
            PersonInput(role="suspect", names=[NameInput("Ivan Petrov", "primary")]),
        ],
        offences=[OffenceInput("Laundering of the proceeds of crime (UNTOC art. 6)")],
        measures=[
            MeasureInput(
                "records",
                "Statements of the accounts of Borealis Trading",
                purpose="To trace the proceeds of the fraud",
            )
        ],
        # What a complete request says besides its facts (UNTOC art. 18(15); issue 17).
        **complete_request_fields(CaseKind.MLA, home),
    )
    _file(officer, case, "Letter of request", f"Letter of request {case.our_reference}\n")
    case_transition(actor=officer, case_id=case.pk, target=CaseState.PENDING_APPROVAL.value)
    case_transition(actor=supervisor, case_id=case.pk, target=CaseState.APPROVED.value)
    return case_transition(actor=supervisor, case_id=case.pk, target=CaseState.TRANSMITTED.value)


def _has(case: Case, kind: CommunicationKind, *, sent: bool) -> bool:
    return Communication.objects.filter(case=case, kind=kind.value, sent=sent).exists()


def _requesting_move(case: Case, staff: dict[str, User]) -> str | None:
    officer = staff["officer"]
    if case.status == CaseState.ADDITIONAL_INFORMATION_REQUESTED:
        annex = _file(officer, case, "Account numbers", "Accounts 4411 and 4412.\n")
        conversation_send(
            actor=officer,
            case_id=case.pk,
            kind=_K.INFORMATION_ANSWER.value,
            text="The accounts are numbered 4411 and 4412; the list is attached.",
            document_ids=[annex],
        )
        return "answered the request for additional information"
    return None


def _requested_move(case: Case, staff: dict[str, User]) -> str | None:
    clerk, officer, supervisor = staff["clerk"], staff["officer"], staff["supervisor"]
    status = CaseState(case.status)
    if status is CaseState.RECEIVED:
        # The demo team works the case, as demo_data does for its own cases.
        for member in (clerk, officer, supervisor):
            CaseGrant.objects.get_or_create(case=case, user=member, revoked_at=None)
        case_transition(actor=clerk, case_id=case.pk, target=CaseState.REGISTERED.value)
        return "registered (acknowledgement sent)"
    if status is CaseState.REGISTERED:
        case_transition(
            actor=supervisor,
            case_id=case.pk,
            target=CaseState.ASSIGNED.value,
            officer_id=officer.pk,
        )
        return "assigned"
    if status is CaseState.ASSIGNED:
        case_transition(actor=officer, case_id=case.pk, target=CaseState.UNDER_EXECUTION.value)
        return "under execution"
    if status is CaseState.UNDER_EXECUTION and not _has(case, _K.INFORMATION_REQUEST, sent=True):
        conversation_send(
            actor=officer,
            case_id=case.pk,
            kind=_K.INFORMATION_REQUEST.value,
            text="Which accounts of Borealis Trading, with their numbers?",
        )
        return "asked for additional information"
    if status is CaseState.ADDITIONAL_INFORMATION_REQUESTED and _has(
        case, _K.INFORMATION_ANSWER, sent=False
    ):
        case_transition(actor=officer, case_id=case.pk, target=CaseState.UNDER_EXECUTION.value)
        return "resumed execution"
    if status is CaseState.UNDER_EXECUTION:
        statement = _file(officer, case, "Bank statements 2024", "Statements of account 4411\n")
        conversation_send(
            actor=officer,
            case_id=case.pk,
            kind=_K.PARTIAL_EXECUTION.value,
            text="Statements of account 4411; account 4412 follows.",
            document_ids=[statement],
        )
        return "returned partial results"
    if status is CaseState.PARTIALLY_EXECUTED:
        statement = _file(officer, case, "Bank statements 2025", "Statements of account 4412\n")
        conversation_send(
            actor=officer,
            case_id=case.pk,
            kind=_K.FINAL_EXECUTION.value,
            text="Statements of account 4412: the request is executed.",
            document_ids=[statement],
        )
        return "returned the final results"
    return None


def demo_conversation_step(*, home: str, start_with: str | None = None) -> list[str]:
    """Make this node's next move(s) in the demo conversation; what was done, one line each.

    ``start_with`` (a State with a demo node) opens and transmits the request to it when this
    node has not done so yet.
    """
    staff = _staff()
    done: list[str] = []
    with transaction.atomic():
        outgoing = Case.objects.filter(direction="outgoing", title=TITLE).first()
        if outgoing is None and start_with:
            outgoing = _open(staff, home, start_with)
            done.append(f"{outgoing.our_reference}: transmitted to {start_with}")
        elif outgoing is not None and (move := _requesting_move(outgoing, staff)):
            done.append(f"{outgoing.our_reference}: {move}")
        incoming = Case.objects.filter(direction="incoming", title=TITLE).first()
        if incoming is not None and (move := _requested_move(incoming, staff)):
            done.append(f"{incoming.our_reference}: {move}")
    return done
