"""Duties assessed at customs that differ from the checkout estimate (posting 4 of the chart in README).

Logistics records what customs assessed on the shipment and announces each status the shipment takes
(logistics.dispatch.signals.shipment_status_changed, inside the transaction that applied the tracking events,
with the shipment locked); logistics.tracking.duties gives assessed minus estimated. The difference is
posted in the currency customs assessed it in, under "<destination>:duty":

- the carrier collected it from the buyer (DAP with something due on delivery): the buyer owed it, customs
  is owed it:               more: Dr DUTIES_RECEIVABLE / Cr DUTIES_PAYABLE     less: the reverse;
- the platform guaranteed the figure (DDP, or nothing was left to pay on delivery because it was all
  collected at sale): the platform bears it; under DDP the difference is against all the quote's duties
  and taxes, collected at checkout (the shipment's estimate holds only what was due on delivery):
                            more: Dr DUTIES_GUARANTEED / Cr DUTIES_PAYABLE     less: the reverse.

Event "duties-difference:<shipment ref>"; a reassessment later (a new figure from customs) posts only the
change, as "duties-difference:<shipment ref>:<n>" (n = 2, 3...), so the postings always add up to the
latest difference and a replayed status posts nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from ewtp.money import Money
from logistics.dispatch.models import Shipment
from logistics.incoterms import Incoterm
from logistics.tracking.duties import shipment_duties_difference
from marketplace.ledger.balances import entries_sum
from marketplace.ledger.models import AccountKind, Entry, Transaction
from marketplace.ledger.posting import credit, debit, post
from marketplace.ledger.taxes import DUTY, tax_party
from marketplace.orders.models import Order

KIND = "duties_difference"


def duties_guaranteed(shipment: Shipment) -> bool:
    """The platform, not the buyer, answers for customs' figure: DDP, or nothing was due on delivery."""
    nothing_due = not shipment.duties_estimated_amount
    return shipment.incoterm == Incoterm.DDP or nothing_due


def _posted(reference: str, currency: str) -> tuple[Money, int]:
    """The difference posted for the order so far (DUTIES_PAYABLE's credits, positive) and in how many."""
    transactions = Transaction.objects.filter(kind=KIND, reference=reference)
    total = Entry.objects.filter(
        transaction__in=transactions, account__kind=AccountKind.DUTIES_PAYABLE, currency=currency
    ).aggregate(total=Sum("amount"))["total"]
    return Money(-entries_sum(total), currency), transactions.count()


def duties_difference(shipment: Shipment, order: Order) -> Money | None:
    """Assessed minus what the buyer was told: under DDP everything the quote priced (collected at checkout),
    else what it left to pay on delivery (logistics.tracking.duties). None when not comparable."""
    if shipment.incoterm != Incoterm.DDP:
        return shipment_duties_difference(shipment)
    landed = order.landed_quote or {}
    currency = shipment.duties_assessed_currency
    if shipment.duties_assessed_amount is None or landed.get("currency") != currency:
        return None
    estimated = Decimal(landed.get("duties") or 0) + Decimal(landed.get("taxes") or 0)
    return Money(shipment.duties_assessed_amount - estimated, currency)


def shipment_duties_post(*, shipment: Shipment) -> Transaction | None:
    """Post what customs' latest figure changes (None when it changes nothing, or is not comparable)."""
    order = Order.objects.filter(reference=shipment.reference, shipment_id=shipment.pk).first()
    difference = duties_difference(shipment, order) if order is not None else None
    if difference is None:
        return None
    posted, count = _posted(order.reference, difference.currency)
    change = (difference - posted).round()
    if not change.amount:
        return None
    key = f"duties-difference:{shipment.reference}" + (f":{count + 1}" if count else "")
    party = tax_party(order.ship_to, DUTY)
    bearer = AccountKind.DUTIES_GUARANTEED if duties_guaranteed(shipment) else AccountKind.DUTIES_RECEIVABLE
    # A negative change turns each leg round (debit of a negative amount is a credit): less to customs.
    legs = [debit(bearer, change, party), credit(AccountKind.DUTIES_PAYABLE, change, party)]
    more_or_less = "more" if change.amount > 0 else "less"
    return post(
        event_key=key,
        kind=KIND,
        legs=legs,
        memo=f"Customs assessed {abs(change)} {more_or_less} than estimated on {shipment.reference}",
        seller_id=order.seller_id,
        reference=order.reference,
    )
