"""Time-limit rules: which state starts a clock, how long it runs, which states stop it."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from rogatory.core.deadlines.limits import time_limit
from rogatory.core.workflow.states import CaseKind, CaseState, Direction

S = CaseState
# The legal periods are written once, in `limits`; these clocks only read them.
_ECE_ARREST = time_limit("ece-provisional-arrest")
_ECE_SURRENDER = time_limit("ece-surrender")


def _extended(code: str) -> int:
    days = time_limit(code).extended_days
    if days is None:  # pragma: no cover - the table gives both ETS 24 rules an outer limit
        raise ValueError(code)
    return days


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    code: str
    direction: Direction
    starts_on: CaseState
    days: int
    stops_on: frozenset[CaseState]
    source: str
    extradition_only: bool = False
    custody_only: bool = False
    # True where no instrument fixes the period and it is a practice default.
    practice: bool = False

    def applies(self, *, direction: Direction, kind: CaseKind, in_custody: bool) -> bool:
        if direction is not self.direction:
            return False
        if self.extradition_only and not kind.is_extradition:
            return False
        return not (self.custody_only and not in_custody)


@dataclass(frozen=True, slots=True)
class DueDeadline:
    rule: DeadlineRule
    due_at: datetime


CLOSING = frozenset({S.EXECUTED, S.REFUSED, S.WITHDRAWN, S.CLOSED, S.SURRENDERED})

RULES: tuple[DeadlineRule, ...] = (
    # No UN instrument sets an acknowledgement period; prompt acknowledgement with a reference
    # and contact person is UNODC and EJN good practice (reference §5).
    DeadlineRule(
        "acknowledge_incoming",
        Direction.INCOMING,
        S.RECEIVED,
        10,
        frozenset({S.REGISTERED}) | CLOSING,
        "UNODC good practice (no treaty period)",
        practice=True,
    ),
    # Requests concerning a detained person are flagged and handled first.
    DeadlineRule(
        "register_custody_case",
        Direction.INCOMING,
        S.RECEIVED,
        2,
        frozenset({S.REGISTERED}) | CLOSING,
        "UNTOC art. 18(24); custody priority (practice)",
        custody_only=True,
        practice=True,
    ),
    # UNTOC art. 18(24): respond to reasonable enquiries on progress; a follow-up is due when a
    # transmitted request has not been acknowledged.
    DeadlineRule(
        "follow_up_unacknowledged",
        Direction.OUTGOING,
        S.TRANSMITTED,
        30,
        # A postponement (UNTOC art. 18(25)) answers the request as much as an acknowledgement.
        frozenset({S.ACKNOWLEDGED, S.ADDITIONAL_INFORMATION_REQUESTED, S.POSTPONED}) | CLOSING,
        "UNTOC art. 18(24) (practice period)",
        practice=True,
    ),
    # UNTOC art. 18(16): the requesting State answers additional-information requests.
    DeadlineRule(
        "answer_additional_information",
        Direction.OUTGOING,
        S.ADDITIONAL_INFORMATION_REQUESTED,
        30,
        # Execution postponed (UNTOC art. 18(25)) no longer waits on the answer.
        frozenset({S.ACKNOWLEDGED, S.POSTPONED}) | CLOSING,
        "UNTOC art. 18(16) (practice period)",
        practice=True,
    ),
)


# The ETS 24 clocks once started here when a clerk recorded a step; they now run from the event
# dates officers enter (`events`), with the basis of the case deciding whether they run at all.
# Rows stored under these codes before that change are still met by the states below.
_RETIRED: tuple[DeadlineRule, ...] = (
    # ECE art. 16(4): release may follow if the request has not arrived within 18 days...
    DeadlineRule(
        "formal_request_after_provisional_arrest",
        Direction.INCOMING,
        S.PROVISIONALLY_ARRESTED,
        _ECE_ARREST.days,
        frozenset({S.EXTRADITION_HEARING}) | CLOSING,
        "ECE art. 16(4) (18 days)",
        extradition_only=True,
    ),
    # ...and detention may in no case exceed 40 days from arrest.
    DeadlineRule(
        "provisional_arrest_maximum",
        Direction.INCOMING,
        S.PROVISIONALLY_ARRESTED,
        _extended("ece-provisional-arrest"),
        frozenset({S.EXTRADITION_HEARING}) | CLOSING,
        "ECE art. 16(4) (40 days)",
        extradition_only=True,
    ),
    # ECE art. 18(4): a person not taken over may be released after 15 days and must be
    # released after 30 days from the date fixed for surrender (counted here from the grant).
    DeadlineRule(
        "surrender_release_possible",
        Direction.INCOMING,
        S.EXTRADITION_GRANTED,
        _ECE_SURRENDER.days,
        frozenset({S.SURRENDERED}) | CLOSING,
        "ECE art. 18(4) (15 days)",
        extradition_only=True,
    ),
    DeadlineRule(
        "surrender_release_mandatory",
        Direction.INCOMING,
        S.EXTRADITION_GRANTED,
        _extended("ece-surrender"),
        frozenset({S.SURRENDERED}) | CLOSING,
        "ECE art. 18(4) (30 days)",
        extradition_only=True,
    ),
)


def deadlines_on_entering(
    *,
    state: CaseState,
    direction: Direction,
    kind: CaseKind,
    in_custody: bool,
    at: datetime,
    requested_by: datetime | None = None,
) -> list[DueDeadline]:
    """Deadlines that start when a case enters `state` at the instant `at` (aware, UTC)."""
    if at.tzinfo is None:
        raise ValueError("deadline arithmetic needs an aware datetime")
    at = at.astimezone(UTC)
    due = [
        DueDeadline(rule, at + timedelta(days=rule.days))
        for rule in RULES
        if rule.starts_on is state
        and rule.applies(direction=direction, kind=kind, in_custody=in_custody)
    ]
    if (
        requested_by is not None
        and direction is Direction.INCOMING
        and state in (S.UNDER_EXECUTION, S.EXTRADITION_HEARING)
    ):
        # UNTOC art. 18(24): take as full account as possible of the requesting State's deadline.
        due.append(DueDeadline(REQUESTED_BY_RULE, requested_by.astimezone(UTC)))
    return due


REQUESTED_BY_RULE = DeadlineRule(
    "requesting_state_deadline",
    Direction.INCOMING,
    S.UNDER_EXECUTION,
    0,
    CLOSING | frozenset({S.PARTIALLY_EXECUTED}),
    "UNTOC art. 18(24)",
)


def stops(rule_code: str, state: CaseState) -> bool:
    """Whether entering `state` meets the deadline of the rule named `rule_code`."""
    for rule in (*RULES, REQUESTED_BY_RULE, *_RETIRED):
        if rule.code == rule_code:
            return state in rule.stops_on
    return False
