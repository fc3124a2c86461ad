"""The demo of a Secretariat node shows the 70 % rule met in phase 1 and projected in phase 2."""

from typing import Any

import pytest
from django.core.management import call_command

from rogatory.apps.accounts.models import User
from rogatory.apps.review.models import CountryReview, Meeting
from rogatory.apps.review.selectors import overview_for

pytestmark = pytest.mark.django_db


def test_demo_review_seeds_two_phases_and_a_meeting(secretariat_node: None) -> None:
    call_command("demo-review", "--password", "pw-demo")
    user = User.objects.get(username="secretariat")
    view = overview_for(actor=user)
    one, two = view.phases[0], view.phases[1]
    assert (one.threshold.scheduled, one.threshold.completed, one.threshold.met) == (12, 10, True)
    assert (two.threshold.scheduled, two.threshold.completed, two.threshold.met) == (10, 2, False)
    assert two.threshold.projected is not None
    assert two.threshold.projected > view.today
    assert view.reminders
    assert Meeting.objects.get().documents.count() == 2
    # Run again: nothing is drawn twice.
    call_command("demo-review", "--password", "pw-demo")
    assert CountryReview.objects.count() == 22


def test_demo_review_refuses_a_node_not_run_by_the_secretariat(db: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("demo-review", "--password", "pw-demo")
    assert CountryReview.objects.count() == 0
