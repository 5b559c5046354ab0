from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ewtp.api"
    label = "api"
    verbose_name = "API (idempotency keys)"

    def ready(self):
        # Registers the bearer scheme with drf-spectacular.
        from ewtp.api import schema  # noqa: F401
