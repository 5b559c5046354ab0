"""The built-in test gateway: Stripe test mode on a machine with no keys, so `make run` can sell.

Its hosted page is ours (/payments/test/<reference>/, no JavaScript) and takes Stripe's test cards:
- 4242 4242 4242 4242 succeeds;
- 4000 0000 0000 0002 is declined (the buyer sees the message and may try again);
- 4000 0025 0000 3155 asks for an authentication step first (a second page: Complete or Fail).
What happens is reported as Stripe-shaped events, signed as Stripe signs them, to the same handler as
/webhooks/stripe/ (`webhook_event_receive`), so the payment moves through exactly the code Stripe's events
take, processed by the same Celery task. Refunds succeed at once and report charge.refunded.

Like Stripe it keeps a balance history of its own (BuiltinGatewaySettlement): a record when a payment succeeds
(the gross, a fee of FEE_BASIS_POINTS, settled in the payment's currency) and one when a refund goes through,
which reconciliation reads as it reads Stripe's balance transactions.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.payments.amounts import provider_amount
from marketplace.payments.gateways import HostedCheckout, RefundResult
from marketplace.payments.models import Payment, Refund
from marketplace.payments.settlement_models import BuiltinGatewaySettlement

CARD_SUCCEEDS = "4242424242424242"
CARD_DECLINED = "4000000000000002"
CARD_AUTHENTICATES = "4000002500003155"
DECLINE_MESSAGE = "Your card was declined."
AUTHENTICATION_FAILED_MESSAGE = (
    "We are unable to authenticate your payment method. "
    "Please choose a different payment method and try again."
)
# The gateway's fee on each charge, in basis points of the gross (rounded half up), as a card processor takes.
FEE_BASIS_POINTS = 290


class CardOutcome(StrEnum):
    SUCCEEDED = "succeeded"
    DECLINED = "declined"
    REQUIRES_ACTION = "requires_action"
    UNKNOWN_CARD = "unknown_card"


def _intent_id(payment: Payment) -> str:
    return "pi_test_" + payment.reference.removeprefix("pay_")


def _charge_id(payment: Payment) -> str:
    return "ch_test_" + payment.reference.removeprefix("pay_")


class BuiltinTestGateway:
    name = Payment.Gateway.TEST

    def checkout_start(self, *, payment: Payment) -> HostedCheckout:
        # Derived from the payment, as Stripe's idempotency key makes its session: a retry gets the same one.
        path = reverse("payments:test_checkout", args=[payment.reference])
        session_id = "cs_test_" + payment.reference.removeprefix("pay_")
        return HostedCheckout(session_id=session_id, url=settings.SITE_URL + path)

    def refund_create(self, *, refund: Refund) -> RefundResult:
        refund_id = "re_test_" + secrets.token_urlsafe(18)
        # Reported once the refund's new state has committed, as Stripe reports it after answering.
        transaction.on_commit(lambda: _refunded_deliver(refund_pk=refund.pk), robust=True)
        _refund_settle(refund, refund_id=refund_id)
        return RefundResult(provider_refund_id=refund_id, status=Refund.Status.SUCCEEDED)


# -- the hosted page's decisions -----------------------------------------------------------------------


def hosted_card_submit(*, payment: Payment, card_number: str) -> CardOutcome:
    """The buyer submitted `card_number` on the hosted page: report what the card does, as Stripe would."""
    number = "".join(ch for ch in card_number if ch.isdigit())
    if number == CARD_SUCCEEDS:
        _completed_deliver(payment)
        return CardOutcome.SUCCEEDED
    if number == CARD_DECLINED:
        _failed_deliver(payment, message=DECLINE_MESSAGE, code="card_declined")
        return CardOutcome.DECLINED
    if number == CARD_AUTHENTICATES:
        _event_deliver("payment_intent.requires_action", _intent(payment, status="requires_action"))
        return CardOutcome.REQUIRES_ACTION
    return CardOutcome.UNKNOWN_CARD


def hosted_authentication_finish(*, payment: Payment, approved: bool) -> CardOutcome:
    """The buyer completed (or failed) the authentication step."""
    if approved:
        _completed_deliver(payment)
        return CardOutcome.SUCCEEDED
    code = "payment_intent_authentication_failure"
    _failed_deliver(payment, message=AUTHENTICATION_FAILED_MESSAGE, code=code)
    return CardOutcome.DECLINED


# -- Stripe-shaped events ------------------------------------------------------------------------------


def _intent(payment: Payment, *, status: str, error: dict | None = None) -> dict:
    return {
        "id": _intent_id(payment),
        "object": "payment_intent",
        "amount": provider_amount(payment.amount),
        "currency": payment.currency.lower(),
        "status": status,
        "transfer_group": payment.transfer_group,
        "metadata": {"payment_reference": payment.reference},
        "last_payment_error": error,
    }


def _charge_settle(payment: Payment) -> None:
    """The gateway's balance record of a successful charge: once per payment, whatever is replayed."""
    gross = provider_amount(payment.amount)
    fee = provider_amount((payment.amount * Decimal(FEE_BASIS_POINTS) / Decimal(10_000)).round())
    BuiltinGatewaySettlement.objects.get_or_create(
        provider_id="txn_test_" + payment.reference.removeprefix("pay_"),
        defaults={
            "type": BuiltinGatewaySettlement.Type.CHARGE,
            "amount": gross,
            "fee": fee,
            "net": gross - fee,
            "currency": payment.currency,
            "presentment_amount": gross,
            "presentment_currency": payment.currency,
            "source_id": _charge_id(payment),
            "charge_id": _charge_id(payment),
            "payment_intent_id": _intent_id(payment),
            "created": timezone.now(),
        },
    )


def _refund_settle(refund: Refund, *, refund_id: str) -> None:
    """The gateway's balance record of a refund that went through (no fee is given back, as with Stripe)."""
    amount = -provider_amount(refund.amount)
    BuiltinGatewaySettlement.objects.get_or_create(
        provider_id="txn_test_" + refund_id.removeprefix("re_test_"),
        defaults={
            "type": BuiltinGatewaySettlement.Type.REFUND,
            "amount": amount,
            "fee": 0,
            "net": amount,
            "currency": refund.currency,
            "presentment_amount": amount,
            "presentment_currency": refund.currency,
            "source_id": refund_id,
            "charge_id": _charge_id(refund.payment),
            "payment_intent_id": _intent_id(refund.payment),
            "created": timezone.now(),
        },
    )


def _completed_deliver(payment: Payment) -> None:
    _charge_settle(payment)
    session = {
        "id": payment.provider_session_id,
        "object": "checkout.session",
        "amount_total": provider_amount(payment.amount),
        "currency": payment.currency.lower(),
        "client_reference_id": payment.reference,
        "customer_email": payment.customer_email,
        "metadata": {"payment_reference": payment.reference},
        "mode": "payment",
        "payment_intent": _intent_id(payment),
        "payment_status": "paid",
        "status": "complete",
    }
    _event_deliver("checkout.session.completed", session)


def _failed_deliver(payment: Payment, *, message: str, code: str) -> None:
    error = {"type": "card_error", "code": code, "message": message}
    _event_deliver(
        "payment_intent.payment_failed", _intent(payment, status="requires_payment_method", error=error)
    )


def _refunded_deliver(*, refund_pk: int) -> None:
    refund = Refund.objects.select_related("payment").get(pk=refund_pk)
    payment = refund.payment
    refunds = payment.refunds.filter(
        status=Refund.Status.SUCCEEDED, provider_refund_id__startswith="re_test_"
    )
    total = sum(provider_amount(r.amount) for r in refunds)
    charge = {
        "id": _charge_id(payment),
        "object": "charge",
        "amount": provider_amount(payment.amount),
        "amount_refunded": total,
        "currency": payment.currency.lower(),
        "paid": True,
        "payment_intent": _intent_id(payment),
        "refunded": total >= provider_amount(payment.amount),
        "transfer_group": payment.transfer_group,
        "metadata": {"payment_reference": payment.reference},
        "refunds": {
            "object": "list",
            "data": [
                {
                    "id": r.provider_refund_id,
                    "object": "refund",
                    "amount": provider_amount(r.amount),
                    "currency": r.currency.lower(),
                    "status": "succeeded",
                    "metadata": {"refund_reference": r.reference},
                }
                for r in refunds
            ],
        },
    }
    _event_deliver("charge.refunded", charge)


def webhook_signature(payload: str, *, secret: str, timestamp: int) -> str:
    """Stripe's scheme: t=<unix time>,v1=HMAC-SHA256(secret, "<t>.<payload>") in hex."""
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _event_deliver(event_type: str, data: dict) -> None:
    from marketplace.payments.webhooks import webhook_event_receive, webhook_secret

    now = int(time.time())
    event = {
        "id": "evt_test_" + secrets.token_urlsafe(18),
        "object": "event",
        "type": event_type,
        "created": now,
        "livemode": False,
        "data": {"object": data},
    }
    payload = json.dumps(event)
    signature = webhook_signature(payload, secret=webhook_secret(), timestamp=now)
    webhook_event_receive(payload=payload.encode(), signature=signature, provider=Payment.Gateway.TEST)
