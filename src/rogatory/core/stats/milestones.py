"""When a request was acknowledged, decided and executed, read from its status timeline.

The clocks start when the request left or reached the central authority, since that is when
the requested State can act on it: for an outgoing request, its transmission (UNTOC art. 18(13));
for an incoming one, its receipt. A clock stops at the first time the case reached:
- acknowledged: for an outgoing request the requested State's acknowledgement; for an
  incoming one our registration of it (the step after which we acknowledge it);
- decided: the requested State's decision to execute (or grant extradition) or to refuse,
  a refusal giving its reasons (UNTOC arts. 18(23), 16(7));
- executed: execution of the assistance or surrender of the person (UNTOC art. 18(24) asks for
  execution "as soon as possible").
Days are calendar days in the node's time zone, a case acted on the day it arrived counts 0.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum

from rogatory.core.workflow import CaseState, Direction

S = CaseState


class Metric(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    DECIDE = "decide"
    EXECUTE = "execute"


ACKNOWLEDGED: dict[Direction, frozenset[CaseState]] = {
    Direction.OUTGOING: frozenset({S.ACKNOWLEDGED}),
    Direction.INCOMING: frozenset({S.REGISTERED}),
}
DECIDED = frozenset(
    {
        S.UNDER_EXECUTION,
        S.PARTIALLY_EXECUTED,
        S.EXTRADITION_GRANTED,
        S.EXECUTED,
        S.SURRENDERED,
        S.REFUSED,
    }
)
EXECUTED = frozenset({S.EXECUTED, S.SURRENDERED})
# Outcomes: nothing more to do but close the file; with closure, not part of the backlog.
FINISHED = frozenset({S.EXECUTED, S.SURRENDERED, S.REFUSED, S.WITHDRAWN, S.CLOSED})


@dataclass(frozen=True, slots=True)
class Milestones:
    started: date | None
    acknowledge: int | None
    decide: int | None
    execute: int | None

    def days(self, metric: Metric) -> int | None:
        return {
            Metric.ACKNOWLEDGE: self.acknowledge,
            Metric.DECIDE: self.decide,
            Metric.EXECUTE: self.execute,
        }[metric]


def milestones(
    *,
    direction: Direction,
    received_at: datetime | None,
    events: Iterable[tuple[datetime, str]],
    tz: tzinfo,
) -> Milestones:
    """`events`: (time, status reached) of the case's status changes, in any order."""
    ordered = sorted(events)
    if direction is Direction.INCOMING:
        start = received_at or next((at for at, to in ordered if to == S.RECEIVED), None)
    else:
        start = next((at for at, to in ordered if to == S.TRANSMITTED), None)
    if start is None:
        return Milestones(None, None, None, None)
    first_day = start.astimezone(tz).date()

    def first(states: frozenset[CaseState]) -> int | None:
        for at, to in ordered:
            if at >= start and to in states:
                return (at.astimezone(tz).date() - first_day).days
        return None

    return Milestones(
        started=first_day,
        acknowledge=first(ACKNOWLEDGED[direction]),
        decide=first(DECIDED),
        execute=first(EXECUTED),
    )
