"""`rogatory rowsecurity-role`: create the two roles the node connects as (ADR 0006).

Run by the database owner (who also runs `migrate`) as a superuser; then point DATABASE_URL
of the web processes at the application's role, and DATABASE_URL of the worker, timer and
operator-command processes at the system role. The passwords come from
ROGATORY_DB_APP_PASSWORD and ROGATORY_DB_SYSTEM_PASSWORD (or the files named by the same
names with _FILE), never from the command line.
"""

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection, transaction

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.rowsecurity.roles import app_role_ensure, system_role_ensure
from rogatory.core.errors import DomainError
from rogatory.settings.env import env_secret


class Command(RogatoryBaseCommand):
    help = (
        "Create or update the database roles the node connects as (PostgreSQL): the "
        "application's role, bound by row-level security, and the system role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--role", default="rogatory_app", help="the application's role")
        parser.add_argument(
            "--system-role",
            default="rogatory_system",
            help="the role of the worker, timers and commands (BYPASSRLS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("row-level security needs PostgreSQL")
        app, system = options["role"], options["system_role"]
        if app == system:
            raise DomainError("rowsecurity.same_role", role=app[:63])
        app_password = env_secret("ROGATORY_DB_APP_PASSWORD")
        system_password = env_secret("ROGATORY_DB_SYSTEM_PASSWORD")
        with transaction.atomic(), connection.cursor() as cursor:
            app_role_ensure(cursor, role=app, password=app_password)
            system_role_ensure(cursor, role=system, password=system_password)
        missing = [r for r, p in ((app, app_password), (system, system_password)) if not p]
        self.emit(
            options,
            {
                "role": app,
                "system_role": system,
                "password_set": bool(app_password),
                "system_password_set": bool(system_password),
            },
            f"roles {app} and {system} ready"
            + (f" (no password set for {', '.join(missing)})" if missing else ""),
        )
