from django.apps import AppConfig


class CustomsConfig(AppConfig):
    name = "logistics.customs"
    label = "customs"
    verbose_name = "Customs"

    def ready(self) -> None:
        from logistics.customs import checks  # noqa: F401  (registers the system checks)
