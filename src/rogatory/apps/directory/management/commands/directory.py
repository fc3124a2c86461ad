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
    requirements_export,
    requirements_import,
    requirements_load_shipped,
    treaties_load_shipped,
)
from rogatory.core.errors import DomainError


class Command(RogatoryBaseCommand):
    help = (
        "Directory of States and central authorities: seed | import FILE | export [--out FILE]"
        " | requirements-load | requirements-import FILE | requirements-export [--out FILE]"
        " | treaties-load"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "action",
            choices=[
                "seed",
                "import",
                "export",
                "requirements-load",
                "requirements-import",
                "requirements-export",
                "treaties-load",
            ],
        )
        parser.add_argument("file", nargs="?", help="JSON file to import ('-' for stdin)")
        parser.add_argument("--out", help="write the export here instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action.startswith("requirements-"):
            self._requirements(action, options)
        elif action == "treaties-load":
            # The example treaty records shipped with the platform (issue 16).
            n = treaties_load_shipped()
            self.emit(options, {"treaties": n}, f"{n} treaty records published")
        elif action == "seed":
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

    def _requirements(self, action: str, options: dict[str, Any]) -> None:
        """What each State asks of a request (issue 17): load the data shipped in the package,
        import another node's export, or export the published versions for the registry."""
        if action == "requirements-export":
            text = json.dumps(requirements_export(), ensure_ascii=False, indent=1)
            if options["out"]:
                Path(options["out"]).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        if action == "requirements-load":
            n = requirements_load_shipped()
        else:
            if not options["file"]:
                raise CommandError("requirements-import needs a FILE (or - for stdin)")
            raw = (
                sys.stdin.read()
                if options["file"] == "-"
                else Path(options["file"]).read_text(encoding="utf-8")
            )
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as err:
                raise CommandError(f"not JSON: line {err.lineno}: {err.msg}") from err
            try:
                n = requirements_import(actor=None, data=data)
            except DomainError as err:
                raise CommandError(f"{err.code}: {err.params}") from err
        self.emit(options, {"published": n}, f"{n} States' requirements published")
