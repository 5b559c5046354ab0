"""A checkout: the buyer's way from cart to payment (address, shipping, review), and the stock it holds.

The review is a priced snapshot (JSON) of what the buyer is shown: every line in their currency, each
seller's shipping option, duties and taxes with the landed-cost quote behind them. Paying accepts exactly
that snapshot; a review older than REVIEW_VALID_FOR, or made for another currency or address, is priced
again and shown again before any payment starts.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models

from marketplace.listings.models import Listing
from marketplace.orders.cart_models import Cart

REVIEW_VALID_FOR = timedelta(minutes=30)
RESERVATION_VALID_FOR = timedelta(minutes=15)


class Checkout(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Completed"

    # Unguessable: a guest's checkout is found by it (the payment gateway's return link carries it).
    reference = models.CharField(max_length=40, unique=True)
    cart = models.ForeignKey(Cart, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True)
    # The language the buyer paid in: their e-mails about the orders are written in it.
    language = models.CharField(max_length=16, blank=True, default="")
    currency = models.CharField(max_length=3)
    ship_to = models.CharField(max_length=2, blank=True)
    address = models.JSONField(default=dict, blank=True)
    # seller id (as a string: JSON keys) -> "partner_slug:service_level"
    shipping_choices = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    review = models.JSONField(null=True, blank=True)
    review_version = models.PositiveIntegerField(default=0)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # What changed when the review was last priced again (shown to the buyer before paying).
    review_changes = models.JSONField(default=list, blank=True)
    # Each press of "Pay" after a declined card is a new attempt: a new idempotency key, a new payment.
    attempt = models.PositiveIntegerField(default=1)
    payment_reference = models.CharField(max_length=64, blank=True)
    payment_redirect_url = models.URLField(max_length=2000, blank=True)
    payment_key = models.CharField(max_length=120, blank=True)
    payment_error = models.CharField(max_length=300, blank=True)
    paid_payment_reference = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference


class StockReservation(models.Model):
    """Items held for a checkout that went to payment, until `expires_at`; taken when the payment succeeds."""

    class State(models.TextChoices):
        ACTIVE = "active", "Active"
        TAKEN = "taken", "Taken"
        RELEASED = "released", "Released"

    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="reservations")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    expires_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["listing", "state", "expires_at"], name="reservation_held")]

    def __str__(self):
        return f"{self.quantity} x {self.listing_id} for {self.checkout_id}"
