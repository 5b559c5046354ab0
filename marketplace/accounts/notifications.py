"""E-mails to account holders: the password-reset link, made and sent by a worker (accounts.tasks)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

RESET_SUBJECT_TEMPLATE = "accounts/password_reset_subject.txt"
RESET_BODY_TEMPLATE = "accounts/password_reset_email.txt"


def password_reset_email_send(*, user_id: int, language: str) -> bool:
    """E-mail a password-reset link to an active user; False when there is no such user any more.

    Only the user's id travels through the broker: the token is made here, so it never sits in the broker
    or in the worker's log of task arguments. A token made on a retry is as valid as the first.
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
