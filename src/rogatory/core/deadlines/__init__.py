"""Legal and practice time limits as data, and the pure date arithmetic that applies them.

Two layers, both pure:
- `limits` + `calendar` + `compute`: the legal time limits of the instruments (ETS 24, FD
  2002/584, Dir. 2014/41, ETS 185, UN Model Treaty, bilateral treaties as data), counted in
  calendar dates with a State's working days. Conventions are in `compute`'s docstring.
- `rules`: the clocks a case starts on entering a workflow state (instants in UTC); the legal
  periods there are read from `limits` so a period is written once.
Where an instrument sets no period (UNTOC art. 18(24): "as soon as possible"; UNTOC art. 16(9)
for custody), a rule is marked `practice` and its period is a default, never presented as law.
"""

from rogatory.core.deadlines.calendar import WorkingCalendar, working_calendar
from rogatory.core.deadlines.compute import ComputedLimit, compute_limit, deadline_compute
from rogatory.core.deadlines.limits import (
    TIME_LIMITS,
    ArrestBasis,
    Counting,
    Side,
    TimeLimit,
    Trigger,
    arrest_limit,
    time_limit,
    time_limit_from_data,
)
from rogatory.core.deadlines.rules import RULES, DeadlineRule, DueDeadline, deadlines_on_entering

__all__ = [
    "RULES",
    "TIME_LIMITS",
    "ArrestBasis",
    "ComputedLimit",
    "Counting",
    "DeadlineRule",
    "DueDeadline",
    "Side",
    "TimeLimit",
    "Trigger",
    "WorkingCalendar",
    "arrest_limit",
    "compute_limit",
    "deadline_compute",
    "deadlines_on_entering",
    "time_limit",
    "time_limit_from_data",
    "working_calendar",
]
