"""Reading tracking: a shipment's timeline for its buyer, the status of many shipments at once for a seller's
list, the batches still pending, the shipments delivered long enough ago (orders complete them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from logistics.dispatch.models import Shipment
from logistics.dispatch.statuses import ShipmentStatus
from logistics.tracking.models import TrackingBatch, TrackingEvent
from logistics.tracking.validation import MAX_ID

# A batch still pending this long after it was stored has lost its message: it is queued again.
RESUME_AFTER = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    occurred_at: datetime
    status: str
    label: str
    location: str
    reason: str


@dataclass(frozen=True, slots=True)
class ShipmentTimeline:
    status: str
    label: str
    reason: str
    status_at: datetime | None
    estimated_delivery: date | None
    tracking_number: str
    entries: list[TimelineEntry]  # oldest first


def shipment_timeline(*, shipment_id: int | None) -> ShipmentTimeline | None:
    """The shipment's status, its latest delivery estimate and its applied events in event-time order (what
    the buyer sees); None when there is no such shipment. Two queries."""
    if shipment_id is None:
        return None
    shipment = (
        Shipment.objects.filter(pk=shipment_id)
        .only("status", "status_reason", "status_at", "estimated_delivery", "tracking_number")
        .first()
    )
    if shipment is None:
        return None
    events = TrackingEvent.objects.filter(shipment_id=shipment_id, applied_at__isnull=False).order_by(
        "occurred_at", "id"
    )
    entries = [
        TimelineEntry(
            occurred_at=occurred_at,
            status=status,
            label=ShipmentStatus(status).label,
            location=location,
            reason=reason,
        )
        for occurred_at, status, location, reason in events.values_list(
            "occurred_at", "status", "location", "reason"
        )
    ]
    return ShipmentTimeline(
        status=shipment.status, label=shipment.get_status_display(), reason=shipment.status_reason,
        status_at=shipment.status_at, estimated_delivery=shipment.estimated_delivery,
        tracking_number=shipment.tracking_number, entries=entries,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ShipmentStatusView:
    status: str
    label: str
    reason: str
    estimated_delivery: date | None


def shipments_status(*, shipment_ids) -> dict[int, ShipmentStatusView]:
    """Each shipment's status by id, in one query (a seller's list of orders)."""
    ids = {pk for pk in shipment_ids if pk is not None}
    if not ids:
        return {}
    rows = Shipment.objects.filter(pk__in=ids).values_list(
        "pk", "status", "status_reason", "estimated_delivery"
    )
    return {
        pk: ShipmentStatusView(
            status=status, label=ShipmentStatus(status).label, reason=reason, estimated_delivery=estimated
        )
        for pk, status, reason, estimated in rows
    }


def tracking_batches_pending(*, now: datetime | None = None) -> list[int]:
    """Batches stored more than RESUME_AFTER ago and not yet applied, oldest first."""
    cutoff = (now or timezone.now()) - RESUME_AFTER
    return list(
        TrackingBatch.objects.filter(applied_at__isnull=True, received_at__lt=cutoff)
        .order_by("received_at", "id")
        .values_list("pk", flat=True)[:1000]
    )


def shipments_delivered_before(*, moment: datetime) -> QuerySet:
    """The ids of shipments delivered (by event time) at or before `moment`, as a subquery."""
    return Shipment.objects.filter(status=ShipmentStatus.DELIVERED, status_at__lte=moment).values("pk")


def partner_has_shipment(*, partner_id: int, shipment_id: int) -> bool:
    """Whether the shipment is assigned to the partner (another partner's is as absent as a made-up id)."""
    if not 1 <= shipment_id <= MAX_ID:  # a bigint: anything else is no shipment at all
        return False
    return Shipment.objects.filter(pk=shipment_id, partner_id=partner_id).exists()
