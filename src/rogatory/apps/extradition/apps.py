from django.apps import AppConfig


class ExtraditionConfig(AppConfig):
    name = "rogatory.apps.extradition"
    label = "extradition"
    default_auto_field = "django.db.models.BigAutoField"
