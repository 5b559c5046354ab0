"""Placing orders: one per seller of the accepted review, pending payment, with everything the buyer was
shown recorded on it. A few queries whatever the number of lines (orders, lines and events in bulk)."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.utils.translation import gettext_noop

from marketplace.orders.checkout_models import Checkout
from marketplace.orders.models import Order, OrderEvent, OrderLine, OrderStatus
from marketplace.orders.status import order_transition

# Crockford's base32 without look-alikes: 16 characters of 32 are 80 random bits, read aloud on the phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def order_reference_new() -> str:
    """An unguessable order reference, e.g. EW-7K3M-X2QD-9PZB-4TNV."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(16))
    return "EW-" + "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def _fx_rates(entry: dict) -> list[dict]:
    """Every rate the order's figures were converted with, its date and source (each once)."""
    rates = {}
    for line in entry["lines"]:
        fx = line["fx"]
        rates[(line["price_currency"], fx["rate"])] = {"from": line["price_currency"], **fx}
    shipping = entry["shipping_option"]
    rates[(shipping["partner_currency"], "shipping")] = {
        "from": shipping["partner_currency"], "date": shipping["fx_rate_date"],
        "source": shipping["fx_source"],
        "stale": shipping["fx_stale"], "for": "shipping",
    }  # fmt: skip
    return list(rates.values())


def _order(checkout: Checkout, entry: dict, review: dict) -> Order:
    amounts = {f"{name}_amount": Decimal(entry[name]) for name in (
        "items", "shipping", "duties", "taxes", "fees", "total", "due_at_checkout", "due_on_delivery"
    )}  # fmt: skip
    return Order(
        reference=order_reference_new(), checkout=checkout, review_version=checkout.review_version,
        seller_id=entry["seller_id"], buyer_id=checkout.user_id, email=checkout.email,
        currency=review["currency"], **amounts, seller_currency=entry["seller_currency"],
        seller_items_amount=Decimal(entry["seller_items"]), incoterm=entry["incoterm"],
        import_rule=entry["import_rule"], tax_collected_at_sale=entry["tax_collected_at_sale"],
        ship_to=review["ship_to"], address=review["address"], shipping_option=entry["shipping_option"],
        landed_quote=entry["landed"], fx_rates=_fx_rates(entry), snapshot=entry,
    )  # fmt: skip


def _lines(order: Order, entry: dict) -> list[OrderLine]:
    return [
        OrderLine(
            order=order,
            listing_id=line["listing_id"],
            position=position,
            title=line["title"],
            sku=line["sku"],
            quantity=line["quantity"],
            unit_price=Decimal(line["unit_price"]),
            unit_price_buyer=Decimal(line["unit_price_buyer"]),
            line_total_buyer=Decimal(line["line_total_buyer"]),
            fx_rate=Decimal(line["fx"]["rate"]),
            fx_rate_date=line["fx"]["date"],
            fx_source=line["fx"]["source"],
            hs_code=line["hs_code"],
            origin_country=line["origin_country"],
            net_weight_kg=Decimal(line["net_weight_kg"]),
        )
        for position, line in enumerate(entry["lines"], start=1)
    ]


def orders_place(*, checkout: Checkout) -> list[Order]:
    """The pending orders of the checkout's current review: those placed before for it (a retry after a
    declined card), else new ones. Pending orders of an earlier review are cancelled. Call inside the
    checkout's transaction, with the checkout row locked."""
    pending = Order.objects.filter(checkout=checkout, status=OrderStatus.PENDING_PAYMENT)
    for stale in pending.exclude(review_version=checkout.review_version):
        order_transition(
            order=stale,
            action="cancel",
            actor_label="system",
            reason=gettext_noop("Priced again before payment."),
        )
    current = list(pending.filter(review_version=checkout.review_version).order_by("pk"))
    if current:
        return current
    review = checkout.review
    orders = Order.objects.bulk_create(_order(checkout, entry, review) for entry in review["orders"])
    OrderLine.objects.bulk_create(
        line for order, entry in zip(orders, review["orders"], strict=True) for line in _lines(order, entry)
    )
    OrderEvent.objects.bulk_create(
        OrderEvent(
            order=order,
            action="place",
            from_status=OrderStatus.PENDING_PAYMENT,
            to_status=OrderStatus.PENDING_PAYMENT,
            actor_id=checkout.user_id,
            actor_label="buyer",
            reason=gettext_noop("Order placed from the accepted review."),
        )
        for order in orders
    )
    return orders
