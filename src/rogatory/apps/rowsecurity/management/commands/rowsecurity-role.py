"""`rogatory rowsecurity-role`: create the non-owner role the application connects as.

Run by the database owner (who also runs `migrate`); then point DATABASE_URL of the web and
worker processes at the new role. The password comes from ROGATORY_DB_APP_PASSWORD (or the
file named by ROGATORY_DB_APP_PASSWORD_FILE), never from the command line.
"""

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection, transaction

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.rowsecurity.roles import app_role_ensure
from rogatory.settings.env import env_secret


class Command(RogatoryBaseCommand):
    help = "Create or update the database role the application connects as (PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--role", default="rogatory_app")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("row-level security needs PostgreSQL")
        password = env_secret("ROGATORY_DB_APP_PASSWORD")
        with transaction.atomic(), connection.cursor() as cursor:
            app_role_ensure(cursor, role=options["role"], password=password)
        self.emit(
            options,
            {"role": options["role"], "password_set": bool(password)},
            f"role {options['role']} ready" + ("" if password else " (no password set)"),
        )
