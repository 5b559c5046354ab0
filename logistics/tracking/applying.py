"""Applying stored tracking events to their shipments (run by the `tracking.batch_apply` task).

Each shipment's pending events are applied in one transaction, with the shipment row locked: its status,
the delivery estimate and the duties assessed change, the events get `applied_at`, and
`shipment_status_changed` is sent for each status it takes, all committed together or not at all. A worker
that dies half-way leaves the shipments it finished applied and the rest pending; the redelivered task
skips what has `applied_at`, so each event is applied exactly once.

Events arrive out of order: the status follows event time (an event older than the one that set the status
is kept for the timeline but changes nothing), and a terminal status is never reopened.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from logistics.dispatch.models import Shipment
from logistics.dispatch.signals import shipment_status_changed
from logistics.dispatch.statuses import TERMINAL_STATUSES
from logistics.tracking.models import ShipmentTracking, TrackingBatch, TrackingEvent


def tracking_batch_apply(*, batch_id: int) -> int:
    """Apply every pending event of the batch, one shipment per transaction; returns how many it applied
    (0 on a rerun). The batch is marked applied once none of its events is pending."""
    shipment_ids = list(
        TrackingEvent.objects.filter(batch_id=batch_id, applied_at__isnull=True)
        .order_by("shipment_id")
        .values_list("shipment_id", flat=True)
        .distinct()
    )
    applied = sum(len(shipment_events_apply(shipment_id=shipment_id)) for shipment_id in shipment_ids)
    pending = TrackingEvent.objects.filter(batch_id=OuterRef("pk"), applied_at__isnull=True)
    TrackingBatch.objects.filter(pk=batch_id, applied_at__isnull=True).exclude(Exists(pending)).update(
        applied_at=timezone.now()
    )
    return applied


@transaction.atomic
def shipment_events_apply(*, shipment_id: int) -> list[int]:
    """Apply the shipment's pending events (from any batch) in event-time order; returns their ids."""
    shipment = Shipment.objects.select_for_update().get(pk=shipment_id)
    # Read after the lock: events another worker applied meanwhile show their applied_at here.
    events = list(
        TrackingEvent.objects.filter(shipment_id=shipment_id, applied_at__isnull=True).order_by(
            "occurred_at", "id"
        )
    )
    if not events:
        return []
    changes = []  # (previous, status) for each status the shipment takes
    status_at_before = shipment.status_at
    for event in events:
        if _moves_status(shipment, event):
            if event.status != shipment.status:
                changes.append((shipment.status, event.status))
            shipment.status, shipment.status_reason = event.status, event.reason
            shipment.status_at = event.occurred_at
    _latest_estimate_apply(shipment, events)
    _latest_duties_apply(shipment, events)
    shipment.save(
        update_fields=[
            "status", "status_reason", "status_at", "estimated_delivery", "duties_assessed_amount",
            "duties_assessed_currency", "updated_at",
        ]
    )  # fmt: skip
    TrackingEvent.objects.filter(pk__in=[event.pk for event in events]).update(applied_at=timezone.now())
    if shipment.status_at != status_at_before:
        ShipmentTracking.objects.filter(shipment_id=shipment_id, stale_since__isnull=False).update(
            stale_since=None
        )
    final = shipment.status, shipment.status_reason
    for previous, status in changes:
        # Receivers see each status the shipment went through (shipped, then delivered), in order.
        shipment.status = status
        shipment_status_changed.send(sender=Shipment, shipment=shipment, previous=previous, status=status)
    shipment.status, shipment.status_reason = final
    return [event.pk for event in events]


def _moves_status(shipment: Shipment, event: TrackingEvent) -> bool:
    if shipment.status in TERMINAL_STATUSES:
        return False
    # Equal times: the later arrival wins (ties are rare, and the partner sent it second).
    return shipment.status_at is None or event.occurred_at >= shipment.status_at


def _latest_carrying(shipment: Shipment, events: list[TrackingEvent], field: str) -> TrackingEvent | None:
    """The latest of `events` (by event time) that carries `field`, unless an event applied before carries a
    later one: a late event's older figure does not replace a newer one."""
    carrying = [event for event in events if getattr(event, field) is not None]
    if not carrying:
        return None
    latest = carrying[-1]
    earlier = (
        TrackingEvent.objects.filter(
            shipment_id=shipment.pk, applied_at__isnull=False, **{f"{field}__isnull": False}
        )
        .order_by("-occurred_at", "-id")
        .only("occurred_at")
        .first()
    )
    if earlier is None or latest.occurred_at >= earlier.occurred_at:
        return latest
    return None


def _latest_estimate_apply(shipment: Shipment, events: list[TrackingEvent]) -> None:
    """The estimate of the latest event that carries one."""
    latest = _latest_carrying(shipment, events, "estimated_delivery")
    if latest is not None:
        shipment.estimated_delivery = latest.estimated_delivery


def _latest_duties_apply(shipment: Shipment, events: list[TrackingEvent]) -> None:
    """What customs assessed, by the latest event that says (a reassessment replaces the first figure)."""
    latest = _latest_carrying(shipment, events, "duties_assessed_amount")
    if latest is not None:
        shipment.duties_assessed_amount = latest.duties_assessed_amount
        shipment.duties_assessed_currency = latest.duties_assessed_currency
