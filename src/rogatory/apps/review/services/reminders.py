"""In-app reminders to the Secretariat of the review steps nearing or past their time limits
(COP resolution 9/1, annex: the time limits of rogatory.core.review.steps), written by the
periodic command `rogatory review-reminders`."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.review.access import WRITERS
from rogatory.apps.review.models import NoticeKind, ReviewNotice, ReviewStep

# The Secretariat is told a week ahead, on the last day, and once the day has passed.
SOON_DAYS = 7


def notice_kind(due_on: date | None, done_on: date | None, today: date) -> NoticeKind | None:
    """The notice a step calls for today: none when it is done, has no time limit or is more
    than a week away; a step already past its limit gets only the overdue notice, not the
    ones it missed (the command may first run late)."""
    if due_on is None or done_on is not None:
        return None
    if today > due_on:
        return NoticeKind.OVERDUE
    if today == due_on:
        return NoticeKind.DUE_TODAY
    if (due_on - today).days <= SOON_DAYS:
        return NoticeKind.DUE_SOON
    return None


@dataclass(frozen=True, slots=True)
class Sent:
    steps: int
    notices: int


def review_reminders_send(*, today: date, now: datetime | None = None) -> Sent:
    """Write the notices the open steps call for today, once per Secretariat user, step and
    kind: running it again the same day, or the next day at the same threshold, writes
    nothing. Nothing is written on a node that does not hold the register."""
    if not settings.SECRETARIAT_NODE:
        return Sent(0, 0)
    now = now or timezone.now()
    users = list(
        User.objects.filter(role__in=[r.value for r in WRITERS], is_active=True).values_list(
            "pk", flat=True
        )
    )
    wanted: dict[tuple[int, str], None] = {}
    steps = ReviewStep.objects.filter(
        done_on=None, due_on__isnull=False, due_on__lte=today + timedelta(days=SOON_DAYS)
    ).values_list("pk", "due_on")
    for step_id, due_on in steps:
        kind = notice_kind(due_on, None, today)
        if kind is not None:
            wanted[(step_id, kind.value)] = None
    if not users or not wanted:
        return Sent(len(wanted), 0)
    with transaction.atomic():
        have = set(
            ReviewNotice.objects.filter(
                user_id__in=users, step_id__in={s for s, _k in wanted}
            ).values_list("user_id", "step_id", "kind")
        )
        rows = [
            ReviewNotice(user_id=u, step_id=s, kind=k, created_at=now)
            for (s, k) in wanted
            for u in users
            if (u, s, k) not in have
        ]
        # A run racing this one inserts the same rows: the constraint keeps one of each.
        ReviewNotice.objects.bulk_create(rows, ignore_conflicts=True)
    return Sent(len(wanted), len(rows))


def review_notices_read(*, actor: object, notice_id: int | None = None) -> int:
    """Mark one of the actor's review notices, or all, as read; another user's never."""
    pk = getattr(actor, "pk", None)
    if pk is None:
        return 0
    rows = ReviewNotice.objects.filter(user_id=pk, read_at=None)
    if notice_id is not None:
        rows = rows.filter(pk=notice_id)
    return rows.update(read_at=timezone.now())
