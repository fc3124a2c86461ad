import time
from typing import Any

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.stats.services.refresh import stats_refresh


class Command(RogatoryBaseCommand):
    help = (
        "Bring the figures of the dashboards up to date with the cases changed since the last "
        "run (--full: recompute every case, after a bulk load or an upgrade; --every N: keep "
        "running, once every N seconds, so figures stay current within that time)."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument("--full", action="store_true")
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            started = time.monotonic()
            done = stats_refresh(
                full=options["full"],
                progress=lambda n: self.stderr.write(f"{n} cases read"),
            )
            self.emit(
                options, done, f"{done['cases']} cases recomputed, {done['cells']} months updated"
            )
            if not options["every"]:
                return
            options["full"] = False
            time.sleep(max(1.0, options["every"] - (time.monotonic() - started)))
