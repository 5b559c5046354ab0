"""Pull mode against a small partner tracking server on 127.0.0.1: the documented JSON read into the same
ingest path, repeats stored once, a failing or malformed feed recorded without stopping the others, the
request rate kept, and one run per partner at a time."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from logistics.dispatch.models import Shipment
from logistics.partners.models import Partner
from logistics.tracking.applying import tracking_batch_apply
from logistics.tracking.models import ShipmentTracking, TrackingBatch, TrackingEvent
from logistics.tracking.polling import tracking_partner_poll, tracking_partners_to_poll
from tests.logistics.tracking.conftest import event

pytestmark = pytest.mark.django_db


class PartnerServer:
    """A partner's tracking API: GET /track/<number> answers `feeds[number]` (a dict as JSON, an int as
    that HTTP status, bytes as they are) and records when each request came."""

    def __init__(self):
        self.feeds: dict[str, object] = {}
        self.requests: list[tuple[float, str]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                number = self.path.rsplit("/", 1)[-1]
                owner.requests.append((time.monotonic(), number))
                feed = owner.feeds.get(number, 404)
                if isinstance(feed, int):
                    self.send_response(feed)
                    self.end_headers()
                    return
                body = feed if isinstance(feed, bytes) else json.dumps(feed).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/track/{{tracking_number}}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server():
    running = PartnerServer()
    yield running
    running.close()


@pytest.fixture
def polled(partner, server, settings):
    """The partner polls through `server`, fast (6,000 requests a minute: 10 ms apart)."""
    settings.TRACKING_POLL_REQUESTS_PER_MINUTE = 6000
    partner.tracking_url_template = server.url
    partner.save(update_fields=["tracking_url_template"])
    return partner


def _feed(number: str, *events: dict) -> dict:
    return {"tracking_number": number, "events": list(events)}


def test_polling_stores_the_feeds_events_once_and_they_apply_like_pushed_ones(polled, accepted, server):
    # given two shipments whose feeds list their history, and a delivered one that is no longer polled
    first, second, done = accepted(), accepted(), accepted()
    Shipment.objects.filter(pk=done.pk).update(status="delivered")
    server.feeds[first.tracking_number] = _feed(
        first.tracking_number,
        event("p1", "in_transit", "11-02 09:00", location="Nairobi KE", estimated_delivery="2026-11-07"),
        event("p2", "customs_hold", "11-03 11:00", reason="Awaiting invoice",
              duties_assessed={"amount": "14.20", "currency": "EUR"}),
    )  # fmt: skip
    server.feeds[second.tracking_number] = _feed(
        second.tracking_number, event("q1", "in_transit", "11-02 10:00")
    )
    # when the partner is polled
    report = tracking_partner_poll(partner_id=polled.pk)
    # then the two active shipments were asked for, and their three events stored as one pulled batch each
    assert {number for _, number in server.requests} == {first.tracking_number, second.tracking_number}
    assert (report.polled, report.stored, report.duplicates, report.failed) == (2, 3, 0, 0)
    assert set(TrackingBatch.objects.values_list("source", flat=True)) == {"pull"}
    # and applied, they move the shipments as pushed events do
    for batch_id in TrackingBatch.objects.values_list("pk", flat=True):
        tracking_batch_apply(batch_id=batch_id)
    first.refresh_from_db()
    assert (first.status, first.status_reason, str(first.duties_assessed_amount)) == (
        "customs_hold", "Awaiting invoice", "14.2000",
    )  # fmt: skip
    assert str(first.estimated_delivery) == "2026-11-07"
    # when it is polled again and the feeds repeat their history with one new event
    server.feeds[second.tracking_number]["events"].append(event("q2", "out_for_delivery", "11-05 07:00"))
    again = tracking_partner_poll(partner_id=polled.pk)
    # then only the new event is stored
    assert (again.stored, again.duplicates) == (1, 3)
    assert TrackingEvent.objects.count() == 4


def test_a_failing_or_malformed_feed_is_recorded_and_the_others_are_still_polled(polled, accepted, server):
    # given four shipments: one answers 500, one answers HTML, one an event with a naive time, one fine
    down, html, naive, fine = accepted(), accepted(), accepted(), accepted()
    server.feeds[down.tracking_number] = 500
    server.feeds[html.tracking_number] = b"<html>maintenance</html>"
    naive_event = {"event_id": "n1", "status": "in_transit", "occurred_at": "2026-11-02T09:00:00"}
    server.feeds[naive.tracking_number] = _feed(naive.tracking_number, naive_event)
    server.feeds[fine.tracking_number] = _feed(fine.tracking_number, event("f1", "in_transit", "11-02 09:00"))
    # when the partner is polled
    report = tracking_partner_poll(partner_id=polled.pk)
    # then every shipment was polled, three failed, and the fine one's event was stored
    assert (report.polled, report.failed, report.stored) == (4, 3, 1)
    errors = dict(ShipmentTracking.objects.values_list("shipment_id", "poll_error"))
    assert errors[down.pk] == "The tracking URL answered HTTP 500."
    assert errors[html.pk] == "The tracking feed is not JSON."
    assert errors[naive.pk].startswith("1 problem in the batch; nothing was stored.")
    assert "events[0].occurred_at" in errors[naive.pk]
    assert errors[fine.pk] == ""
    assert list(TrackingEvent.objects.values_list("shipment_id", flat=True)) == [fine.pk]


def test_polling_keeps_the_partners_request_rate(polled, accepted, server, settings, monkeypatch):
    """Measured on a virtual clock, not the machine's: the rule is about spacing, and a test never times."""
    from logistics.tracking import polling

    # given a rate of 600 requests a minute (one every 0.1 s), four shipments, and answers that take 0.03 s
    # except the second, which takes 0.25 s
    settings.TRACKING_POLL_REQUESTS_PER_MINUTE = 600
    for _ in range(4):
        shipment = accepted()
        server.feeds[shipment.tracking_number] = _feed(shipment.tracking_number)

    class Clock:
        now = 0.0

        def monotonic(self):
            return self.now

        def sleep(self, seconds):
            self.now += seconds

    clock, starts, answer_times = Clock(), [], iter([0.03, 0.25, 0.03, 0.03])
    monkeypatch.setattr(polling, "time", clock)
    real_poll = polling._shipment_poll

    def timed_poll(*args, **kwargs):
        starts.append(round(clock.now, 6))
        real_poll(*args, **kwargs)
        clock.now += next(answer_times)

    monkeypatch.setattr(polling, "_shipment_poll", timed_poll)
    # when the partner is polled
    tracking_partner_poll(partner_id=polled.pk)
    # then each request starts 0.1 s after the one before, or at once after a slower answer, never sooner:
    # 0 -> 0.1 (slept 0.07 after a 0.03 s answer) -> 0.35 (the 0.25 s answer ran past 0.2) -> 0.45
    assert starts == [0.0, 0.1, 0.35, 0.45]
    assert len(server.requests) == 4


def test_a_run_polls_at_most_a_batch_least_recently_polled_first(polled, accepted, server, settings):
    # given three shipments and a batch of two
    settings.TRACKING_POLL_BATCH = 2
    shipments = [accepted() for _ in range(3)]
    for shipment in shipments:
        server.feeds[shipment.tracking_number] = _feed(shipment.tracking_number)
    # when two runs follow each other
    tracking_partner_poll(partner_id=polled.pk)
    tracking_partner_poll(partner_id=polled.pk)
    # then the first asked for the first two, the second for the one left out, then the oldest polled
    numbers = [number for _, number in server.requests]
    assert numbers[:2] == [shipments[0].tracking_number, shipments[1].tracking_number]
    assert numbers[2] == shipments[2].tracking_number and len(numbers) == 4


def test_a_second_run_for_the_same_partner_waits_for_the_first(polled, accepted, server):
    # given a run holding the partner's lock
    accepted()
    cache.add(f"tracking:poll:{polled.pk}", "another-run", timeout=60)
    try:
        # when another run starts, then it polls nothing
        report = tracking_partner_poll(partner_id=polled.pk)
        assert report.skipped and report.polled == 0 and server.requests == []
    finally:
        cache.delete(f"tracking:poll:{polled.pk}")


def test_only_active_partners_with_a_tracking_url_are_polled(polled, other_partner):
    Partner.objects.create(name="Gone", slug="gone", tracking_url_template="http://127.0.0.1:1/{tracking_number}",
                           is_active=False)  # fmt: skip
    assert tracking_partners_to_poll() == [polled.pk]
