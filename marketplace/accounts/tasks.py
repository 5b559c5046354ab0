"""Celery tasks of the accounts domain."""

import smtplib

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    name="accounts.email_deliver",
    queue="default",
    acks_late=True,
    # A mail server that is down or refuses for a while is worth retrying; anything else is a bug.
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def email_deliver(*, subject: str, body: str, to: list[str]) -> None:
    """Send one rendered account e-mail (a password-reset link), after the request that asked returned."""
    send_mail(subject, body, None, to, fail_silently=False)
