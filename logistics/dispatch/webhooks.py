"""Signed webhooks to partners: queued in the caller's transaction, sent by the `webhooks` queue.

Each request carries

    EWTP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the partner's webhook_secret>
    EWTP-Event: shipment.dispatched
    EWTP-Delivery: <uuid, the same on every attempt: the partner de-duplicates by it>

A 2xx delivers it. A timeout, a refused connection, a 5xx, 408 or 429 is transient: retried after
BACKOFF x 2^(attempt-1) seconds (at most BACKOFF_MAX), times a random factor in [0.5, 1) so a partner coming
back up is not hit by every retry at once, up to PARTNER_WEBHOOK_MAX_ATTEMPTS. Any other answer fails the
delivery at once (retrying would get the same). Every attempt is recorded with its status code or error and
duration. PARTNER_WEBHOOK_DISABLE_AFTER failed attempts in a row disable the endpoint and tell operators;
its pending deliveries are abandoned. An operator clears `webhook_disabled_at` in the admin to enable it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ewtp.outbox.services import outbox_enqueue
from logistics.dispatch.alerts import operator_alert_raise
from logistics.dispatch.alerts_models import AlertKind
from logistics.dispatch.models import Shipment
from logistics.dispatch.webhooks_models import DeliveryStatus, WebhookAttempt, WebhookDelivery
from logistics.partners.models import Partner

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "EWTP-Signature"
TRANSIENT_STATUSES = frozenset({408, 429})
USER_AGENT = "EWTP-Webhooks/1"


def webhook_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The EWTP-Signature header's value for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_retry_delay(*, attempt: int, rng: random.Random | None = None) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based): exponential, capped, jittered."""
    ceiling = min(settings.PARTNER_WEBHOOK_BACKOFF_MAX_SECONDS,
                  settings.PARTNER_WEBHOOK_BACKOFF_SECONDS * 2 ** (attempt - 1))  # fmt: skip
    return ceiling * (0.5 + (rng or random).random() / 2)


def webhook_queue(
    *, partner: Partner, event: str, data: dict, shipment: Shipment | None = None
) -> WebhookDelivery | None:
    """Make the delivery in the current transaction and send it once that commits (through the outbox).

    None when the partner has no endpoint, or it is disabled: the partner then learns from the API.
    """
    if not partner.webhook_url or partner.webhook_disabled_at is not None:
        return None
    delivery = WebhookDelivery(partner=partner, shipment=shipment, event=event, url=partner.webhook_url)
    envelope = {"id": str(delivery.uuid), "type": event, "created_at": timezone.now(), "data": data}
    delivery.body = json.dumps(envelope, cls=DjangoJSONEncoder, separators=(",", ":"))
    delivery.save()
    from logistics.dispatch.tasks import webhook_deliver

    outbox_enqueue(webhook_deliver, delivery_id=delivery.pk)
    return delivery


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A partner's endpoint answers; it does not send us elsewhere (and a redirect could point inside).
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(*, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST and return the status code; raises OSError (timeouts included) when there is no answer."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - http(s) only
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(65536)
            return response.status
    except urllib.error.HTTPError as answered:
        return answered.code


@dataclass(frozen=True)
class AttemptOutcome:
    status: str
    retry_in: float | None = None


def webhook_delivery_attempt(*, delivery_id: int) -> AttemptOutcome:
    """Try the delivery once (if still pending) and record it; `retry_in` says when to try again."""
    delivery = WebhookDelivery.objects.select_related("partner").get(pk=delivery_id)
    partner = delivery.partner
    if delivery.status != DeliveryStatus.PENDING:
        return AttemptOutcome(delivery.status)
    if partner.webhook_disabled_at is not None:
        WebhookDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.ABANDONED
        )
        return AttemptOutcome(DeliveryStatus.ABANDONED)
    if not delivery.url.startswith(("https://", "http://")):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED)
        return AttemptOutcome(DeliveryStatus.FAILED)

    body = delivery.body.encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: webhook_signature(secret=partner.webhook_secret, timestamp=timestamp, body=body),
        "EWTP-Event": delivery.event,
        "EWTP-Delivery": str(delivery.uuid),
    }
    started_at, started = timezone.now(), time.monotonic()
    status_code, error = None, ""
    try:
        status_code = _post(url=delivery.url, body=body, headers=headers,
                            timeout=settings.PARTNER_WEBHOOK_TIMEOUT_SECONDS)  # fmt: skip
    except (TimeoutError, OSError) as exc:  # refused, reset, DNS, TLS, timed out
        error = f"{exc.__class__.__name__}: {exc}"[:500] or exc.__class__.__name__
    duration_ms = round((time.monotonic() - started) * 1000)
    succeeded = status_code is not None and 200 <= status_code < 300
    transient = status_code is None or status_code >= 500 or status_code in TRANSIENT_STATUSES
    return _attempt_record(delivery, started_at=started_at, duration_ms=duration_ms, status_code=status_code,
                           error=error, succeeded=succeeded, transient=transient)  # fmt: skip


@transaction.atomic
def _attempt_record(
    delivery, *, started_at, duration_ms, status_code, error, succeeded, transient
) -> AttemptOutcome:
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    number = delivery.attempts_count + 1
    WebhookAttempt.objects.create(delivery=delivery, number=number, started_at=started_at,
                                  duration_ms=duration_ms, status_code=status_code, error=error,
                                  succeeded=succeeded)  # fmt: skip
    delivery.attempts_count = number
    partner_rows = Partner.objects.filter(pk=delivery.partner_id)
    if succeeded:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.DELIVERED,
            timezone.now(),
            None,
        )
        delivery.save(update_fields=["status", "attempts_count", "delivered_at", "next_attempt_at"])
        partner_rows.update(webhook_failures_in_row=0)
        return AttemptOutcome(DeliveryStatus.DELIVERED)

    partner_rows.update(webhook_failures_in_row=F("webhook_failures_in_row") + 1)
    partner = partner_rows.get()
    log.warning("dispatch.webhook_failed", extra={"delivery": delivery.pk, "partner": partner.pk,
                                                  "status_code": status_code, "error": error})  # fmt: skip
    if partner.webhook_failures_in_row >= settings.PARTNER_WEBHOOK_DISABLE_AFTER:
        _endpoint_disable(partner)
        delivery.status, delivery.next_attempt_at = DeliveryStatus.ABANDONED, None
    elif transient and number < settings.PARTNER_WEBHOOK_MAX_ATTEMPTS:
        delay = webhook_retry_delay(attempt=number)
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        delivery.save(update_fields=["attempts_count", "next_attempt_at"])
        return AttemptOutcome(DeliveryStatus.PENDING, retry_in=delay)
    else:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    delivery.save(update_fields=["status", "attempts_count", "next_attempt_at"])
    return AttemptOutcome(delivery.status)


def _endpoint_disable(partner: Partner) -> None:
    """Disable the endpoint (once), abandon what waits for it, and tell operators."""
    now = timezone.now()
    if not Partner.objects.filter(pk=partner.pk, webhook_disabled_at__isnull=True).update(
        webhook_disabled_at=now
    ):
        return
    WebhookDelivery.objects.filter(partner=partner, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.ABANDONED, next_attempt_at=None
    )
    operator_alert_raise(
        kind=AlertKind.WEBHOOK_DISABLED,
        key=f"webhook_disabled:{partner.pk}:{now.isoformat()}",
        subject=f"Webhooks to {partner} disabled",
        body=(
            f"{partner.webhook_failures_in_row} webhook attempts in a row to {partner.webhook_url} failed, "
            f"so the platform stopped sending {partner}'s webhooks. The partner still sees its shipments "
            "through the API. Once the endpoint works, clear 'Webhook disabled at' on the partner (admin)."
        ),
    )
