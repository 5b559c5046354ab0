from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "logistics.tracking"
    label = "tracking"
    verbose_name = "Tracking"
