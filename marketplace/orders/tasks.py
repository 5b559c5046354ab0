"""Celery tasks of the orders domain: thin, each takes ids and calls one service."""

from celery import shared_task

from ewtp.mail import MAIL_TASK_OPTIONS
from marketplace.orders.notifications import order_email_deliver
from marketplace.orders.stock import reservations_release_expired


@shared_task(name="orders.email_deliver", **MAIL_TASK_OPTIONS)
def email_deliver(order_id: int, kind: str, key: str = "") -> bool:
    """Send one e-mail about an order; False when it had already been sent."""
    return order_email_deliver(order_id=order_id, kind=kind, key=key)


@shared_task(name="orders.reservations_release", queue="default", acks_late=True)
def reservations_release() -> int:
    """Release stock reservations past their expiry (beat, every minute); a rerun finds nothing to do."""
    return reservations_release_expired()
