"""Reconciliation against the payment provider: what it reported, where each reading stopped, and the cases
an operator looks at.

- ProviderRecord: one of the provider's balance transactions (or payouts) as received, once per provider id
  (a unique constraint: a duplicated record, a rerun of the same window, is counted once). Amounts are the
  provider's signed integers (Stripe's units, marketplace.payments.amounts) in the settlement `currency`;
  `presentment_*` is what the buyer was charged in, when the provider tells it.
- ReconciliationCursor: per provider and stream, the window being read and the last record committed in it.
  It moves in the same database transaction as each page of records, so a crash loses nothing and a resumed
  run reads nothing twice.
- ReconciliationRun: one reading, its window (cursors before and after), status and totals per currency.
- ReconciliationCase: a mismatch, once per (provider, kind, subject), open until an operator resolves it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Provider(models.TextChoices):
    # The same values as Payment.Gateway: a provider's records reconcile that gateway's payments.
    STRIPE = "stripe", "Stripe"
    TEST = "test", _("Built-in test gateway")


class Stream(models.TextChoices):
    BALANCE_TRANSACTIONS = "balance_transactions", _("Balance transactions")
    PAYOUTS = "payouts", _("Payouts")


class ReconciliationRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    provider = models.CharField(max_length=10, choices=Provider.choices)
    # Unix seconds, as the provider's `created`: the window is (created_after, created_until].
    window_start = models.BigIntegerField(null=True, blank=True)
    window_end = models.BigIntegerField(null=True, blank=True)
    # Each stream's cursor when the run began and where it stood when it ended.
    cursor_before = models.JSONField(default=dict, blank=True)
    cursor_after = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING, db_index=True)
    # {"EUR": {"count": 2, "amount": "110.00", "fee": "3.49", "net": "106.51"}, ...} of the balance records
    # this run recorded first (a rerun of the same window totals nothing); payout objects under "payouts".
    totals = models.JSONField(default=dict, blank=True)
    records_read = models.PositiveIntegerField(default=0)
    records_new = models.PositiveIntegerField(default=0)
    cases_opened = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.provider} run #{self.pk} {self.status}"


class ReconciliationCursor(models.Model):
    provider = models.CharField(max_length=10, choices=Provider.choices)
    stream = models.CharField(max_length=30, choices=Stream.choices)
    # Everything created up to here (unix seconds) has been read and committed.
    created_after = models.BigIntegerField(default=0)
    # The window being read (its end), and the last record committed in it (newest first, as providers list).
    window_end = models.BigIntegerField(null=True, blank=True)
    starting_after = models.CharField(max_length=100, blank=True)
    # A run holds the cursor until then, so two runs never read the same stream at once (a crashed run's
    # lease lapses).
    leased_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "stream"], name="reconciliation_cursor_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}/{self.stream} after {self.created_after}"

    def as_dict(self) -> dict:
        return {
            "created_after": self.created_after,
            "window_end": self.window_end,
            "starting_after": self.starting_after,
        }


class ProviderRecord(models.Model):
    provider = models.CharField(max_length=10, choices=Provider.choices)
    provider_id = models.CharField(max_length=100)
    object = models.CharField(max_length=30, help_text="balance_transaction or payout")
    type = models.CharField(max_length=40, help_text="charge, refund, adjustment, payout...")
    amount = models.BigIntegerField(help_text="Signed, provider units of the settlement currency.")
    fee = models.BigIntegerField(default=0)
    net = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3, help_text="Settlement currency, as sent (upper case).")
    exchange_rate = models.DecimalField(max_digits=24, decimal_places=12, null=True, blank=True)
    presentment_amount = models.BigIntegerField(null=True, blank=True)
    presentment_currency = models.CharField(max_length=3, blank=True)
    source_id = models.CharField(max_length=100, blank=True, db_index=True)
    source_type = models.CharField(max_length=30, blank=True)
    charge_id = models.CharField(max_length=100, blank=True, db_index=True)
    payment_intent_id = models.CharField(max_length=100, blank=True, db_index=True)
    created = models.BigIntegerField(help_text="Unix seconds, the provider's.")
    raw = models.JSONField()
    # What it matched on the platform; `transaction` is the ledger's posting of it (posting 7).
    payment = models.ForeignKey(
        "payments.Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="provider_records"
    )
    refund = models.ForeignKey(
        "payments.Refund", null=True, blank=True, on_delete=models.PROTECT, related_name="provider_records"
    )
    # A Connect transfer to a seller (Stripe's `transfer` balance transaction): the payout it paid.
    payout = models.ForeignKey(
        "payouts.Payout", null=True, blank=True, on_delete=models.PROTECT, related_name="provider_records"
    )
    transaction = models.ForeignKey(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    run = models.ForeignKey(ReconciliationRun, on_delete=models.PROTECT, related_name="records")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "provider_id"], name="provider_record_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.type} {self.amount} {self.currency}"


class CaseKind(models.TextChoices):
    MISSING_AT_PROVIDER = "missing_at_provider", _("Missing at the provider")
    MISSING_ON_PLATFORM = "missing_on_platform", _("Missing on the platform")
    AMOUNT_DIFFERS = "amount_differs", _("Amount differs")
    CURRENCY_DIFFERS = "currency_differs", _("Currency differs")
    FEE_DIFFERS = "fee_differs", _("Fee differs")
    REFUND_NOT_RECORDED = "refund_not_recorded", _("Refund not recorded")
    DISPUTE = "dispute", _("Dispute")
    UNKNOWN_CURRENCY = "unknown_currency", _("Unknown currency")
    # The provider and the platform agree, but the ledger lacks the posting the platform's record implies
    # (an order's sale, a payout or its settlement).
    NOT_POSTED = "not_posted", _("Not posted in the ledger")


class ReconciliationCase(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    provider = models.CharField(max_length=10, choices=Provider.choices)
    kind = models.CharField(max_length=30, choices=CaseKind.choices, db_index=True)
    # What the case is about, so a rerun opens nothing new: the provider record's id, "payment:<ref>",
    # "refund:<ref>" or "payout:<ref>".
    subject = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    description = models.CharField(max_length=500)
    # The two sides, as text with their currency ("12.50 EUR"), for people and the CSV.
    provider_amount = models.CharField(max_length=60, blank=True)
    platform_amount = models.CharField(max_length=60, blank=True)
    record = models.ForeignKey(
        ProviderRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    payment = models.ForeignKey(
        "payments.Payment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconciliation_cases",
    )
    refund = models.ForeignKey(
        "payments.Refund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconciliation_cases",
    )
    payout = models.ForeignKey(
        "payouts.Payout",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconciliation_cases",
    )
    run = models.ForeignKey(ReconciliationRun, on_delete=models.PROTECT, related_name="cases")
    resolution_note = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "kind", "subject"], name="reconciliation_case_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(resolution_note=""),
                name="reconciliation_case_resolved_with_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject} ({self.status})"
