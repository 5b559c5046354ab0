"""Applying events: the status follows event time whatever the order of arrival, a terminal status is never
reopened, a customs hold carries its reason, estimates and assessed duties follow the latest event that
gives them, and a batch applied again changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site

from logistics.dispatch.models import Shipment
from logistics.dispatch.signals import shipment_status_changed
from logistics.tracking.applying import tracking_batch_apply
from logistics.tracking.duties import shipment_duties_difference
from logistics.tracking.ingest import tracking_events_ingest
from logistics.tracking.models import TrackingBatch, TrackingEvent
from logistics.tracking.selectors import shipment_timeline
from tests.logistics.tracking.conftest import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes():
    """The (previous, status) of every shipment_status_changed sent, in order."""
    sent = []

    def record(sender, *, shipment, previous, status, **kwargs):
        sent.append((shipment.pk, previous, status))

    shipment_status_changed.connect(record, dispatch_uid="test-tracking-changes")
    yield sent
    shipment_status_changed.disconnect(dispatch_uid="test-tracking-changes")


@pytest.fixture
def push(partner):
    """Take events in for the partner and apply their batch, as the worker would."""

    def send(*events) -> int:
        report = tracking_events_ingest(partner=partner, events=list(events))
        return tracking_batch_apply(batch_id=report.batch_id) if report.batch_id else 0

    return send


def test_events_in_order_move_the_shipment_through_each_status(accepted, push, changes):
    # given a shipment accepted (pre_transit)
    shipment = accepted()
    # when one batch brings it in transit, out for delivery and delivered
    applied = push(
        event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk),
        event("e2", "out_for_delivery", "11-05 07:00", shipment_id=shipment.pk),
        event("e3", "delivered", "11-05 14:20", shipment_id=shipment.pk),
    )
    # then it is delivered as of the last event's time, and receivers heard each change in order
    shipment.refresh_from_db()
    assert applied == 3
    assert (shipment.status, shipment.status_at.isoformat()) == ("delivered", "2026-11-05T14:20:00+00:00")
    assert changes == [
        (shipment.pk, "pre_transit", "in_transit"),
        (shipment.pk, "in_transit", "out_for_delivery"),
        (shipment.pk, "out_for_delivery", "delivered"),
    ]
    assert not TrackingEvent.objects.filter(applied_at__isnull=True).exists()
    assert TrackingBatch.objects.get().applied_at is not None


def test_a_late_event_is_kept_for_the_timeline_but_does_not_move_the_status_back(accepted, push, changes):
    # given a shipment out for delivery since 11-05 07:00
    shipment = accepted()
    push(event("e2", "out_for_delivery", "11-05 07:00", shipment_id=shipment.pk))
    # when the in-transit scan of 11-03 arrives afterwards
    push(event("e1", "in_transit", "11-03 10:00", shipment_id=shipment.pk, location="Leipzig DE"))
    # then the shipment stays out for delivery, and only the first change was announced
    shipment.refresh_from_db()
    assert (shipment.status, shipment.status_at.isoformat()) == (
        "out_for_delivery",
        "2026-11-05T07:00:00+00:00",
    )
    assert changes == [(shipment.pk, "pre_transit", "out_for_delivery")]
    # and the timeline shows both in event-time order
    timeline = shipment_timeline(shipment_id=shipment.pk)
    assert [(e.status, e.location) for e in timeline.entries] == [
        ("in_transit", "Leipzig DE"),
        ("out_for_delivery", ""),
    ]


def test_events_of_one_batch_in_any_order_end_at_the_latest(accepted, push):
    # given a shipment
    shipment = accepted()
    # when one batch lists its events newest first
    push(
        event("e3", "available_for_pickup", "11-06 10:00", shipment_id=shipment.pk),
        event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk),
        event("e2", "delivery_failed", "11-05 18:00", shipment_id=shipment.pk),
    )
    # then the latest by event time is the status
    shipment.refresh_from_db()
    assert shipment.status == "available_for_pickup"


@pytest.mark.parametrize("terminal", ["delivered", "return_to_sender", "cancelled"])
def test_a_terminal_status_is_never_reopened_by_a_later_or_late_event(accepted, push, changes, terminal):
    # given a shipment that reached a terminal status on 11-05 14:00
    shipment = accepted()
    push(event("t", terminal, "11-05 14:00", shipment_id=shipment.pk))
    # when an exception dated after it and an in-transit scan dated before it arrive
    push(
        event("late", "in_transit", "11-04 10:00", shipment_id=shipment.pk),
        event("after", "exception", "11-06 09:00", shipment_id=shipment.pk, reason="Scanned again"),
    )
    # then the shipment stays where it ended, and nothing more was announced
    shipment.refresh_from_db()
    assert (shipment.status, shipment.status_at.isoformat()) == (terminal, "2026-11-05T14:00:00+00:00")
    assert changes == [(shipment.pk, "pre_transit", terminal)]


def test_a_customs_hold_carries_its_reason_until_the_parcel_moves_on(accepted, push):
    # given a shipment held in customs
    shipment = accepted()
    push(
        event(
            "h", "customs_hold", "11-03 10:00", shipment_id=shipment.pk, reason="Awaiting commercial invoice"
        )
    )
    shipment.refresh_from_db()
    assert (shipment.status, shipment.status_reason) == ("customs_hold", "Awaiting commercial invoice")
    # when it is released
    push(event("r", "in_transit", "11-04 08:00", shipment_id=shipment.pk))
    # then the reason goes with the hold
    shipment.refresh_from_db()
    assert (shipment.status, shipment.status_reason) == ("in_transit", "")


def test_the_delivery_estimate_is_the_latest_events_by_event_time(accepted, push):
    # given an estimate of 11-08 given on 11-03
    shipment = accepted()
    push(event("a", "in_transit", "11-03 10:00", shipment_id=shipment.pk, estimated_delivery="2026-11-08"))
    # when a late event of 11-02 says 11-06, it does not replace the newer estimate
    push(event("b", "in_transit", "11-02 10:00", shipment_id=shipment.pk, estimated_delivery="2026-11-06"))
    shipment.refresh_from_db()
    assert shipment.estimated_delivery == date(2026, 11, 8)
    # and when an event of 11-04 revises it to 11-09, it does
    push(event("c", "customs_hold", "11-04 10:00", shipment_id=shipment.pk, reason="Inspection",
               estimated_delivery="2026-11-09"))  # fmt: skip
    shipment.refresh_from_db()
    assert shipment.estimated_delivery == date(2026, 11, 9)
    assert shipment_timeline(shipment_id=shipment.pk).estimated_delivery == date(2026, 11, 9)


def test_duties_assessed_at_customs_are_recorded_against_the_checkout_estimate(accepted, push, admin_client):
    # given a shipment whose checkout estimated EUR 12.60 of duties and taxes due on delivery
    shipment = accepted(currency="EUR")
    Shipment.objects.filter(pk=shipment.pk).update(
        duties_estimated_amount=Decimal("12.60"), duties_estimated_currency="EUR"
    )
    # when customs assess EUR 14.20
    push(event("h", "customs_hold", "11-03 10:00", shipment_id=shipment.pk, reason="Duties to pay",
               duties_assessed={"amount": "14.20", "currency": "EUR"}))  # fmt: skip
    # then the shipment records it, and the difference is 14.20 - 12.60 = +1.60 EUR
    shipment.refresh_from_db()
    assert (shipment.duties_assessed_amount, shipment.duties_assessed_currency) == (Decimal("14.20"), "EUR")
    difference = shipment_duties_difference(shipment)
    assert (difference.amount, difference.currency) == (Decimal("1.60"), "EUR")
    # and operators see it on the shipment in the admin
    page = admin_client.get(f"/admin/dispatch/shipment/{shipment.pk}/change/")
    assert page.status_code == 200
    assert "+1.60 EUR" in page.content.decode()
    # and a later reassessment (EUR 11.90) replaces it: 11.90 - 12.60 = -0.70
    push(event("r", "in_transit", "11-04 10:00", shipment_id=shipment.pk,
               duties_assessed={"amount": "11.90", "currency": "EUR"}))  # fmt: skip
    shipment.refresh_from_db()
    assert shipment_duties_difference(shipment).amount == Decimal("-0.70")
    assert site._registry[Shipment].duties_difference(shipment) == "-0.70 EUR"


def test_duties_assessed_in_another_currency_are_recorded_but_not_compared(accepted, push):
    shipment = accepted()
    Shipment.objects.filter(pk=shipment.pk).update(
        duties_estimated_amount=Decimal("12.60"), duties_estimated_currency="EUR"
    )
    push(event("h", "in_transit", "11-03 10:00", shipment_id=shipment.pk,
               duties_assessed={"amount": "2100", "currency": "JPY"}))  # fmt: skip
    shipment.refresh_from_db()
    assert (shipment.duties_assessed_amount, shipment.duties_assessed_currency) == (Decimal("2100"), "JPY")
    assert shipment_duties_difference(shipment) is None


def test_a_batch_applied_again_changes_nothing_and_announces_nothing(partner, accepted, changes):
    # given a batch for two shipments, applied
    first, second = accepted(), accepted()
    report = tracking_events_ingest(
        partner=partner,
        events=[
            event("e1", "in_transit", "11-02 09:00", shipment_id=first.pk),
            event("e2", "delivered", "11-04 09:00", shipment_id=second.pk),
        ],
    )
    assert tracking_batch_apply(batch_id=report.batch_id) == 2
    # when the task runs again (a redelivered message)
    again = tracking_batch_apply(batch_id=report.batch_id)
    # then it applies nothing, and each change was announced once
    assert again == 0
    assert sorted(changes) == sorted(
        [(first.pk, "pre_transit", "in_transit"), (second.pk, "pre_transit", "delivered")]
    )


def test_two_events_with_the_same_status_announce_one_change(accepted, push, changes):
    shipment = accepted()
    push(
        event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk, location="Nairobi KE"),
        event("e2", "in_transit", "11-03 09:00", shipment_id=shipment.pk, location="Frankfurt DE"),
    )
    shipment.refresh_from_db()
    assert changes == [(shipment.pk, "pre_transit", "in_transit")]
    assert shipment.status_at.isoformat() == "2026-11-03T09:00:00+00:00"  # the latest news
