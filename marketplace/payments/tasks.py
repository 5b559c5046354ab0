"""Celery tasks of payments: thin, each takes ids and calls one service. Both are enqueued through the
outbox (they must not be lost) and are idempotent: a processed event or a submitted refund is a no-op."""

from celery import shared_task
from django.db import OperationalError

from marketplace.payments import processing, services
from marketplace.payments.errors import PaymentProviderUnreachableError, WebhookEventUnmatchedError

# Lock timeouts and a lost connection are transient; so is an event that arrived before the one that makes
# its payment known (retried for about a day, by when Stripe's own order has caught up).
_EVENT_TRANSIENT = (OperationalError, WebhookEventUnmatchedError)


@shared_task(
    name="payments.webhook_event_process",
    queue="webhooks",
    acks_late=True,
    autoretry_for=_EVENT_TRANSIENT,
    retry_backoff=5,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=30,
)
def webhook_event_process(event_id: int) -> str:
    """Apply one stored provider event to its payment; returns what it did."""
    return processing.webhook_event_process(event_id=event_id)


@shared_task(
    name="payments.refund_submit",
    queue="default",
    acks_late=True,
    autoretry_for=(OperationalError, PaymentProviderUnreachableError),
    retry_backoff=10,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=20,
)
def refund_submit(refund_id: int) -> str:
    """Submit one pending refund to its gateway; returns the refund's status."""
    return services.refund_submit(refund_id=refund_id).status
