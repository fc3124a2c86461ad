from datetime import timedelta
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.cases.selectors import deadline_report
from rogatory.apps.cases.services.deadline_alerts import deadline_alerts_send
from rogatory.apps.cases.services.deadlines import node_zone


class Command(RogatoryBaseCommand):
    help = "List overdue and due-soon deadlines of open cases (operator view of the whole node)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--soon-days", type=int, default=7)
        parser.add_argument(
            "--notify",
            action="store_true",
            help="first remind teams of deadlines about to expire and escalate passed ones "
            "to the supervisors (in-app notifications; run it from a timer)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["notify"]:
            sent = deadline_alerts_send(now=now)
            self.stderr.write(
                f"reminded {sent.reminded}, escalated {sent.escalated}, "
                f"notifications {sent.notifications}"
            )
        rows = deadline_report(now=now, soon=timedelta(days=options["soon_days"]))
        data = [
            {
                "case": r.case.our_reference,
                "deadline": r.code,
                "source": r.source,
                # In the node's time zone, where the limit's days are counted.
                "due_at": r.due_at.astimezone(node_zone()).isoformat(),
                "overdue": r.due_at < now,
            }
            for r in rows
        ]
        lines = [
            f"{'OVERDUE ' if d['overdue'] else 'due soon'} {d['due_at'][:16]}  {d['case']}  "
            f"{d['deadline']}  ({d['source']})"
            for d in data
        ]
        self.emit(options, data, "\n".join(lines) if lines else "no deadlines overdue or due soon")
