"""Reading shipments as a partner sees them: only those dispatched to it (offered or accepted)."""

from __future__ import annotations

from django.db.models import QuerySet

from logistics.dispatch.errors import ShipmentNotFoundError
from logistics.dispatch.models import Shipment


def shipments_of_partner(*, partner_id: int) -> QuerySet[Shipment]:
    """The partner's shipments with what the API shows of them (parties, lines, parcels)."""
    return (
        Shipment.objects.filter(partner_id=partner_id)
        .select_related("sender", "receiver")
        .prefetch_related("lines", "parcels")
    )


def shipment_of_partner(*, partner_id: int, shipment_id: int) -> Shipment:
    """One of the partner's shipments; anyone else's (or none) is ShipmentNotFoundError, never told apart."""
    shipment = shipments_of_partner(partner_id=partner_id).filter(pk=shipment_id).first()
    if shipment is None:
        raise ShipmentNotFoundError("No such shipment.")
    return shipment
