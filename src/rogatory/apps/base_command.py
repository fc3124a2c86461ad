"""Base for every `rogatory` command: --json output and clean exit codes on domain errors."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rogatory.apps.errors import error_message
from rogatory.apps.rowsecurity.context import system_context
from rogatory.core.errors import DomainError


class RogatoryBaseCommand(BaseCommand):
    # A command that reads or writes the register acts for the node (see execute); one that
    # only computes (a time limit, say) leaves the database alone.
    uses_register = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print machine-readable JSON")

    def emit(self, options: dict[str, Any], data: Any, text: str) -> None:
        if options.get("json"):
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str))
        else:
            self.stdout.write(text)

    def execute(self, *args: Any, **options: Any) -> Any:
        # An operator's command acts for the node, not for a user: under PostgreSQL's row-level
        # security it sees every row (ADR 0006). Whoever runs it already holds the node's
        # shell; the services it calls audit what it changes.
        name = type(self).__module__.rsplit(".", 1)[-1]
        try:
            if not self.uses_register:
                return super().execute(*args, **options)
            with system_context(f"rogatory {name}", audited=False):
                return super().execute(*args, **options)
        except DomainError as err:
            raise CommandError(f"{err.code}: {error_message(err.code, err.params)}") from err
