"""The cart: services that change it and selectors that read it.

A cart belongs to an account, or to an anonymous session until its owner logs in (cart_merge, called on
user_logged_in). Quantities are limited by stock when they are set; a listing paused or sold out while in
the cart stays in it and is flagged on the next checkout step (problems.py), never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.listings.models import Listing
from marketplace.orders.errors import CartInvalidError, StockInsufficientError
from marketplace.orders.models import Cart, CartItem

MAX_QUANTITY = 999


@dataclass(frozen=True)
class CartOwner:
    """Who a cart is for: a logged-in user, or a session key (created by the view when missing)."""

    user: object | None
    session_key: str


def cart_get(owner: CartOwner) -> Cart | None:
    if owner.user is not None:
        return Cart.objects.filter(user=owner.user).first()
    if not owner.session_key:
        return None
    return Cart.objects.filter(user__isnull=True, session_key=owner.session_key).first()


def cart_get_or_create(owner: CartOwner) -> Cart:
    if owner.user is not None:
        return Cart.objects.get_or_create(user=owner.user)[0]
    return Cart.objects.get_or_create(user=None, session_key=owner.session_key)[0]


def cart_items(cart: Cart | None) -> list[CartItem]:
    """The cart's lines with listing and seller loaded (one query), oldest first."""
    if cart is None:
        return []
    return list(cart.items.select_related("listing__seller__user").order_by("added_at", "id"))


def cart_count(cart: Cart | None) -> int:
    return 0 if cart is None else sum(cart.items.values_list("quantity", flat=True))


def quantity_clean(value: object, *, field: str = "quantity") -> int:
    """A posted quantity as an int from 1 to MAX_QUANTITY, or CartInvalidError naming `field`."""
    try:
        quantity = int(str(value).strip())
    except (TypeError, ValueError):
        raise CartInvalidError(
            _("Quantity must be a whole number."), details={field: _("A whole number, at least 1.")}
        ) from None
    if not 1 <= quantity <= MAX_QUANTITY:
        raise CartInvalidError(
            _("Quantity must be between 1 and %(most)s.") % {"most": MAX_QUANTITY},
            details={field: _("Between 1 and %(most)s.") % {"most": MAX_QUANTITY}},
        )
    return quantity


def _listing_buyable(listing_id: object) -> Listing:
    try:
        listing = Listing.objects.select_related("seller").get(pk=int(str(listing_id)), is_visible=True)
    except (Listing.DoesNotExist, TypeError, ValueError):
        raise CartInvalidError(
            _("This item is not for sale."), details={"listing": _("Not an item for sale.")}
        ) from None
    return listing


def _stock_check(listing: Listing, quantity: int) -> None:
    if quantity > listing.stock:
        message = (
            _("Only %(stock)s of “%(title)s” left.") % {"stock": listing.stock, "title": listing.title}
            if listing.stock
            else _("“%(title)s” is sold out.") % {"title": listing.title}
        )
        raise StockInsufficientError(message, details={f"lines[{listing.pk}]": listing.stock})


@transaction.atomic
def cart_item_add(*, cart: Cart, listing_id: object, quantity: object = 1) -> CartItem:
    """Add `quantity` of a listing for sale (to what the cart already holds), within its stock.

    Only the listing id and the quantity are read from the buyer: the price is the listing's own, read
    when the checkout is priced."""
    quantity = quantity_clean(quantity)
    listing = _listing_buyable(listing_id)
    item = CartItem.objects.select_for_update().filter(cart=cart, listing=listing).first()
    wanted = quantity + (item.quantity if item else 0)
    _stock_check(listing, wanted)
    if item is None:
        item = CartItem.objects.create(cart=cart, listing=listing, quantity=wanted)
    else:
        item.quantity = wanted
        item.save(update_fields=["quantity"])
    return item


@transaction.atomic
def cart_item_set(*, cart: Cart, listing_id: object, quantity: object) -> CartItem:
    """Set a line's quantity (0 removes it; see cart_item_remove), within the listing's stock."""
    quantity = quantity_clean(quantity, field=f"lines[{listing_id}]")
    item = (
        CartItem.objects.select_for_update()
        .select_related("listing")
        .filter(cart=cart, listing_id=_int_or_none(listing_id))
        .first()
    )
    if item is None:
        raise CartInvalidError(
            _("That item is not in your cart."), details={"listing": _("Not in the cart.")}
        )
    _stock_check(item.listing, quantity)
    item.quantity = quantity
    item.save(update_fields=["quantity"])
    return item


def cart_item_remove(*, cart: Cart, listing_id: object) -> None:
    CartItem.objects.filter(cart=cart, listing_id=_int_or_none(listing_id)).delete()


def _int_or_none(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


@transaction.atomic
def cart_merge(*, session_key: str, user) -> Cart | None:
    """Move the session's anonymous cart into the user's: quantities add up, capped by stock (a line the
    stock cannot cover keeps what the stock allows, at least 1 so the buyer sees it flagged)."""
    anonymous = Cart.objects.select_for_update().filter(user__isnull=True, session_key=session_key).first()
    if anonymous is None:
        return None
    account = Cart.objects.select_for_update().filter(user=user).first()
    if account is None:
        anonymous.user, anonymous.session_key = user, ""
        anonymous.save(update_fields=["user", "session_key"])
        return anonymous
    existing = {item.listing_id: item for item in account.items.select_related("listing")}
    for item in anonymous.items.select_related("listing"):
        mine = existing.get(item.listing_id)
        if mine is None:
            item.cart = account
            item.save(update_fields=["cart"])
            continue
        total = mine.quantity + item.quantity
        mine.quantity = max(1, min(total, mine.listing.stock, MAX_QUANTITY))
        mine.save(update_fields=["quantity"])
    anonymous.delete()
    return account
