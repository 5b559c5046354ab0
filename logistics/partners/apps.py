from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "logistics.partners"
    label = "partners"
    verbose_name = "Logistics partners"
