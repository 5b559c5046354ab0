"""Celery tasks of the accounts domain: thin, each calls one service."""

from celery import shared_task

from ewtp.mail import MAIL_TASK_OPTIONS
from marketplace.accounts.notifications import password_reset_email_send


@shared_task(name="accounts.password_reset_email_deliver", **MAIL_TASK_OPTIONS)
def password_reset_email_deliver(*, user_id: int, language: str) -> bool:
    """E-mail a password-reset link to an active user; False when there is no such user any more."""
    return password_reset_email_send(user_id=user_id, language=language)
