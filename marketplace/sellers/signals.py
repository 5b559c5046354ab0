"""What the seller domain tells others. Listings listens, so sellers never imports listings."""

from django.dispatch import Signal

# Sent with `seller=` inside the transaction that changed the seller's status or country: what buyers may
# see of the seller's goods depends on both.
seller_changed = Signal()
