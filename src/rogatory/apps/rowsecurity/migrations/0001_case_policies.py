"""Row-level security on the case tables (docs/decisions/0006-row-level-security.md).

PostgreSQL only: SQLite has no row security, and the embedded node has one local user base
where the selectors are the only check.
"""

from typing import Any

from django.db import migrations

from rogatory.apps.rowsecurity.policies import disable_sql, enable_sql


def _run(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_passkey"),
        ("cases", "0010_nationality_follow_ups"),
    ]

    operations = [
        migrations.RunPython(_run(enable_sql()), _run(disable_sql())),
    ]
