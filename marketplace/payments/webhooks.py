"""Receiving provider events: verify the signature on the raw body, store the event once by its id, and
queue its processing through the outbox in the same transaction.

Used by /webhooks/stripe/ and by the built-in test gateway alike, so both go through the same checks. The
secret is settings.STRIPE_WEBHOOK_SECRET, or, when it is unset, settings.TEST_GATEWAY_WEBHOOK_SECRET (which
only development and tests set by default).
"""

from __future__ import annotations

import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from ewtp.outbox.services import outbox_enqueue
from marketplace.payments import tasks
from marketplace.payments.errors import WebhookPayloadError, WebhookSignatureError
from marketplace.payments.models import WebhookEvent

log = logging.getLogger(__name__)

SIGNATURE_TOLERANCE_SECONDS = 300  # Stripe's own default: an older signature is refused (replay)


def webhook_secret() -> str:
    return settings.STRIPE_WEBHOOK_SECRET or settings.TEST_GATEWAY_WEBHOOK_SECRET


def webhook_event_receive(*, payload: bytes, signature: str, provider: str) -> tuple[WebhookEvent, bool]:
    """Verify and store one event; returns it and whether it is new (a duplicate is stored once, queued once).

    Raises WebhookSignatureError for a missing, forged or stale signature and WebhookPayloadError for a body
    that is not an event; then nothing is stored.
    """
    secret = webhook_secret()
    if not secret:
        log.error("webhook.no_secret")
        raise WebhookSignatureError("No webhook secret is configured.", details={"Stripe-Signature": "-"})
    try:
        text = payload.decode("utf-8")
        stripe.Webhook.construct_event(text, signature, secret, tolerance=SIGNATURE_TOLERANCE_SECONDS)
        data = json.loads(text)
    except stripe.SignatureVerificationError as exc:
        raise WebhookSignatureError(
            "The webhook signature is invalid or too old.", details={"Stripe-Signature": str(exc)}
        ) from exc
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise WebhookPayloadError("The webhook body is not JSON.", details={"body": str(exc)}) from exc
    if not isinstance(data, dict) or not data.get("id") or not data.get("type"):
        raise WebhookPayloadError("The webhook body is not an event.", details={"body": "no id or type"})
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                provider=provider, event_id=str(data["id"]), type=str(data["type"]), payload=data
            )
            outbox_enqueue(tasks.webhook_event_process, event_id=event.pk)
    except IntegrityError:
        # A duplicate delivery (Stripe retries, a replay): already stored and queued once.
        event = WebhookEvent.objects.get(event_id=str(data["id"]))
        log.info("webhook.duplicate", extra={"event_id": event.event_id, "type": event.type})
        return event, False
    log.info("webhook.received", extra={"event_id": event.event_id, "type": event.type})
    return event, True
