"""The trigger that notes the cases a transaction opened skips the system context and roles
that bypass row security, and notes a case once: a bulk change of many cases in one statement
made the note grow quadratically (rogatory.apps.rowsecurity.policies.NOTE_OPENED).

PostgreSQL only, like 0001.
"""

from typing import Any

from django.db import migrations

from rogatory.apps.rowsecurity.policies import NOTE_OPENED


def _forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NOTE_OPENED)


class Migration(migrations.Migration):
    dependencies = [("rowsecurity", "0002_more_case_tables")]

    operations = [migrations.RunPython(_forward, migrations.RunPython.noop)]
