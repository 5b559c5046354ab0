from django.apps import AppConfig


class ReconciliationConfig(AppConfig):
    name = "marketplace.reconciliation"
    label = "reconciliation"
