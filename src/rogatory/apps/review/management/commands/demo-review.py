from typing import Any

from django.core.management.base import CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.review.demo import demo_review


class Command(RogatoryBaseCommand):
    help = (
        "Seed a Secretariat node (ROGATORY_SECRETARIAT_NODE=1) with fictional States parties, "
        "country reviews in two phases and a working-group meeting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--password", help="password of the demo users (default: random)")
        parser.add_argument("--seed", default="demo", help="prefix of the recorded draw seeds")

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_review(password=options["password"], seed=options["seed"])
        users = ", ".join(result["users"])
        note = "" if result["created"] else " (reviews already present: left as they were)"
        self.emit(
            options,
            result,
            f"Review demo ready{note}. Sign in as {users} with the password: {result['password']}",
        )
