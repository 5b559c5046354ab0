"""Cancelling a shipment before the partner has picked it up (the order was refunded or cancelled)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from logistics.dispatch.errors import ShipmentNotCancellableError
from logistics.dispatch.models import Shipment
from logistics.dispatch.signals import shipment_status_changed
from logistics.dispatch.statuses import OfferStatus, ShipmentStatus
from logistics.dispatch.webhooks import webhook_queue
from logistics.dispatch.webhooks_models import WebhookEvent

# Before pickup: the platform still holds the parcel, or the partner has only made a label.
CANCELLABLE = frozenset({ShipmentStatus.AWAITING_PARTNER, ShipmentStatus.OFFERED, ShipmentStatus.PRE_TRANSIT})


@transaction.atomic
def shipment_cancel(*, shipment_id: int, reason: str) -> Shipment:
    """Cancel the shipment: its open offer withdrawn, the partner that had it told (`shipment.cancelled`).

    Cancelling a cancelled shipment returns it as it is; one already picked up is ShipmentNotCancellableError.
    """
    shipment = Shipment.objects.select_for_update(of=("self",)).select_related("partner").get(pk=shipment_id)
    if shipment.status == ShipmentStatus.CANCELLED:
        return shipment
    if shipment.status not in CANCELLABLE:
        raise ShipmentNotCancellableError(
            f"Shipment {shipment.reference} is {shipment.status}: the partner has it already.",
            details={"status": str(shipment.status)},
        )
    shipment.offers.filter(status=OfferStatus.OFFERED).update(
        status=OfferStatus.WITHDRAWN, reason=reason[:300], answered_at=timezone.now()
    )
    previous = shipment.status
    shipment.status, shipment.status_reason, shipment.status_at = ShipmentStatus.CANCELLED, reason[:300], None
    shipment.save(update_fields=["status", "status_reason", "status_at", "updated_at"])
    if shipment.partner is not None:
        webhook_queue(
            partner=shipment.partner,
            event=WebhookEvent.SHIPMENT_CANCELLED,
            data={"shipment": {"id": shipment.pk, "reference": shipment.reference,
                               "tracking_number": shipment.tracking_number, "reason": reason[:300]}},
            shipment=shipment,
        )  # fmt: skip
    shipment_status_changed.send(
        sender=Shipment, shipment=shipment, previous=previous, status=shipment.status
    )
    return shipment
