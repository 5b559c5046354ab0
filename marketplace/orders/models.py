"""The orders app's models, one module per domain: carts, checkouts (with stock reservations), orders."""

from marketplace.orders.cart_models import Cart, CartItem
from marketplace.orders.checkout_models import Checkout, StockReservation
from marketplace.orders.order_models import Order, OrderEmail, OrderEvent, OrderLine, OrderStatus

__all__ = [
    "Cart",
    "CartItem",
    "Checkout",
    "Order",
    "OrderEmail",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "StockReservation",
]
