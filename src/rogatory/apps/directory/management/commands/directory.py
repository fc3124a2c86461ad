import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.directory.services import (
    directory_export,
    directory_import,
    directory_seed_states,
)


class Command(RogatoryBaseCommand):
    help = "Directory of States and central authorities: seed | import FILE | export [--out FILE]"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["seed", "import", "export"])
        parser.add_argument("file", nargs="?", help="JSON file to import ('-' for stdin)")
        parser.add_argument("--out", help="write the export here instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "seed":
            n = directory_seed_states()
            self.emit(options, {"states": n}, f"{n} States in the directory")
        elif action == "export":
            text = json.dumps(directory_export(), ensure_ascii=False, indent=1)
            if options["out"]:
                Path(options["out"]).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text)
        else:
            if not options["file"]:
                raise CommandError("directory import needs a FILE (or - for stdin)")
            raw = (
                sys.stdin.read()
                if options["file"] == "-"
                else Path(options["file"]).read_text(encoding="utf-8")
            )
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as err:
                raise CommandError(f"not JSON: line {err.lineno}: {err.msg}") from err
            stats = directory_import(actor=None, data=data)
            self.emit(
                options, stats, "imported: " + ", ".join(f"{k}={v}" for k, v in stats.items())
            )
