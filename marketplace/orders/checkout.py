"""Checkout services: address, shipping, review, and going to payment. Views call these and nothing else.

Nothing the buyer posts is taken as a price, a quantity or a currency of record: quantities come from the
cart (changed only through cart services, within stock), prices from the listings, options from the
partners' quotes, all read here. What the buyer accepts is the review (a priced snapshot, see
snapshots.py); paying checks that it is still the current one and places the orders from it.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ewtp.fx.conversion import RateTable
from marketplace.orders.addresses import address_clean
from marketplace.orders.cart import cart_items
from marketplace.orders.checkout_models import REVIEW_VALID_FOR, Checkout
from marketplace.orders.errors import (
    CheckoutIncompleteError,
    CheckoutNotFoundError,
    CheckoutProblemsError,
    NothingToOrderError,
    ReviewStaleError,
    ShippingChoiceInvalidError,
)
from marketplace.orders.models import Cart, CartItem
from marketplace.orders.placing import orders_place
from marketplace.orders.problems import Problem, line_problems, review_problems
from marketplace.orders.snapshots import review_changes, review_fingerprint, review_snapshot
from marketplace.orders.stock import stock_reserve
from marketplace.pricing.checkout import CheckoutCost, basket_checkout_cost, shipping_option_key
from marketplace.pricing.delivered import BasketLine

logger = logging.getLogger(__name__)


def checkout_reference_new() -> str:
    return f"CO-{secrets.token_urlsafe(18)}"


@dataclass(frozen=True)
class Review:
    """The review page: the current priced snapshot, what changed since the last one, what stops payment."""

    checkout: Checkout
    snapshot: dict
    changes: list[str]
    problems: list[Problem]

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def payable(self) -> bool:
        return not self.blocking and bool(self.snapshot["orders"])


def checkout_get(*, reference: str, cart: Cart | None) -> Checkout:
    """The open checkout `reference` of this cart (a checkout is reached only with its own cart)."""
    checkout = Checkout.objects.filter(reference=reference, cart=cart).first() if cart else None
    if checkout is None:
        raise CheckoutNotFoundError(
            _("This checkout is not yours or has ended."), details={"checkout": reference}
        )
    return checkout


def checkout_open(*, cart: Cart, user, currency: str) -> Checkout:
    """The cart's open checkout, or a new one in `currency`; CheckoutIncompleteError for an empty cart."""
    if not cart.items.exists():
        raise CheckoutIncompleteError(_("Your cart is empty."), details={"cart": "Empty."})
    checkout = Checkout.objects.filter(cart=cart, status=Checkout.Status.OPEN).order_by("-pk").first()
    if checkout is None:
        address = {"email": user.email} if user else {}
        checkout = Checkout.objects.create(
            reference=checkout_reference_new(), cart=cart, user=user, currency=currency, address=address,
            email=user.email if user else "",
        )  # fmt: skip
    return checkout


def checkout_address_set(*, checkout: Checkout, data: dict) -> Checkout:
    """Check and store the delivery address (guests give their e-mail with it). Raises AddressInvalidError."""
    address = address_clean(data, email_required=checkout.user_id is None)
    if checkout.user_id is not None:
        address["email"] = checkout.user.email
    checkout.address, checkout.ship_to, checkout.email = address, address["country"], address["email"]
    checkout.save(update_fields=["address", "ship_to", "email", "updated_at"])
    return checkout


def checkout_currency_set(*, checkout: Checkout, currency: str, convertible: set[str]) -> Checkout:
    """Switch the checkout's currency (one we have rates for); the next review is priced again in it."""
    currency = (currency or "").strip().upper()
    if currency in convertible and currency != checkout.currency:
        checkout.currency = currency
        checkout.save(update_fields=["currency", "updated_at"])
    return checkout


def _lines(items: list[CartItem]) -> list[BasketLine]:
    return [BasketLine(item.listing, item.quantity) for item in items]


def _address_required(checkout: Checkout) -> None:
    if not checkout.address.get("country") or not checkout.ship_to:
        raise CheckoutIncompleteError(
            _("Enter the delivery address first."), details={"address": "Required before shipping."}
        )


def checkout_cost(*, checkout: Checkout, rates: RateTable, on: date) -> CheckoutCost:
    """The cart priced for the checkout's address, currency and shipping choices (each seller's options)."""
    _address_required(checkout)
    items = cart_items(checkout.cart)
    if not items:
        raise CheckoutIncompleteError(_("Your cart is empty."), details={"cart": "Empty."})
    return basket_checkout_cost(
        lines=_lines(items), ship_to=checkout.ship_to, currency=checkout.currency, on=on, rates=rates,
        choices={int(k): v for k, v in checkout.shipping_choices.items()},
        subdivision=checkout.address.get("state") or None,  # its province's or state's own tax
    )  # fmt: skip


def checkout_shipping_set(*, checkout: Checkout, posted: dict, rates: RateTable, on: date) -> Checkout:
    """Store one option per seller from `posted` (`seller_<id>` -> option key), each checked against the
    partners' options for that seller; a seller left out keeps its cheapest. Raises
    ShippingChoiceInvalidError naming the seller's field."""
    cost = checkout_cost(checkout=checkout, rates=rates, on=on)
    choices: dict[str, str] = {}
    problems: dict[str, str] = {}
    for shipment in cost.priced:
        field = f"seller_{shipment.seller_id}"
        wanted = str(posted.get(field) or "")
        keys = [shipping_option_key(option) for option in shipment.options]
        if wanted and wanted not in keys:
            problems[field] = _("Choose one of the options shown.")
        choices[str(shipment.seller_id)] = wanted or keys[0]
    if problems:
        raise ShippingChoiceInvalidError(_("That shipping option is not offered."), details=problems)
    checkout.shipping_choices = choices
    checkout.save(update_fields=["shipping_choices", "updated_at"])
    return checkout


def _review_lines(snapshot: dict) -> set[tuple[int, int]]:
    priced = {(ln["listing_id"], ln["quantity"]) for order in snapshot["orders"] for ln in order["lines"]}
    left_out = {
        (ln["listing_id"], ln["quantity"]) for entry in snapshot["unavailable"] for ln in entry["lines"]
    }
    return priced | left_out


def _review_current(checkout: Checkout, items: list[CartItem]) -> bool:
    """Whether the stored review still stands: younger than REVIEW_VALID_FOR, for the checkout's currency,
    address, shipping choices and the cart's lines as they are now."""
    snapshot = checkout.review
    if snapshot is None or checkout.reviewed_at is None:
        return False
    return (
        timezone.now() - checkout.reviewed_at < REVIEW_VALID_FOR
        and snapshot["currency"] == checkout.currency
        and snapshot["address"] == checkout.address
        and _review_lines(snapshot) == {(item.listing_id, item.quantity) for item in items}
        and all(
            checkout.shipping_choices.get(str(order["seller_id"]), order["shipping_option"]["key"])
            == order["shipping_option"]["key"]
            for order in snapshot["orders"]
        )
    )


def _reprice(checkout: Checkout, *, rates: RateTable, on: date) -> list[str]:
    """Price the checkout again and store the review; what changed for the buyer (also stored)."""
    cost = checkout_cost(checkout=checkout, rates=rates, on=on)
    snapshot = review_snapshot(cost, rates=rates, address=checkout.address)
    changes = review_changes(checkout.review, snapshot)
    if review_fingerprint(snapshot) != review_fingerprint(checkout.review):
        checkout.review_version += 1
        checkout.review = snapshot
    checkout.review_changes = changes
    checkout.reviewed_at = timezone.now()
    checkout.save(update_fields=["review", "review_version", "review_changes", "reviewed_at", "updated_at"])
    return changes


def checkout_review(*, checkout: Checkout, rates: RateTable, on: date) -> Review:
    """The review, priced again when the stored one no longer stands, with the problems of each line."""
    items = cart_items(checkout.cart)
    if not _review_current(checkout, items):
        _reprice(checkout, rates=rates, on=on)
    problems = line_problems(items, ship_to=checkout.ship_to, checkout_id=checkout.pk)
    return Review(
        checkout, checkout.review, list(checkout.review_changes), problems + review_problems(checkout.review)
    )


@dataclass(frozen=True)
class PaymentRequest:
    """What checkout_pay hands to the payment gateway once its transaction has committed."""

    checkout: Checkout
    key: str
    redirect_url: str  # set when this press repeats one already sent to the gateway


def payment_key(checkout: Checkout) -> str:
    """One idempotency key per review version and attempt: pressing Pay twice sends the same key (the
    gateway makes one payment); a new attempt after a declined card, or a new review, gets a new one."""
    return f"checkout:{checkout.reference}:v{checkout.review_version}:a{checkout.attempt}"


@transaction.atomic
def checkout_pay_prepare(
    *, checkout: Checkout, review_version: object, currency: object, rates: RateTable, on: date
) -> PaymentRequest:
    """Check that the review the buyer confirmed (`review_version`, `currency` as posted) is the current
    one and payable, hold the stock, place the pending orders. Raises ReviewStaleError (priced again: the
    buyer sees what changed), CheckoutProblemsError, NothingToOrderError or StockInsufficientError."""
    checkout = Checkout.objects.select_for_update().get(pk=checkout.pk)
    if checkout.status != Checkout.Status.OPEN:
        raise CheckoutIncompleteError(_("This checkout has been paid."), details={"checkout": "Completed."})
    _address_required(checkout)
    items = cart_items(checkout.cart)
    if str(currency or "").upper() != checkout.currency or str(review_version) != str(
        checkout.review_version
    ):
        raise ReviewStaleError(
            _("The currency or the amounts changed since that page was shown: check the review again."),
            details={"review": "Not the current review."},
        )
    version = checkout.review_version
    if not _review_current(checkout, items):
        _reprice(checkout, rates=rates, on=on)
    if checkout.review_version != version:  # the figures changed: the buyer sees them before paying
        raise ReviewStaleError(
            _("We priced your order again: %(changes)s Check the review and pay again.")
            % {"changes": " ".join(checkout.review_changes) or _("the figures changed.")},
            details={"review": checkout.review_changes},
        )
    blocking = [
        p for p in line_problems(items, ship_to=checkout.ship_to, checkout_id=checkout.pk) if p.blocking
    ]
    if blocking:
        raise CheckoutProblemsError(
            " ".join(p.message for p in blocking),
            details={f"lines[{p.listing_id}]": p.message for p in blocking},
        )
    orders = checkout.review["orders"]
    if not orders:
        raise NothingToOrderError(
            _("None of the sellers in your cart can deliver to this address."),
            details={"address": "No route."},
        )
    key = payment_key(checkout)
    if checkout.payment_key == key:
        return PaymentRequest(checkout, key, checkout.payment_redirect_url)
    stock_reserve(
        checkout=checkout,
        lines=[(line["listing_id"], line["quantity"]) for order in orders for line in order["lines"]],
    )
    orders_place(checkout=checkout)
    checkout.payment_key, checkout.payment_reference, checkout.payment_redirect_url = key, "", ""
    checkout.payment_error = ""
    checkout.save(update_fields=["payment_key", "payment_reference", "payment_redirect_url", "payment_error"])
    return PaymentRequest(checkout, key, "")
