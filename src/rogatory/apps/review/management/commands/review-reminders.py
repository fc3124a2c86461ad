from typing import Any

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.review.access import today
from rogatory.apps.review.services import review_reminders_send


class Command(RogatoryBaseCommand):
    help = (
        "Remind the Secretariat, in the application, of review steps due within 7 days, due "
        "today or overdue (once per user, step and threshold; run it from a timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = review_reminders_send(today=today())
        self.emit(
            options,
            {"steps": sent.steps, "notices": sent.notices},
            f"steps to remind {sent.steps}, notices written {sent.notices}",
        )
