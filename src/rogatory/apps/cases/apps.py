from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "rogatory.apps.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rogatory.apps.cases import receivers  # noqa: F401  (connects the signals)
