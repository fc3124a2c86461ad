"""What the case page shows of a case's legal clocks, in the node's time zone.

Reads a case the page has already opened for its actor (`case_get_for`); nothing here checks
access again or writes.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings

from rogatory.apps.cases.clock_choices import ClockBasisChoice
from rogatory.apps.cases.models import Case, CaseEventDate, Deadline
from rogatory.apps.cases.services.deadlines import (
    LEGAL_CLOCK_CODES,
    case_basis,
    case_no_clock_reason,
    case_treaty_limit,
    node_zone,
)
from rogatory.core.deadlines.events import ClockBasis, NoClock
from rogatory.core.workflow import CaseKind


@dataclass(frozen=True, slots=True)
class ClockRow:
    code: str
    source: str
    last_day: date | None
    # The last instant to act, in the node's time zone.
    act_by: datetime
    met_at: datetime | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class CaseClocks:
    applies: bool
    basis: ClockBasis | None
    # True when the officer named the instrument, False when the legal bases decided it.
    chosen: bool
    no_clock: NoClock | None
    dates: list[CaseEventDate]
    clocks: list[ClockRow]
    zone: str

    @property
    def basis_label(self) -> str:
        return "" if self.basis is None else str(ClockBasisChoice(self.basis.value).label)


def case_clocks_of(case: Case, *, now: datetime) -> CaseClocks:
    zone = node_zone()
    rows = Deadline.objects.filter(case=case, code__in=LEGAL_CLOCK_CODES).order_by("due_at")
    return CaseClocks(
        applies=CaseKind(case.kind).is_extradition,
        basis=case_basis(case, case_treaty_limit(case)),
        chosen=bool(case.time_limit_basis),
        no_clock=case_no_clock_reason(case),
        dates=list(CaseEventDate.objects.filter(case=case).select_related("entered_by")),
        clocks=[
            ClockRow(
                d.code,
                d.source,
                d.last_day,
                d.due_at.astimezone(zone),
                None if d.met_at is None else d.met_at.astimezone(zone),
                d.met_at is None and d.due_at < now,
            )
            for d in rows
        ],
        zone=settings.NODE_TIME_ZONE,
    )
