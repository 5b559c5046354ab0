"""The cart pages: /cart/ and its forms (add, change a quantity, remove). Thin: one service call each."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ewtp.fx.conversion import fx_rate_table
from ewtp.fx.errors import FxRateNotFoundError
from marketplace.orders.cart import (
    cart_get,
    cart_get_or_create,
    cart_item_add,
    cart_item_remove,
    cart_item_set,
    cart_items,
)
from marketplace.orders.errors import OrdersError
from marketplace.orders.problems import line_problems
from marketplace.orders.sessions import cart_owner
from marketplace.pricing.preferences import buyer_preferences


def _converted(item, rates, currency):
    try:
        return rates.convert(item.listing.price, currency).money * item.quantity
    except FxRateNotFoundError:
        return None


def cart_detail(request):
    cart = cart_get(cart_owner(request))
    items = cart_items(cart)
    rates = fx_rate_table(on=timezone.localdate())
    prefs = buyer_preferences(request, convertible=set(rates.currencies))
    problems = {p.listing_id: p for p in line_problems(items, ship_to=prefs.ship_to, checkout_id=None)}
    rows = [
        {
            "item": item,
            "total": _converted(item, rates, prefs.currency),
            "problem": problems.get(item.listing_id),
        }
        for item in items
    ]
    return render(request, "orders/cart.html", {"rows": rows, "prefs": prefs})


def _back(request):
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/") else "orders:cart"
    )


@require_POST
def cart_add(request):
    cart = cart_get_or_create(cart_owner(request, create=True))
    try:
        item = cart_item_add(
            cart=cart, listing_id=request.POST.get("listing"), quantity=request.POST.get("quantity", 1)
        )
    except OrdersError as exc:
        messages.error(request, exc.message)
        return _back(request)
    messages.success(
        request,
        _("“%(title)s” is in your cart (%(quantity)s).")
        % {"title": item.listing.title, "quantity": item.quantity},
    )
    return redirect("orders:cart")


@require_POST
def cart_update(request):
    cart = cart_get(cart_owner(request))
    listing_id = request.POST.get("listing")
    if cart is None:
        messages.error(request, _("Your cart is empty."))
        return redirect("orders:cart")
    try:
        if request.POST.get("action") == "remove":
            cart_item_remove(cart=cart, listing_id=listing_id)
        else:
            cart_item_set(cart=cart, listing_id=listing_id, quantity=request.POST.get("quantity"))
    except OrdersError as exc:
        messages.error(request, exc.message)
    return redirect("orders:cart")
