from django.apps import AppConfig


class SellersConfig(AppConfig):
    name = "marketplace.sellers"
    label = "sellers"
