"""Fixtures for the tracking tests: two partners, shipments accepted by one of them, events as partners send
them. Event times are fixed (early November 2026), well before the machine's clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from logistics.dispatch.statuses import ShipmentStatus
from logistics.partners.models import Partner

ACCEPTED_AT = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Swift Parcel", slug="swift")


@pytest.fixture
def other_partner(db):
    return Partner.objects.create(name="Other Post", slug="other")


@pytest.fixture
def accepted(make_shipment, partner):
    """A shipment accepted by `partner` (pre_transit since ACCEPTED_AT), tracking number SW<n>KE."""
    counter = iter(range(1, 10_000))

    def make(owner=None, tracking_number=None, **overrides):
        number = next(counter)
        shipment = make_shipment(**overrides)
        shipment.partner = owner or partner
        shipment.tracking_number = tracking_number or f"SW{number:09d}KE"
        shipment.status, shipment.status_at = ShipmentStatus.PRE_TRANSIT, ACCEPTED_AT
        shipment.save(update_fields=["partner", "tracking_number", "status", "status_at"])
        return shipment

    return make


def event(event_id: str, status: str, at: str, **fields) -> dict:
    """An event as a partner sends it: `at` is "MM-DD HH:MM" in November 2026, UTC."""
    month_day, time = at.split(" ")
    return {"event_id": event_id, "status": status, "occurred_at": f"2026-{month_day}T{time}:00Z"} | fields
