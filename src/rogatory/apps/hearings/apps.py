from django.apps import AppConfig


class HearingsConfig(AppConfig):
    name = "rogatory.apps.hearings"
    label = "hearings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The exchange sits below the hearings and cannot import them: it is handed the
        # handler that applies a received hearing communication (``exchange.arrivals``).
        from rogatory.apps.exchange.arrivals import arrival_handler_register
        from rogatory.apps.hearings.services.inbox import hearing_message_arrived

        arrival_handler_register("hearings", hearing_message_arrived)
