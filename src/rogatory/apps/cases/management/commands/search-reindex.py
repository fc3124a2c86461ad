from typing import Any

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.cases.services.indexing import search_reindex_all


class Command(RogatoryBaseCommand):
    help = (
        "Rebuild the search terms of every case (run once after an upgrade that indexes more "
        "of a case: names by their analysis, identity documents, places and subjects)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = search_reindex_all(progress=lambda n: self.stderr.write(f"{n} cases indexed"))
        self.emit(options, {"cases": done}, f"{done} cases indexed")
