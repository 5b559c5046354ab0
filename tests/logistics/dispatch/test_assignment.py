"""Dispatch: the best partner for the lane gets the offer (and a webhook); a rejection or silence passes the
shipment to the next; with none left it waits and operators are told."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ewtp.outbox.models import OutboxMessage
from logistics.dispatch.alerts_models import AlertKind, OperatorAlert
from logistics.dispatch.assignment import dispatch_offer_expire, shipment_dispatch, shipment_offer_reject
from logistics.dispatch.cancellation import shipment_cancel
from logistics.dispatch.errors import ShipmentNotCancellableError
from logistics.dispatch.models import DispatchOffer, Shipment
from logistics.dispatch.scoring import dispatch_candidates, partner_record
from logistics.dispatch.statuses import OfferStatus, ShipmentStatus
from logistics.dispatch.tasks import offers_expire
from logistics.dispatch.webhooks_models import WebhookDelivery
from logistics.partners.models import Partner, RateCard, WeightBand

pytestmark = pytest.mark.django_db


def _card(slug: str, *, price: str, transit: tuple[int, int], currency="USD", service="standard", **partner):
    owner, _ = Partner.objects.get_or_create(slug=slug, defaults={"name": slug.title(), **partner})
    card = RateCard.objects.create(
        partner=owner,
        origin_country="CN",
        destination_country="DE",
        service_level=service,
        currency=currency,
        transit_days_min=transit[0],
        transit_days_max=transit[1],
    )
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("2"), price=Decimal(price))
    return card


def test_the_score_weighs_price_speed_and_record(make_shipment):
    # given two new partners (record 0.8 each: no history, the prior) on the shipment's lane.
    # The parcel: 0.450 kg actual, 30 x 20 x 5 / 5000 = 0.6 kg volumetric: 0.6 kg chargeable (band <= 2 kg).
    _card("cheap", price="10.00", transit=(8, 12))
    _card("quick", price="16.00", transit=(3, 4))
    shipment = make_shipment()
    # when
    cheap, quick = sorted(dispatch_candidates(shipment=shipment), key=lambda c: c.card.partner.slug)
    # then, by hand:
    #   cheap: 0.5 x 10/10 + 0.2 x 4/12 + 0.3 x 0.8 = 0.5 + 0.066667 + 0.24 = 0.8067
    #   quick: 0.5 x 10/16 + 0.2 x 4/4  + 0.3 x 0.8 = 0.3125 + 0.2 + 0.24  = 0.7525
    assert (cheap.score, quick.score) == (Decimal("0.8067"), Decimal("0.7525"))
    assert [c.card.partner.slug for c in dispatch_candidates(shipment=shipment)] == ["cheap", "quick"]


def test_a_poor_record_loses_the_shipment_to_a_dearer_partner(make_shipment):
    # given the cheap partner rejected 8 of its last 8 offers
    cheap = _card("cheap", price="10.00", transit=(3, 4)).partner
    _card("reliable", price="11.00", transit=(3, 4))
    for n in range(8):
        DispatchOffer.objects.create(
            shipment=make_shipment(reference=f"OLD-{n}"), partner=cheap, status=OfferStatus.REJECTED
        )
    # then its acceptance rate is (0 + 0.8 x 4) / (8 + 4) = 0.2667, its on-time rate the prior 0.8,
    # its record (0.2667 + 0.8) / 2 = 0.5333:
    #   cheap:    0.5 x 1 + 0.2 x 1 + 0.3 x 0.53333 = 0.86
    #   reliable: 0.5 x 10/11 + 0.2 x 1 + 0.3 x 0.8 = 0.454545 + 0.2 + 0.24 = 0.8945
    record = partner_record(partner_id=cheap.pk)
    assert (record.accepted, record.answered) == (0, 8)
    ranked = dispatch_candidates(shipment=make_shipment())
    assert [(c.card.partner.slug, c.score) for c in ranked] == [
        ("reliable", Decimal("0.8945")),
        ("cheap", Decimal("0.8600")),
    ]


def test_the_on_time_record_counts_deliveries_within_the_promised_days(make_shipment):
    swift = _card("swift", price="10.00", transit=(3, 4)).partner
    accepted_at = timezone.now() - timedelta(days=30)
    for n, days in enumerate([3, 4, 9]):  # delivered 3, 4 and 9 days after acceptance, 4 promised
        shipment = make_shipment(reference=f"DONE-{n}")
        Shipment.objects.filter(pk=shipment.pk).update(
            status=ShipmentStatus.DELIVERED, status_at=accepted_at + timedelta(days=days)
        )
        DispatchOffer.objects.create(
            shipment=shipment,
            partner=swift,
            status=OfferStatus.ACCEPTED,
            answered_at=accepted_at,
            transit_days_max=4,
        )
    record = partner_record(partner_id=swift.pk)
    # on time: 2 of 3; smoothed (2 + 0.8 x 4) / (3 + 4) = 5.2 / 7 = 0.742857...
    assert (record.on_time, record.delivered) == (2, 3)
    assert record.on_time_rate.quantize(Decimal("0.0001")) == Decimal("0.7429")


def test_dispatch_offers_the_best_partner_and_sends_it_the_webhook(make_shipment):
    card = _card("swift", price="10.00", transit=(3, 4), webhook_url="https://swift.example/hook")
    shipment = make_shipment()
    # when
    offer = shipment_dispatch(shipment_id=shipment.pk)
    # then
    shipment.refresh_from_db()
    assert (shipment.status, shipment.partner_id) == (ShipmentStatus.OFFERED, card.partner_id)
    assert (offer.rate_card_id, offer.price_amount, offer.price_currency, offer.transit_days_max) == (
        card.pk,
        Decimal("10.00"),
        "USD",
        4,
    )
    delivery = WebhookDelivery.objects.get(shipment=shipment)
    assert (delivery.event, delivery.url) == ("shipment.dispatched", "https://swift.example/hook")
    # and running it again (a task delivered twice) changes nothing
    assert shipment_dispatch(shipment_id=shipment.pk).pk == offer.pk
    assert DispatchOffer.objects.count() == WebhookDelivery.objects.count() == 1


def test_only_cards_of_the_service_level_the_buyer_paid_for_are_offered(make_shipment):
    _card("cheap", price="5.00", transit=(8, 12), service="economy")
    _card("fast", price="30.00", transit=(2, 3), service="express")
    shipment = make_shipment(service_level="express")
    assert shipment_dispatch(shipment_id=shipment.pk).partner.slug == "fast"


def test_a_rejection_passes_the_shipment_to_the_next_partner(make_shipment):
    _card("first", price="10.00", transit=(3, 4))
    _card("second", price="12.00", transit=(3, 4))
    shipment = make_shipment()
    offer = shipment_dispatch(shipment_id=shipment.pk)
    assert offer.partner.slug == "first"
    # when the first rejects, and the queued dispatch runs
    shipment_offer_reject(partner_id=offer.partner_id, shipment_id=shipment.pk, reason="Full")
    assert OutboxMessage.objects.filter(task_name="dispatch.shipment_assign").exists()
    following = shipment_dispatch(shipment_id=shipment.pk)
    # then the second has it, and the first is never offered it again
    assert following.partner.slug == "second"
    assert list(shipment.offers.values_list("partner__slug", "status")) == [
        ("first", "rejected"),
        ("second", "offered"),
    ]


def test_an_offer_unanswered_in_time_passes_to_the_next_partner(make_shipment, settings):
    settings.DISPATCH_OFFER_TIMEOUT_MINUTES = 60
    _card("silent", price="10.00", transit=(3, 4))
    _card("awake", price="12.00", transit=(3, 4))
    shipment = make_shipment()
    offer = shipment_dispatch(shipment_id=shipment.pk)
    # given the offer was made 61 minutes ago, and another 59 minutes ago
    DispatchOffer.objects.filter(pk=offer.pk).update(offered_at=timezone.now() - timedelta(minutes=61))
    fresh = make_shipment()
    fresh_offer = shipment_dispatch(shipment_id=fresh.pk)
    DispatchOffer.objects.filter(pk=fresh_offer.pk).update(offered_at=timezone.now() - timedelta(minutes=59))
    # when the beat task runs
    assert offers_expire() == 1
    # then only the old offer expired, and the next dispatch gives it to the other partner
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and "60 minutes" in offer.reason
    assert shipment_dispatch(shipment_id=shipment.pk).partner.slug == "awake"
    assert DispatchOffer.objects.get(pk=fresh_offer.pk).status == OfferStatus.OFFERED
    # and expiring it again is a no-op
    assert dispatch_offer_expire(offer_id=offer.pk) is False


def test_with_no_partner_left_the_shipment_waits_and_operators_are_told_once(make_shipment):
    _card("only", price="10.00", transit=(3, 4))
    shipment = make_shipment()
    offer = shipment_dispatch(shipment_id=shipment.pk)
    shipment_offer_reject(partner_id=offer.partner_id, shipment_id=shipment.pk, reason="No")
    # when dispatch runs again (twice: at-least-once delivery)
    assert shipment_dispatch(shipment_id=shipment.pk) is None
    assert shipment_dispatch(shipment_id=shipment.pk) is None
    # then
    shipment.refresh_from_db()
    assert (shipment.status, shipment.partner_id) == (ShipmentStatus.AWAITING_PARTNER, None)
    alert = OperatorAlert.objects.get()
    assert alert.kind == AlertKind.NO_PARTNER and shipment.reference in alert.subject


def test_a_lane_nobody_serves_waits_for_a_partner(make_shipment):
    _card("elsewhere", price="10.00", transit=(3, 4))
    RateCard.objects.update(destination_country="FR")
    shipment = make_shipment()
    assert shipment_dispatch(shipment_id=shipment.pk) is None
    assert OperatorAlert.objects.filter(kind=AlertKind.NO_PARTNER).count() == 1


def test_cancelling_before_pickup_withdraws_the_offer_and_tells_the_partner(make_shipment):
    _card("swift", price="10.00", transit=(3, 4), webhook_url="https://swift.example/hook")
    shipment = make_shipment()
    shipment_dispatch(shipment_id=shipment.pk)
    # when
    shipment_cancel(shipment_id=shipment.pk, reason="Order refunded")
    # then
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.CANCELLED
    assert shipment.offers.get().status == OfferStatus.WITHDRAWN
    assert list(WebhookDelivery.objects.values_list("event", flat=True).order_by("id")) == [
        "shipment.dispatched",
        "shipment.cancelled",
    ]


def test_a_shipment_on_its_way_cannot_be_cancelled(make_shipment):
    shipment = make_shipment()
    Shipment.objects.filter(pk=shipment.pk).update(status=ShipmentStatus.IN_TRANSIT)
    with pytest.raises(ShipmentNotCancellableError):
        shipment_cancel(shipment_id=shipment.pk, reason="Too late")
