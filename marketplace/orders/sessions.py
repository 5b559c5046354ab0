"""Where a request's cart and checkout are found: the account's, or the anonymous session's.

An anonymous cart is keyed by a random token kept in the session, not by the session key: log-in cycles
the session key (against session fixation) but keeps the session's data, so the cart is still found to be
merged into the account's."""

from __future__ import annotations

import secrets

from marketplace.orders.cart import CartOwner

CART_SESSION_KEY = "orders_cart_token"
CHECKOUT_SESSION_KEY = "orders_checkout"


def cart_owner(request, *, create: bool = False) -> CartOwner:
    """The request's cart owner; with `create`, an anonymous visitor gets a cart token."""
    if request.user.is_authenticated:
        return CartOwner(user=request.user, session_key="")
    token = request.session.get(CART_SESSION_KEY, "")
    if not token and create:
        token = request.session[CART_SESSION_KEY] = secrets.token_urlsafe(24)
    return CartOwner(user=None, session_key=token)
