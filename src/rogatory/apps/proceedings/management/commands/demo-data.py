import sys
from typing import Any

from django.core.management.base import CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.cases.services.demo_data import demo_cases, demo_cases_bulk, demo_setup
from rogatory.apps.extradition.services.demo import consult_then
from rogatory.apps.proceedings.services import case_transition

# Above this many cases the bulk writer is used (the per-case services write ~5 ms each).
BULK_THRESHOLD = 5000


class Command(RogatoryBaseCommand):
    help = "Create demo authorities, users and a synthetic workload of cases."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--cases", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--home", default="XA", help="ISO code of this node's State")
        parser.add_argument("--password", help="password for the demo users (default: random)")

    def handle(self, *args: Any, **options: Any) -> None:
        setup = demo_setup(home=options["home"], password=options["password"])
        count = options["cases"]

        def progress(done: int) -> None:
            print(f"\r{done}/{count} cases", end="", file=sys.stderr, flush=True)

        if count > BULK_THRESHOLD:
            demo_cases_bulk(
                count=count,
                seed=options["seed"],
                users=setup["users"],
                home=options["home"],
                progress=progress,
            )
        else:
            demo_cases(
                count=count,
                seed=options["seed"],
                users=setup["users"],
                home=options["home"],
                progress=progress,
                # A refusal is preceded by the consultation the instrument requires.
                transition=consult_then(case_transition),
            )
        print(file=sys.stderr)
        users = sorted(setup["users"])
        self.emit(
            options,
            {"cases": count, "users": users, "password": setup["password"]},
            f"{count} demo cases created. Sign in as any of {', '.join(users)} "
            f"with the password: {setup['password']}",
        )
