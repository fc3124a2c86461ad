"""A case's deadlines: practice clocks started by its states, legal clocks by its event dates.

Legal clocks (core.deadlines.events) run from the dates officers enter, in the calendar of the
node's State: a clock is due at the end of its `act_by` day in the node's time zone
(settings.NODE_TIME_ZONE), and keeps its legal last day. They are recomputed whenever an event
date, the basis of the time limits, the custody status or the status of the case changes.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Min

from rogatory.apps.cases.choices import Custody, LegalBasis
from rogatory.apps.cases.models import Case, CaseEventDate, Deadline
from rogatory.apps.directory.selectors import treaty_governing
from rogatory.core.deadlines import WorkingCalendar, deadlines_on_entering, working_calendar
from rogatory.core.deadlines.events import (
    CLOCK_CODES,
    TREATY_CLOCK_CODE,
    ClockBasis,
    EventKind,
    NoClock,
    PlannedClock,
    basis_from_case,
    no_clock_reason,
    plan_clocks,
)
from rogatory.core.deadlines.limits import Side, TimeLimit
from rogatory.core.deadlines.rules import CLOSING, stops
from rogatory.core.extradition.treaties import TreatyKind
from rogatory.core.workflow import CaseKind, CaseState, Direction

LEGAL_CLOCK_CODES = CLOCK_CODES | {TREATY_CLOCK_CODE}


def node_zone() -> ZoneInfo:
    return ZoneInfo(settings.NODE_TIME_ZONE)


def node_calendar() -> WorkingCalendar:
    # A user-assigned code such as the demo's XA has no holiday table: weekends only.
    return working_calendar(settings.NODE_STATE, strict=False)


def day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def day_end(day: date, zone: ZoneInfo) -> datetime:
    """The last instant of `day` in `zone`: the authority may act until then."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone) - timedelta(
        microseconds=1
    )


def case_side(case: Case) -> Side:
    # An incoming request makes this node the requested State; an outgoing one the requesting.
    return Side.REQUESTED if case.direction == Direction.INCOMING else Side.REQUESTING


def case_treaty_limit(case: Case, on: date | None = None) -> TimeLimit | None:
    """The provisional-arrest period of the treaty in force between the case's two States on
    `on` (the arrest, or today before one is entered), from the directory's treaty records."""
    if on is None:
        arrest = CaseEventDate.objects.filter(case=case, kind=EventKind.ARREST).first()
        on = arrest.date if arrest is not None else _today()
    treaty = treaty_governing(case.requesting_state_id, case.requested_state_id, on=on)
    if treaty is None or treaty.kind is not TreatyKind.BILATERAL:
        return None
    return treaty.arrest_limit


def case_basis(case: Case, treaty: TimeLimit | None = None) -> ClockBasis | None:
    basis = basis_from_case(list(case.legal_bases or []), case.time_limit_basis)
    if basis is None and treaty is not None and LegalBasis.TREATY in (case.legal_bases or []):
        # The case rests on a treaty and the directory holds a bilateral treaty between the
        # two States with a period for provisional arrest: its period governs.
        return ClockBasis.BILATERAL_TREATY
    return basis


def case_no_clock_reason(case: Case) -> NoClock | None:
    treaty = case_treaty_limit(case)
    return no_clock_reason(case_basis(case, treaty), treaty=treaty)


def case_clock_plan(case: Case) -> list[PlannedClock]:
    dates = {EventKind(r.kind): r.date for r in CaseEventDate.objects.filter(case=case)}
    treaty = case_treaty_limit(case, dates.get(EventKind.ARREST) or _today())
    return plan_clocks(
        basis=case_basis(case, treaty),
        side=case_side(case),
        dates=dates,
        released=case.custody == Custody.AT_LIBERTY,
        calendar=node_calendar(),
        treaty=treaty,
    )


def _today() -> date:
    return datetime.now(node_zone()).date()


def case_clocks_recompute(*, case: Case, at: datetime) -> list[Deadline]:
    """Bring the case's legal clocks in line with its dates, basis, custody and status, and
    refresh `case.due_at` (the caller saves the case). A clock whose due time moved is
    reminded and escalated afresh."""
    zone = node_zone()
    closed = CaseState(case.status) in CLOSING
    plan = case_clock_plan(case)
    existing = {d.code: d for d in Deadline.objects.filter(case=case, code__in=LEGAL_CLOCK_CODES)}
    wanted = {p.spec.code for p in plan}
    # A clock whose event date was removed, or that the basis no longer runs, never ran.
    Deadline.objects.filter(pk__in=[d.pk for c, d in existing.items() if c not in wanted]).delete()
    rows: list[Deadline] = []
    for p in plan:
        row = existing.get(p.spec.code) or Deadline(case=case, code=p.spec.code)
        due_at = day_end(p.computed.act_by, zone)
        if row.pk is not None and row.due_at != due_at:
            row.reminded_at = row.escalated_at = None
        row.source = p.spec.source
        row.practice = False
        row.started_at = day_start(p.computed.start, zone)
        row.due_at = due_at
        row.last_day = p.computed.due
        if p.stopped_on is not None:
            row.met_at = day_start(p.stopped_on, zone)
        elif p.released or closed:
            row.met_at = row.met_at or at
        else:
            row.met_at = None
        row.save()
        rows.append(row)
    due_at_refresh(case)
    return rows


def due_at_refresh(case: Case) -> None:
    case.due_at = Deadline.objects.filter(case=case, met_at__isnull=True).aggregate(
        m=Min("due_at")
    )["m"]


def deadlines_apply(*, case: Case, state: CaseState, at: datetime) -> list[Deadline]:
    """Meet the deadlines that `state` stops, start those it starts, bring the legal clocks in
    line with the new status, refresh `case.due_at`."""
    open_rows = list(
        Deadline.objects.filter(case=case, met_at__isnull=True).exclude(code__in=LEGAL_CLOCK_CODES)
    )
    met = [d for d in open_rows if stops(d.code, state)]
    for d in met:
        d.met_at = at
    Deadline.objects.bulk_update(met, ["met_at"])
    due = deadlines_on_entering(
        state=state,
        direction=Direction(case.direction),
        kind=CaseKind(case.kind),
        in_custody=case.custody == Custody.DETAINED,
        at=at,
        requested_by=case.requested_by,
    )
    created = Deadline.objects.bulk_create(
        [
            Deadline(
                case=case,
                code=d.rule.code,
                source=d.rule.source,
                practice=d.rule.practice,
                started_at=at,
                due_at=d.due_at,
            )
            for d in due
        ]
    )
    case_clocks_recompute(case=case, at=at)
    return created


def follow_up_stop(*, case: Case, at: datetime) -> list[Deadline]:
    """Meet the case's open follow-up clocks (the practice periods, not the legal ones) when
    the other State closes its file: nothing more is to come to follow up (UNTOC art. 18(13),
    18(24)). Saves `case.due_at`; the caller holds the transaction."""
    met = list(
        Deadline.objects.filter(case=case, met_at__isnull=True).exclude(code__in=LEGAL_CLOCK_CODES)
    )
    for d in met:
        d.met_at = at
    Deadline.objects.bulk_update(met, ["met_at"])
    due_at_refresh(case)
    case.save(update_fields=["due_at", "updated_at"])
    return met
