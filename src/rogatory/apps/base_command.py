"""Base for every `rogatory` command: --json output and clean exit codes on domain errors."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rogatory.apps.errors import error_message
from rogatory.core.errors import DomainError


class RogatoryBaseCommand(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print machine-readable JSON")

    def emit(self, options: dict[str, Any], data: Any, text: str) -> None:
        if options.get("json"):
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str))
        else:
            self.stdout.write(text)

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except DomainError as err:
            raise CommandError(f"{err.code}: {error_message(err.code, err.params)}") from err
