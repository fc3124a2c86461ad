from django.apps import AppConfig


class ProceedingsConfig(AppConfig):
    name = "rogatory.apps.proceedings"
    label = "proceedings"
    default_auto_field = "django.db.models.BigAutoField"
