"""What logistics tells the marketplace. marketplace.orders receives these; logistics never imports it."""

from django.dispatch import Signal

# Sent with `shipment=`, `previous=` (a ShipmentStatus value) and `status=` inside the transaction that moved
# the shipment: accepted by a partner (offered -> pre_transit), then each tracking status change.
shipment_status_changed = Signal()
