"""Payouts: a seller's available money in one currency, paid out to the seller in their own currency.

    created ──transfer made──> paid
       │  └──account restricted / refused for the account──> held ──operator retries──> created
       └──refused for another reason──> failed (its ledger posting reversed: the money is available again)

A payout is written in one database transaction with its ledger posting ("payout:<reference>": Dr
SELLER_PAYABLE, FX legs into the seller's currency, Cr PAYOUTS) and, with Stripe, the outbox message of its
transfer; without Stripe it is recorded as paid at once. A held payout keeps its posting (the money has left
the seller's available balance and waits in PAYOUTS) and blocks the seller's next payouts until it is
retried, so restricted money is never split over many held payouts.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ewtp.fx.sources import rate_source_label
from ewtp.money import Money
from marketplace.payouts.hold_reasons import hold_reason_shown


class Payout(models.Model):
    class Status(models.TextChoices):
        CREATED = "created", pgettext_lazy("payout", "Created")
        PAID = "paid", pgettext_lazy("payout", "Paid")
        HELD = "held", pgettext_lazy("payout", "Held")
        FAILED = "failed", pgettext_lazy("payout", "Failed")

    class Method(models.TextChoices):
        STRIPE = "stripe", _("Stripe Connect transfer")
        RECORDED = "recorded", _("Recorded (no payment provider)")

    reference = models.CharField(max_length=40, unique=True)
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="payouts")
    method = models.CharField(max_length=10, choices=Method.choices)
    # What left the seller's available balance, in the currency the buyers paid in...
    source_currency = models.CharField(max_length=3)
    source_amount = models.DecimalField(max_digits=20, decimal_places=4)
    # ... and what the seller receives, in their own currency, at this rate (seller units per source unit).
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    fx_rate = models.DecimalField(max_digits=24, decimal_places=12)
    fx_rate_date = models.DateField()
    fx_source = models.CharField(max_length=120, blank=True, help_text="Empty when no conversion was needed.")
    # The platform's fee on the orders this payout covers (source currency), for the seller's statement.
    platform_fee_amount = models.DecimalField(max_digits=20, decimal_places=4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CREATED, db_index=True)
    hold_reason = models.TextField(blank=True, help_text="Shown to the seller and to operators.")
    # A hold reason with a value inside: its message code and values (hold_reasons.py), so the seller reads
    # the sentence in their language; empty for reasons translated as stored, and for older rows.
    hold_reason_params = models.JSONField(default=dict, blank=True)
    failure_message = models.TextField(blank=True)
    # The checkout's transfer group when every order covered comes from one checkout, else the payout's own.
    transfer_group = models.CharField(max_length=100, blank=True)
    # Indexed: reconciliation finds a page of Stripe transfers' payouts by it.
    provider_transfer_id = models.CharField(max_length=100, blank=True, db_index=True)
    # A retry after a refusal is a new attempt with a new idempotency key; a redelivered task reuses its own.
    attempt = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(source_amount__gt=0), name="payout_source_positive"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payout_amount_positive"),
        ]
        indexes = [models.Index(fields=["seller", "status"], name="payout_seller_status")]

    def __str__(self) -> str:
        return self.reference

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def source_money(self) -> Money:
        return Money(self.source_amount, self.source_currency)

    @property
    def platform_fee(self) -> Money:
        return Money(self.platform_fee_amount, self.source_currency)

    @property
    def fx_rate_shown(self) -> str:
        """The rate without trailing zeros, never in exponent form: "144.3", "0.0069300069"."""
        return format(self.fx_rate.normalize(), "f")

    @property
    def hold_reason_shown(self) -> str:
        """Why it is held, in the active language."""
        return hold_reason_shown(reason=self.hold_reason, params=self.hold_reason_params)

    @property
    def fx_source_shown(self) -> str:
        """The rate's source as people read it, in the active language ("ECB": "European Central Bank")."""
        return rate_source_label(self.fx_source)

    @property
    def idempotency_key(self) -> str:
        return f"payout-{self.reference}-{self.attempt}"


class PayoutItem(models.Model):
    """An order whose released money a payout covers (each release is covered by one payout only)."""

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="items")
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="+")
    release = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, related_name="payout_item")
    amount = models.DecimalField(max_digits=20, decimal_places=4, help_text="Released, source currency.")
    platform_fee_amount = models.DecimalField(max_digits=20, decimal_places=4)
    transfer_group = models.CharField(max_length=100, blank=True, help_text="The order's checkout.")

    class Meta:
        ordering = ["payout", "id"]

    def __str__(self) -> str:
        return f"{self.payout}: {self.order_id}"
