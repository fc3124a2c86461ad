"""A case's legal clocks, from the event dates its officers enter and the basis of the case.

Pure: given the instrument that governs the time limits between the two States, this node's
side, the dates of the events (arrest, receipt of the request, decision, date agreed for
surrender, consent, surrender) and whether the person has been released, say which clocks run,
when each is due and whether it has stopped. The application stores the result; nothing here
reads a clock or a database.

The day a clerk records a step is never the start of a legal period: ETS 24 art. 16(4) counts
"from the date of such arrest", FD 2002/584 art. 17(3) "after the arrest", ETS 24 art. 18(4)
from "the date fixed" for surrender.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rogatory.core.deadlines.calendar import WorkingCalendar
from rogatory.core.deadlines.compute import ComputedLimit, compute_limit
from rogatory.core.deadlines.limits import Side, TimeLimit, Trigger, time_limit


class EventKind(StrEnum):
    """An event whose date an officer enters on the case."""

    ARREST = "arrest"
    # The formal request and its supporting documents reached the requested State.
    REQUEST_RECEIVED = "request_received"
    CONSENT = "consent"
    DECISION = "decision"
    SURRENDER_DATE_AGREED = "surrender_date_agreed"
    SURRENDER = "surrender"

    @property
    def may_be_future(self) -> bool:
        # Only the date fixed for surrender is agreed ahead (ETS 24 art. 18(4)); the other
        # events have happened when they are entered.
        return self is EventKind.SURRENDER_DATE_AGREED


_TRIGGER_EVENT: dict[Trigger, EventKind] = {
    Trigger.ARREST: EventKind.ARREST,
    Trigger.CONSENT: EventKind.CONSENT,
    Trigger.FINAL_DECISION: EventKind.DECISION,
    Trigger.SURRENDER_DATE_FIXED: EventKind.SURRENDER_DATE_AGREED,
}


class ClockBasis(StrEnum):
    """The instrument whose time limits govern custody between the two States."""

    ETS_24 = "ets-24"
    EAW = "eaw"
    UN_MODEL_TREATY = "un-model-treaty"
    UNTOC = "untoc"
    BILATERAL_TREATY = "bilateral-treaty"


class NoClock(StrEnum):
    """Why no legal clock runs on a case, shown to the officer instead of a made-up period."""

    # UNTOC art. 16(9) allows custody but sets no period: domestic law or a treaty must.
    UNTOC_SETS_NO_PERIOD = "untoc-sets-no-period"
    # The directory holds no treaty records, so a bilateral treaty's periods are not known here.
    NO_TREATY_DATA = "no-treaty-data"
    # The case names no instrument whose time limits apply.
    NO_BASIS = "no-basis"


@dataclass(frozen=True, slots=True)
class ClockSpec:
    """One clock a basis runs: a time limit, its outer period or not, and what stops it."""

    code: str
    limit: TimeLimit
    stops_on: frozenset[EventKind]
    # The outer period of the same limit (ETS 24 art. 16(4): "in no case exceed 40 days").
    outer: bool = False
    # Limits on custody end with the person's release.
    custody: bool = False

    @property
    def trigger(self) -> EventKind:
        return _TRIGGER_EVENT[self.limit.trigger]

    @property
    def source(self) -> str:
        if not self.outer:
            return self.limit.source
        return f"{self.limit.source} ({self.limit.extended_days} days at most)"


_RECEIPT = frozenset({EventKind.REQUEST_RECEIVED})
_DECISION = frozenset({EventKind.DECISION})
_SURRENDER = frozenset({EventKind.SURRENDER})

_ECE_ARREST = time_limit("ece-provisional-arrest")
_ECE_SURRENDER = time_limit("ece-surrender")

CLOCKS: dict[ClockBasis, tuple[ClockSpec, ...]] = {
    # ETS 24 art. 16(4): the 18 days and the 40-day maximum both end on receipt of the request
    # and its documents, not at a hearing: from then the person is held for extradition.
    # Art. 18(4): 15 days (release possible) and 30 days (release due) from the date fixed.
    ClockBasis.ETS_24: (
        ClockSpec("ece-provisional-arrest", _ECE_ARREST, _RECEIPT, custody=True),
        ClockSpec("ece-provisional-arrest-max", _ECE_ARREST, _RECEIPT, outer=True, custody=True),
        ClockSpec("ece-surrender", _ECE_SURRENDER, _SURRENDER, custody=True),
        ClockSpec("ece-surrender-max", _ECE_SURRENDER, _SURRENDER, outer=True, custody=True),
    ),
    # FD 2002/584 art. 17(2)-(3): the final decision within 10 days of consent or 60 days of
    # the arrest, custody or not; art. 23(2): surrender within 10 days of the final decision.
    # The extensions of art. 17(4) are a decision of the judicial authority, not a clock.
    ClockBasis.EAW: (
        ClockSpec("eaw-decision", time_limit("eaw-decision"), _DECISION),
        ClockSpec("eaw-decision-consent", time_limit("eaw-decision-consent"), _DECISION),
        ClockSpec("eaw-surrender", time_limit("eaw-surrender"), _SURRENDER),
    ),
    # UN Model Treaty on Extradition art. 9(4): release after 40 days without the request.
    ClockBasis.UN_MODEL_TREATY: (
        ClockSpec(
            "un-model-provisional-arrest",
            time_limit("un-model-provisional-arrest"),
            _RECEIPT,
            custody=True,
        ),
    ),
    ClockBasis.UNTOC: (),
    ClockBasis.BILATERAL_TREATY: (),
}

CLOCK_CODES: frozenset[str] = frozenset(s.code for specs in CLOCKS.values() for s in specs)
TREATY_CLOCK_CODE = "treaty-provisional-arrest"


def treaty_clock(limit: TimeLimit) -> ClockSpec:
    """The provisional-arrest clock of a bilateral treaty whose periods are directory data."""
    return ClockSpec(TREATY_CLOCK_CODE, limit, _RECEIPT, custody=True)


def basis_from_case(legal_bases: list[str], chosen: str) -> ClockBasis | None:
    """The officer's choice, or UNTOC where the case rests on the UN conventions alone."""
    if chosen:
        return ClockBasis(chosen)
    # "untoc" and "uncac" are the values of the case's legal bases; a treaty, reciprocity or
    # domestic law leave the period unknown until the officer names the instrument.
    if legal_bases and set(legal_bases) <= {"untoc", "uncac"}:
        return ClockBasis.UNTOC
    return None


def no_clock_reason(basis: ClockBasis | None, treaty: TimeLimit | None = None) -> NoClock | None:
    if basis is None:
        return NoClock.NO_BASIS
    if basis is ClockBasis.UNTOC:
        return NoClock.UNTOC_SETS_NO_PERIOD
    if basis is ClockBasis.BILATERAL_TREATY and treaty is None:
        return NoClock.NO_TREATY_DATA
    return None


def _applies(limit: TimeLimit, side: Side) -> bool:
    # The requesting State watches the limits that bind it too: sending the formal request in
    # time after a provisional arrest is its most critical duty (ETS 24 art. 16(4)).
    return limit.side is Side.BOTH or limit.side is side


def specs_for(
    basis: ClockBasis | None, side: Side, treaty: TimeLimit | None = None
) -> tuple[ClockSpec, ...]:
    if basis is None:
        return ()
    if basis is ClockBasis.BILATERAL_TREATY:
        specs: tuple[ClockSpec, ...] = () if treaty is None else (treaty_clock(treaty),)
    else:
        specs = CLOCKS[basis]
    return tuple(s for s in specs if _applies(s.limit, side))


@dataclass(frozen=True, slots=True)
class PlannedClock:
    spec: ClockSpec
    computed: ComputedLimit
    # The date of the event that stopped the clock, if one did.
    stopped_on: date | None
    stopped_by: EventKind | None
    # The person was released, so a limit on custody no longer runs.
    released: bool

    @property
    def running(self) -> bool:
        return self.stopped_on is None and not self.released


def plan_clocks(
    *,
    basis: ClockBasis | None,
    side: Side,
    dates: Mapping[EventKind, date],
    released: bool,
    calendar: WorkingCalendar,
    treaty: TimeLimit | None = None,
) -> list[PlannedClock]:
    """The clocks started by the entered dates, each computed with the node's working days."""
    planned: list[PlannedClock] = []
    for spec in specs_for(basis, side, treaty):
        start = dates.get(spec.trigger)
        if start is None:
            continue
        computed = compute_limit(spec.limit, start=start, calendar=calendar, extended=spec.outer)
        stop_kind = next((k for k in sorted(spec.stops_on) if k in dates), None)
        stopped_on = None if stop_kind is None else dates[stop_kind]
        if (
            stop_kind is EventKind.REQUEST_RECEIVED
            and stopped_on is not None
            and stopped_on < start
        ):
            # An arrest on a request already received is not a provisional arrest (ETS 24
            # art. 16(1): in case of urgency, pending the request), so its limit never runs.
            continue
        planned.append(
            PlannedClock(
                spec,
                computed,
                stopped_on,
                stop_kind,
                released=spec.custody and released,
            )
        )
    return planned
