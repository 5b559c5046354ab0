"""The built-in test gateway's own settlement records: what a provider's balance history holds (Stripe's
balance transactions), written by the gateway when one of its payments succeeds and when one of its refunds
goes through. Reconciliation reads them through the same interface as Stripe's.

Amounts are signed integers in the gateway's units (Stripe's, see marketplace.payments.amounts) of the
settlement currency: a charge is positive, a refund negative; `net` is `amount - fee`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BuiltinGatewaySettlement(models.Model):
    class Type(models.TextChoices):
        CHARGE = "charge", _("Charge")
        REFUND = "refund", _("Refund")

    # "txn_test_…", unique: the gateway writes each once (a replay of the same success finds it).
    provider_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=10, choices=Type.choices)
    amount = models.BigIntegerField(help_text="Settlement currency, gateway units, signed.")
    fee = models.BigIntegerField(default=0)
    net = models.BigIntegerField()
    currency = models.CharField(max_length=3, help_text="Settlement currency.")
    # The buyer's side, when the settlement currency differs from it (Stripe's presentment currency).
    presentment_amount = models.BigIntegerField()
    presentment_currency = models.CharField(max_length=3)
    exchange_rate = models.DecimalField(max_digits=20, decimal_places=10, null=True, blank=True)
    source_id = models.CharField(max_length=100, help_text="The charge (ch_test_…) or refund (re_test_…).")
    charge_id = models.CharField(max_length=100, blank=True)
    payment_intent_id = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        # Read newest first, a page at a time after the last record read (keyset on created, id).
        indexes = [models.Index(fields=["created", "id"], name="builtin_settlement_page")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(net=models.F("amount") - models.F("fee")), name="builtin_settlement_net"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.type} {self.amount} {self.currency}"
