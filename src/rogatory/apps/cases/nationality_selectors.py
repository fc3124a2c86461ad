"""The nationality panel of an extradition case the page already opened for its actor: each
person's nationalities on the date of the decision, the flags that follow, and the tracked
follow-ups (UNTOC art. 16(10)-(12), Vienna Convention on Consular Relations art. 36)."""

from dataclasses import dataclass
from datetime import date

from rogatory.apps.cases.models import Case, CaseEventDate, NationalityFollowUp, Person
from rogatory.apps.cases.nationality_choices import (
    FOLLOW_UP_ARTICLES,
    FollowUpKind,
    FollowUpStatus,
)
from rogatory.core.deadlines.events import EventKind
from rogatory.core.workflow import CaseKind, CaseState
from rogatory.core.workflow.grounds import RefusalGround
from rogatory.core.workflow.nationality import NationalityAssessment, NationalityRecord, assess


@dataclass(frozen=True, slots=True)
class PersonNationality:
    person: Person
    assessment: NationalityAssessment


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    row: NationalityFollowUp
    article: str


@dataclass(frozen=True, slots=True)
class CaseNationality:
    applies: bool
    # The date nationality is judged at (ETS 24 art. 6(1)(c)): the decision, once entered.
    on: date | None = None
    decided: bool = False
    bar_source: str = ""
    barred_by_law: bool = False
    persons: tuple[PersonNationality, ...] = ()
    follow_ups: tuple[FollowUpRow, ...] = ()
    # Refused on nationality and no submission for prosecution tracked yet: UNTOC art. 16(10)
    # and ETS 24 art. 6(2) oblige it once the requesting State asks.
    submission_awaited: bool = False


def case_nationality_of(case: Case, *, today: date) -> CaseNationality:
    """Precondition: `case` was returned to the actor by `case_detail_for`."""
    if not CaseKind(case.kind).is_extradition:
        return CaseNationality(applies=False)
    decision = CaseEventDate.objects.filter(case=case, kind=EventKind.DECISION).first()
    on = today if decision is None else decision.date
    requested = case.requested_state
    persons = tuple(
        PersonNationality(
            person=p,
            assessment=assess(
                [
                    NationalityRecord(n.state_id, n.acquired_on, n.lost_on)
                    for n in p.nationalities.all()
                ],
                requesting_state=case.requesting_state_id,
                requested_state=case.requested_state_id,
                on=on,
                requested_state_bars_nationals=requested.bars_extradition_of_nationals,
            ),
        )
        for p in case.persons.prefetch_related("nationalities__state", "names")
    )
    follow_ups = tuple(
        FollowUpRow(f, FOLLOW_UP_ARTICLES[f.kind])
        for f in NationalityFollowUp.objects.filter(case=case).select_related("state")
    )
    refused_on_nationality = (
        case.status == CaseState.REFUSED
        and case.refusal_ground == RefusalGround.EXTRADITION_NATIONALITY
    )
    submitted = any(
        f.row.kind == FollowUpKind.PROSECUTION_SUBMISSION
        and f.row.status != FollowUpStatus.DECLINED
        for f in follow_ups
    )
    return CaseNationality(
        applies=True,
        submission_awaited=refused_on_nationality and not submitted,
        on=on,
        decided=decision is not None,
        bar_source=requested.nationals_bar_source,
        barred_by_law=requested.bars_extradition_of_nationals,
        persons=persons,
        follow_ups=follow_ups,
    )
