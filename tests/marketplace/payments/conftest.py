"""Fixtures for the payments tests: a payment started on the built-in test gateway, and helpers to sign and
post Stripe-shaped events the way Stripe does (HMAC written here, not the code under test)."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time

import pytest

from ewtp.money import Money
from marketplace.payments.models import Payment
from marketplace.payments.services import payment_start

WEBHOOK_SECRET = "whsec_test_payments_suite"
_event_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _payment_settings(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.TEST_GATEWAY_WEBHOOK_SECRET = WEBHOOK_SECRET


def start(amount: str = "25.00", currency: str = "EUR", key: str = "checkout-1", **overrides) -> Payment:
    values = {
        "purpose_reference": "chk_1",
        "amount": Money(amount, currency),
        "customer_email": "li.wei@example.com",
        "description": "Kiondo basket",
        "success_url": "https://shop.test/checkout/done/?session={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://shop.test/checkout/review/",
        "transfer_group": "chk_1",
        "idempotency_key": key,
    } | overrides
    payment, _ = payment_start(**values)
    return payment


def signed(payload: str, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """Stripe's scheme, written out: t=<unix>,v1=hex(HMAC-SHA256(secret, "<t>.<payload>"))."""
    timestamp = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(event_type: str, data: dict, *, event_id: str | None = None) -> str:
    body = {
        "id": event_id or f"evt_{next(_event_numbers):06d}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": data},
    }
    return json.dumps(body)


def post_event(client, payload: str, *, signature: str | None = None):
    return client.post(
        "/webhooks/stripe/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(payload) if signature is None else signature,
    )


def session_completed(payment: Payment, *, amount: int | None = None, currency: str | None = None, paid=True):
    return {
        "id": payment.provider_session_id or "cs_test_x",
        "object": "checkout.session",
        "amount_total": payment.amount_minor if amount is None else amount,
        "currency": (currency or payment.currency).lower(),
        "client_reference_id": payment.reference,
        "metadata": {"payment_reference": payment.reference},
        "payment_intent": "pi_1",
        "payment_status": "paid" if paid else "unpaid",
        "status": "complete",
    }


def intent_failed(payment: Payment, *, message: str = "Your card was declined.") -> dict:
    return {
        "id": "pi_1",
        "object": "payment_intent",
        "amount": payment.amount_minor,
        "currency": payment.currency.lower(),
        "metadata": {"payment_reference": payment.reference},
        "last_payment_error": {"type": "card_error", "message": message},
        "status": "requires_payment_method",
    }


def charge_refunded(payment: Payment, *, refunded: int, charge_id: str = "ch_1") -> dict:
    return {
        "id": charge_id,
        "object": "charge",
        "amount": payment.amount_minor,
        "amount_refunded": refunded,
        "currency": payment.currency.lower(),
        "payment_intent": "pi_1",
        "paid": True,
        "refunded": refunded == payment.amount_minor,
    }


class SignalLog:
    """Every payments signal sent during a test, in order: (name, kwargs without the sender)."""

    def __init__(self):
        self.sent: list[tuple[str, dict]] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.sent]


@pytest.fixture
def signal_log():
    from marketplace.payments import signals

    log = SignalLog()
    receivers = {}
    for name in ("payment_succeeded", "payment_failed", "payment_refunded", "payment_disputed"):

        def receiver(sender, signal=None, _name=name, **kwargs):
            log.sent.append((_name, kwargs))

        receivers[name] = receiver
        getattr(signals, name).connect(receiver, weak=False)
    yield log
    for name, receiver in receivers.items():
        getattr(signals, name).disconnect(receiver)


@pytest.fixture
def processing(celery_eager, django_capture_on_commit_callbacks):
    """Run what commits would run (the outbox's relay, then the Celery task, in-process) inside `with`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
