"""Carts: what a buyer (a session, or an account) means to buy, one line per listing, from any sellers."""

from django.conf import settings
from django.db import models

from marketplace.listings.models import Listing


class Cart(models.Model):
    """An account's cart, or an anonymous session's (merged into the account's on log-in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="cart"
    )
    session_key = models.CharField(max_length=40, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # A session holds one anonymous cart; an account's cart is found by its user.
            models.UniqueConstraint(
                fields=["session_key"],
                condition=models.Q(user__isnull=True) & ~models.Q(session_key=""),
                name="cart_one_per_session",
            ),
        ]

    def __str__(self):
        return f"Cart {self.pk} of {self.user or 'a visitor'}"


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "listing"], name="cart_item_one_per_listing"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="cart_item_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.listing_id}"
