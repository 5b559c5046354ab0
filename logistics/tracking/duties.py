"""Duties and taxes assessed at customs against what checkout estimated would be due on delivery."""

from __future__ import annotations

from ewtp.money import Money
from logistics.dispatch.models import Shipment


def shipment_duties_difference(shipment: Shipment) -> Money | None:
    """Assessed minus estimated (positive: the buyer was asked for more than checkout said), or None when
    either is unknown or they are in different currencies (the ledger converts; this does not guess)."""
    if shipment.duties_assessed_amount is None or shipment.duties_estimated_amount is None:
        return None
    if shipment.duties_assessed_currency != shipment.duties_estimated_currency:
        return None
    currency = shipment.duties_assessed_currency
    return Money(shipment.duties_assessed_amount, currency) - Money(
        shipment.duties_estimated_amount, currency
    )
