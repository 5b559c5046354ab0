"""Creating shipments (the marketplace calls this when an order is ready to ship)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction

from logistics.dispatch.checks import shipment_check
from logistics.dispatch.models import Parcel, Party, Shipment, ShipmentLine


@transaction.atomic
def shipment_create(
    *,
    seller_id: int,
    reference: str,
    sender: dict,
    receiver: dict,
    lines: Sequence[dict],
    parcels: Sequence[dict],
    category: str,
    currency: str,
    incoterm: str = "DAP",
    freight: Decimal = Decimal(0),
    insurance: Decimal = Decimal(0),
    **details,
) -> Shipment:
    """Create a shipment with its lines, parcels and parties, all checked first: all or nothing.

    `details` takes the optional Shipment fields (invoice_number, comments, office_of_posting, ...).
    """
    sender_party, receiver_party = Party(**sender), Party(**receiver)
    shipment = Shipment(
        seller_id=seller_id, reference=reference, category=category, currency=currency, incoterm=incoterm,
        freight=freight, insurance=insurance, **details,
    )  # fmt: skip
    line_rows = [ShipmentLine(position=i + 1, **line) for i, line in enumerate(lines)]
    parcel_rows = [Parcel(position=i + 1, **parcel) for i, parcel in enumerate(parcels)]
    shipment_check(shipment=shipment, sender=sender_party, receiver=receiver_party, lines=line_rows,
                   parcels=parcel_rows)  # fmt: skip
    sender_party.save()
    receiver_party.save()
    shipment.sender, shipment.receiver = sender_party, receiver_party
    shipment.save()
    for row in [*line_rows, *parcel_rows]:
        row.shipment = shipment
    ShipmentLine.objects.bulk_create(line_rows)
    Parcel.objects.bulk_create(parcel_rows)
    return shipment
