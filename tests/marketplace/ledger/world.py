"""A checkout with its orders and payment built by hand, with figures chosen for hand-worked arithmetic, and
the provider's events delivered through the payments webhook path (stored, then processed as the worker
would; the outbox's tasks are left queued, their own suites run them).

The orders record what a review would have recorded (amounts in the buyer's currency, the landed quote's
collection flags, the partner); nothing here prices anything, so the ledger's figures are checked against
numbers written in the tests, not against the pricing engine.
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from decimal import Decimal

from ewtp.money import Money
from marketplace.orders.models import Checkout, Order
from marketplace.payments.models import Payment
from marketplace.payments.processing import webhook_event_process
from marketplace.payments.webhooks import webhook_event_receive
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.payments.conftest import event, signed

ADDRESS_DE = {
    "name": "Anna Schmidt", "street": "Invalidenstraße 117", "city": "Berlin", "postcode": "10115",
    "country": "DE", "phone": "+49 30 1234567", "email": "anna@example.com",
}  # fmt: skip
_numbers = itertools.count(1)


@dataclass
class Sale:
    """One seller's order as a review records it (amounts in the checkout's currency)."""

    items: str
    shipping: str
    taxes: str = "0"
    duties: str = "0"
    fees: str = "0"
    taxes_at_checkout: bool = False
    duties_at_checkout: bool = False
    on_delivery: str = "0"
    incoterm: str = "DAP"
    import_rule: str = "collection_at_sale"
    tax_collected_at_sale: bool = True
    partner: str = "swift"
    landed_currency: str = "EUR"

    @property
    def due_at_checkout(self) -> Decimal:
        due = Decimal(self.items) + Decimal(self.shipping)
        due += Decimal(self.taxes) if self.taxes_at_checkout else 0
        return due + (Decimal(self.duties) if self.duties_at_checkout else 0)


def _order(checkout: Checkout, sale: Sale, *, ship_to: str) -> Order:
    listing = ListingFactory(stock=5)
    total = sale.due_at_checkout + Decimal(sale.on_delivery)
    landed = {
        "destination": ship_to, "currency": sale.landed_currency, "incoterm": sale.incoterm,
        "rule": sale.import_rule, "duties_at_checkout": sale.duties_at_checkout,
        "taxes_at_checkout": sale.taxes_at_checkout, "due_on_delivery": sale.on_delivery, "fees": sale.fees,
        "duties": sale.duties, "taxes": sale.taxes,
    }  # fmt: skip
    line = {
        "listing_id": listing.pk, "title": listing.title, "sku": listing.sku, "quantity": 1,
        "unit_price": "3200.00", "price_currency": "KES", "unit_price_buyer": sale.items,
        "line_total_buyer": sale.items, "hs_code": listing.hs_code, "origin_country": "KE",
        "net_weight_kg": "0.500", "dimensions_cm": ["35", "35", "30"],
        "fx": {"rate": "144.30", "date": "2026-10-30", "source": "Central Bank of Kenya"},
    }  # fmt: skip
    option = {"partner_slug": sale.partner, "service_level": "standard", "price": sale.shipping}
    return Order.objects.create(
        reference=f"EW-TEST-{next(_numbers):04d}-{secrets.token_hex(2).upper()}", checkout=checkout,
        review_version=checkout.review_version, seller=listing.seller, email="anna@example.com",
        currency=checkout.currency, items_amount=Decimal(sale.items), shipping_amount=Decimal(sale.shipping),
        duties_amount=Decimal(sale.duties), taxes_amount=Decimal(sale.taxes), fees_amount=Decimal(sale.fees),
        total_amount=total, due_at_checkout_amount=sale.due_at_checkout,
        due_on_delivery_amount=Decimal(sale.on_delivery), seller_currency="KES",
        seller_items_amount=Decimal("3200.00"), incoterm=sale.incoterm, import_rule=sale.import_rule,
        tax_collected_at_sale=sale.tax_collected_at_sale, ship_to=ship_to, address=ADDRESS_DE,
        shipping_option=option, landed_quote=landed, fx_rates=[],
        snapshot={"lines": [line], "freight_seller_currency": "1731.60", "rounding": "0"},
    )  # fmt: skip


def checkout_placed(*sales: Sale, currency: str = "EUR", ship_to: str = "DE") -> tuple[Payment, list[Order]]:
    """A checkout whose orders (one per sale) wait for a payment of their total, already started."""
    checkout = Checkout.objects.create(
        reference=f"chk_{secrets.token_hex(6)}", email="anna@example.com", currency=currency,
        ship_to=ship_to, address=ADDRESS_DE, review_version=1,
    )  # fmt: skip
    orders = [_order(checkout, sale, ship_to=ship_to) for sale in sales]
    amount = Money.sum((order.due_at_checkout for order in orders), currency)
    payment = Payment.objects.create(
        gateway=Payment.Gateway.TEST, purpose_reference=checkout.reference, amount_minor=amount.minor_units,
        currency=currency, idempotency_key=f"pay-{checkout.reference}", success_url="https://shop.test/done/",
        cancel_url="https://shop.test/review/", provider_session_id=f"cs_{checkout.reference}",
    )  # fmt: skip
    return payment, orders


def deliver(event_type: str, data: dict, *, event_id: str | None = None) -> str:
    """The provider sends an event (signed, received as the webhook view receives it); the worker processes
    it. Returns what processing did ("duplicate" for an event id already received)."""
    payload = event(event_type, data, event_id=event_id)
    stored, _created = webhook_event_receive(
        payload=payload.encode(), signature=signed(payload), provider=Payment.Gateway.TEST
    )
    return webhook_event_process(event_id=stored.pk)


def session_completed(payment: Payment) -> dict:
    return {
        "id": payment.provider_session_id,
        "object": "checkout.session",
        "amount_total": payment.amount_minor,
        "currency": payment.currency.lower(),
        "client_reference_id": payment.reference,
        "metadata": {"payment_reference": payment.reference},
        "payment_intent": f"pi_{payment.pk}",
        "payment_status": "paid",
        "status": "complete",
    }


def dispute_created(payment: Payment, *, amount: int | None = None) -> dict:
    return {
        "id": f"dp_{payment.pk}",
        "object": "dispute",
        "amount": payment.amount_minor if amount is None else amount,
        "currency": payment.currency.lower(),
        "payment_intent": f"pi_{payment.pk}",
        "reason": "fraudulent",
        "status": "needs_response",
    }


def charge_refunded(payment: Payment, *, refunded: int) -> dict:
    """The charge with `refunded` minor units refunded in all (no refund list, as Stripe sends it now)."""
    return {
        "id": f"ch_{payment.pk}",
        "object": "charge",
        "amount": payment.amount_minor,
        "amount_refunded": refunded,
        "currency": payment.currency.lower(),
        "payment_intent": f"pi_{payment.pk}",
        "metadata": {"payment_reference": payment.reference},
        "paid": True,
        "refunded": refunded == payment.amount_minor,
    }
