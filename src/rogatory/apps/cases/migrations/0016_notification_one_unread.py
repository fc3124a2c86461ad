"""One unread notice per user, case and queue (duplicates could be written under row
security, where the writer cannot see a colleague's notice)."""

from typing import Any

from django.conf import settings
from django.db import migrations, models


def _read_older_duplicates(apps: Any, schema_editor: Any) -> None:
    # Keep the newest unread notice of each (user, case, queue) unread; the older copies are
    # marked read at their own time, so nothing is deleted and the constraint can be added.
    notification = apps.get_model("cases", "Notification")
    seen: set[tuple[int, int, str]] = set()
    rows = notification.objects.filter(read_at__isnull=True).order_by("-created_at", "-id")
    for row in rows.iterator():
        key = (row.user_id, row.case_id, row.queue)
        if key in seen:
            notification.objects.filter(pk=row.pk).update(read_at=row.created_at)
        else:
            seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_communication_status_kinds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_read_older_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(
                condition=models.Q(("read_at__isnull", True)),
                fields=("user", "case", "queue"),
                name="notification_one_unread",
            ),
        ),
    ]
