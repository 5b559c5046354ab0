from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "ewtp.outbox"
    label = "outbox"
    verbose_name = "Outbox (tasks that must not be lost)"
