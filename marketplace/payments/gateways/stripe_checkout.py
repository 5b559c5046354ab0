"""The Stripe gateway: Checkout Sessions (Stripe's hosted page, PaymentIntents underneath) and refunds,
through the official SDK and the platform's one client (`marketplace.payments.stripe_client`).

Separate charges and transfers: each checkout's PaymentIntent carries its `transfer_group`, so each seller's
share is transferred later. Every call carries an idempotency key derived from the business operation (the
payment's or the refund's unguessable reference), so a retried task or a double click never charges or
refunds twice, and keys never collide across databases sharing one Stripe test account.
"""

from __future__ import annotations

import stripe

from marketplace.payments.amounts import provider_amount
from marketplace.payments.errors import (
    PaymentNotRefundableError,
    PaymentProviderError,
    PaymentProviderUnreachableError,
)
from marketplace.payments.gateways import HostedCheckout, RefundResult
from marketplace.payments.models import Payment, Refund
from marketplace.payments.stripe_client import stripe_client

# Stripe's refund statuses -> ours; requires_action and pending both wait for charge.refunded.
_REFUND_STATUSES = {"succeeded": Refund.Status.SUCCEEDED, "failed": Refund.Status.FAILED}
_REFUND_STATUSES["canceled"] = Refund.Status.FAILED
METADATA_LIMIT = 500  # characters per metadata value


def _provider_error(exc: stripe.StripeError) -> PaymentProviderError:
    transient = isinstance(exc, stripe.APIConnectionError | stripe.RateLimitError) or (
        isinstance(exc, stripe.APIError) and (exc.http_status or 500) >= 500
    )
    kind = PaymentProviderUnreachableError if transient else PaymentProviderError
    message = getattr(exc, "user_message", None) or str(exc) or exc.__class__.__name__
    return kind(f"Stripe: {message}", details={"stripe_code": exc.code or ""})


class StripeGateway:
    name = Payment.Gateway.STRIPE

    def checkout_start(self, *, payment: Payment) -> HostedCheckout:
        metadata = {"payment_reference": payment.reference, "purpose_reference": payment.purpose_reference}
        params = {
            "mode": "payment",
            "client_reference_id": payment.reference,
            "customer_email": payment.customer_email or None,
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": payment.currency.lower(),
                        "unit_amount": provider_amount(payment.amount),
                        "product_data": {"name": payment.description[:METADATA_LIMIT] or payment.reference},
                    },
                }
            ],
            "payment_intent_data": {"transfer_group": payment.transfer_group, "metadata": metadata},
            "metadata": metadata,
            "success_url": payment.success_url,
            "cancel_url": payment.cancel_url,
        }
        params = {key: value for key, value in params.items() if value is not None}
        try:
            session = stripe_client().v1.checkout.sessions.create(
                params=params, options={"idempotency_key": f"checkout-session-{payment.reference}"}
            )
        except stripe.StripeError as exc:
            raise _provider_error(exc) from exc
        return HostedCheckout(session_id=session.id, url=session.url)

    def refund_create(self, *, refund: Refund) -> RefundResult:
        payment = refund.payment
        if not payment.provider_payment_intent_id:
            raise PaymentNotRefundableError(
                "Stripe has not reported this payment's PaymentIntent yet.",
                details={"payment": payment.reference},
            )
        params = {
            "payment_intent": payment.provider_payment_intent_id,
            "amount": provider_amount(refund.amount),
            "metadata": {
                "refund_reference": refund.reference,
                "payment_reference": payment.reference,
                "order_reference": refund.order_reference,
                "reason": refund.reason[:METADATA_LIMIT],
            },
        }
        try:
            created = stripe_client().v1.refunds.create(
                params=params, options={"idempotency_key": f"refund-{refund.reference}"}
            )
        except stripe.StripeError as exc:
            raise _provider_error(exc) from exc
        return RefundResult(
            provider_refund_id=created.id,
            status=_REFUND_STATUSES.get(created.status, Refund.Status.PENDING),
            failure_message=getattr(created, "failure_reason", None) or "",
        )
