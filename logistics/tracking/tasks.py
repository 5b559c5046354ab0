"""Tracking work for the `tracking` queue: thin, each takes ids (or nothing) and calls one service."""

from celery import shared_task
from django.db import OperationalError

from logistics.tracking.applying import tracking_batch_apply
from logistics.tracking.selectors import tracking_batches_pending
from logistics.tracking.stale import tracking_stale_flag

# Lock timeouts and dropped connections are worth retrying; a bug in the data is not.
TRANSIENT = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="tracking.batch_apply", queue="tracking", acks_late=True, **TRANSIENT)
def batch_apply(*, batch_id: int) -> int:
    """Apply a stored batch of events (queued through the outbox); a rerun applies nothing twice."""
    return tracking_batch_apply(batch_id=batch_id)


@shared_task(name="tracking.batches_resume", queue="tracking", acks_late=True, **TRANSIENT)
def batches_resume() -> int:
    """Beat: queue again the batches still pending long after they were stored (a lost message); applying
    is idempotent, so a batch queued twice is applied once."""
    batch_ids = tracking_batches_pending()
    for batch_id in batch_ids:
        batch_apply.delay(batch_id=batch_id)
    return len(batch_ids)


@shared_task(name="tracking.poll", queue="tracking", acks_late=True, **TRANSIENT)
def poll() -> int:
    """Beat: queue one poll per partner that has a tracking URL; returns how many."""
    from logistics.tracking.polling import tracking_partners_to_poll  # polling -> ingest -> this module

    partner_ids = tracking_partners_to_poll()
    for partner_id in partner_ids:
        partner_poll.delay(partner_id=partner_id)
    return len(partner_ids)


@shared_task(name="tracking.partner_poll", queue="tracking", acks_late=True, **TRANSIENT)
def partner_poll(*, partner_id: int) -> dict:
    """Poll a batch of one partner's active shipments within its request rate; idempotent (event ids)."""
    from logistics.tracking.polling import tracking_partner_poll  # polling -> ingest -> this module

    return tracking_partner_poll(partner_id=partner_id).as_dict()


@shared_task(name="tracking.stale_flag", queue="tracking", acks_late=True, **TRANSIENT)
def stale_flag() -> dict:
    """Beat: flag shipments with no event for TRACKING_STALE_AFTER_DAYS, unflag those that moved since."""
    return tracking_stale_flag()
