"""Telling operators: an alert is written once (by its key) in the caller's transaction and e-mailed
through the outbox to ADMINS and the active staff: a broker outage delays it, a rerun never repeats it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ewtp.outbox.services import outbox_enqueue
from logistics.dispatch.alerts_models import OperatorAlert

log = logging.getLogger(__name__)


def operator_alert_raise(*, kind: str, key: str, subject: str, body: str) -> OperatorAlert:
    """Record the alert (once per `key`) and queue its e-mail in the current transaction."""
    alert, created = OperatorAlert.objects.get_or_create(
        key=key, defaults={"kind": kind, "subject": subject[:200], "body": body}
    )
    if created:
        from logistics.dispatch.tasks import operator_alert_send

        outbox_enqueue(operator_alert_send, alert_id=alert.pk)
        log.warning("dispatch.operator_alert", extra={"kind": kind, "key": key})
    return alert


def operator_recipients() -> list[str]:
    """ADMINS, then every active staff user with an e-mail address, each once."""
    addresses = [address for _, address in settings.ADMINS]
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    addresses += list(staff.values_list("email", flat=True))
    return list(dict.fromkeys(addresses))


@transaction.atomic
def operator_alert_send(*, alert_id: int) -> bool:
    """E-mail the alert unless it was sent already; False when it had been (or nobody is there to tell)."""
    alert = OperatorAlert.objects.select_for_update().get(pk=alert_id)
    if alert.sent_at is not None:
        return False
    recipients = operator_recipients()
    if not recipients:
        log.error("dispatch.operator_alert_unsent", extra={"alert": alert.pk, "reason": "no operators"})
        return False
    send_mail(f"[EWTP] {alert.subject}", alert.body, None, recipients, fail_silently=False)
    alert.sent_at = timezone.now()
    alert.save(update_fields=["sent_at"])
    return True
