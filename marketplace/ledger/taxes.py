"""Duties and taxes the platform collected at sale, per destination and regime, and reading them for a return.

Each is credited to TAXES_COLLECTED under the party "<destination>:<regime>" (marketplace.ledger.sales):

- "<country>:ioss" (EU member states), "GB:uk_vat", "NO:voec", "AU:au_gst", "SG:sg_gst", "CH:ch_vat",
  "CN:cbec": import VAT/GST the platform collected as the deemed supplier (collection at sale);
- "<country>:import_tax": import VAT/GST paid for the buyer at import under DDP, outside those schemes;
- "<country>:duty": customs duty collected at checkout (DDP, or with the tax where the rule joins them).

Amounts stay in the buyer's (presentment) currency, the currency they were collected in: a return in the
scheme's currency (EUR for IOSS) converts them at the rate its rules prescribe, which is not the ledger's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, Sum

from ewtp.countries import EU_MEMBERS
from ewtp.money import Money
from marketplace.ledger.balances import entries_sum
from marketplace.ledger.models import AccountKind, Entry

# Collection-at-sale schemes outside the EU (the EU's is IOSS), by destination.
SCHEMES = {"GB": "uk_vat", "NO": "voec", "AU": "au_gst", "SG": "sg_gst", "CH": "ch_vat", "CN": "cbec"}
DUTY = "duty"
IMPORT_TAX = "import_tax"


def tax_regime(*, ship_to: str, tax_collected_at_sale: bool) -> str:
    """The regime under which the platform collected a destination's import tax at checkout."""
    if not tax_collected_at_sale:
        return IMPORT_TAX
    if ship_to in EU_MEMBERS:
        return "ioss"
    return SCHEMES.get(ship_to, "collected_at_sale")


def tax_party(country: str, regime: str) -> str:
    return f"{country}:{regime}"


@dataclass(frozen=True)
class TaxesCollected:
    """What a return declares in one currency: collected at sale, less what refunds and disputes gave back."""

    currency: str
    collected: Money
    refunded: Money

    @property
    def net(self) -> Money:
        return self.collected - self.refunded


def taxes_collected(regime: str, country: str, start: datetime, end: datetime) -> list[TaxesCollected]:
    """Taxes collected under `regime` for `country` that took effect in [start, end), per currency (sorted).

    Credits are what sales collected, debits what refunds and disputes gave back in the period."""
    entries = Entry.objects.filter(
        account__kind=AccountKind.TAXES_COLLECTED,
        account__party=tax_party(country, regime),
        transaction__effective_at__gte=start,
        transaction__effective_at__lt=end,
    )
    rows = entries.values("currency").annotate(
        credits=Sum("amount", filter=Q(amount__lt=0)), debits=Sum("amount", filter=Q(amount__gt=0))
    )
    return [
        TaxesCollected(
            currency=row["currency"],
            collected=Money(-entries_sum(row["credits"]), row["currency"]),
            refunded=Money(entries_sum(row["debits"]), row["currency"]),
        )
        for row in sorted(rows, key=lambda row: row["currency"])
    ]
