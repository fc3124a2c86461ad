"""When the next phase may start: the 70 % rule and its projected date.

Procedures, para. 10 (as quoted in the 2024 annotated provisional agenda of the Working Group
on International Cooperation; the Procedures text itself was not found): moving to the next
phase requires completion of 70 % of the country reviews scheduled at the start of the
previous phase.

A review counts as complete when its summary is done (the last step). The comparison is in
integers, `completed * 100 >= scheduled * 70`, so 69.9 % is not 70 % and no rounding decides.
No scheduled review means the rule cannot be met yet (nothing to complete).

Projection at the current pace (linear): rate = completed / days elapsed since the phase
started; the reviews still missing are `ceil(0.7 * scheduled) - completed`; the phase could
start `ceil(missing / rate)` days after today. No completion yet gives no pace and no date.
Once met, the date is the day the last completion needed was recorded.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

PERCENT = 70
SOURCE = "Procedures, para. 10 (COP resolution 9/1, annex)"


@dataclass(frozen=True, slots=True)
class Threshold:
    scheduled: int
    completed: int
    needed: int
    met: bool
    percent: Fraction
    projected: date | None
    source: str = SOURCE

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.completed)

    @property
    def percent_text(self) -> str:
        return f"{float(self.percent):.1f}"


def needed_for(scheduled: int) -> int:
    return math.ceil(Fraction(scheduled * PERCENT, 100))


def threshold(
    *, scheduled: int, completions: list[date], phase_started: date | None, today: date
) -> Threshold:
    done = sorted(completions)
    completed = len(done)
    needed = needed_for(scheduled)
    met = scheduled > 0 and completed * 100 >= scheduled * PERCENT
    percent = Fraction(completed * 100, scheduled) if scheduled else Fraction(0)
    projected: date | None = None
    if met:
        projected = done[needed - 1] if needed >= 1 else None
    elif scheduled > 0 and completed > 0 and phase_started is not None:
        elapsed = max(1, (today - phase_started).days)
        rate = Fraction(completed, elapsed)
        projected = today + timedelta(days=math.ceil((needed - completed) / rate))
    return Threshold(scheduled, completed, needed, met, percent, projected)
