"""Going to payment: the checkout checked and its orders placed (checkout_pay_prepare, one transaction),
then the payment started at the gateway outside any lock, with the review's idempotency key."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import F

from ewtp.fx.conversion import RateTable
from ewtp.money import Money
from marketplace.orders.checkout import checkout_pay_prepare
from marketplace.orders.checkout_models import Checkout
from marketplace.payments.errors import PaymentExpiredError
from marketplace.payments.services import payment_start


def checkout_pay(
    *,
    checkout: Checkout,
    review_version: object,
    currency: object,
    rates: RateTable,
    on: date,
    success_url: str,
    cancel_url: str,
) -> str:
    """The URL of the gateway's page for the accepted review's amount due at checkout. Pressing Pay twice
    (or again after a declined card) returns the same page: the same key makes the same payment.

    Raises what checkout_pay_prepare raises, and payments' errors (PaymentExpiredError starts a new attempt
    on the next press)."""
    request = checkout_pay_prepare(
        checkout=checkout, review_version=review_version, currency=currency, rates=rates, on=on
    )
    if request.redirect_url:
        return request.redirect_url
    checkout = request.checkout
    review = checkout.review
    count = sum(line["quantity"] for order in review["orders"] for line in order["lines"])
    amount = Money(Decimal(review["totals"]["due_at_checkout"]), review["currency"])
    try:
        payment, url = payment_start(
        purpose_reference=checkout.reference, amount=amount, customer_email=checkout.email,
        description=f"EWTP: {count} item(s) from {len(review['orders'])} seller(s)",
        success_url=success_url, cancel_url=cancel_url, transfer_group=checkout.reference,
        idempotency_key=request.key,
        )  # fmt: skip
    except PaymentExpiredError:
        # The gateway's page lapsed: the next press starts a new payment under a new key.
        Checkout.objects.filter(pk=checkout.pk, payment_key=request.key).update(
            attempt=F("attempt") + 1, payment_key="", payment_reference="", payment_redirect_url=""
        )
        raise
    Checkout.objects.filter(pk=checkout.pk, payment_key=request.key).update(
        payment_reference=payment.reference, payment_redirect_url=url
    )
    return url
