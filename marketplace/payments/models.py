"""Payments, refunds and the provider events that move them.

A Payment is one charge for one checkout (`purpose_reference`, a string: payments knows nothing of orders).
Its status moves only through provider events (webhooks, or the built-in test gateway's events, which have
the same shape), never from the buyer's browser, and a payment that succeeded never goes back:

    created -> requires_action -> succeeded -> partially_refunded -> refunded
       |  \\____________________/     |  \\___________________________/
       +-> failed (the buyer may retry: failed -> succeeded)   +-> disputed
       +-> expired (the hosted page lapsed before any payment)

Amounts are integer minor units of the ISO 4217 exponent (JPY 0, EUR 2, KWD 3), as `Money.minor_units`
gives them; what a provider takes (Stripe's units differ for ISK) is worked out at the gateway.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ewtp.money import Money


def payment_reference_new() -> str:
    """Unguessable: the reference is in the test gateway's page URL and in the provider's metadata."""
    return "pay_" + secrets.token_urlsafe(18)


def refund_reference_new() -> str:
    return "rf_" + secrets.token_urlsafe(18)


class Payment(models.Model):
    class Gateway(models.TextChoices):
        STRIPE = "stripe", "Stripe"
        TEST = "test", _("Built-in test gateway")

    class Status(models.TextChoices):
        CREATED = "created", _("Created")
        REQUIRES_ACTION = "requires_action", _("Requires action")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")
        REFUNDED = "refunded", _("Refunded")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
        DISPUTED = "disputed", _("Disputed")

    reference = models.CharField(max_length=40, unique=True, default=payment_reference_new, editable=False)
    gateway = models.CharField(max_length=10, choices=Gateway.choices)
    purpose_reference = models.CharField(
        max_length=100, db_index=True, help_text="What is paid for: the checkout's reference."
    )
    amount_minor = models.BigIntegerField(help_text="ISO 4217 minor units of `currency`.")
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CREATED, db_index=True)
    amount_refunded_minor = models.BigIntegerField(
        default=0, help_text="What the provider reports as refunded in total; it never goes down."
    )
    description = models.CharField(max_length=500, blank=True)
    customer_email = models.EmailField(blank=True)
    # Separate charges and transfers: each seller's share is transferred later within this group.
    transfer_group = models.CharField(max_length=100, blank=True)
    success_url = models.URLField(max_length=2000)
    cancel_url = models.URLField(max_length=2000)
    checkout_url = models.URLField(
        max_length=2000, blank=True, help_text="The gateway's hosted page, where the buyer pays."
    )
    provider_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    provider_payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    provider_charge_id = models.CharField(max_length=255, blank=True, db_index=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    failure_message = models.TextField(blank=True, help_text="The provider's last decline message.")
    succeeded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_minor__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(amount_refunded_minor__gte=0)
                & models.Q(amount_refunded_minor__lte=models.F("amount_minor")),
                name="payment_refunded_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.status}"

    @property
    def amount(self) -> Money:
        return Money.from_minor_units(self.amount_minor, self.currency)

    @property
    def amount_refunded(self) -> Money:
        return Money.from_minor_units(self.amount_refunded_minor, self.currency)

    @property
    def has_succeeded(self) -> bool:
        """Paid at some point (refunds and disputes come after a success)."""
        return self.status in SUCCEEDED_STATUSES


# A payment in one of these has been paid: no failure, expiry or late event sets it back.
SUCCEEDED_STATUSES = frozenset(
    {
        Payment.Status.SUCCEEDED,
        Payment.Status.PARTIALLY_REFUNDED,
        Payment.Status.REFUNDED,
        Payment.Status.DISPUTED,
    }
)
REFUNDABLE_STATUSES = frozenset({Payment.Status.SUCCEEDED, Payment.Status.PARTIALLY_REFUNDED})


class Refund(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    reference = models.CharField(max_length=40, unique=True, default=refund_reference_new, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    reason = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    provider_refund_id = models.CharField(max_length=255, blank=True, db_index=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order_reference = models.CharField(max_length=100, blank=True, db_index=True)
    failure_message = models.TextField(blank=True)
    # Set once the provider's charge.refunded has counted this refund in payment.amount_refunded_minor, so
    # payment_refunded names it exactly once.
    counted = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_minor__gt=0), name="refund_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.status}"

    @property
    def amount(self) -> Money:
        return Money.from_minor_units(self.amount_minor, self.currency)


class WebhookEvent(models.Model):
    """A provider event as received, stored once by its id, processed by the `webhooks` queue."""

    class Provider(models.TextChoices):
        STRIPE = "stripe", "Stripe"
        TEST = "test", _("Built-in test gateway")

    provider = models.CharField(max_length=10, choices=Provider.choices)
    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField()
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="webhook_events"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    error = models.TextField(blank=True, help_text="Why processing failed or changed nothing.")

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


# The test gateway's settlement records live in their own module; imported here so Django registers them.
from marketplace.payments.settlement_models import BuiltinGatewaySettlement  # noqa: E402, F401
