"""Reading orders: a buyer's, a seller's, one by reference for whoever may see it."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.orders.links import order_token_valid
from marketplace.orders.models import Order


def orders_of_buyer(*, user) -> QuerySet[Order]:
    """The buyer's orders (placed while logged in), newest first, without those never paid for."""
    return (
        Order.objects.filter(buyer=user)
        .exclude(status__in=["pending_payment", "cancelled"])
        .select_related("seller")
    )


def orders_of_seller(*, seller_id: int) -> QuerySet[Order]:
    """The seller's orders that were paid (pending and cancelled ones are the buyer's business)."""
    return (
        Order.objects.filter(seller_id=seller_id)
        .exclude(status__in=["pending_payment", "cancelled"])
        .prefetch_related("lines")
    )


def order_for_viewer(*, reference: str, user, token: str) -> Order | None:
    """The order `reference` if the viewer may see it: its buyer logged in, or a valid signed link."""
    order = (
        Order.objects.select_related("seller", "checkout")
        .prefetch_related("lines", "events")
        .filter(reference=reference)
        .first()
    )
    if order is None:
        return None
    if user.is_authenticated and order.buyer_id == user.pk:
        return order
    return order if order_token_valid(reference=reference, token=token) else None
