"""Retry policy of the sender (protocol design §12): exponential backoff, then give up.

The first retry waits ``base`` (30 s), each later one twice as long, never more than ``cap``
(1 h); once ``give_up_after`` (72 h) has passed since the message was first queued, the message
is FAILED and the sender issues a signed non-delivery evidence. Pure functions of the attempt
count and the clock, so a fake clock tests the whole schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["DEFAULT_POLICY", "RetryPolicy", "retry_schedule"]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    give_up_after: timedelta = timedelta(hours=72)

    def __post_init__(self) -> None:
        if self.base <= timedelta(0) or self.cap < self.base or self.give_up_after <= timedelta(0):
            raise ValueError("retry policy needs 0 < base <= cap and a positive give-up period")

    def delay(self, attempts: int) -> timedelta:
        """Wait after the ``attempts``-th failed attempt (1-based): base, 2·base, … capped."""
        if attempts < 1:
            raise ValueError("attempts starts at 1")
        # Bounded exponent: 2**40 · base is beyond any cap, and avoids huge integers.
        factor = 2 ** min(attempts - 1, 40)
        delay: timedelta = self.base * factor
        return delay if delay < self.cap else self.cap

    def deadline(self, queued_at: datetime) -> datetime:
        return queued_at + self.give_up_after

    def next_attempt(self, *, queued_at: datetime, attempts: int, now: datetime) -> datetime | None:
        """When to try again after ``attempts`` failures at ``now``; ``None`` means give up.

        The last attempt is the first one scheduled at or after the deadline is reached: a retry
        that would fall after the deadline is moved to the deadline itself, so the final attempt
        happens at exactly 72 h and nothing after it.
        """
        deadline = self.deadline(queued_at)
        if now >= deadline:
            return None
        return min(now + self.delay(attempts), deadline)


DEFAULT_POLICY = RetryPolicy()


def retry_schedule(policy: RetryPolicy, queued_at: datetime) -> list[datetime]:
    """Every attempt time if every attempt fails instantly (for docs and tests)."""
    times = [queued_at]
    attempts = 0
    while True:
        attempts += 1
        following = policy.next_attempt(queued_at=queued_at, attempts=attempts, now=times[-1])
        if following is None:
            return times
        times.append(following)
