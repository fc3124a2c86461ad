"""Consultations (before a refusal, UNTOC arts. 16(16) and 18(26); between competing
requests, ETS 24 art. 17 and FD 2002/584/JHA art. 16(2)), and the checks the workflow runs
on a decision: consultation before refusal, a refusal on nationality against the person's
nationalities on the date of decision, and the detention assessment before surrender."""

from datetime import date
from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, CaseEventDate
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.services.validation import states_exist
from rogatory.apps.extradition.detention_selectors import detention_gate_of
from rogatory.apps.extradition.models import (
    CompetingFile,
    Consultation,
    ConsultationPurpose,
    ConsultedParty,
)
from rogatory.apps.extradition.selectors import competing_file_get_for
from rogatory.apps.extradition.services.detention import _choice, _editor, _not_future, _text
from rogatory.apps.extradition.services.detention import node_today as _today
from rogatory.core.deadlines.events import EventKind
from rogatory.core.errors import DomainError
from rogatory.core.extradition.consultation import consultation_article
from rogatory.core.extradition.detention import Gate
from rogatory.core.workflow import CaseKind, CaseState, Direction
from rogatory.core.workflow.grounds import RefusalGround
from rogatory.core.workflow.nationality import NationalityRecord, assess


def consultation_record(
    *,
    actor: Any,
    purpose: str,
    party: str,
    case_id: int | None = None,
    competing_file_id: int | None = None,
    state: str = "",
    asked_on: date | None = None,
    question: str = "",
    answered_on: date | None = None,
    answer: str = "",
    not_possible_reason: str = "",
) -> Consultation:
    """Record a consultation and its answer, or why none was possible.

    Before refusal it is held on the case; between competing requests, on the file."""
    what = _choice(ConsultationPurpose, purpose, "purpose")
    who = _choice(ConsultedParty, party, "party")
    _editor(actor, "extradition.consultation", "consultation", case_id or competing_file_id or 0)
    question = _text(question, "question")
    answer = _text(answer, "answer")
    not_possible_reason = _text(not_possible_reason, "not_possible_reason")
    code = state.strip().upper()
    if code:
        states_exist({code}, "state")
    if who == ConsultedParty.OTHER_STATE and not code:
        raise DomainError("field.required", field="state")
    _not_future(asked_on, "asked_on")
    _not_future(answered_on, "answered_on")
    if not_possible_reason:
        if asked_on or answered_on or answer:
            raise DomainError("consultation.held_and_not_possible", field="not_possible_reason")
    elif asked_on is None:
        raise DomainError("consultation.asked_on_required", field="asked_on")
    if answered_on is not None and asked_on is not None and answered_on < asked_on:
        raise DomainError("consultation.answered_before_asked", field="answered_on")
    if (answered_on is None) != (not answer):
        raise DomainError("consultation.answer_and_date", field="answer")
    with transaction.atomic():
        case: Case | None = None
        file: CompetingFile | None = None
        if what == ConsultationPurpose.BEFORE_REFUSAL:
            if case_id is None:
                raise DomainError("field.required", field="case_id")
            case = case_for_write(actor=actor, case_id=case_id, action="extradition.consultation")
            if Direction(case.direction) is not Direction.INCOMING:
                raise DomainError("detention.not_requested_state", case_id=case_id)
            if who != ConsultedParty.REQUESTING_STATE:
                # UNTOC arts. 16(16) and 18(26) name the requesting State.
                raise DomainError("consultation.requesting_state_only", field="party")
            code = case.requesting_state_id
        else:
            if competing_file_id is None:
                raise DomainError("field.required", field="competing_file_id")
            file = competing_file_get_for(actor=actor, file_id=competing_file_id)
            if not_possible_reason:
                raise DomainError("consultation.held_and_not_possible", field="party")
        row = Consultation.objects.create(
            purpose=what,
            case=case,
            competing_file=file,
            party=who,
            state_id=code or None,
            asked_on=asked_on,
            question=question,
            answered_on=answered_on,
            answer=answer,
            not_possible_reason=not_possible_reason,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="extradition.consultation",
            obj=case if case is not None else file,
            case_id=case.pk if case is not None else None,
            changes={
                "consultation": row.pk,
                "purpose": what.value,
                "party": who.value,
                "state": code,
                "asked_on": asked_on.isoformat() if asked_on else None,
                "question": question,
                "answered_on": answered_on.isoformat() if answered_on else None,
                "answer": answer,
                "not_possible_reason": not_possible_reason,
                "competing_file": file.pk if file is not None else None,
            },
        )
    return row


def consultation_answer(
    *, actor: Any, consultation_id: int, answered_on: date, answer: str
) -> Consultation:
    """Record the answer to a consultation asked earlier."""
    _editor(actor, "extradition.consultation", "consultation", consultation_id)
    answer = _text(answer, "answer", required=True)
    _not_future(answered_on, "answered_on")
    with transaction.atomic():
        row = Consultation.objects.select_for_update().filter(pk=consultation_id).first()
        if row is None:
            raise DomainError("consultation.not_found", consultation_id=consultation_id)
        # Access: the case or the file it belongs to must be the actor's to write.
        if row.case_id is not None:
            case_for_write(actor=actor, case_id=row.case_id, action="extradition.consultation")
        elif row.competing_file_id is not None:
            competing_file_get_for(actor=actor, file_id=row.competing_file_id)
        if row.asked_on is None or row.answered_on is not None:
            raise DomainError("consultation.already_answered", consultation_id=consultation_id)
        if answered_on < row.asked_on:
            raise DomainError("consultation.answered_before_asked", field="answered_on")
        row.answered_on, row.answer = answered_on, answer
        row.save(update_fields=["answered_on", "answer"])
        audit_record(
            actor=actor,
            action="extradition.consultation_answer",
            obj=row,
            case_id=row.case_id,
            changes={"answered_on": answered_on.isoformat(), "answer": answer},
        )
    return row


def _decision_day(case: Case) -> date:
    # ETS 24 art. 6(1)(c): nationality is judged at the time of the decision; before the date
    # of decision is entered, the day the step is taken is that time.
    row = CaseEventDate.objects.filter(case=case, kind=EventKind.DECISION).first()
    return row.date if row is not None else _today()


def decision_checks(*, case: Case, target: CaseState, ground: str | None) -> None:
    """Run inside the transition's transaction, after the table allowed the step; a
    DomainError rolls the whole step back."""
    direction, kind = Direction(case.direction), CaseKind(case.kind)
    article = consultation_article(
        direction=direction, kind=kind, target=target, legal_bases=case.legal_bases or []
    )
    if article is not None:
        held = Consultation.objects.filter(
            case=case, purpose=ConsultationPurpose.BEFORE_REFUSAL
        ).exists()
        if not held:
            raise DomainError("consultation.required", article=article, field="reason")
    if (
        target is CaseState.REFUSED
        and direction is Direction.INCOMING
        and ground == RefusalGround.EXTRADITION_NATIONALITY
    ):
        on = _decision_day(case)
        nationals = [
            p
            for p in case.persons.filter(role="person_sought").prefetch_related("nationalities")
            if case.requested_state_id
            in assess(
                [
                    NationalityRecord(n.state_id, n.acquired_on, n.lost_on)
                    for n in p.nationalities.all()
                ],
                requesting_state=case.requesting_state_id,
                requested_state=case.requested_state_id,
                on=on,
                requested_state_bars_nationals=False,
            ).held
        ]
        if not nationals:
            raise DomainError(
                "refusal.not_a_national",
                state=case.requested_state_id,
                on=on.isoformat(),
                field="ground",
            )
    if (
        target is CaseState.EXTRADITION_GRANTED
        and direction is Direction.INCOMING
        and (blocking := detention_gate_of(case)) is not Gate.OPEN
    ):
        raise DomainError(f"detention.gate_{blocking.value}")
