"""Row-level security on the other tables that hold case data: deadlines, communications,
notifications, extradition, hearings, screening (docs/decisions/0006-row-level-security.md).

PostgreSQL only, like 0001.
"""

from typing import Any

from django.db import migrations

from rogatory.apps.rowsecurity.policies import more_disable_sql, more_enable_sql


def _run(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("rowsecurity", "0001_case_policies"),
        ("cases", "0013_communication_kinds"),
        ("extradition", "0002_detention_consultation_speciality"),
        ("hearings", "0001_initial"),
        ("screening", "0002_band"),
        ("proceedings", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(more_enable_sql()), _run(more_disable_sql())),
    ]
