"""Celery tasks of the accounts domain."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ewtp.mail import MAIL_TASK_OPTIONS

RESET_SUBJECT_TEMPLATE = "accounts/password_reset_subject.txt"
RESET_BODY_TEMPLATE = "accounts/password_reset_email.txt"


@shared_task(name="accounts.password_reset_email_deliver", **MAIL_TASK_OPTIONS)
def password_reset_email_deliver(*, user_id: int, language: str) -> bool:
    """E-mail a password-reset link to an active user; False when there is no such user any more.

    The message carries only the user's id: the token is made here, so it never sits in the broker or in
    the worker's log of task arguments. A token made on a retry is as valid as the first.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_url": settings.SITE_URL,
    }
    with translation.override(language):
        subject = "".join(render_to_string(RESET_SUBJECT_TEMPLATE, context).splitlines())
        body = render_to_string(RESET_BODY_TEMPLATE, context)
    send_mail(subject, body, None, [user.email], fail_silently=False)
    return True
