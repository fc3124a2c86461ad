"""Reminders of review steps to the Secretariat, in the application: a week ahead, on the last
day, once overdue; once per user, step and threshold, whatever the number of runs (frozen
clock, through the periodic command `rogatory review-reminders`)."""

import io
from datetime import UTC, date, datetime
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command

from rogatory.apps.accounts.models import User
from rogatory.apps.review.models import ReviewNotice, ReviewStep
from rogatory.apps.review.selectors import review_notices_for
from rogatory.apps.review.services import review_draw, review_notices_read, step_done
from rogatory.apps.review.services.reminders import notice_kind

pytestmark = pytest.mark.django_db
START = date(2024, 1, 31)  # focal point due 14 February, experts 28 February


def _run(day: date) -> str:
    out = io.StringIO()
    at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("review-reminders", stdout=out)
    return out.getvalue().strip()


def _notices() -> list[tuple[str, str, str]]:
    return sorted(
        ReviewNotice.objects.values_list("user__username", "step__kind", "kind").order_by()
    )


@pytest.fixture
def review(secretariat: Any, parties: None) -> Any:
    return review_draw(
        actor=secretariat, state="XD", phase=1, group_year=2020, started_on=START, seed="r"
    )


@pytest.mark.parametrize(
    ("due", "done", "today", "kind"),
    [
        (date(2024, 2, 14), None, date(2024, 2, 6), None),  # 8 days ahead
        (date(2024, 2, 14), None, date(2024, 2, 7), "due_soon"),  # 7 days ahead
        (date(2024, 2, 14), None, date(2024, 2, 13), "due_soon"),
        (date(2024, 2, 14), None, date(2024, 2, 14), "due_today"),
        (date(2024, 2, 14), None, date(2024, 2, 15), "overdue"),
        (date(2024, 2, 14), date(2024, 2, 10), date(2024, 2, 15), None),  # done
        (None, None, date(2024, 2, 15), None),  # no time limit
    ],
)
def test_the_threshold_of_a_step(
    due: date | None, done: date | None, today: date, kind: str | None
) -> None:
    found = notice_kind(due, done, today)
    assert (found.value if found else None) == kind


def test_each_threshold_notifies_each_secretariat_user_once(
    review: Any, secretariat: Any, people: Any
) -> None:
    # given a second Secretariat user, a former one (inactive) and an auditor
    User.objects.create_user(username="secretariat2", password="pw", role="secretariat")
    User.objects.create_user(username="gone", password="pw", role="secretariat", is_active=False)
    # when the command runs eight days before the focal point's limit
    assert _run(date(2024, 2, 6)) == "steps to remind 0, notices written 0"
    assert _notices() == []
    # then a week before, twice the same day, the two Secretariat users are told once
    assert _run(date(2024, 2, 7)) == "steps to remind 1, notices written 2"
    assert _run(date(2024, 2, 7)) == "steps to remind 1, notices written 0"
    assert _run(date(2024, 2, 8)) == "steps to remind 1, notices written 0"
    assert _notices() == [
        ("secretariat", "focal_point", "due_soon"),
        ("secretariat2", "focal_point", "due_soon"),
    ]
    # and on the last day, and once it has passed
    assert _run(date(2024, 2, 14)) == "steps to remind 1, notices written 2"
    assert _run(date(2024, 2, 15)) == "steps to remind 1, notices written 2"
    assert _run(date(2024, 2, 16)) == "steps to remind 1, notices written 0"
    # and a week before the experts' limit, the experts' step too, the focal point not again
    assert _run(date(2024, 2, 21)) == "steps to remind 2, notices written 2"
    kinds = [(step, kind) for user, step, kind in _notices() if user == "secretariat"]
    assert kinds == [
        ("experts", "due_soon"),
        ("focal_point", "due_soon"),
        ("focal_point", "due_today"),
        ("focal_point", "overdue"),
    ]
    # and the notices carry the frozen clock's time
    first = ReviewNotice.objects.filter(kind="due_soon", step__kind="focal_point").first()
    assert first is not None
    assert first.created_at == datetime(2024, 2, 7, 9, 0, tzinfo=UTC)
    assert not ReviewNotice.objects.filter(user__username__in=["gone", "auditor"]).exists()


def test_a_step_done_is_no_longer_reminded(review: Any, secretariat: Any) -> None:
    # given the focal point appointed on 10 February
    step = ReviewStep.objects.get(review=review, kind="focal_point")
    step_done(actor=secretariat, review_id=review.pk, step_id=step.pk, done_on=date(2024, 2, 10))
    # when the command runs on the focal point's last day and after it
    _run(date(2024, 2, 14))
    _run(date(2024, 2, 15))
    # then nothing is written about it
    assert not ReviewNotice.objects.filter(step=step).exists()


def test_no_reminder_off_a_secretariat_node(review: Any, settings: Any) -> None:
    settings.SECRETARIAT_NODE = False
    assert _run(date(2024, 2, 15)) == "steps to remind 0, notices written 0"
    assert ReviewNotice.objects.count() == 0


def test_notices_are_read_by_their_user_only(review: Any, secretariat: Any, people: Any) -> None:
    other = User.objects.create_user(username="secretariat2", password="pw", role="secretariat")
    _run(date(2024, 2, 15))
    mine = review_notices_for(actor=secretariat, unread_only=True)
    assert [n.kind for n in mine] == ["overdue"]
    # a case role and an auditor see none
    assert review_notices_for(actor=people["supervisor"]).count() == 0
    assert review_notices_for(actor=people["auditor"]).count() == 0
    # marking one's own as read leaves the other user's unread
    assert review_notices_read(actor=secretariat) == 1
    assert review_notices_for(actor=secretariat, unread_only=True).count() == 0
    assert review_notices_for(actor=other, unread_only=True).count() == 1
