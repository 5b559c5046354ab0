"""End to end: a buyer pays for an order, dispatch offers its shipment to the lane's partner, and the partner
simulator (`manage.py partner_simulator`, logistics/simulator/) accepts it and tracks it to the door through
the public API only, over HTTP against a live server, with a bearer key. The shipment ends delivered, the
order follows it (paid -> dispatched -> in_transit -> delivered), and every event is applied exactly once.

Celery runs eagerly here (the `celery_eager` fixture): the live server's thread relays the outbox right after
each commit, so dispatch has offered the shipment before the payment's page answers, and each batch of
events is applied before the tracking endpoint answers 202. A real worker applying events (and killed half
way) is tests/logistics/tracking/test_worker.py's subject; this test is about the partner's side.

The order is the Kenyan basket of tests/marketplace/orders/test_checkout_flow.py: EUR 3.00 of duty left to
the carrier (DAP), which is the shipment's estimate of what customs will assess.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from logistics.customs.tasks import documents_generate
from logistics.dispatch.models import Shipment
from logistics.dispatch.statuses import ShipmentStatus
from logistics.partners.keys import partner_api_key_create
from logistics.partners.models import Partner
from logistics.simulator.api_client import PartnerApiClient
from logistics.simulator.journeys import journey_plan, tracking_number_for
from logistics.simulator.partner import PartnerSimulator
from logistics.tracking.models import TrackingEvent
from marketplace.orders.models import Order, OrderStatus
from tests.logistics.customs.conftest import customs_rules  # noqa: F401 - a fixture this test uses
from tests.marketplace.conftest import rates  # noqa: F401 - a fixture this test uses
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.orders.conftest import IOSS_NUMBER, TODAY, WEBHOOK_SECRET, Buyer, lane

# The rates of 2026-10-30 and the seeded customs rules, as the orders tests have them (imported above).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("rates", "customs_rules")]

SCOPES = ("shipments:read", "shipments:write", "tracking:write")


@pytest.fixture(autouse=True)
def _world(celery_eager, monkeypatch, settings):
    """2026-10-30 as today, the test gateway, one partner (Swift) on the Kenya -> Germany lane; customs
    documents queued but not rendered; no rate counted yet."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.TEST_GATEWAY_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PLATFORM_IOSS_NUMBER = IOSS_NUMBER
    monkeypatch.setattr(documents_generate, "run", lambda **kwargs: [])
    lane()
    cache.clear()  # the API's rate counters live in the shared cache
    yield
    cache.clear()


@pytest.fixture
def order(client, django_capture_on_commit_callbacks) -> Order:
    """A paid order whose shipment dispatch has offered to Swift."""
    buyer = Buyer(client, django_capture_on_commit_callbacks)
    buyer.add(ListingFactory())
    buyer.checkout()
    buyer.card(buyer.pay().url)
    paid = Order.objects.get()
    shipment = Shipment.objects.get(pk=paid.shipment_id)
    assert (paid.status, shipment.status, shipment.partner.slug) == ("paid", "offered", "swift")
    mail.outbox.clear()
    return paid


@pytest.fixture
def swift_key() -> str:
    _, raw_key = partner_api_key_create(partner=Partner.objects.get(slug="swift"), scopes=SCOPES)
    return raw_key


def _moves(order: Order) -> list[tuple[str, str]]:
    return list(order.events.filter(actor_label="tracking").values_list("from_status", "to_status"))


def _assert_delivered_once(order: Order, api: PartnerApiClient) -> None:
    """The shipment is delivered, the order followed it, and each planned event is stored and applied once."""
    shipment = Shipment.objects.get(pk=order.shipment_id)
    order.refresh_from_db()
    assert shipment.status == ShipmentStatus.DELIVERED
    assert shipment.tracking_number == tracking_number_for(
        shipment_id=shipment.pk, service_level="standard", origin_country="KE"
    )
    assert order.status == OrderStatus.DELIVERED
    # the order moved once each way: accepted (dispatched), on its way, delivered
    assert _moves(order) == [
        ("paid", "dispatched"),
        ("dispatched", "in_transit"),
        ("in_transit", "delivered"),
    ]
    # every step of the journey the simulator planned is one stored event, applied
    plan = journey_plan(api.get(f"/api/v1/shipments/{shipment.pk}/"), customs_hold_rate=1)
    events = TrackingEvent.objects.filter(shipment=shipment).order_by("occurred_at", "id")
    assert [e.partner_event_id for e in events] == [step.event_id(shipment.pk) for step in plan]
    assert all(e.applied_at is not None for e in events)
    # held in customs on the way: the duties assessed (near the EUR 3.00 estimate) are on the shipment
    hold = next(step for step in plan if step.status == "customs_hold")
    assert hold.duties_assessed["currency"] == "EUR"
    assert (shipment.duties_assessed_amount, shipment.duties_assessed_currency) == (
        Decimal(hold.duties_assessed["amount"]), "EUR",
    )  # fmt: skip
    # and the buyer heard of each step that matters, once
    ref = order.reference
    assert [m.subject for m in mail.outbox] == [
        f"Your EWTP order {ref} is on its way",
        f"Your EWTP order {ref} is held in customs",
        f"Your EWTP order {ref} is out for delivery",
        f"Your EWTP order {ref} was delivered",
    ]


def test_the_command_run_once_at_a_time_takes_a_paid_order_to_delivered(order, swift_key, live_server):
    # given the paid order offered to Swift, and Swift's simulator at a speed where every step is due at once
    options = [
        "--base-url",
        live_server.url,
        "--key",
        swift_key,
        "--speed",
        "1e9",
        "--customs-hold-rate",
        "1",
    ]

    def simulate_once() -> str:
        out = StringIO()
        call_command("partner_simulator", "swift", "--once", *options, stdout=out)
        return out.getvalue()

    # when the command runs one pass at a time, each a new process's worth of memory (none)
    outputs = []
    for _ in range(10):
        outputs.append(simulate_once())
        if Order.objects.get().status == OrderStatus.DELIVERED:
            break
    # then the first pass accepted the shipment, and a few passes later it was delivered
    assert "1 accepted" in outputs[0]
    assert 2 <= len(outputs) <= 4, outputs
    assert "1 delivered" in outputs[-1]
    _assert_delivered_once(order, PartnerApiClient(base_url=live_server.url, key=swift_key))
    # and another pass sends nothing: the journey is over
    assert "0 accepted, 0 events stored, 0 duplicates, 0 delivered" in simulate_once()


class LossyClient(PartnerApiClient):
    """Loses the answer to the first tracking POST after the server has done the work (a dropped
    connection on the way back): the client must retry, and the retry must not apply anything twice."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tracking_posts: list[tuple[str, str]] = []  # (Idempotency-Key, what became of the answer)

    def _send(self, request):
        exchange = super()._send(request)
        if request.get_method() == "POST" and request.full_url.endswith("/tracking/events/"):
            key = request.get_header("Idempotency-key")
            if not self.tracking_posts:
                self.tracking_posts.append((key, "lost"))
                raise ConnectionResetError("answer lost on the way back")
            self.tracking_posts.append((key, exchange.headers.get("Idempotent-Replayed", "answered")))
        return exchange


def test_the_simulator_carries_on_from_what_the_api_says_over_simulated_days(order, swift_key, live_server):
    # given a clock 40 days in the past that moves 4 simulated hours a pass, at real speed (speed 1). A
    # standard parcel takes 6-12 days (144-288 h); its shortest step, out for delivery, lasts 4 % of that
    # x 0.8 at least = 144 x 0.04 x 0.8 = 4.6 h, so a pass lands in every step whatever the shipment's id
    # (the plan is drawn from it). 12-hour passes skipped that step for some ids.
    moment = [datetime.now(UTC) - timedelta(days=40)]
    api = LossyClient(base_url=live_server.url, key=swift_key, sleep=lambda seconds: None)
    # when a simulator that remembers nothing runs each pass, as a restarted one would
    statuses = []
    for _ in range(200):  # at most 288 h x 1.2 / 4 h = 87 passes
        simulator = PartnerSimulator(api=api, partner="swift", speed=1, customs_hold_rate=1,
                                     clock=lambda: moment[0])  # fmt: skip
        report = simulator.run_pass()
        assert report.problems == []
        statuses.append(Shipment.objects.get(pk=order.shipment_id).status)
        if report.delivered:
            break
        moment[0] += timedelta(hours=4)
    # then the parcel went step by step, over many passes, never backwards, to delivered
    seen = list(dict.fromkeys(statuses))
    assert seen[0] == "pre_transit" and seen[-1] == "delivered"
    assert {"in_transit", "customs_hold", "out_for_delivery"} <= set(seen)
    assert len(statuses) > 6
    # and the lost answer was retried under the same Idempotency-Key and replayed (the work done once)
    (lost_key, lost), (retry_key, retried) = api.tracking_posts[:2]
    assert (lost, retried) == ("lost", "true") and retry_key == lost_key
    _assert_delivered_once(order, api)
