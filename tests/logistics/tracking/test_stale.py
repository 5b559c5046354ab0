"""Stale shipments: on their way with no event for TRACKING_STALE_AFTER_DAYS, flagged for operators, and
unflagged when they move again."""

from datetime import UTC, datetime

import pytest

from logistics.dispatch.models import Shipment
from logistics.tracking.applying import tracking_batch_apply
from logistics.tracking.ingest import tracking_events_ingest
from logistics.tracking.models import ShipmentTracking
from logistics.tracking.stale import tracking_stale_flag
from tests.logistics.tracking.conftest import event

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


def test_a_shipment_without_news_for_five_days_is_flagged_until_it_moves(
    partner, accepted, settings, admin_client
):
    # given 5 days as the limit, and at noon on 11-10: one shipment last heard of on 11-05 at 11:00 (5 days
    # and 1 hour ago), one on 11-05 at 13:00 (4 days 23 hours ago), one delivered on 11-01
    settings.TRACKING_STALE_AFTER_DAYS = 5
    quiet, recent, delivered = accepted(), accepted(), accepted()
    Shipment.objects.filter(pk=quiet.pk).update(
        status="in_transit", status_at=datetime(2026, 11, 5, 11, tzinfo=UTC)
    )
    Shipment.objects.filter(pk=recent.pk).update(
        status="in_transit", status_at=datetime(2026, 11, 5, 13, tzinfo=UTC)
    )
    Shipment.objects.filter(pk=delivered.pk).update(
        status="delivered", status_at=datetime(2026, 11, 1, tzinfo=UTC)
    )
    # when the stale task runs
    result = tracking_stale_flag(now=NOW)
    # then only the quiet one is flagged, as of now
    assert result == {"flagged": 1, "cleared": 0}
    assert list(
        ShipmentTracking.objects.filter(stale_since__isnull=False).values_list("shipment_id", "stale_since")
    ) == [(quiet.pk, NOW)]
    # and operators find it under the shipments' "stale" filter
    listing = admin_client.get("/admin/dispatch/shipment/", {"stale": "yes"}).content.decode()
    assert quiet.reference in listing and recent.reference not in listing
    # and a rerun changes nothing (the first flag's time stays)
    assert tracking_stale_flag(now=NOW.replace(hour=13)) == {"flagged": 0, "cleared": 0}
    # when an event moves it on, then the flag clears at once
    report = tracking_events_ingest(
        partner=partner, events=[event("e1", "out_for_delivery", "11-10 08:00", shipment_id=quiet.pk)]
    )
    tracking_batch_apply(batch_id=report.batch_id)
    assert not ShipmentTracking.objects.filter(stale_since__isnull=False).exists()


def test_a_flag_clears_when_the_shipment_ends_however_it_ends(accepted, settings):
    # given a flagged shipment
    settings.TRACKING_STALE_AFTER_DAYS = 5
    shipment = accepted()
    Shipment.objects.filter(pk=shipment.pk).update(status_at=datetime(2026, 11, 1, tzinfo=UTC))
    assert tracking_stale_flag(now=NOW)["flagged"] == 1
    # when it is cancelled by an operator (no event)
    Shipment.objects.filter(pk=shipment.pk).update(status="cancelled")
    # then the next run clears the flag
    assert tracking_stale_flag(now=NOW) == {"flagged": 0, "cleared": 1}
