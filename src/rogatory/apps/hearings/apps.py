from django.apps import AppConfig


class HearingsConfig(AppConfig):
    name = "rogatory.apps.hearings"
    label = "hearings"
    default_auto_field = "django.db.models.BigAutoField"
