"""One gateway interface, two gateways: Stripe (Checkout Sessions) and the built-in test gateway.

Both give the buyer a hosted page to pay on, and both report what happened the same way: Stripe-shaped
events, signed as Stripe signs them, received by `marketplace.payments.webhooks.webhook_event_receive` (the
handler behind /webhooks/stripe/). A gateway never changes a payment's status itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.conf import settings

from marketplace.payments.errors import PaymentGatewayUnavailableError

if TYPE_CHECKING:
    from marketplace.payments.models import Payment, Refund


@dataclass(frozen=True)
class HostedCheckout:
    session_id: str
    url: str  # where the buyer pays


@dataclass(frozen=True)
class RefundResult:
    provider_refund_id: str
    status: str  # a Refund.Status value
    failure_message: str = ""


class Gateway(Protocol):
    name: str  # a Payment.Gateway value

    def checkout_start(self, *, payment: Payment) -> HostedCheckout:
        """Create the hosted page for `payment`; idempotent per payment (a retry gets the same page)."""

    def refund_create(self, *, refund: Refund) -> RefundResult:
        """Ask the provider to refund `refund`; idempotent per refund."""


def gateway_get(name: str | None = None) -> Gateway:
    """The gateway called `name` (a payment's own, for its refunds), or the configured one: Stripe when
    settings.STRIPE_SECRET_KEY is set, else the built-in test gateway."""
    from marketplace.payments.gateways.builtin import BuiltinTestGateway
    from marketplace.payments.gateways.stripe_checkout import StripeGateway

    if name is None:
        name = StripeGateway.name if settings.STRIPE_SECRET_KEY else BuiltinTestGateway.name
    if name == StripeGateway.name:
        if not settings.STRIPE_SECRET_KEY:
            raise PaymentGatewayUnavailableError("Stripe is not configured (STRIPE_SECRET_KEY is unset).")
        return StripeGateway()
    if not settings.TEST_GATEWAY_WEBHOOK_SECRET:
        # Production has no development secret: without Stripe keys it takes no payment at all, rather than
        # accepting the test cards.
        raise PaymentGatewayUnavailableError(
            "No payment gateway: set STRIPE_SECRET_KEY (or TEST_GATEWAY_WEBHOOK_SECRET for the test gateway)."
        )
    return BuiltinTestGateway()
