"""Pull mode: partners that do not push events expose a tracking URL, which the poller reads.

`Partner.tracking_url_template` holds `{tracking_number}`, e.g. https://track.example/api/{tracking_number}.
A GET there answers (200, application/json):

    {"tracking_number": "SW123456789KE",
     "events": [{"event_id": "evt-1", "status": "in_transit", "occurred_at": "2026-11-02T09:15:00Z",
                 "location": "Nairobi KE", "reason": "", "estimated_delivery": "2026-11-06",
                 "duties_assessed": {"amount": "14.20", "currency": "EUR"}}, ...]}

Each event has the push API's fields (logistics/tracking/validation.py) without a shipment reference: the
URL named the shipment. The events go through the same ingest path as pushed ones (de-duplicated by event
id, so a feed that repeats its history stores each event once). A run polls the partner's active shipments
least recently polled first, at most TRACKING_POLL_BATCH of them and never faster than
TRACKING_POLL_REQUESTS_PER_MINUTE; a lock in the shared cache keeps two runs for one partner apart.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from ewtp.errors import ApplicationError
from logistics.dispatch.models import Shipment
from logistics.partners.models import Partner
from logistics.tracking.errors import TrackingFeedInvalidError, TrackingFeedUnavailableError
from logistics.tracking.ingest import tracking_events_ingest, tracking_events_of_shipment
from logistics.tracking.models import ShipmentTracking, TrackingBatch
from logistics.tracking.stale import ACTIVE_STATUSES
from logistics.tracking.validation import MAX_EVENTS

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 2 * 2**20
# A run ends well inside the task's soft time limit (240 s), whatever the rate and batch settings say.
MAX_RUN_SECONDS = 180


@dataclass
class PollReport:
    partner_id: int
    polled: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: bool = False  # another run holds this partner's lock

    def as_dict(self) -> dict:
        return asdict(self)


def tracking_partners_to_poll() -> list[int]:
    """The active partners with a tracking URL."""
    return list(
        Partner.objects.filter(is_active=True).exclude(tracking_url_template="").values_list("pk", flat=True)
    )


def tracking_partner_poll(*, partner_id: int) -> PollReport:
    """Poll one partner's active shipments, least recently polled first, within its request rate."""
    report = PollReport(partner_id=partner_id)
    partner = Partner.objects.get(pk=partner_id)
    if not partner.tracking_url_template:
        return report
    interval = 60 / max(settings.TRACKING_POLL_REQUESTS_PER_MINUTE, 1)
    budget = min(settings.TRACKING_POLL_INTERVAL_SECONDS, MAX_RUN_SECONDS)
    limit = max(1, min(settings.TRACKING_POLL_BATCH, int(budget / interval)))
    lock, token = f"tracking:poll:{partner_id}", uuid.uuid4().hex
    if not cache.add(
        lock, token, timeout=int(limit * interval + settings.TRACKING_POLL_TIMEOUT_SECONDS + 60)
    ):
        report.skipped = True
        return report
    try:
        shipments = list(
            Shipment.objects.filter(partner=partner, status__in=ACTIVE_STATUSES)
            .exclude(tracking_number="")
            .order_by(F("tracking__polled_at").asc(nulls_first=True), "pk")
            .only("pk", "tracking_number")[:limit]
        )
        previous = None
        for shipment in shipments:
            # Each request starts at least `interval` after the one before: a slow answer never makes the
            # next ones bunch up to catch up.
            if previous is not None:
                time.sleep(max(0.0, previous + interval - time.monotonic()))
            previous = time.monotonic()
            _shipment_poll(partner, shipment, report)
    finally:
        if cache.get(lock) == token:
            cache.delete(lock)
    return report


def _shipment_poll(partner: Partner, shipment: Shipment, report: PollReport) -> None:
    url = partner.tracking_url_template.format(
        tracking_number=urllib.parse.quote(shipment.tracking_number, safe="")
    )
    error = ""
    try:
        events = tracking_events_of_shipment(tracking_feed_read(url=url), shipment_id=shipment.pk)
        for start in range(0, len(events), MAX_EVENTS):
            ingested = tracking_events_ingest(
                partner=partner, events=events[start : start + MAX_EVENTS], source=TrackingBatch.Source.PULL
            )
            report.stored += ingested.stored
            report.duplicates += ingested.duplicates
    except ApplicationError as exc:  # the feed's own failures and events that break the push API's rules
        error = f"{exc.message} {json.dumps(exc.details)[:200] if exc.details else ''}".strip()
        report.failed += 1
        log.warning("tracking.poll_failed", extra={"partner": partner.slug, "shipment": shipment.pk,
                                                   "error": error})  # fmt: skip
    report.polled += 1
    ShipmentTracking.objects.update_or_create(
        shipment_id=shipment.pk, defaults={"polled_at": timezone.now(), "poll_error": error[:300]}
    )


def tracking_feed_read(*, url: str) -> list[dict]:
    """GET a partner's tracking URL and return its events (a list of objects, checked later by ingest)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise TrackingFeedInvalidError("A tracking URL must be http or https.", details={"url": url[:100]})
    headers = {"Accept": "application/json", "User-Agent": "EWTP tracking"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http(s) only, checked above
    timeout = settings.TRACKING_POLL_TIMEOUT_SECONDS
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise TrackingFeedUnavailableError(f"The tracking URL answered HTTP {exc.code}.") from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise TrackingFeedUnavailableError(f"The tracking URL did not answer: {exc}.") from None
    if len(body) > MAX_FEED_BYTES:
        raise TrackingFeedInvalidError(f"The tracking feed is larger than {MAX_FEED_BYTES} bytes.")
    try:
        document = json.loads(body)
    except ValueError:
        raise TrackingFeedInvalidError("The tracking feed is not JSON.") from None
    events = document.get("events") if isinstance(document, dict) else None
    if not isinstance(events, list):
        raise TrackingFeedInvalidError(
            'The tracking feed must be an object with a list of "events".', details={"events": "Missing."}
        )
    return events
