from typing import Any

from django.core.management.base import CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.hearings.selectors import hearings_overview
from rogatory.apps.hearings.services.inbox import hearing_inbox_apply


class Command(RogatoryBaseCommand):
    help = (
        "Hearings by video: 'sync' applies the hearing messages received from other nodes; "
        "'list' shows each hearing with its status and minutes (for operators)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["sync", "list"])

    def handle(self, *args: Any, **options: Any) -> None:
        taken = hearing_inbox_apply()
        if options["action"] == "sync":
            self.emit(options, {"applied": taken}, f"applied {taken} hearing message(s)")
            return
        rows = hearings_overview()
        text = "\n".join(
            f"{r['case']} {r['uid'][:8]} {r['kind']} {r['status']} {r['start'] or '-'}"
            for r in rows
        )
        self.emit(options, rows, text)
