"""Legal and practice time limits as data, and the pure date arithmetic that applies them.

Day counting (why it is done this way):
- Periods are counted in calendar days from the UTC instant of the triggering event, as the
  instruments below count them (ECE art. 16(4) counts "from the date of arrest"); the result is
  an instant, not a date, so a deadline never moves with the viewer's time zone.
- Where an instrument sets no period (UNTOC art. 18(24): "as soon as possible"), the rule is
  marked `practice` and its period is a configurable default, never presented as law.
"""

from rogatory.core.deadlines.rules import RULES, DeadlineRule, DueDeadline, deadlines_on_entering

__all__ = ["RULES", "DeadlineRule", "DueDeadline", "deadlines_on_entering"]
