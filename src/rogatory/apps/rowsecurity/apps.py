from django.apps import AppConfig


class RowsecurityConfig(AppConfig):
    name = "rogatory.apps.rowsecurity"
    label = "rowsecurity"
    default_auto_field = "django.db.models.BigAutoField"
