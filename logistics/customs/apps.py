from django.apps import AppConfig


class CustomsConfig(AppConfig):
    name = "logistics.customs"
    label = "customs"
    verbose_name = "Customs"
