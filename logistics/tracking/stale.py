"""Shipments that went quiet: on their way, with no event for TRACKING_STALE_AFTER_DAYS (by event time).

Flagged on their ShipmentTracking row (`stale_since`) for operators (admin: Tracking, and the shipment
list's filter); the flag clears when an event moves the shipment on, or here once it no longer applies.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from logistics.dispatch.models import Shipment
from logistics.dispatch.statuses import TERMINAL_STATUSES, TRACKING_STATUSES
from logistics.tracking.models import ShipmentTracking

log = logging.getLogger(__name__)

# With a partner and not yet at the end of the road.
ACTIVE_STATUSES = sorted(TRACKING_STATUSES - TERMINAL_STATUSES)


@transaction.atomic
def tracking_stale_flag(*, now: datetime | None = None) -> dict[str, int]:
    """Flag the active shipments whose last status came more than TRACKING_STALE_AFTER_DAYS ago and clear
    the flag of those that moved or ended since; returns {"flagged": new flags, "cleared": flags cleared}.
    A rerun changes nothing."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TRACKING_STALE_AFTER_DAYS)
    stale = (
        Shipment.objects.filter(status__in=ACTIVE_STATUSES)
        .annotate(last_news=Coalesce("status_at", "created_at"))
        .filter(last_news__lt=cutoff)
        .values("pk")
    )
    missing = Shipment.objects.filter(pk__in=stale, tracking__isnull=True).values_list("pk", flat=True)
    ShipmentTracking.objects.bulk_create(
        [ShipmentTracking(shipment_id=pk) for pk in missing], ignore_conflicts=True
    )
    flagged = ShipmentTracking.objects.filter(stale_since__isnull=True, shipment__in=stale).update(
        stale_since=now
    )
    cleared = (
        ShipmentTracking.objects.filter(stale_since__isnull=False)
        .exclude(shipment__in=stale)
        .update(stale_since=None)
    )
    if flagged or cleared:
        log.info("tracking.stale_flagged", extra={"flagged": flagged, "cleared": cleared})
    return {"flagged": flagged, "cleared": cleared}
