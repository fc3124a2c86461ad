from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "rogatory.apps.exchange"
    label = "exchange"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The audit app sits below the exchange app and cannot import it: it is handed the
        # node's keys and the registry here (checkpoints and witnessing).
        from rogatory.apps.audit.services.node import node_keys_source_register
        from rogatory.apps.exchange.audit_keys import ExchangeNodeKeys

        node_keys_source_register(ExchangeNodeKeys())
        # Registers the check --deploy warnings about unsafe exchange settings.
        from rogatory.apps.exchange import checks  # noqa: F401
