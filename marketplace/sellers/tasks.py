"""Celery tasks of the seller domain: thin, each calls one service."""

from celery import shared_task

from ewtp.mail import MAIL_TASK_OPTIONS
from marketplace.sellers.notifications import seller_status_email_deliver


# A mail server that is down or refuses for a while is worth retrying; a template error is not.
@shared_task(name="sellers.status_email_deliver", **MAIL_TASK_OPTIONS)
def status_email_deliver(event_id: int) -> bool:
    """Send the e-mail for one status change; False when it had already been sent."""
    return seller_status_email_deliver(event_id=event_id)
