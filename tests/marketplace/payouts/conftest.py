"""Fixtures for the payouts tests: a Kenyan seller paid in KES, orders delivered some days ago, and their
money posted to the ledger as the chart's sale (posting 1) and refund (posting 2) would post it.

The worked figures: a buyer pays EUR 110.00 for EUR 100.00 of items and EUR 10.00 of shipping; the
platform's fee is 5 % of the items, EUR 5.00, so the seller's share is 100.00 - 5.00 = EUR 95.00. The rate
of 2026-10-30 (tests/marketplace/conftest.py) is 1 EUR = 144.30 KES (the Central Bank of Kenya's, manual).
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ewtp.money import Money
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.posting import credit, debit, post
from marketplace.orders.models import Checkout, Order
from marketplace.orders.status import order_transition
from marketplace.payments import stripe_client
from tests.marketplace.payments.stripe_recorded import RecordedHTTPClient
from tests.marketplace.sellers.factories import SellerFactory

_numbers = itertools.count(1)

# Shapes as Stripe returns them (trimmed to the fields read).
ACCOUNT_OK = {
    "id": "acct_1Seller",
    "object": "account",
    "payouts_enabled": True,
    "capabilities": {"transfers": "active"},
    "requirements": {"disabled_reason": None, "past_due": []},
}
ACCOUNT_RESTRICTED = ACCOUNT_OK | {
    "payouts_enabled": False,
    "capabilities": {"transfers": "inactive"},
    "requirements": {"disabled_reason": "requirements.past_due", "past_due": ["individual.id_number"]},
}


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def kes(amount: str) -> Money:
    return Money(amount, "KES")


@pytest.fixture(autouse=True)
def _payout_settings(settings, rates):
    settings.STRIPE_SECRET_KEY = ""
    settings.PAYOUT_HOLD_DAYS = 14
    settings.PLATFORM_FEE_BASIS_POINTS = 500


@pytest.fixture
def seller():
    """A verified Kenyan seller who is paid in KES and has no Stripe account."""
    return SellerFactory(verified=True, country="KE", default_currency="KES")


def order_delivered(seller, *, days_ago: int, items: str = "100.00", shipping: str = "10.00") -> Order:
    """A EUR order of `seller`, paid, dispatched and delivered `days_ago` days ago, its sale posted."""
    n = next(_numbers)
    checkout = Checkout.objects.create(reference=f"CHK-{n:04d}", currency="EUR")
    items_, shipping_ = Decimal(items), Decimal(shipping)
    order = Order.objects.create(
        reference=f"EW-TEST-{n:04d}", checkout=checkout, review_version=1, seller=seller,
        email="anna@example.com", currency="EUR", items_amount=items_, shipping_amount=shipping_,
        duties_amount=0, taxes_amount=0, fees_amount=0, total_amount=items_ + shipping_,
        due_at_checkout_amount=items_ + shipping_, due_on_delivery_amount=0, seller_currency="KES",
        seller_items_amount=items_ * Decimal("144.30"), incoterm="DAP", ship_to="DE", address={},
        shipping_option={"partner_slug": "swift"}, fx_rates=[], snapshot={},
    )  # fmt: skip
    payment = f"pay_{order.reference}"
    order_transition(order=order, action="pay", actor_label="payments", external_reference=payment)
    for action in ("dispatch", "deliver"):
        order_transition(order=order, action=action, actor_label="tracking")
    order.events.filter(action="deliver").update(at=timezone.now() - timedelta(days=days_ago))
    sale_post(order)
    return order


def sale_post(order: Order) -> None:
    """Posting 1 of the chart, as the ledger's receiver of the order becoming paid posts it (5 % fee): a
    replay of it where that receiver is connected, the sale itself where it is not."""
    items, shipping = eur(str(order.items_amount)), eur(str(order.shipping_amount))
    fee = Money(order.items_amount * 5 / 100, "EUR").round()
    post(
        event_key=f"payment:pay_{order.reference}:{order.reference}",
        kind="payment",
        legs=[
            debit(K.BUYER_CLEARING, items + shipping),
            credit(K.SELLER_PENDING, items - fee, party=order.seller_id),
            credit(K.PLATFORM_FEES, fee),
            credit(K.SHIPPING_PAYABLE, shipping, party="swift"),
        ],
        seller_id=order.seller_id,
        reference=order.reference,
    )


def refund_post(order: Order, *, seller_part: str, fee: str, shipping: str, released: bool) -> None:
    """Posting 2 of the chart: the seller's share from pending or payable, fee and shipping given back."""
    seller_account = K.SELLER_PAYABLE if released else K.SELLER_PENDING
    total = eur(seller_part) + eur(fee) + eur(shipping)
    post(
        event_key=f"refund:rf_{order.reference}",
        kind="refund",
        legs=[
            debit(seller_account, eur(seller_part), party=order.seller_id),
            debit(K.PLATFORM_FEES, eur(fee)),
            debit(K.SHIPPING_PAYABLE, eur(shipping), party="swift"),
            credit(K.REFUNDS, total),
        ],
        seller_id=order.seller_id,
        reference=order.reference,
    )


@pytest.fixture
def stripe_recorded(settings, monkeypatch):
    """Stripe configured, its SDK answering from recorded responses: install({(method, path): (status,
    body)}) returns the client, whose `requests` the test reads."""
    settings.STRIPE_SECRET_KEY = "sk_test_recorded"

    def install(responses):
        client = RecordedHTTPClient(responses)
        monkeypatch.setattr(stripe_client, "http_client", client)
        return client

    return install


@pytest.fixture
def processing(celery_eager, django_capture_on_commit_callbacks):
    """Run what commits would run (the outbox's relay, then the Celery task, in-process) inside `with`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
