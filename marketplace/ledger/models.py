"""The double-entry journal: accounts per currency, transactions of entries that balance per currency.

- An entry's `amount` is signed: a debit is positive, a credit negative. A transaction balances when, for each
  currency, its entries sum to zero. Python checks it before writing (marketplace.ledger.posting); on
  PostgreSQL a deferred constraint trigger checks it again at commit, so a transaction written around the
  service is refused too (migration 0002).
- Nothing is edited or deleted: a correction is a reversing transaction (`reverses`). On PostgreSQL triggers
  refuse UPDATE and DELETE of entries and transactions.
- Each transaction is posted once per business event: `event_key` ("payment:pay_…", "refund:rf_…") is unique.
- Each transaction carries `hash`: SHA-256 of its content and of the previous transaction's hash
  (marketplace.ledger.chain). `manage.py ledger_verify` walks the chain.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ewtp.money import Money


class AccountKind(models.TextChoices):
    """What an account holds. `party` tells accounts of one kind apart (a seller, a partner, a country)."""

    # Assets: money the platform holds or is owed
    BUYER_CLEARING = "buyer_clearing", _("Buyer payments clearing")
    PROVIDER_BALANCE = "provider_balance", _("Balance at the payment provider")
    DUTIES_RECEIVABLE = "duties_receivable", _("Duties and taxes due from buyers")
    # Liabilities: money the platform owes
    SELLER_PENDING = "seller_pending", _("Seller payable, pending")
    SELLER_PAYABLE = "seller_payable", _("Seller payable, available")
    TAXES_COLLECTED = "taxes_collected", _("Duties and taxes collected at sale")
    DUTIES_PAYABLE = "duties_payable", _("Duties and taxes due to customs")
    SHIPPING_PAYABLE = "shipping_payable", _("Shipping payable")
    # Money leaving the platform
    REFUNDS = "refunds", _("Refunds")
    PAYOUTS = "payouts", _("Payouts")
    # Income and expenses of the platform
    PLATFORM_FEES = "platform_fees", _("Platform fees")
    PROVIDER_FEES = "provider_fees", _("Payment provider fees")
    DUTIES_GUARANTEED = "duties_guaranteed", _("Duties differences borne by the platform")
    FX = "fx", _("Currency exchange")
    FX_DIFFERENCES = "fx_differences", _("Exchange differences")


# Accounts whose balance reads as what is owed (credit positive) when shown to people.
CREDIT_NORMAL = frozenset(
    {
        AccountKind.SELLER_PENDING,
        AccountKind.SELLER_PAYABLE,
        AccountKind.TAXES_COLLECTED,
        AccountKind.DUTIES_PAYABLE,
        AccountKind.SHIPPING_PAYABLE,
        AccountKind.PLATFORM_FEES,
    }
)


class Account(models.Model):
    kind = models.CharField(max_length=30, choices=AccountKind.choices)
    currency = models.CharField(max_length=3)
    # Seller id, partner slug, "DE:ioss", "EUR/USD"...: empty for accounts of which there is one per currency.
    party = models.CharField(max_length=60, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "party", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "currency", "party"], name="ledger_account_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}{':' + self.party if self.party else ''} {self.currency}"


class Transaction(models.Model):
    # One transaction per business event, on every path (single, bulk, queued): replaying it posts nothing.
    event_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, db_index=True, help_text="payment, refund, payout, reversal...")
    memo = models.CharField(max_length=300, blank=True)
    # When the movement happened (balances "as of" read this); `posted_at` is when it was written.
    effective_at = models.DateTimeField(db_index=True)
    posted_at = models.DateTimeField(auto_now_add=True)
    # A correction: this transaction undoes `reverses` entry for entry. Reversed at most once.
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    # Seller (and order) this movement belongs to, for the seller's statement; empty for platform-only ones.
    seller_id_ref = models.BigIntegerField(null=True, blank=True, db_index=True)
    reference = models.CharField(max_length=100, blank=True, db_index=True, help_text="Order, payout...")
    # The chain: position, the previous transaction's hash, and this one's (over its content and `previous`).
    sequence = models.BigIntegerField(unique=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event_key}"


class Entry(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    # Signed, in `currency` (the account's): a debit is positive, a credit negative. Never zero.
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_not_zero"),
        ]
        indexes = [models.Index(fields=["account", "transaction"])]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:+}"

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)


class ChainHead(models.Model):
    """One row: the last transaction's sequence and hash. Posting locks it, so transactions chain in order
    whichever process writes them (the lock is in the database, not in a process)."""

    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.hash[:12]}"
