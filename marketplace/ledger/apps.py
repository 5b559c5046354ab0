from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "marketplace.ledger"
    label = "ledger"

    def ready(self):
        from marketplace.ledger import receivers  # noqa: F401 - business events post to the journal
