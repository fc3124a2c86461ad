from datetime import timedelta
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.cases.selectors import deadline_report


class Command(RogatoryBaseCommand):
    help = "List overdue and due-soon deadlines of open cases (operator view of the whole node)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--soon-days", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        rows = deadline_report(now=now, soon=timedelta(days=options["soon_days"]))
        data = [
            {
                "case": r.case.our_reference,
                "deadline": r.code,
                "source": r.source,
                "due_at": r.due_at.isoformat(),
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
