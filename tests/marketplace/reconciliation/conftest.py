"""Fixtures for reconciliation: payments as the payments app leaves them once paid, and Stripe's list
endpoints replayed through the one Stripe client's `http_client` slot."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from marketplace.payments import stripe_client
from marketplace.payments.models import Payment, Refund
from tests.marketplace.reconciliation.stripe_pages import CREATED, PagedStripeHTTPClient

# Runs happen one day after the records were created, so every record is inside the window.
NOW = datetime.fromtimestamp(CREATED, UTC) + timedelta(days=1)
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _reconciliation_settings(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_recorded"
    settings.TEST_GATEWAY_WEBHOOK_SECRET = "whsec_test_reconciliation"
    settings.RECONCILIATION_PAGE_SIZE = 2


@pytest.fixture
def stripe_pages(monkeypatch):
    """Install Stripe's list endpoints: stripe_pages(balance_transactions=[...], payouts=[...])."""
    # The SDK retries a 500 itself, sleeping between tries: here the first failure is the one that counts.
    monkeypatch.setattr(stripe_client, "MAX_NETWORK_RETRIES", 0)

    def install(*, balance_transactions=(), payouts=(), failures=None):
        client = PagedStripeHTTPClient(
            {"/v1/balance_transactions": list(balance_transactions), "/v1/payouts": list(payouts)}, failures
        )
        monkeypatch.setattr(stripe_client, "http_client", client)
        return client

    return install


def paid(
    amount_minor: int,
    currency: str = "EUR",
    *,
    charge: str = "",
    intent: str = "",
    gateway: str = Payment.Gateway.STRIPE,
    succeeded_at: datetime | None = None,
    status: str = Payment.Status.SUCCEEDED,
) -> Payment:
    n = next(_numbers)
    return Payment.objects.create(
        gateway=gateway,
        purpose_reference=f"chk_{n}",
        amount_minor=amount_minor,
        currency=currency,
        status=status,
        provider_charge_id=charge,
        provider_payment_intent_id=intent,
        idempotency_key=f"recon-{n}",
        success_url="https://shop.test/done/",
        cancel_url="https://shop.test/review/",
        succeeded_at=succeeded_at or datetime.fromtimestamp(CREATED, UTC),
    )


def refunded(
    payment: Payment, amount_minor: int, *, refund_id: str, status=Refund.Status.SUCCEEDED
) -> Refund:
    n = next(_numbers)
    return Refund.objects.create(
        payment=payment,
        amount_minor=amount_minor,
        currency=payment.currency,
        reason="Damaged in transit",
        status=status,
        provider_refund_id=refund_id,
        idempotency_key=f"recon-refund-{n}",
        counted=True,
    )
