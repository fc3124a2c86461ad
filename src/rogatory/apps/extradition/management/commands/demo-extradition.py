from typing import Any

from django.core.management.base import CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.extradition.services.demo import (
    REQUESTED,
    demo_detention_dossier,
    demo_extradition_request,
)


class Command(RogatoryBaseCommand):
    help = (
        "Demo of two States requesting the same person: on XB or XC an approved extradition "
        "request to XA (name in Arabic script on XB, in Latin letters on XC); on XA a "
        "detention-conditions dossier on XB."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--home", required=True, choices=["XA", "XB", "XC"])

    def handle(self, *args: Any, **options: Any) -> None:
        home = options["home"]
        if home == REQUESTED:
            dossier = demo_detention_dossier(home=home)
            data = {"dossier": dossier.pk, "state": dossier.state_id}
            text = f"Detention dossier {dossier.pk} on {dossier.state_id}: {dossier.facility}"
        else:
            case = demo_extradition_request(home=home)
            data = {"case": case.our_reference, "status": case.status}
            text = f"{case.our_reference} ({case.status}) -> {REQUESTED}"
        self.emit(options, data, text)
