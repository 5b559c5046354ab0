from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "marketplace.orders"
    label = "orders"

    def ready(self):
        from marketplace.orders import (
            receivers,  # noqa: F401 - connects the signal receivers
            shipment_events,  # noqa: F401 - orders follow their shipments
        )
