"""The checkout pages, without JavaScript: /checkout/ (start), address, shipping, review, pay, and the page
the payment gateway sends the buyer back to. Each view parses the request, calls one service and renders."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ewtp.countries import country_name
from ewtp.errors import ApplicationError
from ewtp.fx.conversion import fx_rate_table
from marketplace.orders.addresses import address_lines
from marketplace.orders.cart import cart_get
from marketplace.orders.checkout import (
    checkout_address_set,
    checkout_cost,
    checkout_currency_set,
    checkout_get,
    checkout_open,
    checkout_review,
    checkout_shipping_set,
)
from marketplace.orders.checkout_models import Checkout
from marketplace.orders.errors import (
    CheckoutIncompleteError,
    CheckoutNotFoundError,
    OrdersError,
    ReviewStaleError,
)
from marketplace.orders.forms import AddressForm, form_errors_apply
from marketplace.orders.links import order_path
from marketplace.orders.paying import checkout_pay
from marketplace.orders.problems import seller_problem
from marketplace.orders.sessions import CHECKOUT_SESSION_KEY, cart_owner
from marketplace.pricing.preferences import buyer_preferences


def _rates():
    return fx_rate_table(on=timezone.localdate())


def with_checkout(view):
    """Find the request's open checkout (by the session's reference and the request's own cart) and pass
    it on; without one, back to the cart."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        cart = cart_get(cart_owner(request))
        try:
            checkout = checkout_get(reference=request.session.get(CHECKOUT_SESSION_KEY, ""), cart=cart)
        except CheckoutNotFoundError:
            messages.info(request, _("Start the checkout from your cart."))
            return redirect("orders:cart")
        if checkout.status != Checkout.Status.OPEN:
            return redirect("orders:checkout_complete", reference=checkout.reference)
        try:
            return view(request, checkout, *args, **kwargs)
        except CheckoutIncompleteError as exc:
            messages.info(request, exc.message)
            return redirect("orders:cart" if "cart" in exc.details else "orders:checkout_address")

    return wrapped


@require_POST
def checkout_start(request):
    cart = cart_get(cart_owner(request))
    rates = _rates()
    prefs = buyer_preferences(request, convertible=set(rates.currencies))
    if cart is None:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    user = request.user if request.user.is_authenticated else None
    try:
        checkout = checkout_open(cart=cart, user=user, currency=prefs.currency)
    except OrdersError as exc:
        messages.info(request, exc.message)
        return redirect("orders:cart")
    request.session[CHECKOUT_SESSION_KEY] = checkout.reference
    return redirect("orders:checkout_address")


@with_checkout
def checkout_address(request, checkout):
    guest = checkout.user_id is None
    locale = to_locale(get_language() or "en")
    if request.method == "POST":
        form = AddressForm(request.POST, locale=locale, guest=guest)
        try:
            checkout_address_set(checkout=checkout, data=request.POST)
        except OrdersError as exc:
            form.is_valid()
            form_errors_apply(form, exc)
        else:
            return redirect("orders:checkout_shipping")
    else:
        form = AddressForm(initial=checkout.address or _address_initial(request), locale=locale, guest=guest)
    return render(request, "orders/checkout_address.html", {"form": form, "checkout": checkout, "step": 1})


def _address_initial(request) -> dict:
    rates_free = buyer_preferences(request, convertible=set())
    user = request.user if request.user.is_authenticated else None
    return {"country": rates_free.ship_to, "name": getattr(user, "full_name", "")}


@with_checkout
def checkout_shipping(request, checkout):
    rates = _rates()
    on = rates.on
    if request.method == "POST":
        try:
            checkout_shipping_set(checkout=checkout, posted=request.POST, rates=rates, on=on)
        except OrdersError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("orders:checkout_review")
    cost = checkout_cost(checkout=checkout, rates=rates, on=on)
    sellers = [
        {
            "shipment": shipment,
            "seller": shipment.lines[0].listing.seller,
            "problem": None
            if shipment.error is None
            else seller_problem(
                seller_id=shipment.seller_id,
                seller_name=shipment.lines[0].listing.seller.display_name,
                error=shipment.error,
            ),
        }
        for shipment in cost.shipments
    ]
    context = {"checkout": checkout, "sellers": sellers, "cost": cost, "step": 2,
               "ship_to_name": country_name(checkout.ship_to, to_locale(get_language() or "en"))}  # fmt: skip
    return render(request, "orders/checkout_shipping.html", context)


@with_checkout
def checkout_review_page(request, checkout):
    rates = _rates()
    review = checkout_review(checkout=checkout, rates=rates, on=rates.on)
    context = {
        "checkout": checkout,
        "review": review,
        "snapshot": review.snapshot,
        "address": address_lines(checkout.address),
        "currencies": rates.currencies,
        "step": 3,
    }
    return render(request, "orders/checkout_review.html", context)


@require_POST
@with_checkout
def checkout_currency(request, checkout):
    rates = _rates()
    checkout_currency_set(
        checkout=checkout, currency=request.POST.get("currency", ""), convertible=set(rates.currencies)
    )
    return redirect("orders:checkout_review")


@require_POST
@with_checkout
def checkout_pay_view(request, checkout):
    rates = _rates()
    if checkout.language != request.LANGUAGE_CODE:
        checkout.language = request.LANGUAGE_CODE
        checkout.save(update_fields=["language"])
    complete = settings.SITE_URL + reverse("orders:checkout_complete", args=[checkout.reference])
    cancel = settings.SITE_URL + reverse("orders:checkout_review")
    try:
        url = checkout_pay(
            checkout=checkout, review_version=request.POST.get("review_version"),
            currency=request.POST.get("currency"), rates=rates, on=rates.on, success_url=complete,
            cancel_url=cancel,
        )  # fmt: skip
    except ReviewStaleError as exc:
        messages.warning(request, exc.message)
        return redirect("orders:checkout_review")
    except ApplicationError as exc:  # problems, stock gone, nothing to order, the gateway refusing
        messages.error(request, exc.message)
        return redirect("orders:checkout_review")
    return redirect(url)


def checkout_complete(request, reference: str):
    """Where the gateway sends the buyer back: their orders once the payment is confirmed, else a page that
    refreshes itself (no JavaScript) until it is."""
    checkout = Checkout.objects.filter(reference=reference).first()
    if checkout is None:
        return render(request, "orders/checkout_complete.html", {"checkout": None}, status=404)
    cart = cart_get(cart_owner(request))
    mine = (cart is not None and checkout.cart_id == cart.pk) or (
        request.user.is_authenticated and checkout.user_id == request.user.pk
    )
    orders = list(checkout.orders.filter(review_version=checkout.review_version).select_related("seller"))
    if mine and checkout.status == Checkout.Status.COMPLETED:
        request.session.pop(CHECKOUT_SESSION_KEY, None)
        links = [(order, order_path(order.reference, signed=checkout.user_id is None)) for order in orders]
        if len(links) == 1:
            return redirect(links[0][1])
        return render(request, "orders/checkout_complete.html", {"checkout": checkout, "links": links})
    return render(request, "orders/checkout_complete.html", {"checkout": checkout, "links": [], "mine": mine})
