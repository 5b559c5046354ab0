from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "logistics.dispatch"
    label = "dispatch"
    verbose_name = "Shipments and dispatch"
