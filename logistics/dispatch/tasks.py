"""Dispatch work: assigning shipments (default queue), partners' webhooks (webhooks queue), expiring offers
and e-mailing operators. Thin: each calls one service, takes ids, and is safe to run twice."""

from celery import shared_task
from django.db import OperationalError

from ewtp.mail import MAIL_TASK_OPTIONS
from logistics.dispatch.alerts import operator_alert_send as _operator_alert_send
from logistics.dispatch.assignment import dispatch_offer_expire, offers_expired_ids, shipment_dispatch
from logistics.dispatch.webhooks import webhook_delivery_attempt

_DB_TRANSIENT = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="dispatch.shipment_assign", queue="default", acks_late=True, **_DB_TRANSIENT)
def shipment_assign(*, shipment_id: int) -> int | None:
    """Offer the shipment to its best partner not yet tried; returns the offer's id (None: no partner)."""
    offer = shipment_dispatch(shipment_id=shipment_id)
    return offer.pk if offer else None


@shared_task(bind=True, name="dispatch.webhook_deliver", queue="webhooks", acks_late=True, max_retries=None)
def webhook_deliver(self, *, delivery_id: int) -> str:
    """One attempt at the webhook; a transient failure schedules the next after the backoff."""
    outcome = webhook_delivery_attempt(delivery_id=delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(name="dispatch.offers_expire", queue="default", ignore_result=True)
def offers_expire() -> int:
    """Beat: offers unanswered past DISPATCH_OFFER_TIMEOUT_MINUTES go to the next partner."""
    return sum(dispatch_offer_expire(offer_id=offer_id) for offer_id in offers_expired_ids())


@shared_task(name="dispatch.operator_alert_send", **MAIL_TASK_OPTIONS)
def operator_alert_send(*, alert_id: int) -> bool:
    return _operator_alert_send(alert_id=alert_id)
