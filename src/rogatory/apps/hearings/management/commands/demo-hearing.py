from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.hearings.services.demo import demo_hearing_step


class Command(RogatoryBaseCommand):
    help = (
        "Make this demo node's next move in the demo hearing by video between two nodes "
        "(extradition request, consent hearing with an interpreter, safeguards, signed minutes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--start-with", help="State to send the demo extradition request to, if not sent yet"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        done = demo_hearing_step(home=settings.NODE_STATE, start_with=options["start_with"])
        self.emit(options, {"done": done}, "\n".join(done))
