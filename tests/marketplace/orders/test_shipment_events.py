"""Orders follow their shipments: the partner's tracking events move the order (dispatched, in transit,
delivered, then completed after the return window), the buyer is e-mailed at each step that matters, and the
order page shows the parcel's timeline and latest estimate; the seller sees the shipment's status.

The order is the Kenyan basket of test_checkout_flow.py priced at KES 30,000, so that duty and VAT are left
to the carrier (DAP; under EUR 150 both would be collected at sale): 30000 / 144.30 = 207.9002 -> EUR 207.90,
over EUR 150, shipped for EUR 12.00; duty at the EU's default 4 % (no rate for chapter 46) on 207.90 + 12.00
= 219.90: 8.796 -> 8.80; VAT 19 % of 219.90 + 8.80 = 228.70: 43.453 -> 43.45. EUR 52.25 due to the carrier
on delivery, which is the shipment's checkout estimate of duties and taxes (no carrier fee).
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from logistics.dispatch.models import Shipment
from logistics.dispatch.statuses import ShipmentStatus
from logistics.partners.models import Partner
from logistics.tracking.ingest import tracking_events_ingest
from marketplace.listings.models import Listing
from marketplace.orders.links import order_token
from marketplace.orders.models import Order, OrderEmail, OrderStatus
from marketplace.orders.shipment_events import orders_delivered_complete
from marketplace.orders.status import order_transition
from tests.marketplace.sellers.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(buyer, basket):
    """The paid order, its shipment offered to the lane's partner (Swift) with tracking number SW1KE."""
    Listing.objects.filter(pk=basket.pk).update(price_amount=Decimal("30000"))
    buyer.add(basket)
    buyer.checkout()
    buyer.card(buyer.pay().url)
    paid = Order.objects.get()
    Shipment.objects.filter(pk=paid.shipment_id).update(
        partner=Partner.objects.get(slug="swift"), tracking_number="SW1KE", status=ShipmentStatus.OFFERED
    )
    mail.outbox.clear()
    return paid


@pytest.fixture
def track(buyer, order):
    """The partner pushes events; the tracking worker applies them (eagerly here, through the outbox)."""
    partner = Partner.objects.get(slug="swift")
    counter = iter(range(1, 100))

    def send(status: str, at: str, **fields):
        day, time = at.split(" ")
        event = {"event_id": f"ev-{next(counter)}", "tracking_number": "SW1KE", "status": status,
                 "occurred_at": f"2026-{day}T{time}:00+00:00", **fields}  # fmt: skip
        with buyer.capture(execute=True):
            report = tracking_events_ingest(partner=partner, events=[event])
        assert report.stored == 1, report.as_dict()
        order.refresh_from_db()
        return order

    return send


def _subjects() -> list[str]:
    return [message.subject for message in mail.outbox]


def test_the_shipment_carries_the_checkout_estimate_of_duties_due_on_delivery(order):
    shipment = Shipment.objects.get(pk=order.shipment_id)
    # the EUR 8.80 duty + 43.45 VAT to the carrier (the module's docstring), in the destination's currency
    assert (shipment.duties_estimated_amount, shipment.duties_estimated_currency) == (Decimal("52.25"), "EUR")


def test_the_order_follows_its_shipment_to_delivered_and_the_buyer_hears_of_each_step(order, track):
    ref = order.reference
    # when the partner accepts (pre_transit), then the order is dispatched, and nobody is e-mailed yet
    assert track("pre_transit", "11-01 08:00").status == OrderStatus.DISPATCHED
    assert _subjects() == []
    # when the parcel moves, then it is in transit and the buyer is told it ships
    assert (
        track("in_transit", "11-02 09:00", estimated_delivery="2026-11-07").status == OrderStatus.IN_TRANSIT
    )
    assert _subjects() == [f"Your EWTP order {ref} is on its way"]
    assert "Tracking number: SW1KE" in mail.outbox[-1].body and "Expected delivery" in mail.outbox[-1].body
    # when customs hold it, then the buyer is told why, and the order stays in transit
    assert (
        track("customs_hold", "11-03 10:00", reason="Awaiting proof of value").status
        == OrderStatus.IN_TRANSIT
    )
    assert mail.outbox[-1].subject == f"Your EWTP order {ref} is held in customs"
    assert "Customs say: Awaiting proof of value" in mail.outbox[-1].body
    assert "we estimated €52.25 to pay the carrier" in mail.outbox[-1].body
    # when it is out for delivery, then the buyer is told to have the EUR 52.25 ready
    track("in_transit", "11-04 06:00")
    track("out_for_delivery", "11-05 07:00")
    assert mail.outbox[-1].subject == f"Your EWTP order {ref} is out for delivery"
    assert "Have €52.25 ready" in mail.outbox[-1].body
    # when it is delivered, then the order is delivered and the buyer told
    assert track("delivered", "11-05 14:20").status == OrderStatus.DELIVERED
    assert mail.outbox[-1].subject == f"Your EWTP order {ref} was delivered"
    # and each e-mail went once: the second in-transit scan sent no second "on its way"
    assert _subjects() == [
        f"Your EWTP order {ref} is on its way",
        f"Your EWTP order {ref} is held in customs",
        f"Your EWTP order {ref} is out for delivery",
        f"Your EWTP order {ref} was delivered",
    ]
    # and the order's history records each move as tracking's
    moves = list(order.events.filter(actor_label="tracking").values_list("from_status", "to_status"))
    assert moves == [("paid", "dispatched"), ("dispatched", "in_transit"), ("in_transit", "delivered")]


def test_a_delivered_order_is_completed_once_the_return_window_has_passed(order, track, settings):
    # given a 14-day return window and a parcel delivered on 11-05 at 14:20
    settings.ORDERS_RETURN_WINDOW_DAYS = 14
    track("delivered", "11-05 14:20")
    delivered = datetime(2026, 11, 5, 14, 20, tzinfo=UTC)
    # when the task runs 14 days less a minute later, then the order stays delivered
    assert orders_delivered_complete(now=delivered + timedelta(days=14, minutes=-1)) == 0
    # when it runs 14 days after delivery, then the order is completed, once
    assert orders_delivered_complete(now=delivered + timedelta(days=14)) == 1
    assert orders_delivered_complete(now=delivered + timedelta(days=15)) == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED


def test_a_parcel_delivered_without_a_transit_scan_still_delivers_the_order(order, track):
    # the order goes paid -> dispatched -> delivered: nothing is skipped that the order requires
    assert track("delivered", "11-05 14:20").status == OrderStatus.DELIVERED
    assert _subjects() == [f"Your EWTP order {order.reference} was delivered"]


def test_an_order_the_seller_marked_dispatched_is_not_dispatched_again(order, track):
    # given the seller marked it dispatched
    order_transition(order=order, action="dispatch", actor_label="seller", reason="Handed to the carrier.")
    # when the partner accepts, then nothing changes and nothing fails
    assert track("pre_transit", "11-01 08:00").status == OrderStatus.DISPATCHED
    assert order.events.filter(action="dispatch").count() == 1


def test_a_refunded_order_is_not_moved_and_its_buyer_not_told_about_the_parcel(order, track):
    # given the order refunded in full before the parcel moved
    order_transition(order=order, action="refund", actor_label="operator", reason="Buyer cancelled.")
    # when the parcel is nonetheless delivered
    assert track("delivered", "11-05 14:20").status == OrderStatus.REFUNDED
    # then the order stays refunded and no parcel e-mail goes out
    assert _subjects() == []
    assert not OrderEmail.objects.filter(kind__startswith="buyer_delivered").exists()


def test_a_second_customs_hold_is_a_second_email(order, track):
    track("customs_hold", "11-03 10:00", reason="Awaiting invoice")
    track("in_transit", "11-04 10:00")
    track("customs_hold", "11-04 16:00", reason="Inspection")
    held = [m for m in mail.outbox if "held in customs" in m.subject]
    assert [("Awaiting invoice" in m.body, "Inspection" in m.body) for m in held] == [
        (True, False),
        (False, True),
    ]


def test_the_order_page_shows_the_parcels_timeline_and_latest_estimate(client, order, track):
    # given events that arrived out of order: a scan of 11-02 21:00 after those of 11-03 and 11-05
    track("in_transit", "11-02 09:00", location="Nairobi KE", estimated_delivery="2026-11-07")
    track("customs_hold", "11-03 10:00", location="Frankfurt DE", reason="Awaiting invoice",
          estimated_delivery="2026-11-09")  # fmt: skip
    track("out_for_delivery", "11-05 07:00", location="Berlin DE")
    track("in_transit", "11-02 21:00", location="Dubai AE", estimated_delivery="2026-11-06")
    # when the buyer opens the order page through the e-mail's link
    page = client.get(f"/orders/{order.reference}/", {"t": order_token(order.reference)})
    # then it shows the parcel out for delivery, the estimate of the latest event that gave one (11-03's
    # 11-09, not the late scan's 11-06), and the events in the order they happened
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="shipment-status" data-status="out_for_delivery"' in html
    assert 'data-date="2026-11-09"' in html
    timeline = html[html.index('id="shipment-timeline"') :]
    places = [timeline.index(p) for p in ("Nairobi KE", "Dubai AE", "Frankfurt DE", "Berlin DE")]
    assert places == sorted(places)
    assert "Awaiting invoice" in timeline


def test_the_seller_sees_the_shipments_status_in_their_orders(client, order, track):
    # given the parcel held in customs
    track("customs_hold", "11-03 10:00", reason="Awaiting invoice")
    seller_user = order.seller.user
    seller_user.set_password(PASSWORD)
    seller_user.save()
    client.login(email=seller_user.email, password=PASSWORD)
    # when the seller opens their orders, then the row shows the shipment's status and why
    html = client.get("/sell/orders/").content.decode()
    row = html[html.index(f'id="order-{order.reference}"') :]
    assert 'data-shipment-status="customs_hold"' in row and "Held in customs (Awaiting invoice)" in row
    # and the order's own page shows the timeline
    detail = client.get(f"/sell/orders/{order.reference}/").content.decode()
    assert 'id="shipment-timeline"' in detail
