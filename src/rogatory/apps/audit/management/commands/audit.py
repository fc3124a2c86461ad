from typing import Any

from django.core.management.base import CommandParser

from rogatory.apps.audit.services import audit_checkpoint_make, audit_verify_report
from rogatory.apps.base_command import RogatoryBaseCommand


class Command(RogatoryBaseCommand):
    help = (
        "Audit trail: `audit verify` checks the SHA-256 chain and every signed checkpoint (exit 1"
        " names the first bad event or checkpoint); `audit checkpoint` signs one now if the log"
        " grew."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["verify", "checkpoint"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            row = audit_checkpoint_make(force=True)
            if row is None:
                self.emit(
                    options, {"made": False}, "no checkpoint made (no keys, or no new events)"
                )
            else:
                self.emit(
                    options,
                    {"made": True, "tree_size": row.tree_size, "root_hash": row.root_hash},
                    f"checkpoint signed at tree size {row.tree_size}",
                )
            return
        report = audit_verify_report()
        data: dict[str, Any] = {
            "ok": report.ok,
            "events": report.events,
            "checkpoints": report.checkpoints,
        }
        lines = []
        if report.fault is None:
            lines.append(f"audit chain intact: {report.events} events")
        else:
            data |= {"first_bad_seq": report.fault.seq, "problem": report.fault.problem}
            lines.append(f"audit chain BROKEN at event {report.fault.seq}: {report.fault.problem}")
        if report.checkpoint_fault is None:
            lines.append(f"checkpoints verified: {report.checkpoints}")
        else:
            fault = report.checkpoint_fault
            data |= {"first_bad_checkpoint": fault.tree_size, "checkpoint_problem": fault.problem}
            lines.append(f"audit checkpoint BAD at tree size {fault.tree_size}: {fault.problem}")
        self.emit(options, data, "\n".join(lines))
        if not report.ok:
            raise SystemExit(1)
