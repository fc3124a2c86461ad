from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rogatory.apps.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rogatory.apps.accounts import receivers  # noqa: F401  (connects the signals)
