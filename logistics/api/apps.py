from django.apps import AppConfig


class PartnerApiConfig(AppConfig):
    name = "logistics.api"
    label = "partner_api"
    verbose_name = "Partner API"
