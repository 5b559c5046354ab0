from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "marketplace.listings"
    label = "listings"

    def ready(self):
        from marketplace.listings import visibility  # noqa: F401 - connects the seller_changed receiver
