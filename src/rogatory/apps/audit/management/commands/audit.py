from typing import Any

from django.core.management.base import CommandParser

from rogatory.apps.audit.services import audit_verify
from rogatory.apps.base_command import RogatoryBaseCommand


class Command(RogatoryBaseCommand):
    help = "Audit trail: `audit verify` checks the SHA-256 chain; exit 1 names the first bad event."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        count, fault = audit_verify()
        if fault is None:
            self.emit(options, {"ok": True, "events": count}, f"audit chain intact: {count} events")
            return
        self.emit(
            options,
            {"ok": False, "events": count, "first_bad_seq": fault.seq, "problem": fault.problem},
            f"audit chain BROKEN at event {fault.seq}: {fault.problem}",
        )
        raise SystemExit(1)
